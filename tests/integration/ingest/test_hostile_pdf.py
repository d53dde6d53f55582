"""Hostile PDFs (odd_pdfs.py, written at test time) in one batch through the real parse
workers: a page tree 100,000 levels deep, a page tree listing millions of pages in a few
kilobytes, and 100,001 real pages are refused with their reason in seconds; an object of
arrays nested 100,000 deep and a /Count claiming millions over one real page are read as the
one page they are; the good report beside them is indexed."""

from __future__ import annotations

import time
from pathlib import Path

import odd_pdfs
import pytest

from ingest.parsers.pdf import MAX_PAGES
from ingest.workers import parse_files

GOOD = Path(__file__).parents[2] / "data" / "good" / "report_en.pdf"
DEPTH = 100_000
LIMIT = "refused: past a safety limit of the PDF reader"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str | None, list]]:
    folder = tmp_path_factory.mktemp("pdfs")
    files = [
        odd_pdfs.deep_page_tree(folder / "deep_tree.pdf", DEPTH),
        odd_pdfs.deep_array(folder / "deep_array.pdf", DEPTH),
        odd_pdfs.claimed_pages(folder / "claims_millions.pdf", 5_000_000),
        odd_pdfs.many_pages(folder / "four_million.pdf", 2_000),
        odd_pdfs.distinct_pages(folder / "too_many.pdf", MAX_PAGES + 1),
        GOOD,
    ]
    started = time.monotonic()
    results = {Path(r.path).name: (r.error, r.blocks) for r in parse_files(files, workers=2)}
    assert time.monotonic() - started < 60  # no file comes near the 300 s per-file timeout
    return results


def test_a_page_tree_100000_levels_deep_is_refused(outcomes):
    error, blocks = outcomes["deep_tree.pdf"]
    assert error == f"{LIMIT} (Maximum page tree depth reached: 101 > 100.)"
    assert blocks == []


def test_a_few_kilobytes_listing_four_million_pages_are_refused(outcomes):
    error, _ = outcomes["four_million.pdf"]
    assert error == f"{LIMIT} (Maximum page tree entry limit reached: 100001 > 100000.)"


def test_more_real_pages_than_the_limit_are_refused_before_any_is_read(outcomes):
    error, _ = outcomes["too_many.pdf"]
    assert error == "too large: 100,001 pages, over the 100,000-page limit"


@pytest.mark.parametrize("name", ["deep_array.pdf", "claims_millions.pdf"])
def test_a_deep_object_or_a_lying_page_count_is_read_as_its_one_page(outcomes, name):
    error, blocks = outcomes[name]
    assert error is None
    assert [(b.text, b.location) for b in blocks] == [(odd_pdfs.TEXT, {"page": 1})]


def test_the_good_report_in_the_same_batch_is_indexed(outcomes):
    error, blocks = outcomes["report_en.pdf"]
    assert error is None and {b.location["page"] for b in blocks} == {1, 2, 3, 4}
