"""The library store: migrations, documents in one transaction, models, knowledge bases."""

import sqlite3
import threading
import time

import numpy as np
import pytest

from ingest.blocks import Chunk
from retrieval import store
from retrieval.store import DiskFull, Library, LibraryError, disk_full


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "library.sqlite")
    yield lib
    lib.close()


def chunks(*texts):
    return [Chunk(t, {"page": i + 1}, i, 3) for i, t in enumerate(texts)]


def vectors(n, dim=4):
    return np.eye(n, dim, dtype=np.float32)


def test_schema_is_migrated_once_and_reopens(tmp_path):
    Library(tmp_path / "l.sqlite").close()
    lib = Library(tmp_path / "l.sqlite")
    assert lib.db.execute("PRAGMA user_version").fetchone()[0] == 5
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_replace_document_swaps_chunks_and_keywords(library):
    kb = library.knowledge_base("default", create=True)
    kb = library.bind_model(kb, "m", 4)
    removed, first = library.replace_document(
        kb, "/a.pdf", "h1", (10, 1.0), chunks("alpha one", "beta two"), vectors(2)
    )
    assert removed == [] and len(first) == 2
    removed, second = library.replace_document(
        kb, "/a.pdf", "h2", (10, 2.0), chunks("gamma three"), vectors(1)
    )
    assert sorted(removed) == sorted(first)
    assert library.chunk_count(kb) == 1
    assert library.keyword_search(kb, '"alpha"', 5) == []
    assert [cid for cid, _ in library.keyword_search(kb, '"gamma"', 5)] == second
    row = library.chunks(second)[second[0]]
    assert (row.path, row.text, row.location) == ("/a.pdf", "gamma three", {"page": 1})
    assert np.allclose(library.vectors(second, 4), vectors(1))


def test_a_failure_never_replaces_an_indexed_version(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    library.replace_document(kb, "/a.pdf", "h1", (1, 1.0), chunks("alpha"), vectors(1))
    library.record_failure(kb, "/a.pdf", "h2", (1, 2.0), "corrupt")
    assert library.document(kb, "/a.pdf").status == "indexed"
    library.record_failure(kb, "/b.pdf", "h3", (1, 2.0), "encrypted: needs a password")
    assert library.document(kb, "/b.pdf").reason == "encrypted: needs a password"


def test_a_failed_transaction_keeps_the_last_committed_state(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    library.replace_document(kb, "/a.pdf", "h1", (1, 1.0), chunks("alpha"), vectors(1))
    with pytest.raises(ValueError):
        library.replace_document(kb, "/a.pdf", "h2", (1, 1.0), chunks("x", "y"), vectors(1))
    bad = np.zeros((1, 4), dtype=np.float32)
    with pytest.raises(sqlite3.OperationalError), library.transaction():
        library.db.execute("DELETE FROM chunks")
        library.db.execute("INSERT INTO nowhere VALUES (?)", (bad.tobytes(),))
    assert library.chunk_count(kb) == 1


def test_a_knowledge_base_refuses_a_second_embedding_model(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "minilm", 384)
    library.replace_document(kb, "/a", "h", (1, 1.0), chunks("x"), vectors(1, 384))
    with pytest.raises(LibraryError, match="re-index needed"):
        library.bind_model(kb, "bge-small-zh", 512)


def test_knowledge_bases_are_created_renamed_and_deleted(library):
    kb = library.bind_model(library.create_knowledge_base("a"), "m", 4)
    library.replace_document(kb, "/x", "h", (1, 1.0), chunks("x"), vectors(1))
    with pytest.raises(LibraryError):
        library.create_knowledge_base("a")
    library.rename_knowledge_base("a", "b")
    assert [k.name for k in library.knowledge_bases()] == ["b"]
    library.delete_knowledge_base("b")
    assert library.knowledge_bases() == []
    assert library.db.execute("SELECT count(*) FROM chunk_fts").fetchone()[0] == 0
    with pytest.raises(LibraryError):
        library.knowledge_base("b")


def test_a_library_from_a_newer_thinkdesk_is_a_clear_error(tmp_path):
    Library(tmp_path / "l.sqlite").close()
    db = sqlite3.connect(tmp_path / "l.sqlite")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(LibraryError, match="newer Thinkdesk"):
        Library(tmp_path / "l.sqlite")


def test_a_newer_library_is_never_modified_not_even_its_journal_mode(tmp_path):
    path = tmp_path / "l.sqlite"
    db = sqlite3.connect(path)  # a rollback-journal file, as a newer version might leave it
    db.execute("CREATE TABLE future (x)")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match=r"newer Thinkdesk \(schema 99; this one knows 5\)"):
        Library(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.sqlite"]


def test_two_processes_opening_a_new_library_at_once(tmp_path):
    import threading

    errors = []

    def open_and_create():
        try:
            lib = Library(tmp_path / "l.sqlite")
            lib.knowledge_base("default", create=True)
            lib.close()
        except Exception as err:  # noqa: BLE001 - collected for the assertion
            errors.append(err)

    threads = [threading.Thread(target=open_and_create) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_chunk_ids_are_never_reused(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    _, first = library.replace_document(kb, "/a", "h", (1, 1.0), chunks("x"), vectors(1))
    library.remove_document(kb, "/a")
    _, second = library.replace_document(kb, "/a", "h", (1, 1.0), chunks("x"), vectors(1))
    assert second[0] > first[0]


def test_keyword_search_finds_its_knowledge_bases_best_when_another_crowds_the_top(library):
    crowd = library.bind_model(library.knowledge_base("crowd", create=True), "m", 4)
    mine = library.bind_model(library.knowledge_base("mine", create=True), "m", 4)
    many = [f"margin margin margin {i}" for i in range(12)]
    library.replace_document(crowd, "/c.pdf", "c", (1, 1.0), chunks(*many), vectors(12))
    _, ids = library.replace_document(
        mine, "/m.pdf", "m", (1, 1.0), chunks("margin once", "other words"), vectors(2)
    )
    # 12 chunks of "crowd" rank above the only hit of "mine" (more than 4 x 2 places)
    assert [i for i, _ in library.keyword_search(mine, '"margin"', 2)] == [ids[0]]
    assert len(library.keyword_search(crowd, '"margin"', 5)) == 5


def test_keyword_search_among_documents_keeps_to_their_chunks(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    _, a = library.replace_document(kb, "/a.pdf", "a", (1, 1.0), chunks("alpha x"), vectors(1))
    _, b = library.replace_document(kb, "/b.pdf", "b", (1, 1.0), chunks("alpha y"), vectors(1))
    _, c = library.replace_document(kb, "/a2.pdf", "a2", (1, 1.0), chunks("alpha z"), vectors(1))
    doc_a, doc_b = library.document(kb, "/a.pdf").id, library.document(kb, "/b.pdf").id
    # a document whose id range holds another's chunk: move /a2.pdf's chunk into /a.pdf
    library.db.execute("UPDATE chunks SET document_id = ? WHERE id = ?", (doc_a, c[0]))
    found = library.keyword_search(kb, '"alpha"', 5, [doc_a])
    assert sorted(i for i, _ in found) == sorted(a + c)
    assert [i for i, _ in library.keyword_search(kb, '"alpha"', 5, [doc_b])] == b
    assert library.keyword_search(kb, '"alpha"', 5, []) == []


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
