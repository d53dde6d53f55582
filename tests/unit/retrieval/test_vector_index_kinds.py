"""The vector index by size: exact below FLAT_MAX, IVF above, rebuilt when a library crosses
the threshold, saved and reconciled like the exact one."""

import numpy as np
import pytest

from retrieval import vector_index
from retrieval.vector_index import VectorIndex

DIM = 16


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    monkeypatch.setattr(vector_index, "FLAT_MAX", 600)
    monkeypatch.setattr(vector_index, "FLAT_BACK", 300)


def clustered(n, seed=1):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(20, DIM))
    out = centres[rng.integers(0, 20, n)] + rng.normal(0, 0.2, (n, DIM))
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def test_a_library_crossing_the_threshold_becomes_ivf_with_the_same_ids(tmp_path):
    index = VectorIndex(tmp_path / "i.index", DIM)
    data = clustered(1000)
    index.add(np.arange(500) * 2, data[:500])
    assert index.kind == "flat"
    index.add(np.arange(500, 1000) * 2, data[500:])
    assert index.kind == "ivf" and index.index.nlist == vector_index.lists_for(1000)
    assert sorted(index.ids().tolist()) == list(range(0, 2000, 2))
    hits = index.search(data[7], 5)
    assert hits[0] == (14, pytest.approx(1.0, abs=1e-5))


def test_ivf_finds_what_exact_search_finds(tmp_path):
    data = clustered(3000)
    ivf = VectorIndex(tmp_path / "a.index", DIM)
    ivf.add(np.arange(3000), data)
    truth = data @ clustered(50, seed=2).T
    found = 0
    for column, query in enumerate(clustered(50, seed=2)):
        best = set(np.argsort(-truth[:, column])[:10].tolist())
        found += len(best & {i for i, _ in ivf.search(query, 10)})
    assert ivf.kind == "ivf" and found / 500 >= 0.98


def test_an_ivf_index_is_saved_reopened_and_reconciled(tmp_path):
    path = tmp_path / "i.index"
    data = clustered(1000)
    saved = VectorIndex(path, DIM)
    saved.add(np.arange(1000), data)
    saved.save()
    # SQLite no longer holds 0-99 and holds a new 5000
    stored = np.append(np.arange(100, 1000), 5000)
    opened = VectorIndex.open(path, DIM, stored, lambda ids: data[: len(ids)])
    assert opened.kind == "ivf" and sorted(opened.ids().tolist()) == stored.tolist()
    assert opened.search(data[0], 1)[0][0] == 5000  # 5000 was given data[0]'s vector


def test_replacing_an_id_in_ivf_keeps_one_vector(tmp_path):
    index = VectorIndex(tmp_path / "i.index", DIM)
    data = clustered(1000)
    index.add(np.arange(1000), data)
    index.add([3], data[500:501])
    assert len(index) == 1000
    assert {i for i, _ in index.search(data[500], 2)} == {3, 500}


def test_a_library_shrinking_well_below_the_threshold_is_exact_again(tmp_path):
    index = VectorIndex(tmp_path / "i.index", DIM)
    data = clustered(1000)
    index.add(np.arange(1000), data)
    index.remove(np.arange(800))
    assert index.kind == "flat" and sorted(index.ids().tolist()) == list(range(800, 1000))
    assert index.search(data[900], 1)[0][0] == 900


@pytest.mark.parametrize("among", [np.arange(40, 60), np.arange(0, 1000, 2)])  # few, many
def test_a_search_among_some_ids_of_ivf_is_exact(tmp_path, among):
    index = VectorIndex(tmp_path / "i.index", DIM)
    data = clustered(1000)
    index.add(np.arange(1000), data)
    query = clustered(1, seed=3)[0]
    scores = data[among] @ query
    expected = among[np.argsort(-scores, kind="stable")[:5]].tolist()
    assert index.kind == "ivf"
    assert [i for i, _ in index.search(query, 5, among)] == expected
