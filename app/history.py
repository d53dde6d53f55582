"""A knowledge base's conversation, each exchange with its own answer and passages.

Stored exchanges are restored with Answer.from_json, so an old answer's [n] still points at
its own sources."""

from __future__ import annotations

from dataclasses import dataclass

from app.answer import Answer
from retrieval import history as stored
from retrieval.store import KnowledgeBase, Library


@dataclass(frozen=True)
class Exchange:
    """One question with its answer, as asked in the GUI or with `thinkdesk ask`."""

    id: int
    question: str
    answer: Answer
    created: float


def record(library: Library, kb: KnowledgeBase, answer: Answer) -> int:
    """Keep an answered question in the knowledge base's history; returns its id."""
    return stored.add_exchange(
        library, kb, answer.question, answer.answer, answer.reasoning, answer.to_json()
    )


def conversation(library: Library, kb: KnowledgeBase) -> list[Exchange]:
    """The knowledge base's exchanges, oldest first."""
    found = []
    for row in stored.exchanges(library, kb):
        data = {"question": row.question, "answer": row.answer, "reasoning": row.reasoning}
        answer = Answer.from_json({**row.data, **data})
        found.append(Exchange(row.id, row.question, answer, row.created))
    return found
