"""Chat history per knowledge base, in the library database."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from retrieval.store import KnowledgeBase, Library


@dataclass(frozen=True)
class Exchange:
    """One question with its answer, trace and the JSON of citations and passages."""

    id: int
    question: str
    answer: str
    reasoning: str
    data: dict[str, Any]
    created: float


def add_exchange(
    library: Library,
    kb: KnowledgeBase,
    question: str,
    answer: str,
    reasoning: str,
    data: dict[str, Any],
) -> int:
    """Keep an exchange; returns its id."""
    row = library.db.execute(
        "INSERT INTO exchanges (kb_id, question, answer, reasoning, data, created) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (kb.id, question, answer, reasoning, json.dumps(data, ensure_ascii=False), time.time()),
    ).fetchone()
    return int(row[0])


def exchanges(library: Library, kb: KnowledgeBase) -> list[Exchange]:
    """The knowledge base's exchanges, oldest first."""
    rows = library.db.execute(
        "SELECT id, question, answer, reasoning, data, created FROM exchanges "
        "WHERE kb_id = ? ORDER BY id",
        (kb.id,),
    )
    return [Exchange(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows]


def clear_exchanges(library: Library, kb: KnowledgeBase) -> None:
    """Forget a knowledge base's conversation."""
    library.db.execute("DELETE FROM exchanges WHERE kb_id = ?", (kb.id,))
