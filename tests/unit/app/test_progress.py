"""Rate and time left, shared by the terminal bar and the ingest panel."""

import pytest

from app.progress import Rate, duration


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
