"""A 200,000-row workbook and a 10,000-slide deck (written at test time: big_files.py) through
the real parse workers with the real tokenizer: every row and every slide comes through, the
good file beside them too, and the worker's peak resident memory stays bounded (printed: run
with -s to see it). Past Limits.max_memory_bytes a worker is stopped and its file failed with
that reason, while the batch goes on."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from big_files import make_template_deck, slide_text, write_big_deck, write_big_sheet

from ingest.batch import FileOutcome, parse_and_chunk, plan
from ingest.limits import Limits
from ingest.tokens import TokenizerFile
from models.discovery import bundled_embedding_path

pytestmark = pytest.mark.slow  # a 200,000-row sheet takes its seconds to parse and to chunk

GOOD = Path(__file__).parents[2] / "data" / "good" / "report.docx"
ROWS, SLIDES = 200_000, 10_000
PEAK_LIMIT_MB = 600  # measured about 210 MB for either file on a 2-core EPYC


@pytest.fixture(scope="module")
def big_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_big_sheet(tmp_path_factory.mktemp("sheet") / "big.xlsx", ROWS)


@pytest.fixture(scope="module")
def big_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deck")
    return write_big_deck(make_template_deck(folder / "one.pptx"), folder / "big.pptx", SLIDES)


@contextmanager
def worker_peak() -> Iterator[list[int]]:
    """The largest resident size any child process had while the block ran, in bytes."""
    peak, done, me = [0], threading.Event(), psutil.Process()

    def sample() -> None:
        while not done.is_set():
            for child in me.children(recursive=True):
                with suppress(psutil.NoSuchProcess):
                    peak[0] = max(peak[0], child.memory_info().rss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()


def ingest(paths: list[Path], limits: Limits | None = None) -> tuple[dict[str, FileOutcome], int]:
    """Each file's outcome by name, parsed and chunked in one worker, and its peak RSS."""
    tokenizer = TokenizerFile(str(bundled_embedding_path() / "tokenizer.json"))
    batch = plan(paths)
    with worker_peak() as peak:
        outcomes = list(parse_and_chunk(batch.files, tokenizer, 254, limits, workers=1))
    return {o.path.name: o for o in outcomes}, peak[0]


def test_every_row_of_a_200000_row_sheet_is_indexed_in_bounded_memory(big_sheet):
    outcomes, peak = ingest([big_sheet, GOOD])
    print(f"\n{ROWS:,}-row sheet: worker peak RSS {peak / 2**20:.0f} MB")
    sheet = outcomes["big.xlsx"]
    assert sheet.error is None and outcomes["report.docx"].error is None
    codes = [c for chunk in sheet.chunks for c in re.findall(r"^R(\d{6}) \|", chunk.text, re.M)]
    assert sorted(int(c) for c in codes) == list(range(1, ROWS + 1))  # each row once, none lost
    assert all(c.text.startswith("Code | Amount | Region\n") for c in sheet.chunks)
    assert sheet.chunks[-1].location["cells"].endswith(f"C{ROWS + 1}")
    assert peak < PEAK_LIMIT_MB * 2**20


def test_every_slide_of_a_10000_slide_deck_is_indexed_in_bounded_memory(big_deck):
    outcomes, peak = ingest([big_deck, GOOD])
    print(f"\n{SLIDES:,}-slide deck: worker peak RSS {peak / 2**20:.0f} MB")
    deck = outcomes["big.pptx"]
    assert deck.error is None and outcomes["report.docx"].error is None
    assert [c.location for c in deck.chunks] == [{"slide": n} for n in range(1, SLIDES + 1)]
    assert [c.text for c in deck.chunks] == [slide_text(n) for n in range(1, SLIDES + 1)]
    assert peak < PEAK_LIMIT_MB * 2**20


def test_a_worker_past_the_memory_limit_is_stopped_and_the_batch_goes_on(big_deck):
    limits = replace(Limits(), max_memory_bytes=150 * 2**20)  # the deck needs about 210 MB
    outcomes, _ = ingest([big_deck, GOOD], limits)
    assert outcomes["big.pptx"].error == "too large to parse: over the 150 MB memory limit"
    assert outcomes["big.pptx"].chunks == []
    assert outcomes["report.docx"].error is None and outcomes["report.docx"].chunks
