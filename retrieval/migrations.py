"""The library schema, changed only by numbered migrations applied in order."""

from __future__ import annotations

import sqlite3


def m001_initial() -> str:
    """Knowledge bases, documents, chunks with vectors, and the keyword index."""
    return """
        CREATE TABLE knowledge_bases (
            id INTEGER PRIMARY KEY,
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
            id INTEGER PRIMARY KEY,
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


MIGRATIONS = [m001_initial, m002_document_title, m003_chat_history]


def migrate(db: sqlite3.Connection) -> None:
    """Apply every migration newer than the database's user_version, each in a transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(
            f"library schema {version} is newer than this Thinkdesk ({len(MIGRATIONS)})"
        )
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        # One script per migration, in one transaction (the connection is in autocommit mode).
        db.executescript(f"BEGIN IMMEDIATE; {step()} PRAGMA user_version = {number}; COMMIT;")
