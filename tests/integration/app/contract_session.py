"""The CLI contract's commands run in order on a fresh library, their exit codes and output
with machine-specific parts (paths, seconds, timings) replaced by placeholders.

`python tests/integration/app/contract_session.py OUT.json` records a session; the
checked-in golden/contract.json was recorded before app/ was split into its rooms, and
test_contract.py holds today's output to it byte for byte."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

DATA = Path(__file__).parents[2] / "data"
QUESTION = "What gross margin did Acme report for fiscal 2025?"


def commands(docs: Path) -> list[list[str]]:
    """Every contract command, with and without --json, in an order that changes the library."""
    good, bad = str(docs / "good"), str(docs / "bad")
    return [
        ["status", "--json"],
        ["ingest", good, bad, "--json", "--quiet"],
        ["ingest", good, "--json", "--quiet"],
        ["status", "--json"],
        ["status"],
        ["docs", "--json"],
        ["docs"],
        ["search", "gross margin fiscal 2025", "-k", "3", "--json"],
        ["search", "宁德新能源净利润增长", "-k", "2", "--json"],
        ["search", "Jakarta plant opening", "-k", "2"],
        ["search", "R042 4242", "-k", "1", "--json"],
        ["--kb", "nope", "search", "margin", "--json"],
        ["kb", "list", "--json"],
        ["kb", "create", "zh", "--json"],
        ["kb", "rename", "zh", "cn", "--json"],
        ["kb", "create", "cn", "--json"],
        ["kb", "delete", "cn", "--json"],
        ["kb", "list"],
        ["models", "--json"],
        ["models"],
        ["remove", str(docs / "good" / "deck.pptx"), "--json"],
        ["remove", str(docs / "good" / "nothing.pdf"), "--json"],
        ["status", "--json"],
        ["ingest", good, "--json", "--quiet"],
        ["ask", QUESTION, "--min-thinking-tokens", "8", "--max-thinking-tokens", "24", "--json"],
    ]


def normalise(text: str, docs: Path, home: Path) -> str:
    """Placeholders for what differs from one machine or run to the next."""
    from models.discovery import bundled_embedding_path, bundled_llm_path

    for path, name in (
        (bundled_llm_path(), "<LLM>"),
        (bundled_embedding_path(), "<EMBEDDER>"),
        (docs, "<DOCS>"),
        (home, "<HOME>"),
    ):
        text = text.replace(str(path), name)
    text = re.sub(r'"(seconds|\w+_s)": [0-9.e-]+', r'"\1": 0', text)
    text = re.sub(r'"index_bytes": \d+', '"index_bytes": 0', text)
    text = re.sub(r"index \d+(\.\d)? [KM]?B", "index <SIZE>", text)
    return text


def _same_engine() -> Any:
    """Documents embedded by the fp32 graph the queries use, on every machine: the engine a
    CPU is given (int8 here, bfloat16 where it has AMX tiles) moves scores in their fourth
    decimal, and the golden output was recorded on one machine."""
    return mock.patch.dict(os.environ, {"THINKDESK_EMBEDDING_ENGINE": "onnx-fp32"})


def session(root: Path) -> list[dict[str, object]]:
    """Run every command on a copy of tests/data under root; the normalised results."""
    from app.cli import main

    docs, home = root / "docs", root / "home"
    shutil.copytree(DATA / "good", docs / "good")
    shutil.copytree(DATA / "bad", docs / "bad")
    home.mkdir()
    # One parsing process: files finish, and chunk ids are given, in the same order each run.
    (home / "settings.json").write_text(json.dumps({"parse_workers": 1}), "utf-8")
    results = []
    for argv in commands(docs):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _same_engine():
            code = main(["--home", str(home), *argv])
        results.append(
            {
                "argv": normalise(" ".join(argv), docs, home),
                "code": code,
                "stdout": normalise(out.getvalue(), docs, home),
            }
        )
    return results


def main(out: str) -> None:
    """Record a session to out."""
    with tempfile.TemporaryDirectory() as root:
        results = session(Path(root).resolve())
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
