"""Rate and time left of long work, shared by the terminal bar and the ingest panel."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """Items per second so far and the seconds the rest will take at that pace."""

    per_second: float
    eta_s: float

    @classmethod
    def of(cls, done: int, total: int, elapsed_s: float) -> Rate:
        """The rate after done of total items in elapsed_s seconds."""
        per_second = done / elapsed_s if elapsed_s > 0 else 0.0
        eta = (total - done) / per_second if per_second else 0.0
        return cls(per_second, eta)

    def pace_text(self) -> str:
        """'3.2 files/s', or '12.5 s/file' when one file takes more than a second (a 200-page
        filing), never '0.0 files/s'."""
        if self.per_second >= 1 or self.per_second == 0:
            return f"{self.per_second:.1f} files/s"
        return f"{1 / self.per_second:.1f} s/file"

    def eta_text(self) -> str:
        """'42s', '3m05s', '1h07m'."""
        return duration(self.eta_s)


def duration(seconds: float) -> str:
    """A short duration: '42s', '3m05s', '1h07m'."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes}m{rest:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"
