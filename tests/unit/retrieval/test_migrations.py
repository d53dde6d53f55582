"""Schema migrations: applied in order, once, each in one transaction; an old library is
brought up to date with its rows, a newer one refused."""

import sqlite3

import pytest

from retrieval import migrations
from retrieval.migrations import MIGRATIONS, SchemaError, migrate


@pytest.fixture
def db(tmp_path):
    connection = sqlite3.connect(tmp_path / "library.sqlite", isolation_level=None)
    yield connection
    connection.close()


def version(db):
    return db.execute("PRAGMA user_version").fetchone()[0]


def names(db, kind):
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def columns(db, table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def test_a_new_database_gets_every_migration(db):
    migrate(db)
    assert version(db) == len(MIGRATIONS) == 5
    assert {"knowledge_bases", "documents", "chunks", "chunk_fts", "exchanges"} <= names(
        db, "table"
    )
    assert {"documents_sha", "chunks_document", "chunks_kb", "exchanges_kb"} <= names(db, "index")
    assert names(db, "trigger") == {"chunks_fts_delete"}
    assert "title" in columns(db, "documents")
    assert "conversation_id" in columns(db, "exchanges") and "conversations" in names(db, "table")


def test_migrating_again_changes_nothing(db):
    migrate(db)
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    migrate(db)
    assert version(db) == len(MIGRATIONS)
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema


def test_an_old_library_is_brought_up_to_date_with_its_rows(db, monkeypatch):
    with monkeypatch.context() as first_release:
        first_release.setattr(migrations, "MIGRATIONS", MIGRATIONS[:1])
        migrate(db)
    assert version(db) == 1 and "title" not in columns(db, "documents")
    db.execute("INSERT INTO knowledge_bases (name, created) VALUES ('old', 0)")
    db.execute(
        "INSERT INTO documents (kb_id, path, sha256, size, mtime, status, updated) "
        "VALUES (1, '/a.pdf', 'h', 1, 0, 'indexed', 0)"
    )
    migrate(db)
    assert version(db) == len(MIGRATIONS)
    assert db.execute("SELECT path, title FROM documents").fetchall() == [("/a.pdf", "")]


def test_the_trigger_body_stays_whole_and_keeps_the_keyword_index_in_step(db):
    migrate(db)
    db.execute("INSERT INTO knowledge_bases (name, created) VALUES ('k', 0)")
    db.execute(
        "INSERT INTO documents (kb_id, path, sha256, size, mtime, status, updated) "
        "VALUES (1, '/a.pdf', 'h', 1, 0, 'indexed', 0)"
    )
    db.execute(
        "INSERT INTO chunks (document_id, kb_id, position, text, location, tokens, vector) "
        "VALUES (1, 1, 0, 'alpha', '{}', 1, x'00')"
    )
    db.execute("INSERT INTO chunk_fts (rowid, tokens) VALUES (1, 'alpha')")
    db.execute("DELETE FROM chunks")
    assert db.execute("SELECT count(*) FROM chunk_fts").fetchone()[0] == 0


def test_a_library_from_a_newer_thinkdesk_is_refused_untouched(db):
    db.execute("PRAGMA user_version = 6")
    with pytest.raises(SchemaError, match="newer Thinkdesk .*schema 6; this one knows 5"):
        migrate(db)
    assert version(db) == 6 and names(db, "table") == set()


def test_a_failing_migration_leaves_the_last_complete_version(db, monkeypatch):
    broken = "CREATE TABLE extra (a INTEGER);\nINSERT INTO nowhere VALUES (1);"
    monkeypatch.setattr(migrations, "MIGRATIONS", [MIGRATIONS[0], lambda: broken])
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        migrate(db)
    assert version(db) == 1
    assert "knowledge_bases" in names(db, "table") and "extra" not in names(db, "table")
    assert not db.in_transaction


def test_a_migration_another_process_applied_meanwhile_is_not_applied_twice(
    tmp_path, db, monkeypatch
):
    other = sqlite3.connect(tmp_path / "library.sqlite", isolation_level=None)
    migrate(other)  # the other process got there first
    other.close()
    real = migrations._version
    calls = []

    def stale_first(connection):
        calls.append(connection)
        return 0 if len(calls) == 1 else real(connection)  # read before the other's commit

    monkeypatch.setattr(migrations, "_version", stale_first)
    migrate(db)  # would fail with "table knowledge_bases already exists" without the re-read
    assert version(db) == len(MIGRATIONS)


def test_the_exchanges_kept_so_far_become_each_knowledge_bases_first_conversation(db, monkeypatch):
    first_three = MIGRATIONS[:3]
    monkeypatch.setattr(migrations, "MIGRATIONS", first_three)
    migrate(db)
    for kb in (1, 2):
        db.execute(
            "INSERT INTO knowledge_bases (id, name, created) VALUES (?, ?, 0)", (kb, f"kb{kb}")
        )
    for kb, question, created in ((1, "first?", 10.0), (1, "second?", 20.0), (2, "other?", 5.0)):
        db.execute(
            "INSERT INTO exchanges (kb_id, question, answer, reasoning, data, created) "
            "VALUES (?, ?, '', '', '{}', ?)",
            (kb, question, created),
        )
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
    migrate(db)
    rows = db.execute(
        "SELECT kb_id, title, created, updated FROM conversations ORDER BY kb_id"
    ).fetchall()
    assert rows == [(1, "first?", 10.0, 20.0), (2, "other?", 5.0, 5.0)]
    linked = db.execute(
        "SELECT e.question, c.kb_id FROM exchanges e JOIN conversations c "
        "ON c.id = e.conversation_id ORDER BY e.id"
    ).fetchall()
    assert linked == [("first?", 1), ("second?", 1), ("other?", 2)]
