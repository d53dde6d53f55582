"""The benchmark corpus as written: byte-identical for a seed, readable, with the pages,
tables, footers and repeated disclaimers the plan promises."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import openpyxl
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from bench.corpus import DISCLAIMER, FOOTER, generate, plan


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", 6)
    generate(tmp_path / "b", 6)
    generate(tmp_path / "c", 6, seed=1)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert _digests(tmp_path / "a") != _digests(tmp_path / "c")


def test_ten_documents_are_every_format_with_their_structure(tmp_path: Path) -> None:
    paths = generate(tmp_path, 10)
    assert Counter(p.suffix for p in paths) == {".pdf": 6, ".docx": 2, ".pptx": 1, ".xlsx": 1}
    for report, path in zip(plan(10), paths, strict=True):
        if report.fmt == "pdf":
            pages = PdfReader(path).pages
            assert report.pages <= len(pages) <= report.pages + 1
        elif report.fmt == "docx":
            document = Document(str(path))
            assert document.tables
            assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
        elif report.fmt == "pptx":
            assert len(Presentation(str(path)).slides) >= report.pages
        else:
            sheets = openpyxl.load_workbook(path).worksheets
            assert len(sheets) == report.pages
            assert all(s.max_row > 10 and s["A1"].value for s in sheets)


def test_a_brokers_footer_is_on_every_page_and_its_disclaimer_in_every_report(
    tmp_path: Path,
) -> None:
    reports = plan(40)
    paths = generate(tmp_path, 40)
    english = [
        (r, p) for r, p in zip(reports, paths, strict=True) if r.lang == "en" and r.fmt == "pdf"
    ]
    brokers = Counter(r.broker for r, _p in english if r.broker)
    broker, count = brokers.most_common(1)[0]
    assert count >= 2  # the same boilerplate in several reports
    footer = FOOTER["en"].format(broker=broker)
    start = DISCLAIMER["en"].format(broker=broker)[:60]
    for report, path in english:
        if report.broker != broker:
            continue
        texts = [page.extract_text() for page in PdfReader(path).pages]
        assert all(footer in text for text in texts)
        assert start in texts[-1].replace("\n", " ")


def test_chinese_pdfs_carry_a_text_layer(tmp_path: Path) -> None:
    reports = plan(9)
    paths = generate(tmp_path, 9)
    chinese = [p for r, p in zip(reports, paths, strict=True) if r.fmt == "pdf" and r.lang != "en"]
    assert chinese
    for path in chinese:
        assert "股份有限公司" in PdfReader(path).pages[0].extract_text()
