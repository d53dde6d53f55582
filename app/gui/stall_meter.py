"""How long the event loop goes without running: a fast timer whose late ticks are stalls."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

TICK_MS = 5  # a tick this often: a gap much longer than it is time the loop did not run


@dataclass(frozen=True)
class Gap:
    """The time between two ticks, with what was running when it began and when it ended."""

    seconds: float
    ended_s: float  # since the meter started
    before: str
    after: str

    def describe(self) -> str:
        """One line: '312 ms at 4.20 s (after "FileStage deck.pptx" until "FileDone ...")'."""
        where = self.before if self.before == self.after else f"{self.before} → {self.after}"
        return f"{self.seconds * 1000:.0f} ms at {self.ended_s:.2f} s ({where})"


class StallMeter(QObject):
    """Measures the event loop's stalls: a QTimer ticks every TICK_MS on the UI thread (a
    Python slot, so a tick also needs the GIL, as every slot of the window does) and each gap
    between two ticks is kept, labelled with what mark() said was running.

    Signals: none.
    """

    def __init__(self, interval_ms: int = TICK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gaps: list[Gap] = []
        self._label = self._before = ""
        self._started = self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Forget earlier gaps and start ticking."""
        self.gaps = []
        self._started = self._last = time.perf_counter()
        self._before = self._label
        self._timer.start()

    def stop(self) -> None:
        """Stop ticking; the gap to this moment counts too (a stall may end the run)."""
        if self._timer.isActive():
            self._tick()
            self._timer.stop()

    def mark(self, label: str) -> None:
        """Name what is running from now on (shown beside the gaps it is part of)."""
        self._label = label

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(Gap(now - self._last, now - self._started, self._before, self._label))
        self._last, self._before = now, self._label

    @property
    def seconds(self) -> float:
        """How long the meter has run."""
        return sum(gap.seconds for gap in self.gaps)

    def largest(self, count: int = 3) -> list[Gap]:
        """The longest gaps, longest first."""
        return sorted(self.gaps, key=lambda gap: gap.seconds, reverse=True)[:count]

    def max_ms(self) -> float:
        """The longest gap in milliseconds (0 before any tick)."""
        return max((gap.seconds for gap in self.gaps), default=0.0) * 1000

    def percentile_ms(self, share: float) -> float:
        """The gap that share (0.99: p99) of the gaps do not exceed, in milliseconds."""
        if not self.gaps:
            return 0.0
        ordered = sorted(gap.seconds for gap in self.gaps)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    def summary(self) -> str:
        """Ticks, max and p99 gap, and the three longest gaps with what was running."""
        lines = [
            f"{len(self.gaps)} ticks in {self.seconds:.1f} s: max gap {self.max_ms():.0f} ms, "
            f"p99 {self.percentile_ms(0.99):.0f} ms"
        ]
        lines += [f"  {gap.describe()}" for gap in self.largest(3)]
        return "\n".join(lines)
