"""`thinkdesk ask` with the real library, embedding model and bundled GGUF."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from app.cli import main

GOOD = Path(__file__).parents[2] / "data" / "good"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = str(tmp_path_factory.mktemp("ask") / "home")
    assert run("--home", home, "ingest", str(GOOD), "--quiet")[0] == 0
    return home


def test_ask_json_with_a_forced_and_capped_trace(home):
    code, out, _ = run(
        "--home",
        home,
        "ask",
        "What gross margin did Acme report for 2025?",
        "--min-thinking-tokens",
        "8",
        "--max-thinking-tokens",
        "32",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {
        "question",
        "answer",
        "reasoning",
        "citations",
        "passages",
        "unsupported",
        "model",
        "timings",
    }
    assert data["reasoning"].strip() and data["answer"].strip()
    assert data["timings"]["reasoning_tokens"] <= 35
    assert data["passages"][0]["file"] == str(GOOD / "report_en.pdf")
    for citation in data["citations"]:
        passage = data["passages"][citation["n"] - 1]
        assert {k: citation[k] for k in ("file", "location", "text")} == {
            k: passage[k] for k in ("file", "location", "text")
        }
    assert data["unsupported"] == (
        not data["citations"] or not any(f"[{c['n']}" in data["answer"] for c in data["citations"])
    )


def test_ask_streams_reasoning_answer_and_sources(home):
    code, out, err = run(
        "--home",
        home,
        "ask",
        "Where is the new plant?",
        "-k",
        "2",
        "--min-thinking-tokens",
        "4",
        "--max-thinking-tokens",
        "16",
    )
    assert code == 0
    assert out.index("Reasoning:") < out.index("Answer:") < out.index("Sources:")
    assert "[1] " in out.split("Sources:")[1]
    after = out.split("Sources:")[1]
    assert "(the answer cites no source" in after or "\nCheck: " in after
    assert "reading sources" in err and "\r" not in err  # stderr is not a terminal


def test_a_thinking_cap_alone_opens_and_bounds_the_trace(home):
    code, out, _ = run(
        "--home",
        home,
        "ask",
        "Where is the Jakarta plant?",
        "--max-thinking-tokens",
        "32",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["reasoning"] and data["answer"]
    assert 1 <= data["timings"]["reasoning_tokens"] <= 35


def test_ask_errors_are_one_clear_line_and_a_weak_match_is_said(home, tmp_path):
    code, _, err = run("--home", str(tmp_path / "empty"), "ask", "anything")
    assert code == 1 and err.startswith("thinkdesk: error:") and err.count("\n") == 1
    code, _, err = run("--home", home, "ask", "x", "--model", str(tmp_path / "none.gguf"))
    assert code == 1 and "model file not found" in err
    # nothing matches: the answer reads the nearest passages, and the sources say they are weak
    code, out, _ = run("--home", home, "ask", "zxqv wqpt", "--max-thinking-tokens", "8")
    assert code == 0 and "(weak match)" in out.split("Sources:")[1]
    code, _, err = run(
        "--home", home, "ask", "x", "--min-thinking-tokens", "9", "--max-thinking-tokens", "3"
    )
    assert code == 2 and "above" in err
