"""`python -m app.gui.screenshot OUT.png`: the real window, on the sample documents, after a
real question answered by the bundled model, its first cited sentence's check shown on its
card; saved as a PNG (run under Xvfb for real fonts), in English or, with --language zh_CN,
in Chinese."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.answer import Answer
from app.application import Application
from app.gui import i18n
from app.gui.main_window import MainWindow

ROOT = Path(__file__).parents[2]
DOCS = [ROOT / "tests" / "data" / "good", ROOT / "tests" / "retrieval" / "corpus"]
QUESTION = "北辰半导体2025年申请了多少项专利？"  # a Chinese question the check has work on


def main(argv: list[str] | None = None) -> int:
    """Ingest, ask, wait for the answer, save the window."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--language", choices=i18n.LANGUAGES, default="en")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(app, args.language)
    with tempfile.TemporaryDirectory() as home:
        window = MainWindow(Application(Path(home)))
        window.settings.min_thinking_tokens = 24
        window.settings.max_thinking_tokens = 96
        window.resize(1600, 950)
        window.show()
        window.ingest_finished.connect(lambda _: window.ask(args.question))
        window.answer_finished.connect(lambda answer: _save(app, window, args.out, answer))
        QTimer.singleShot(0, lambda: window.start_ingest([str(d) for d in DOCS]))
        code = app.exec()
        window.close()
    return int(code)


def _save(app: QCoreApplication, window: MainWindow, out: Path, answer: Answer | None) -> None:
    if answer is None:
        print("thinkdesk screenshot: the question was not answered", file=sys.stderr)
        app.exit(1)
        return
    window.sources.select(1)
    claims = answer.claims()
    cited = [i for i, claim in enumerate(claims) if claim.cited]
    if cited:  # what a click on its mark shows: the span on the card, the check's words
        window.show_claim(len(window.history) - 1, cited[0])
    print(f"verdict: {answer.verdict}; " + "; ".join(f"{c.status}: {c.text}" for c in claims))

    def grab() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(f"saved {out}")
        app.exit(0)

    QTimer.singleShot(500, grab)  # let the last paint land


if __name__ == "__main__":
    sys.exit(main())
