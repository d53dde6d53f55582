"""The FAISS cache: search by chunk id, atomic save, reconciliation with SQLite."""

import numpy as np
import pytest

from retrieval.vector_index import VectorIndex


def unit(*rows):
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_search_returns_chunk_ids_best_first(tmp_path):
    index = VectorIndex(tmp_path / "i.index", 3)
    index.add([10, 20, 30], unit([1, 0, 0], [0, 1, 0], [1, 1, 0]))
    hits = index.search(unit([1, 0.1, 0])[0], 2)
    assert [h[0] for h in hits] == [10, 30]
    index.remove([10])
    assert [h[0] for h in index.search(unit([1, 0, 0])[0], 3)][:1] == [30]


def test_open_reconciles_missing_and_stale_ids(tmp_path):
    path = tmp_path / "i.index"
    vectors = {1: [1, 0, 0], 2: [0, 1, 0], 3: [0, 0, 1]}
    saved = VectorIndex(path, 3)
    saved.add([1, 2], unit(vectors[1], vectors[2]))
    saved.save()
    assert not path.with_name("i.index.tmp").exists()
    # SQLite now holds 2 and 3 (1 was removed, 3 added after the last save).
    opened = VectorIndex.open(
        path, 3, np.array([2, 3]), lambda ids: unit(*[vectors[i] for i in ids])
    )
    assert sorted(opened.ids().tolist()) == [2, 3]
    assert opened.search(unit([0, 0, 1])[0], 1)[0][0] == 3


def test_an_unreadable_index_file_is_rebuilt_from_sqlite(tmp_path):
    path = tmp_path / "i.index"
    path.write_bytes(b"not faiss")
    opened = VectorIndex.open(path, 3, np.array([7]), lambda ids: unit([1, 0, 0]))
    assert opened.ids().tolist() == [7]


def test_adding_an_id_twice_keeps_one_vector(tmp_path):
    index = VectorIndex(tmp_path / "i.index", 3)
    index.add([5], unit([1, 0, 0]))
    index.add([5], unit([0, 1, 0]))
    assert len(index) == 1
    assert index.search(unit([0, 1, 0])[0], 1)[0] == (5, pytest.approx(1.0))


@pytest.mark.parametrize("size", [30, 3000])  # a selector pass, and vectors read back by id
def test_a_search_among_some_ids_agrees_with_the_full_search(tmp_path, size):
    rng = np.random.default_rng(3)
    index = VectorIndex(tmp_path / "i.index", 8)
    vectors = unit(*rng.normal(size=(size, 8)))
    index.add(np.arange(size) * 2, vectors)
    query = vectors[5]
    among = np.array([4, 10, 12, 14, 16, 18, 20, 999_999])  # the last one is not held
    hits = index.search(query, 3, among)
    full = [h for h in index.search(query, size) if h[0] in set(among.tolist())][:3]
    assert [h[0] for h in hits] == [h[0] for h in full] and hits[0][0] == 10
    assert [round(h[1], 5) for h in hits] == [round(h[1], 5) for h in full]
    assert index.search(query, 3, np.array([999_999])) == []
