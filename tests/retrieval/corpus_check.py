"""Read the corpus back with each format's library and verify every answer's location."""

# Each question's answer must occur at its stated location and in no other unit of the corpus
# (a PDF page, a slide or its notes, a sheet row, a Word heading section or table).

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
from corpus_model import cell_text
from docx import Document
from docx.table import Table as DocxTable
from pptx import Presentation

Unit = tuple[str, dict[str, Any], str]  # (file relative to tests/retrieval, location, text)

_SPACE = re.compile(r"\s+")
_HEADING = re.compile(r"^Heading (\d)$")
MAX_CORPUS_BYTES = 3 * 1024 * 1024
FORMATS = ("pdf", "docx", "pptx", "xlsx")


def _cjk(char: str) -> bool:
    return bool(char) and ord(char) >= 0x2E80


def normalize(text: str) -> str:
    """Collapse white space; drop it where a wrapped line joins Chinese text."""
    parts = _SPACE.split(text.strip())
    out = parts[0]
    for part in parts[1:]:
        out += part if _cjk(out[-1:]) or _cjk(part[:1]) else " " + part
    return out


def _word(char: str) -> bool:
    return char.isalnum() and not _cjk(char)


def _bounded(text: str, answer: str, i: int) -> bool:
    j = i + len(answer)
    before, after = text[max(0, i - 2) : i], text[j : j + 2]
    if _word(before[-1:]) and _word(answer[0]):
        return False
    if _word(after[:1]) and _word(answer[-1]):
        return False
    if answer[0].isdigit() and re.fullmatch(r"\d[.,]", before):
        return False
    return not (answer[-1].isdigit() and re.fullmatch(r"[.,]\d", after))


def contains(text: str, answer: str) -> bool:
    """answer occurs in text as a whole token (so 41.7 is not found in 141.7 or 41.75)."""
    text, answer = normalize(text), normalize(answer)
    start = text.find(answer)
    while start >= 0:
        if _bounded(text, answer, start):
            return True
        start = text.find(answer, start + 1)
    return False


# ---------------------------------------------------------------- readers


def _pdf_units(path: Path, name: str) -> Iterator[Unit]:
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            yield name, {"page": index + 1}, textpage.get_text_range()
            textpage.close()
    finally:
        document.close()


def _table_text(table: Any) -> str:
    return "\n".join(" | ".join(cell.text for cell in row.cells) for row in table.rows)


def _docx_units(path: Path, name: str) -> Iterator[Unit]:
    headings: list[str] = []
    sections: dict[str, list[str]] = {}
    tables = 0
    for item in Document(str(path)).iter_inner_content():
        path_text = " > ".join(headings)
        if isinstance(item, DocxTable):
            tables += 1
            yield name, {"heading": path_text, "table": tables}, _table_text(item)
            continue
        match = _HEADING.match(item.style.name if item.style is not None else "")
        if match:
            level = int(match.group(1))
            headings[level - 1 :] = [item.text.strip()]
            continue
        sections.setdefault(path_text, []).append(item.text)
    for heading, texts in sections.items():
        yield name, {"heading": heading}, "\n".join(texts)


def _pptx_units(path: Path, name: str) -> Iterator[Unit]:
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.append(_table_text(shape.table))
        yield name, {"slide": number}, "\n".join(texts)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame.text
            yield name, {"slide": number, "notes": True}, notes


def _xlsx_units(path: Path, name: str) -> Iterator[Unit]:
    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for ws in workbook.worksheets:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [cell_text(v) for v in values if v is not None]
                yield name, {"sheet": ws.title, "row": number}, " | ".join(cells)
    finally:
        workbook.close()


READERS = {".pdf": _pdf_units, ".docx": _docx_units, ".pptx": _pptx_units, ".xlsx": _xlsx_units}


def read_units(root: Path) -> list[Unit]:
    """Every searchable unit of every corpus file, in file order."""
    units: list[Unit] = []
    for path in sorted((root / "corpus").iterdir()):
        units.extend(READERS[path.suffix](path, f"corpus/{path.name}"))
    return units


# ---------------------------------------------------------------- checks


def _question_problems(question: dict[str, Any], units: list[Unit]) -> list[str]:
    answer, qid = question["answer"], question["id"]
    hits = [(file, loc) for file, loc, text in units if contains(text, answer)]
    expected = (question["file"], question["location"])
    problems = []
    if expected not in hits:
        problems.append(f"{qid}: {answer!r} not found at {expected}")
    if [hit for hit in hits if hit != expected]:
        problems.append(f"{qid}: {answer!r} also found at {[h for h in hits if h != expected]}")
    if contains(question["question"], answer):
        problems.append(f"{qid}: the question gives its answer away")
    if not question["file"].endswith("." + question["format"]):
        problems.append(f"{qid}: format {question['format']} does not match {question['file']}")
    return problems


def _count_problems(questions: list[dict[str, Any]]) -> list[str]:
    langs = Counter(q["lang"] for q in questions)
    formats = Counter(q["format"] for q in questions)
    traditional = sum(q["script"] == "traditional" for q in questions)
    problems = []
    if len(questions) < 48 or langs["zh"] < 20 or traditional < 4:
        problems.append(f"too few questions: {len(questions)}, {langs}, traditional {traditional}")
    problems += [f"only {formats[f]} {f} questions" for f in FORMATS if formats[f] < 10]
    if len({q["id"] for q in questions}) != len(questions):
        problems.append("question ids repeat")
    return problems


def _structure_problems(units: list[Unit], root: Path) -> list[str]:
    """Each file has the promised shape: pages, sheets of twenty rows, notes and tables."""
    problems = []
    by_file: dict[str, list[dict[str, Any]]] = {}
    for file, loc, _text in units:
        by_file.setdefault(file, []).append(loc)
    for file, locs in by_file.items():
        rows = Counter(loc["sheet"] for loc in locs if "sheet" in loc)
        ok = {
            ".pdf": len(locs) >= 3,
            ".docx": any("table" in loc for loc in locs)
            and any(">" in loc["heading"] for loc in locs),
            ".pptx": any(loc.get("notes") for loc in locs),
            ".xlsx": bool(rows) and min(rows.values()) >= 21,
        }[Path(file).suffix]
        if not ok:
            problems.append(f"{file}: missing pages, headings, tables, notes or rows")
    size = sum(p.stat().st_size for p in (root / "corpus").iterdir())
    if size >= MAX_CORPUS_BYTES:
        problems.append(f"corpus is {size} bytes")
    return problems


def check(root: Path) -> list[str]:
    """All problems found in root/corpus and root/questions.json (an empty list: all good)."""
    questions = json.loads((root / "questions.json").read_text(encoding="utf-8"))
    units = read_units(root)
    problems = _count_problems(questions) + _structure_problems(units, root)
    for question in questions:
        problems += _question_problems(question, units)
    return problems
