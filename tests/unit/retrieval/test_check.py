"""The library checked against itself: what a crash, an older version or outside damage can
leave out of step is found, mended and said; a damaged file is reported and never rewritten."""

import numpy as np
import pytest

from ingest.blocks import Chunk
from retrieval.check import check
from retrieval.store import Library


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
