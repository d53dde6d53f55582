"""The PDF parser on real files: one flowing block per page with text, pages counted from 1,
wrapped lines and hyphenated words re-joined; encrypted, broken and scanned files named."""

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ingest.errors import ParseError
from ingest.parsers.pdf import page_text, parse

CORPORA = Path("/work/shared/corpora")
PDFPLUMBER = CORPORA / "pdfplumber-tests"
FINANCEBENCH = CORPORA / "financebench-dev"
# Filings of each kind (10-K, 8-K, earnings release) that parse in well under a second each.
FILINGS = [
    "AMCOR_2023Q4_EARNINGS",
    "BLOCK_2016_10K",
    "FOOTLOCKER_2022_8K_dated-2022-05-20",
    "JOHNSON_JOHNSON_2022Q4_EARNINGS",
    "MGMRESORTS_2022Q4_EARNINGS",
    "NETFLIX_2015_10K",
]


def needs(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not on this machine")


def test_each_page_with_text_is_one_flowing_block(data_dir):
    blocks = list(parse(data_dir / "good" / "report_en.pdf"))
    assert [b.location for b in blocks] == [{"page": n} for n in (1, 2, 3, 4)]
    assert [b.section for b in blocks] == [("page", n) for n in (1, 2, 3, 4)]
    assert all(b.flow and not b.atomic and b.header is None for b in blocks)
    assert "Gross margin rose to 41.7 percent in fiscal 2025." in blocks[2].text


def test_wrapped_lines_words_and_numbers_come_back_whole(data_dir):
    first, _, _, last = parse(data_dir / "good" / "report_en.pdf")
    assert "the executive management team expanded to twelve members" in first.text
    assert "an order backlog of 1,234,567 units at year end" in last.text


@pytest.mark.parametrize(
    ("name", "page", "phrase"),
    [
        ("report_zh.pdf", 1, "公司在华东地区的市场份额持续提升，达到百分之三十二。"),
        ("report_zh.pdf", 2, "宁德新能源二零二五年净利润增长百分之十五。"),
        ("report_zh_tw.pdf", 1, "台積電的營業收入成長百分之二十。"),  # not folded to Simplified
    ],
)
def test_chinese_lines_join_without_spaces(data_dir, name, page, phrase):
    blocks = {b.location["page"]: b.text for b in parse(data_dir / "good" / name)}
    assert phrase in blocks[page]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("the executive manage\ufffement team", "the executive management team"),
        ("an FAA\ufffeapproved part", "an FAA-approved part"),
        (
            "Revenue grew\r\nin Asia.\r\n\r\nNext paragraph.",
            "Revenue grew in Asia.\n\nNext paragraph.",
        ),
        ("backlog of 1,234,\n567 units", "backlog of 1,234,567 units"),
        ("tab\x02le\x00 text", "table text"),
    ],
)
def test_page_text_rejoins_what_extraction_broke(raw, text):
    assert page_text(raw) == text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted.pdf", r"^encrypted: needs a password$"),
        ("scanned.pdf", r"^no text layer — scanned\? \(2 pages without text\)$"),
        ("truncated.pdf", r"^corrupt or truncated PDF"),
        ("empty.pdf", r"^corrupt or truncated PDF"),
    ],
)
def test_a_pdf_that_cannot_be_read_fails_with_its_reason(data_dir, name, reason):
    with pytest.raises(ParseError, match=reason):
        list(parse(data_dir / "bad" / name))


def test_a_password_protected_real_pdf_is_named_encrypted():
    needs(PDFPLUMBER)
    with pytest.raises(ParseError, match="^encrypted"):
        list(parse(PDFPLUMBER / "password-example.pdf"))


def test_every_real_world_pdf_gives_its_pages_in_order_or_a_reason():
    needs(PDFPLUMBER)
    for path in sorted(PDFPLUMBER.glob("*.pdf")):
        try:
            blocks = list(parse(path))
        except ParseError as err:
            assert str(err), path.name
            continue
        document = pdfium.PdfDocument(str(path))
        pages = len(document)
        document.close()
        numbers = [b.location["page"] for b in blocks]
        assert numbers == sorted(numbers), path.name  # a page's prose and tables, in order
        assert blocks and numbers[0] >= 1 and numbers[-1] <= pages, path.name
        assert all(b.text.strip() for b in blocks), path.name


def _letters_and_digits(text: str) -> str:
    # FinanceBench's evidence text was extracted by another tool: it drops spaces and quotes.
    return re.sub(r"[^0-9a-z]", "", text.lower())


@pytest.mark.parametrize("name", FILINGS)
def test_a_filings_evidence_is_on_the_page_financebench_gives(name):
    needs(FINANCEBENCH)
    records = (FINANCEBENCH / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(record) for record in records]
    evidence = [e for q in questions if q["doc_name"] == name for e in q["evidence"]]
    assert evidence
    pages: dict[int, str] = {}
    sections = set()
    for b in parse(FINANCEBENCH / "pdfs" / f"{name}.pdf"):  # a page's prose and table rows
        text = b.text if b.section in sections else f"{b.header or ''}{b.text}"
        sections.add(b.section)
        pages[b.location["page"]] = pages.get(b.location["page"], "") + _letters_and_digits(text)
    for item in evidence:
        lines = [_letters_and_digits(line) for line in item["evidence_text"].split("\n")]
        lines = [line for line in lines if len(line) >= 20]
        share = {n: sum(line in text for line in lines) / len(lines) for n, text in pages.items()}
        page = item["evidence_page_num"] + 1  # FinanceBench counts pages from 0
        assert share[page] >= 0.9, (page, share[page])
        assert share[page] == max(share.values())
