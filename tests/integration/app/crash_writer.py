"""What the desktop app writes while it runs, in a loop until killed: settings.json through
Application.apply_settings, and chat history (conversations and exchanges) in the library. Run
as `python crash_writer.py HOME` by the crash test, which SIGKILLs it at a random moment."""

from __future__ import annotations

import dataclasses
import itertools
import sys
from pathlib import Path

from app.application import Application
from retrieval import history


def main(home: Path) -> None:
    app = Application(home)
    library = app.workspace.library
    kb = library.knowledge_base("default")
    for n in itertools.count():
        app.apply_settings(dataclasses.replace(app.settings, top_k=1 + n % 50))
        conversation = history.create_conversation(library, kb, f"conversation {n}")
        for m in range(3):
            history.add_exchange(
                library,
                kb,
                f"question {n}.{m}",
                "answer " * 200,
                "thinking " * 400,
                {"citations": [], "n": n},
                conversation.id,
            )
        history.rename_conversation(library, kb, conversation.id, f"renamed {n}")
        print(n, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
