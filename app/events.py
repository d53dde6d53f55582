"""Events, not strings: the GUI and the CLI consume the same streams."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestStarted:
    """Files to parse in this batch (unchanged ones are not counted)."""

    total: int


@dataclass(frozen=True)
class FileDone:
    """One file finished: status is indexed, failed, unchanged, moved or skipped."""

    path: str
    status: str
    done: int
    total: int
    elapsed_s: float
    chunks: int = 0
    reason: str | None = None
