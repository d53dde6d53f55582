"""The core's fixed words and English messages, worded by the GUI (issue 13.11): every claim
status, verdict, answer ending and file reason the core can write has a translation, and
the GUI's locations cover the same places as the CLI's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from shown_texts import english

from app import claims
from app.formatting import format_location as cli_location
from app.gui import i18n, vocabulary
from app.gui.locations import format_location

ROOT = Path(__file__).parents[2]


@pytest.fixture
def chinese(qapp):
    translators = i18n.install(qapp, "zh_CN")
    yield
    i18n.remove(qapp, translators)


def _constants(module: object) -> set[str]:
    return {
        value
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str) and value.islower() and value.isalpha()
    }


def test_every_claim_status_and_verdict_has_words(chinese):
    statuses = _constants(claims)
    assert statuses >= {"supported", "partial", "unsupported", "uncited"}
    assert set(vocabulary.STATUSES) == statuses
    assert set(vocabulary.VERDICTS) == statuses | {"empty"}
    for status in statuses:
        assert not english(vocabulary.status(status)), status
        assert not english(vocabulary.verdict(status)), status
    assert vocabulary.verdict("empty") == "没有回答"


def test_every_way_an_answer_can_stop_short_has_words(chinese):
    assigned = set()
    for source in (ROOT / "models").glob("*.py"):
        assigned |= set(re.findall(r'stop_reason = "(\w+)"', source.read_text(encoding="utf-8")))
    assert assigned >= {"stopped", "max_answer_tokens"}
    assert assigned <= set(vocabulary.ENDINGS)
    assert vocabulary.ending("end") is None
    for reason in assigned:
        assert not english(vocabulary.ending(reason) or ""), reason


def _reasons_written() -> list[str]:
    """Each reason ingest/ and app/indexing.py write for a skipped or failed file, as a sample
    (an f-string's parts filled with 7, a singular/plural word with 'pages')."""
    found = []
    files = [*sorted((ROOT / "ingest").rglob("*.py")), ROOT / "app" / "indexing.py"]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for text in _reason_nodes(node):
                found.append(_sample(text))
    return [text for text in found if text is not None]


def _reason_nodes(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Call):
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name == "ParseError" and node.args:
            return [node.args[0]]
        if name == "append" and getattr(node.func.value, "attr", "") == "skipped":  # type: ignore[attr-defined]
            pair = node.args[0] if node.args else None
            return [pair.elts[1]] if isinstance(pair, ast.Tuple) else []
    if isinstance(node, ast.Assign) and any(
        getattr(target, "attr", "") == "error" for target in node.targets
    ):
        return [node.value]
    if isinstance(node, ast.FunctionDef) and node.name == "skip_reason":
        return [n.value for n in ast.walk(node) if isinstance(n, ast.Return) and n.value]
    if isinstance(node, ast.keyword) and node.arg == "error":
        return [node.value]
    return []


def _sample(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                expression = ast.unparse(value.value)  # type: ignore[attr-defined]
                parts.append("pages" if expression.endswith("_word") else "7")
        return "".join(parts)
    return None  # a name passed on (a reason made elsewhere)


def test_every_reason_a_file_is_refused_for_has_words(chinese):
    written = _reasons_written()
    assert "encrypted: needs a password" in written and len(written) > 20
    problems = [
        f"{text!r} -> {vocabulary.reason(text)!r}"
        for text in written
        if english(vocabulary.reason(text))
    ]
    assert problems == [], "reasons without words in app/gui/vocabulary.py"
    assert vocabulary.reason("too large: 120.5 MB is over the 100 MB limit") == (
        "文件过大：120.5 MB 超过了 100 MB 的上限"
    )


def test_reasons_errors_and_the_default_name_stay_english_in_english(qapp):
    text = "too large: 120.5 MB is over the 100 MB limit"
    assert vocabulary.reason(text) == text
    assert vocabulary.reason("something new happened") == "something new happened"
    assert vocabulary.error("no knowledge base named 'x'") == "no knowledge base named 'x'"
    assert vocabulary.kb_name("default") == "default"


def test_known_errors_are_worded_and_others_kept_for_the_frame(chinese):
    assert vocabulary.error("no knowledge base named 'reports'") == "没有名为 'reports' 的知识库"
    assert vocabulary.error("knowledge base 'default' is empty: run `thinkdesk ingest` first") == (
        "知识库 'default' 是空的：请先添加文档"
    )
    assert vocabulary.error("a disk went away") == "a disk went away"
    assert vocabulary.missing("48.0% is not in [2]") == "48.0% 不在 [2] 中"
    assert vocabulary.kb_name("default") == "默认" and vocabulary.kb_name("reports") == "reports"


PLACES = [
    {"page": 3},
    {"page_start": 2, "page_end": 3},
    {"slide": 2},
    {"slide": 2, "notes": True},
    {"sheet": "利润表", "cells": "A2:D14"},
    {"sheet": "利润表"},
    {"line_start": 4, "line_end": 4},
    {"line_start": 4, "line_end": 9},
    {"heading": "毛利", "paragraph": 5},
    {"heading": "毛利", "paragraph": 5, "table": 1},
    {"table": 2, "row": 3, "row_end": 8},
    {"table": 2, "row": 3},
    {},
]


@pytest.mark.parametrize("location", PLACES, ids=lambda place: ",".join(place) or "none")
def test_the_gui_words_every_place_the_cli_words(qapp, location):
    translators = i18n.install(qapp, "en")
    assert format_location(location) == cli_location(location)  # English: the same words
    i18n.remove(qapp, translators)
    translators = i18n.install(qapp, "zh_CN")
    try:
        worded = format_location(location)
        assert not english(worded), worded
    finally:
        i18n.remove(qapp, translators)


def test_chinese_places_read_naturally(chinese):
    assert format_location({"page": 3}) == "第 3 页"
    assert format_location({"slide": 2, "notes": True}) == "第 2 张幻灯片（备注）"
    assert format_location({}) == "整个文档"
