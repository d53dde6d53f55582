"""Files still being written (a download, a copy, a report being saved): waited for until they
have been still for a moment, within a bound, and never read half-way without saying so."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

SETTLE_S = 1.0  # a file changed longer ago than this is taken as complete
QUIET_S = 0.25  # a fresher one once it is seen not to change for this long
SETTLE_WAIT_S = 10.0  # the longest a batch waits for its files to settle
POLL_S = 0.05
STILL_WRITTEN = (
    "still being written: it kept changing while Thinkdesk waited; add it again when complete"
)
CHANGED = "changed while it was being read (still being written?); add it again when complete"

Stamp = tuple[int, int]  # (size, mtime in ns)


def stamp(path: Path) -> Stamp:
    """What tells one version of a file from the next without reading it."""
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns


def unsettled(
    paths: list[Path],
    settle_s: float = SETTLE_S,
    wait_s: float = SETTLE_WAIT_S,
    quiet_s: float = QUIET_S,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> set[Path]:
    """The paths still changing after waiting up to wait_s for the batch. A file is settled
    when its modification time is settle_s old, or when it has been watched for quiet_s
    without a change of size or modification time: older files cost one stat each, a batch
    of fresh ones about quiet_s, a file being written the wait."""
    last: dict[Path, Stamp] = {}
    changed_at: dict[Path, float] = {}  # its modification time, or when it was seen to change
    watched_from: dict[Path, float] = {}  # when it was first seen as it is now
    for path in paths:
        try:
            last[path] = stamp(path)
        except OSError:
            continue  # gone or unreadable: hashing names the reason
        now = clock()
        # a modification time in the future (a clock set wrong, an archive's dates) is not a
        # sign of writing: the file is judged by whether it is seen to change
        changed_at[path] = min(last[path][1] / 1e9, now)
        watched_from[path] = now
    deadline = clock() + wait_s
    while True:
        now = clock()
        busy = {
            p
            for p, at in changed_at.items()
            if now - at < settle_s and now - watched_from[p] < quiet_s
        }
        if not busy or now >= deadline:
            return busy
        sleep(POLL_S)
        for path in busy:
            try:
                current = stamp(path)
            except OSError:
                del changed_at[path]
                continue
            if current != last[path]:
                last[path] = current
                changed_at[path] = watched_from[path] = clock()
