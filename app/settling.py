"""Changed paths held until they settle: a file is read only once its size and mtime have
stayed the same for a while, so that a download or a copy still being written is waited for
rather than half-read."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

QUIET_S = 1.5  # how long a file's size and mtime must stay put before it is read
HOLD_GONE_S = 30.0  # a gone path waits for present ones no longer (a file written for hours)

Signature = tuple[int, int] | None  # (size, mtime in ns); None: the path is not there


def signature(path: str) -> Signature:
    """The size and mtime of a path, None when it does not exist (or cannot be read)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns)


@dataclass
class _Seen:
    signature: Signature
    since: float  # when the signature last changed (or the path was last reported)


class Settling:
    """The paths reported changed, each held until it has been quiet for `quiet` seconds:
    its signature (size and mtime) unchanged and no new report of it. A gone path (deleted,
    or the old name of a renamed file) is held while any present path is still settling, so
    that a rename's new name is indexed first and the document keeps its id."""

    def __init__(
        self,
        quiet: float = QUIET_S,
        clock: Callable[[], float] = time.monotonic,
        look: Callable[[str], Signature] = signature,
    ) -> None:
        self.quiet = quiet
        self._clock = clock
        self._look = look
        self._seen: dict[str, _Seen] = {}

    def report(self, path: str) -> None:
        """The path changed (created, written, deleted, renamed from or to)."""
        self._seen[path] = _Seen(self._look(path), self._clock())

    def pending(self) -> list[str]:
        """The paths still held, in order."""
        return sorted(self._seen)

    def __bool__(self) -> bool:
        return bool(self._seen)

    def settling_present(self) -> bool:
        """Whether a path that is there is still held (by its signature when last looked)."""
        return any(seen.signature is not None for seen in self._seen.values())

    def settled(self, hold_gone: bool = False) -> tuple[list[str], list[str]]:
        """(present, gone): the paths quiet long enough, taken out of the held ones; each
        is looked at again now, and one that changed since it was last looked at waits
        another `quiet` seconds. hold_gone: present paths elsewhere are still settling (a
        file moved between two watched folders), so gone ones wait (HOLD_GONE_S at most)."""
        now = self._clock()
        quiet: list[str] = []
        busy = hold_gone
        for path, seen in self._seen.items():
            current = self._look(path)
            if current != seen.signature:
                seen.signature, seen.since = current, now
            if now - seen.since >= self.quiet:
                quiet.append(path)
            elif current is not None:
                busy = True
        present = sorted(p for p in quiet if self._seen[p].signature is not None)
        overdue = self.quiet + HOLD_GONE_S
        gone = sorted(
            p
            for p in quiet
            if self._seen[p].signature is None
            and (not busy or now - self._seen[p].since >= overdue)
        )
        for path in present + gone:
            del self._seen[path]
        return present, gone
