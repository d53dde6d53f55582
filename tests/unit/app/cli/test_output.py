"""Terminal output: JSON on stdout as written (non-ASCII kept), errors and warnings on stderr."""

import json
import os
from pathlib import Path

from app.cli.output import absolute, emit, error, shown, warn


def test_emit_prints_indented_json_keeping_chinese(capsys):
    emit({"answer": "营业收入增长", "n": [1, 2]})
    out = capsys.readouterr().out
    assert out.endswith("}\n") and "营业收入增长" in out
    assert json.loads(out) == {"answer": "营业收入增长", "n": [1, 2]}


def test_errors_and_warnings_are_one_line_on_stderr(capsys):
    error("no such knowledge base: x")
    warn("settings.json: top_k is 0")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "thinkdesk: error: no such knowledge base: x",
        "thinkdesk: warning: settings.json: top_k is 0",
    ]


def test_absolute_resolves_relative_and_home_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert absolute("docs/../a.pdf") == str(tmp_path / "a.pdf")
    assert absolute("~/b.pdf") == str(Path(tmp_path / "b.pdf").resolve())


def test_a_path_is_shown_on_one_line_with_odd_bytes_escaped():
    odd = os.fsdecode(b"/r/caf\xe9 \xff.txt")
    assert shown("/r/年报 2024.txt") == "/r/年报 2024.txt"
    assert shown("/r/two\nlines\t.txt") == r"/r/two\nlines\t.txt"
    assert shown(odd) == r"/r/caf\xe9 \xff.txt"
    assert shown(Path("/r/a\x1b[31mred.pdf")) == r"/r/a\x1b[31mred.pdf"  # no terminal escapes
