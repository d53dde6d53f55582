"""A finished answer and the passages it read: one type for live answers and stored history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.citations import find_markers
from app.claims import Claim, check, verdict
from app.trace_links import TraceLinks, link
from retrieval.search import Passage, salient_terms

__all__ = ["Answer", "Passage", "salient_terms"]


@dataclass
class Answer:
    """A finished answer in the docs/cli.md shape of `thinkdesk ask --json`."""

    question: str
    answer: str
    reasoning: str
    passages: list[Passage]
    cited: list[int]
    dropped_markers: list[int]
    model: str
    timings: dict[str, Any] = field(default_factory=dict)
    stop_reason: str = "end"

    @property
    def unsupported(self) -> bool:
        """True when the answer cites no passage."""
        return not find_markers(self.answer, len(self.passages)).cited

    def claims(self) -> list[Claim]:
        """Each sentence of the answer held against the passages it cites (app/claims.py)."""
        return check(self.answer, self.passages)

    def trace_links(self) -> TraceLinks:
        """What the reasoning trace names or quotes of the passages (app/trace_links.py)."""
        return link(self.reasoning, self.answer, self.passages)

    @property
    def verdict(self) -> str:
        """supported | partial | unsupported | uncited (cites nothing: `unsupported`) | empty."""
        return verdict(self.claims())

    def citations(self) -> list[dict[str, Any]]:
        """Each cited passage with n, its 1-based position in passages."""
        return [
            {"n": n, "file": p.file, "location": p.location, "text": p.text}
            for n in self.cited
            for p in [self.passages[n - 1]]
        ]

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` object."""
        claims = self.claims()
        return {
            "question": self.question,
            "answer": self.answer,
            "reasoning": self.reasoning,
            "citations": self.citations(),
            "passages": [p.to_json() for p in self.passages],
            "unsupported": self.unsupported,
            "model": self.model,
            "timings": self.timings,
            "dropped_markers": self.dropped_markers,
            "stop_reason": self.stop_reason,
            "claims": [c.to_json() for c in claims],
            "verdict": verdict(claims),
            "trace": self.trace_links().to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        """An answer from its `to_json` object (a stored exchange); missing keys get defaults,
        so exchanges written by older versions still open."""
        passages = [Passage.from_json(p) for p in data.get("passages", [])]
        cited = [int(c["n"]) for c in data.get("citations", []) if 1 <= c["n"] <= len(passages)]
        return cls(
            question=data.get("question", ""),
            answer=data.get("answer", ""),
            reasoning=data.get("reasoning", ""),
            passages=passages,
            cited=cited,
            dropped_markers=list(data.get("dropped_markers", [])),
            model=data.get("model", ""),
            timings=dict(data.get("timings", {})),
            stop_reason=data.get("stop_reason", "end"),
        )
