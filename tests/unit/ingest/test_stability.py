"""Waiting for files still being written, on a fake clock: an old file costs no wait, a fresh
one is watched for QUIET_S, one that keeps changing is waited for up to the bound and named,
and a modification time in the future is no sign of writing."""

from __future__ import annotations

import os
from pathlib import Path

from ingest.stability import QUIET_S, SETTLE_S, unsettled


class Clock:
    """Time that moves only when slept; on_sleep(now) runs after each sleep."""

    def __init__(self, now: float, on_sleep=lambda now: None) -> None:
        self.now, self.on_sleep, self.slept = now, on_sleep, 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds
        self.on_sleep(self.now)


def made(path: Path, at: float) -> Path:
    path.write_text("report")
    os.utime(path, (at, at))
    return path


def test_a_file_older_than_the_settle_time_costs_no_wait(tmp_path):
    clock = Clock(1_000_000.0)
    old = made(tmp_path / "old.txt", clock.now - SETTLE_S - 1)
    assert unsettled([old], clock=clock, sleep=clock.sleep) == set()
    assert clock.slept == 0


def test_a_fresh_file_that_does_not_change_is_watched_for_the_quiet_time(tmp_path):
    clock = Clock(1_000_000.0)
    fresh = made(tmp_path / "fresh.txt", clock.now - 0.1)
    assert unsettled([fresh], clock=clock, sleep=clock.sleep) == set()
    assert QUIET_S <= clock.slept < QUIET_S + 0.1


def test_a_file_that_keeps_changing_is_waited_for_up_to_the_bound(tmp_path):
    growing = made(tmp_path / "growing.txt", 1_000_000.0)

    def append(now: float) -> None:
        with open(growing, "a") as handle:
            handle.write("more ")
        os.utime(growing, (now, now))

    clock = Clock(1_000_000.0, append)
    assert unsettled([growing], wait_s=3.0, clock=clock, sleep=clock.sleep) == {growing}
    assert 2.95 <= clock.slept < 3.1


def test_a_file_that_stops_changing_settles_once_it_is_quiet(tmp_path):
    growing = made(tmp_path / "growing.txt", 1_000_000.0)
    start = 1_000_000.0

    def append_for_two_seconds(now: float) -> None:
        if now - start < 2.0:
            with open(growing, "a") as handle:
                handle.write("more ")
            os.utime(growing, (now, now))

    clock = Clock(start, append_for_two_seconds)
    assert unsettled([growing], wait_s=10.0, clock=clock, sleep=clock.sleep) == set()
    assert 1.9 + QUIET_S <= clock.slept < 2.0 + QUIET_S + 0.1  # quiet after its last change


def test_a_modification_time_in_the_future_is_no_sign_of_writing(tmp_path):
    clock = Clock(1_000_000.0)
    future = made(tmp_path / "future.txt", clock.now + 86_400)
    assert unsettled([future], clock=clock, sleep=clock.sleep) == set()
    assert clock.slept < QUIET_S + 0.1


def test_a_file_that_vanishes_is_left_to_the_hashing(tmp_path):
    clock = Clock(1_000_000.0)
    assert unsettled([tmp_path / "gone.txt"], clock=clock, sleep=clock.sleep) == set()
