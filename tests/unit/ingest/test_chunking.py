"""Chunking: token budget, sentence bounds, sections, page spans, header rows, overlap."""

import re

import pytest

from ingest.blocks import Block
from ingest.chunking import chunk

_WORDS = re.compile(r"[\u4e00-\u9fff]|\w+|[^\w\s]")


def count(text: str) -> int:
    """A deterministic fake of a word-piece counter: one per CJK char, word or mark."""
    return len(_WORDS.findall(text))


def sentences(n: int, word: str = "alpha") -> str:
    return " ".join(f"Sentence {i} has {word} words in it." for i in range(n))


def test_every_chunk_fits_the_budget_and_no_text_is_lost():
    blocks = [Block(sentences(60), {"page": 1}, section=("page", 1), flow=True)]
    chunks = chunk(blocks, count, max_tokens=40)
    assert len(chunks) > 5
    assert all(c.tokens <= 40 for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)  # cut at sentence ends
    for i in range(60):
        assert any(f"Sentence {i} has" in c.text for c in chunks)


def test_overlap_repeats_the_last_sentence():
    blocks = [Block(sentences(20), {"page": 1}, section=("page", 1))]
    chunks = chunk(blocks, count, max_tokens=40, overlap=0.25)
    first_last = chunks[0].text.split(". ")[-1]
    assert chunks[1].text.startswith(first_last.rstrip("."))


def test_chunks_never_cross_sections():
    blocks = [
        Block("Slide one text.", {"slide": 1}, section=("slide", 1)),
        Block("Slide two text.", {"slide": 2}, section=("slide", 2)),
        Block("Notes two.", {"slide": 2, "notes": True}, section=("notes", 2)),
    ]
    chunks = chunk(blocks, count, max_tokens=200)
    assert [c.location for c in chunks] == [
        {"slide": 1},
        {"slide": 2},
        {"slide": 2, "notes": True},
    ]


def test_a_sentence_crossing_a_page_is_finished_and_spans_both_pages():
    blocks = [
        Block("Profit rose. The board approved a dividend of", {"page": 2}, ("page", 2), True),
        Block("0.45 dollars per share. Next topic here.", {"page": 3}, ("page", 3), True),
    ]
    chunks = chunk(blocks, count, max_tokens=200)
    assert chunks[0].text == "Profit rose. The board approved a dividend of 0.45 dollars per share."
    assert chunks[0].location == {"page_start": 2, "page_end": 3}
    assert chunks[1].text == "Next topic here."
    assert chunks[1].location == {"page": 3}


def test_chinese_sentence_crossing_a_page_joins_without_space():
    blocks = [
        Block("利润增长。董事会批准", {"page": 1}, ("page", 1), True),
        Block("每股派息。下一段。", {"page": 2}, ("page", 2), True),
    ]
    chunks = chunk(blocks, count, max_tokens=200)
    assert chunks[0].text == "利润增长。董事会批准每股派息。"


def test_pages_that_end_sentences_stay_apart():
    blocks = [
        Block("Page one ends.", {"page": 1}, ("page", 1), True),
        Block("Page two starts.", {"page": 2}, ("page", 2), True),
    ]
    assert [c.location for c in chunk(blocks, count, 200)] == [{"page": 1}, {"page": 2}]


def test_rows_repeat_the_header_and_carry_their_cell_range():
    rows = [
        Block(
            f"R{r:03d} | {r} | {r * 2}",
            {"sheet": "S", "cells": f"A{r}:C{r}"},
            ("sheet", "S"),
            header="Region | Q1 | Q2",
            atomic=True,
        )
        for r in range(2, 42)
    ]
    chunks = chunk(rows, count, max_tokens=50)
    assert len(chunks) > 2
    for c in chunks:
        assert c.text.startswith("Region | Q1 | Q2\n")
        assert c.tokens <= 50
        first, last = (
            re.findall(r"^R(\d+)", c.text, re.M)[0],
            re.findall(r"^R(\d+)", c.text, re.M)[-1],
        )
        assert c.location["cells"] == f"A{int(first)}:C{int(last)}"
    covered = [line for c in chunks for line in c.text.splitlines()[1:]]
    assert len(covered) == 40  # rows are not repeated as overlap


def test_a_small_table_drops_its_row_span_and_a_large_one_keeps_it():
    def table(n):
        return [
            Block(
                f"row {r} value",
                {"paragraph": 4, "table": 1, "row": r},
                ("table", 1),
                header="name value",
                atomic=True,
            )
            for r in range(2, n + 2)
        ]

    assert chunk(table(3), count, 200)[0].location == {"paragraph": 4, "table": 1}
    large = chunk(table(40), count, 30)
    assert large[0].location["row"] == 2 and large[1].location["row"] > 2


def test_an_oversized_sentence_is_cut_to_fit():
    blocks = [Block("word " * 500, {"page": 1}, ("page", 1))]
    chunks = chunk(blocks, count, max_tokens=64)
    assert all(c.tokens <= 64 for c in chunks)
    assert sum(c.text.count("word") for c in chunks) == 500


def test_an_unbroken_token_run_is_cut_by_characters():
    blocks = [Block("x" * 5000, {"page": 1}, ("page", 1))]

    def per_char(text):
        return len(text)

    chunks = chunk(blocks, per_char, max_tokens=100)
    assert all(c.tokens <= 100 for c in chunks)
    assert sum(len(c.text) for c in chunks) == 5000


def test_the_real_counter_has_the_last_word():
    # A counter that is not additive (joins cost extra) must still never be exceeded.
    def joined_costs_more(text):
        return count(text) + text.count(" ")

    blocks = [Block(sentences(30), {"page": 1}, ("page", 1))]
    chunks = chunk(blocks, joined_costs_more, max_tokens=50)
    assert all(joined_costs_more(c.text) <= 50 for c in chunks)


def test_tiny_budget_is_refused():
    with pytest.raises(ValueError):
        chunk([], count, max_tokens=2)


@pytest.mark.parametrize(
    ("end", "start"),
    [
        ("Annual report 2025", "Contents and overview."),
        ("Revenue by region 12", "Next part."),
        ("Q3 | 120 | 45", "The outlook improved."),
    ],
)
def test_a_page_ending_in_a_heading_number_or_row_does_not_run_over(end, start):
    blocks = [
        Block(end, {"page": 1}, ("page", 1), True),
        Block(start, {"page": 2}, ("page", 2), True),
    ]
    assert [c.location for c in chunk(blocks, count, 200)] == [{"page": 1}, {"page": 2}]
