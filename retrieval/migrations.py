"""The library schema, changed only by numbered migrations applied in order."""

from __future__ import annotations

import sqlite3


def m001_initial() -> str:
    """Knowledge bases, documents, chunks with vectors, and the keyword index."""
    return """
        -- AUTOINCREMENT: an id is never reused, so the FAISS cache (keyed by chunk id, in a
        -- file named by knowledge base id) can never mistake a new row for an old one.
        CREATE TABLE knowledge_bases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            embedding_model TEXT,
            dimension INTEGER,
            created REAL NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('indexed', 'failed')),
            reason TEXT,
            chunks INTEGER NOT NULL DEFAULT 0,
            updated REAL NOT NULL,
            UNIQUE (kb_id, path)
        );
        CREATE INDEX documents_sha ON documents(kb_id, sha256);
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            location TEXT NOT NULL,
            tokens INTEGER NOT NULL,
            vector BLOB NOT NULL
        );
        CREATE INDEX chunks_document ON chunks(document_id);
        CREATE INDEX chunks_kb ON chunks(kb_id);
        -- rowid = chunks.id; the column holds our own tokens (see retrieval/keywords.py)
        CREATE VIRTUAL TABLE chunk_fts USING fts5(tokens, tokenize = 'unicode61');
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            DELETE FROM chunk_fts WHERE rowid = old.id;
        END;
    """


def m002_document_title() -> str:
    """A document's title (its file name as words, and its first line), for re-ranking."""
    return "ALTER TABLE documents ADD COLUMN title TEXT NOT NULL DEFAULT '';"


def m003_chat_history() -> str:
    """Questions and answers per knowledge base, kept across restarts (the reasoning trace is
    stored for display only and is never fed back to the model)."""
    return """
        CREATE TABLE exchanges (
            id INTEGER PRIMARY KEY,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            reasoning TEXT NOT NULL,
            data TEXT NOT NULL,
            created REAL NOT NULL
        );
        CREATE INDEX exchanges_kb ON exchanges(kb_id, id);
    """


def m004_conversations() -> str:
    """Several conversations per knowledge base: each exchange belongs to one; the exchanges
    kept so far become each knowledge base's first conversation."""
    return """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            created REAL NOT NULL,
            updated REAL NOT NULL
        );
        CREATE INDEX conversations_kb ON conversations(kb_id, updated);
        ALTER TABLE exchanges ADD COLUMN conversation_id INTEGER
            REFERENCES conversations(id) ON DELETE CASCADE;
        INSERT INTO conversations (kb_id, title, created, updated)
            SELECT kb_id, (SELECT question FROM exchanges f WHERE f.kb_id = e.kb_id
                           ORDER BY id LIMIT 1),
                   MIN(created), MAX(created)
            FROM exchanges e GROUP BY kb_id;
        UPDATE exchanges SET conversation_id =
            (SELECT id FROM conversations c WHERE c.kb_id = exchanges.kb_id);
        CREATE INDEX exchanges_conversation ON exchanges(conversation_id, id);
    """


def m005_folders() -> str:
    """The folders added to each knowledge base, each watched or not; device: the st_dev the
    folder was on when recorded (a drive's mount point left empty is told from an emptied
    folder by it)."""
    return """
        CREATE TABLE folders (
            id INTEGER PRIMARY KEY,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            watched INTEGER NOT NULL DEFAULT 0,
            device INTEGER,
            added REAL NOT NULL,
            UNIQUE (kb_id, path)
        );
    """


class SchemaError(Exception):
    """The library cannot be used with this version of Thinkdesk."""


MIGRATIONS = [
    m001_initial,
    m002_document_title,
    m003_chat_history,
    m004_conversations,
    m005_folders,
]


def migrate(db: sqlite3.Connection) -> None:
    """Apply every migration newer than the database's user_version, each in one transaction
    that re-reads the version under the write lock (two processes may open a new library)."""
    while True:
        version = _version(db)
        if version == len(MIGRATIONS):
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            version = _version(db)
            if version < len(MIGRATIONS):
                for statement in _statements(MIGRATIONS[version]()):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def refuse_newer(db: sqlite3.Connection) -> None:
    """SchemaError when a newer Thinkdesk wrote the library: checked before anything else is
    done to the file (not even its journal mode is changed)."""
    _version(db)


def _version(db: sqlite3.Connection) -> int:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise SchemaError(
            f"this library was written by a newer Thinkdesk (schema {version}; this one knows "
            f"{len(MIGRATIONS)}): update Thinkdesk to open it"
        )
    return version


def _statements(script: str) -> list[str]:
    """A script cut into complete statements (a trigger body's semicolons stay inside)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s.strip(" ;\n")]
