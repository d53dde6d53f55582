"""Chat history in the library database: conversations per knowledge base, each a list of
exchanges."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from retrieval.store import KnowledgeBase, Library, LibraryError

TITLE_CHARS = 80  # of the first question, as a new conversation's title


@dataclass(frozen=True)
class Conversation:
    """A titled conversation of a knowledge base; updated is its last exchange's time."""

    id: int
    title: str
    created: float
    updated: float
    exchanges: int


@dataclass(frozen=True)
class Exchange:
    """One question with its answer, trace and the JSON of citations and passages."""

    id: int
    question: str
    answer: str
    reasoning: str
    data: dict[str, Any]
    created: float
    conversation_id: int


def conversations(library: Library, kb: KnowledgeBase) -> list[Conversation]:
    """The knowledge base's conversations, the most recently used first."""
    rows = library.db.execute(
        "SELECT c.id, c.title, c.created, c.updated, "
        "(SELECT count(*) FROM exchanges e WHERE e.conversation_id = c.id) "
        "FROM conversations c WHERE c.kb_id = ? ORDER BY c.updated DESC, c.id DESC",
        (kb.id,),
    )
    return [Conversation(*row) for row in rows]


def create_conversation(library: Library, kb: KnowledgeBase, title: str = "") -> Conversation:
    """A new, empty conversation (its title is the first question's until renamed)."""
    now = time.time()
    [row] = library.write(
        "INSERT INTO conversations (kb_id, title, created, updated) VALUES (?, ?, ?, ?) "
        "RETURNING id",
        (kb.id, title.strip(), now, now),
    )
    return Conversation(int(row[0]), title.strip(), now, now, 0)


def conversation(library: Library, kb: KnowledgeBase, conversation_id: int) -> Conversation:
    """One conversation of kb; LibraryError when it is not one of kb's."""
    for found in conversations(library, kb):
        if found.id == conversation_id:
            return found
    raise LibraryError(f"no conversation {conversation_id} in knowledge base {kb.name!r}")


def rename_conversation(
    library: Library, kb: KnowledgeBase, conversation_id: int, title: str
) -> None:
    """Give a conversation a title of its own."""
    conversation(library, kb, conversation_id)
    library.write(
        "UPDATE conversations SET title = ? WHERE id = ?", (title.strip(), conversation_id)
    )


def delete_conversation(library: Library, kb: KnowledgeBase, conversation_id: int) -> None:
    """Forget a conversation with its exchanges."""
    conversation(library, kb, conversation_id)
    with library.transaction() as db:
        db.execute("DELETE FROM exchanges WHERE conversation_id = ?", (conversation_id,))
        db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))


def latest_conversation(library: Library, kb: KnowledgeBase) -> Conversation:
    """The conversation used last (a new one when kb has none): where an answer asked without
    naming one goes, as with `thinkdesk ask`."""
    found = conversations(library, kb)
    return found[0] if found else create_conversation(library, kb)


def add_exchange(
    library: Library,
    kb: KnowledgeBase,
    question: str,
    answer: str,
    reasoning: str,
    data: dict[str, Any],
    conversation_id: int | None = None,
) -> int:
    """Keep an exchange in a conversation (the latest when None); returns its id."""
    if conversation_id is None:
        conversation_id = latest_conversation(library, kb).id
    else:
        conversation(library, kb, conversation_id)
    now = time.time()
    with library.transaction() as db:
        row = db.execute(
            "INSERT INTO exchanges (kb_id, question, answer, reasoning, data, created, "
            "conversation_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                kb.id,
                question,
                answer,
                reasoning,
                json.dumps(data, ensure_ascii=False),
                now,
                conversation_id,
            ),
        ).fetchone()
        db.execute(
            "UPDATE conversations SET updated = ?, "
            "title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?",
            (now, _title(question), conversation_id),
        )
    return int(row[0])


def delete_exchange(library: Library, kb: KnowledgeBase, exchange_id: int) -> None:
    """Forget one exchange (a regenerated answer replaces its old one)."""
    library.write("DELETE FROM exchanges WHERE id = ? AND kb_id = ?", (exchange_id, kb.id))


def exchanges(
    library: Library, kb: KnowledgeBase, conversation_id: int | None = None
) -> list[Exchange]:
    """A conversation's exchanges (all of kb's when None), oldest first."""
    sql = (
        "SELECT id, question, answer, reasoning, data, created, conversation_id FROM exchanges "
        "WHERE kb_id = ?"
    )
    parameters: tuple[int, ...] = (kb.id,)
    if conversation_id is not None:
        sql += " AND conversation_id = ?"
        parameters += (conversation_id,)
    rows = library.db.execute(sql + " ORDER BY id", parameters)
    return [Exchange(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows]


def clear_exchanges(library: Library, kb: KnowledgeBase) -> None:
    """Forget a knowledge base's conversations."""
    with library.transaction() as db:
        db.execute("DELETE FROM exchanges WHERE kb_id = ?", (kb.id,))
        db.execute("DELETE FROM conversations WHERE kb_id = ?", (kb.id,))


def _title(question: str) -> str:
    words = " ".join(question.split())
    return words if len(words) <= TITLE_CHARS else words[: TITLE_CHARS - 1].rstrip() + "…"


def move_cited_file(library: Library, kb: KnowledgeBase, old: str, new: str) -> int:
    """A cited file was renamed or moved (its document and chunks kept): the stored
    answers' passages and citations name its new path; returns the exchanges changed."""
    rows = library.db.execute(
        "SELECT id, data FROM exchanges WHERE kb_id = ? AND instr(data, ?) > 0",
        (kb.id, json.dumps(old, ensure_ascii=False)),
    ).fetchall()
    changed = 0
    with library.transaction() as db:
        for exchange_id, text in rows:
            data = json.loads(text)
            if _rename_files(data, old, new):
                db.execute(
                    "UPDATE exchanges SET data = ? WHERE id = ?",
                    (json.dumps(data, ensure_ascii=False), exchange_id),
                )
                changed += 1
    return changed


def _rename_files(value: Any, old: str, new: str) -> bool:
    """Every "file": old inside value (dicts and lists, in place) made "file": new."""
    found = False
    if isinstance(value, dict):
        if value.get("file") == old:
            value["file"] = new
            found = True
        for item in value.values():
            found = _rename_files(item, old, new) or found
    elif isinstance(value, list):
        for item in value:
            found = _rename_files(item, old, new) or found
    return found
