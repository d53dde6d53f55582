"""A knowledge base's conversations, each exchange with its own answer and passages.

Stored exchanges are restored with Answer.from_json, so an old answer's [n] still points at
its own sources."""

from __future__ import annotations

from dataclasses import dataclass

from app.answer import Answer
from retrieval import history as stored
from retrieval.history import (
    Conversation,
    create_conversation,
    delete_conversation,
    delete_exchange,
    rename_conversation,
)
from retrieval.store import KnowledgeBase, Library

__all__ = [
    "Conversation",
    "Exchange",
    "conversation",
    "conversations",
    "create_conversation",
    "delete_conversation",
    "delete_exchange",
    "record",
    "rename_conversation",
]


@dataclass(frozen=True)
class Exchange:
    """One question with its answer, as asked in the GUI or with `thinkdesk ask`."""

    id: int
    question: str
    answer: Answer
    created: float
    conversation_id: int = 0


def record(
    library: Library, kb: KnowledgeBase, answer: Answer, conversation_id: int | None = None
) -> int:
    """Keep an answered question in a conversation of the knowledge base (the one used last
    when None); returns its id."""
    return stored.add_exchange(
        library,
        kb,
        answer.question,
        answer.answer,
        answer.reasoning,
        answer.to_json(),
        conversation_id,
    )


def conversations(library: Library, kb: KnowledgeBase) -> list[Conversation]:
    """The knowledge base's conversations, the one used last first."""
    return stored.conversations(library, kb)


def conversation(
    library: Library, kb: KnowledgeBase, conversation_id: int | None = None
) -> list[Exchange]:
    """A conversation's exchanges (every one of the knowledge base's when None), oldest
    first."""
    found = []
    for row in stored.exchanges(library, kb, conversation_id):
        data = {"question": row.question, "answer": row.answer, "reasoning": row.reasoning}
        answer = Answer.from_json({**row.data, **data})
        found.append(Exchange(row.id, row.question, answer, row.created, row.conversation_id))
    return found
