"""Rate and time left, shared by the terminal bar and the ingest panel: of files, and of an
ingest batch's pages and chunks."""

import pytest

from app.events import ChunksEmbedded, FileDone, FileStage, IngestStarted, PagesParsed
from app.progress import BatchProgress, Rate, duration


def test_rate_and_time_left_at_the_pace_so_far():
    rate = Rate.of(done=10, total=40, elapsed_s=5.0)
    assert rate == Rate(per_second=2.0, eta_s=15.0)
    assert rate.eta_text() == "15s"


def test_nothing_done_yet_has_no_rate_and_no_eta():
    assert Rate.of(0, 10, 0.0) == Rate(0.0, 0.0)
    assert Rate.of(0, 10, 3.0) == Rate(0.0, 0.0)


def test_all_done_leaves_nothing():
    assert Rate.of(7, 7, 2.0).eta_s == 0.0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (41.6, "42s"), (59.4, "59s"), (60, "1m00s"), (185, "3m05s"), (4020, "1h07m")],
)
def test_durations_read_short(seconds, text):
    assert duration(seconds) == text


@pytest.mark.parametrize(
    ("done", "elapsed_s", "text"),
    [
        (10, 5.0, "2.0 files/s"),
        (1, 1.0, "1.0 files/s"),
        (1, 12.5, "12.5 s/file"),
        (0, 0, "0.0 files/s"),
    ],
)
def test_the_pace_reads_per_second_or_per_file(done, elapsed_s, text):
    assert Rate.of(done, 20, elapsed_s).pace_text() == text


def test_a_batch_measures_its_work_in_pages_and_chunks():
    progress = BatchProgress()
    progress.update(IngestStarted(2, ("/a.pdf", "/b.pdf")))
    progress.update(FileStage("/a.pdf", "parsing"))
    assert progress.fraction() == 0.0 and progress.eta_s() is None
    progress.update(PagesParsed("/a.pdf", 50, 100, elapsed_s=1.0))
    assert 0.0 < progress.fraction() < 0.1
    assert progress.current_pages() == (50, 100) and progress.page_s == pytest.approx(0.02)
    progress.update(PagesParsed("/a.pdf", 100, 100, elapsed_s=2.0))
    progress.update(ChunksEmbedded("/a.pdf", 0, 400, elapsed_s=2.0))
    progress.update(ChunksEmbedded("/a.pdf", 8, 400, elapsed_s=9.0))  # the model loads
    assert progress.chunk_s is None and progress.eta_s() is None
    progress.update(ChunksEmbedded("/a.pdf", 208, 400, elapsed_s=19.0))
    assert progress.chunk_s == pytest.approx(0.05)
    assert progress.current_chunks() == (208, 400)
    # 192 chunks of a.pdf, then b.pdf: 100 pages (as a.pdf) making 4 chunks a page
    assert progress.eta_s() == pytest.approx(192 * 0.05 + 100 * 0.02 + 400 * 0.05)
    assert progress.eta_s(since_s=3.0) == pytest.approx(progress.eta_s() - 3.0)
    middle = progress.fraction()
    progress.update(FileDone("/a.pdf", "indexed", 1, 2, 28.6, chunks=400))
    assert middle < progress.fraction() < 1.0 and progress.current_file() == 2
    progress.update(FileDone("/b.pdf", "failed", 2, 2, 29.0, reason="encrypted"))
    assert progress.fraction() == 1.0 and progress.eta_s() == 0.0
