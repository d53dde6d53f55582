"""The store's batched reads: a few documents' keyword hits in one FTS5 query, the chunks near
some positions of a document in one pass."""

import numpy as np
import pytest

from ingest.blocks import Chunk
from retrieval.store import Library


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "library.sqlite")
    yield lib
    lib.close()


def add(library, kb, path, texts):
    chunks = [Chunk(t, {"page": 1 + i // 2}, i, 3) for i, t in enumerate(texts)]
    vectors = np.eye(len(texts), 4, dtype=np.float32)
    library.replace_document(kb, path, path, (1, 1.0), chunks, vectors)
    return library.document(kb, path).id


# adjacent; with another's chunks between (one query); far apart (one query each)
@pytest.mark.parametrize("picked", [[2, 0, 1], [3, 0, 1], [5, 0], [0, 5, 4]])
def test_keyword_hits_among_documents_equal_each_documents_own(library, picked):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    docs = [
        add(library, kb, f"/{n}.pdf", [f"alpha {'beta ' * (i % 3)}{n} {i}" for i in range(6)])
        for n in range(6)
    ]
    chosen = [docs[n] for n in picked]  # in order of prior
    together = library.keyword_search(kb, '"alpha" OR "beta"', 7, chosen)
    alone = [h for d in chosen for h in library.keyword_search(kb, '"alpha" OR "beta"', 7, [d])]
    alone.sort(key=lambda hit: -hit[1])
    assert together == alone[:7]
    assert {i for i, _ in together} <= set(library.chunk_ids_of(chosen).tolist())


def test_texts_between_reads_each_range_in_order_of_position(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    doc = add(library, kb, "/a.pdf", [f"chunk {i}" for i in range(10)])
    anchor = next((i, r.position) for i, r in library.chunks(list(range(1, 20))).items())
    found = library.texts_between(doc, [(-2, 1), (6, 7), (9, 12)], anchor)
    assert [text for text, _ in found] == ["chunk 0", "chunk 1", "chunk 6", "chunk 7", "chunk 9"]
    assert found[2][1] == {"page": 4}
    assert library.texts_between(doc, [], anchor) == []


def test_texts_between_a_document_whose_ids_are_out_of_order(library):
    kb = library.bind_model(library.knowledge_base("k", create=True), "m", 4)
    doc = add(library, kb, "/a.pdf", [f"chunk {i}" for i in range(6)])
    add(library, kb, "/b.pdf", ["other"])
    # positions no longer follow ids, and another document's chunk lies in its id range
    library.db.execute("UPDATE chunks SET position = 5 - position WHERE document_id = ?", (doc,))
    library.db.execute("UPDATE chunks SET document_id = ? WHERE text = 'chunk 5'", (doc + 1,))
    ids = sorted(library.chunks(list(range(1, 20))))
    anchor = (ids[0], 5)
    found = library.texts_between(doc, [(0, 2)], anchor)
    assert [text for text, _ in found] == ["chunk 4", "chunk 3"]
