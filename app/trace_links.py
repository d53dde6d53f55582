"""What a reasoning trace read: the passages it names ([n], a file name) or quotes (a figure
one of them holds), the figures it states that no passage holds, and the passages the answer
cites that the trace never considered. The trace stays the model's own account: this only
points from its words to the cards and back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.citations import MARKER, find_markers
from retrieval.evidence import Quantity, quantities
from retrieval.search import Passage

MARKER_KIND = "marker"  # [2]
FILE_KIND = "file"  # acme_2025.pdf
FIGURE_KIND = "figure"  # 41.7% and a passage holds it
UNHELD_KIND = "unheld"  # 48.0% and no passage holds it


@dataclass(frozen=True)
class Mention:
    """reasoning[start:end] names or quotes passages (1-based numbers; none when unheld)."""

    start: int
    end: int
    kind: str
    passages: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "passages": list(self.passages),
        }


@dataclass(frozen=True)
class TraceLinks:
    """The mentions of one trace, in order, and what they add up to."""

    mentions: list[Mention]
    considered: list[int]  # passages the trace names or quotes
    not_considered: list[int]  # cited by the answer, never named or quoted by the trace
    unheld: list[str]  # figures of the trace that no passage holds

    def to_json(self) -> dict[str, Any]:
        """The `trace` object of `ask --json`."""
        return {
            "mentions": [m.to_json() for m in self.mentions],
            "considered": self.considered,
            "cited_not_considered": self.not_considered,
            "unheld_figures": self.unheld,
        }

    def of(self, number: int) -> list[Mention]:
        """The mentions of passage number."""
        return [m for m in self.mentions if number in m.passages]


def link(reasoning: str, answer: str, passages: list[Passage]) -> TraceLinks:
    """The links of a trace to the passages shown to the model (numbered from 1)."""
    mentions: list[Mention] = []
    for match in MARKER.finditer(reasoning):
        cited = find_markers(match.group(), len(passages)).cited
        if cited:
            mentions.append(Mention(match.start(), match.end(), MARKER_KIND, tuple(cited)))
    taken = [(m.start, m.end) for m in mentions]
    for name, numbers in _names(passages).items():
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", reasoning, re.IGNORECASE):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                mentions.append(Mention(match.start(), match.end(), FILE_KIND, numbers))
                taken.append((match.start(), match.end()))
    held = [quantities(p.text) for p in passages]
    for figure in quantities(reasoning):
        if not _telling(figure) or any(a < figure.end and figure.start < b for a, b in taken):
            continue
        numbers = tuple(n for n, own in enumerate(held, start=1) if _held(figure, own))
        kind = FIGURE_KIND if numbers else UNHELD_KIND
        mentions.append(Mention(figure.start, figure.end, kind, numbers))
    mentions.sort(key=lambda m: m.start)
    considered = sorted({n for m in mentions for n in m.passages})
    cited = find_markers(answer, len(passages)).cited
    return TraceLinks(
        mentions,
        considered,
        [n for n in cited if n not in considered],
        list(dict.fromkeys(reasoning[m.start : m.end] for m in mentions if m.kind == UNHELD_KIND)),
    )


def _names(passages: list[Passage]) -> dict[str, tuple[int, ...]]:
    """File names (with and without the extension) to the passages of that file."""
    names: dict[str, list[int]] = {}
    for n, passage in enumerate(passages, start=1):
        path = Path(passage.file)
        for name in {path.name, path.stem}:
            if name == path.name or _distinctive(name):
                names.setdefault(name, []).append(n)
    # "report.pdf" inside the trace is one mention, not also one of "report"
    longest = sorted(names, key=len, reverse=True)
    return {name: tuple(names[name]) for name in longest}


def _distinctive(stem: str) -> bool:
    """A file name without its extension that names the file, not a word: "acme_2025" does,
    "report" (the word the trace uses for any report) does not."""
    return len(stem) >= 6 and bool(re.search(r"[_\-\d.]|[^\x00-\x7f]", stem))


def _telling(figure: Quantity) -> bool:
    """A figure worth checking: not a year, not a small count ("2 passages", "step 3")."""
    if figure.year:
        return False
    return figure.percent or figure.decimals > 0 or figure.scale != 1 or figure.base >= 10


def _held(figure: Quantity, own: list[Quantity]) -> bool:
    return any(figure.matches(q) for q in own)
