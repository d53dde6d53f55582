"""The naive peer's splitter (LangChain's RecursiveCharacterTextSplitter defaults, written
out) and its coverage arithmetic."""

from __future__ import annotations

from bench.naive_peer import CHUNK_OVERLAP, CHUNK_SIZE, coverage, split_text

WORDS = " ".join(f"w{i:04d}" for i in range(600))  # 3,599 characters, no newline


def _overlap(first: str, second: str) -> int:
    """The longest suffix of first that starts second."""
    return max((n for n in range(1, len(second)) if first.endswith(second[:n])), default=0)


def test_short_text_is_one_stripped_chunk() -> None:
    assert split_text("  Revenue rose 12%.\n") == ["Revenue rose 12%."]


def test_paragraphs_that_do_not_fit_together_are_split_on_the_blank_line() -> None:
    text = "a" * 600 + "\n\n" + "b" * 600
    assert split_text(text) == ["a" * 600, "b" * 600]


def test_paragraphs_that_fit_together_stay_in_one_chunk() -> None:
    text = "a" * 400 + "\n\n" + "b" * 400
    assert split_text(text) == [text]


def test_long_text_is_cut_on_spaces_with_at_most_the_overlap_repeated() -> None:
    chunks = split_text(WORDS)
    assert len(chunks) == 5
    assert all(len(c) <= CHUNK_SIZE for c in chunks)
    assert all(c in WORDS for c in chunks)
    assert chunks[0].startswith("w0000") and chunks[-1].endswith("w0599")
    for first, second in zip(chunks, chunks[1:], strict=False):
        assert 0 < _overlap(first, second) <= CHUNK_OVERLAP


def test_text_without_separators_is_cut_by_characters() -> None:
    text = "营业收入同比增长" * 300  # 2,400 characters, no space or newline
    chunks = split_text(text)
    assert [len(c) for c in chunks] == [1000, 1000, 800]
    assert chunks[1].startswith(chunks[0][-CHUNK_OVERLAP:])


def test_coverage_counts_the_embedded_prefix_of_each_chunk_once() -> None:
    page = "abc def ghi"
    # two chunks covering "abc def" and "def ghi", of which 3 characters each were embedded
    assert coverage([[page, "abc def", "def ghi"]], [3, 3]) == 6 / 9
    assert coverage([[page, "abc def", "def ghi"]], [7, 7]) == 1.0  # "def" counted once
