"""The benchmark corpus's plan: the mix of formats, languages, sizes and brokers."""

from __future__ import annotations

from collections import Counter

from bench.corpus import plan


def test_a_hundred_documents_are_pdf_heavy_and_a_third_chinese() -> None:
    reports = plan(100)
    formats = Counter(r.fmt for r in reports)
    assert formats == {"pdf": 60, "docx": 15, "pptx": 15, "xlsx": 10}
    languages = Counter(r.lang for r in reports)
    assert languages["hans"] + languages["hant"] == 33
    assert languages["hant"] == 11


def test_ten_documents_hold_every_format_and_script() -> None:
    reports = plan(10)
    assert {r.fmt for r in reports} == {"pdf", "docx", "pptx", "xlsx"}
    assert {r.lang for r in reports} == {"en", "hans", "hant"}


def test_sizes_are_two_to_fourteen_pages_and_most_reports_carry_a_broker() -> None:
    reports = plan(1000)
    assert {r.pages for r in reports if r.fmt != "xlsx"} == set(range(2, 15))
    assert {r.pages for r in reports if r.fmt == "xlsx"} == set(range(2, 6))
    with_broker = sum(r.broker is not None for r in reports)
    assert 700 <= with_broker <= 800


def test_the_plan_is_fixed_by_the_seed() -> None:
    assert plan(50, seed=3) == plan(50, seed=3)
    assert plan(50, seed=3) != plan(50, seed=4)
    assert [r.stem for r in plan(3)] == ["r0001_en", "r0002_hans", "r0003_en"]
