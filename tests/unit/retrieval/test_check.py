"""The library checked against itself: what a crash, an older version or outside damage can
leave out of step is found, mended and said; a damaged file is reported and never rewritten."""

import sqlite3
import threading
import time

import numpy as np
import pytest

from ingest.blocks import Chunk
from retrieval import store
from retrieval.check import check
from retrieval.store import DiskFull, Library, LibraryError, disk_full


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "library.sqlite")
    kb = lib.bind_model(lib.knowledge_base("default", create=True), "m", 4)
    for name in ("a", "b"):
        chunks = [Chunk(f"{name} revenue {i}", {"page": i + 1}, i, 3) for i in range(3)]
        lib.replace_document(kb, f"/{name}.pdf", name, (1, 1.0), chunks, np.eye(3, 4, dtype="f4"))
    yield lib
    lib.close()


def test_a_whole_library_has_nothing_to_report(library):
    findings = check(library, full=True)
    assert findings.ok and findings.repaired == [] and findings.damaged == []


def test_keywords_of_gone_chunks_and_chunks_without_keywords_are_mended(library):
    kb = library.knowledge_base("default")
    library.db.execute("DELETE FROM chunk_fts WHERE rowid = (SELECT MIN(id) FROM chunks)")
    library.db.execute("INSERT INTO chunk_fts (rowid, tokens) VALUES (9999, 'ghost')")
    findings = check(library)
    assert findings.ok
    assert findings.repaired == [
        "keyword index: 1 entry of chunks no longer stored removed",
        "keyword index: 1 chunk(s) without keywords indexed again",
    ]
    assert library.keyword_search(kb, "revenue", 10)  # the mended row is searchable
    assert library.counts(kb)["keywords"] == library.counts(kb)["chunks"] == 6
    assert check(library).repaired == []  # mended once, for good


def recorded(library):
    return library.db.execute("SELECT chunks FROM documents WHERE path = '/a.pdf'").fetchone()[0]


def test_a_wrong_chunk_count_is_corrected_and_a_report_only_check_changes_nothing(library):
    library.db.execute("UPDATE documents SET chunks = 7 WHERE path = '/a.pdf'")
    looked = check(library, repair=False)
    assert looked.damaged == ["/a.pdf: recorded 7 chunk(s), holds 3"] and not looked.ok
    assert recorded(library) == 7
    mended = check(library)
    assert mended.repaired == ["/a.pdf: recorded 7 chunk(s), holds 3; the count is corrected"]
    assert recorded(library) == 3


def test_vectors_of_the_wrong_size_are_reported_as_damage(library):
    library.db.execute("UPDATE chunks SET vector = x'00' WHERE position = 0 AND text LIKE 'b%'")
    findings = check(library)
    assert findings.damaged == [
        "/b.pdf: 1 vector(s) of the wrong size; remove the file and index it again"
    ]


def test_a_damaged_database_is_reported_and_left_as_it_is(tmp_path):
    path = tmp_path / "library.sqlite"
    lib = Library(path)
    lib.knowledge_base("default", create=True)
    lib.db.execute("CREATE TABLE filler (x)")
    lib.db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(400)])
    lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lib.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200  # a page of the filler table
    path.write_bytes(bytes(data))
    lib = Library(path)
    before = path.read_bytes()
    findings = check(lib, full=True)
    lib.close()
    assert not findings.ok and "SQLite reports damage" in findings.damaged[0]
    assert path.read_bytes() == before


def test_a_write_waits_for_another_process_and_says_so_once(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "WAIT_NOTICE_S", 0.05)
    told = []
    first = Library(tmp_path / "l.sqlite")
    second = Library(tmp_path / "l.sqlite", on_wait=told.append)
    first.db.execute("BEGIN IMMEDIATE")  # another writer holds the lock for a moment
    threading.Timer(0.4, lambda: first.db.execute("COMMIT")).start()
    started = time.monotonic()
    second.create_knowledge_base("waited")
    assert time.monotonic() - started >= 0.3
    assert told == ["waiting for the library: another Thinkdesk process is writing to it"]
    assert [kb.name for kb in first.knowledge_bases()] == ["waited"]
    first.close()
    second.close()


def test_a_write_that_waits_too_long_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "WAIT_NOTICE_S", 0.05)
    monkeypatch.setattr(store, "WAIT_LIMIT_S", 0.2)
    first = Library(tmp_path / "l.sqlite")
    second = Library(tmp_path / "l.sqlite")
    first.db.execute("BEGIN IMMEDIATE")
    with pytest.raises(LibraryError, match="still being written by another process"):
        second.create_knowledge_base("never")
    first.db.execute("ROLLBACK")
    assert not second.db.in_transaction
    first.close()
    second.close()


def test_disk_full_is_recognised_from_sqlite_and_from_the_os():
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    assert disk_full(full) and disk_full(OSError(28, "No space left on device"))
    assert not disk_full(OSError(13, "Permission denied")) and not disk_full(ValueError())
    assert "disk full: cannot write to /x" in str(DiskFull("/x", "no space"))


def test_another_connection_s_commit_changes_the_data_version(tmp_path):
    first = Library(tmp_path / "l.sqlite")
    second = Library(tmp_path / "l.sqlite")
    seen = first.data_version()
    first.create_knowledge_base("mine")
    assert first.data_version() == seen  # its own commits do not count
    second.create_knowledge_base("theirs")
    assert first.data_version() != seen
    first.close()
    second.close()
