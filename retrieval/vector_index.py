"""FAISS as a fast cache of the vectors held in SQLite, over chunk ids (inner product on
normalised vectors): exact (flat) up to FLAT_MAX vectors, an inverted file (IVF) above it;
saved atomically and reconciled with SQLite on open."""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from retrieval.durable import replace_atomically

log = logging.getLogger(__name__)


SMALL_SHARE = 10  # among fewer than a tenth of the vectors: read them back and score them
# Above this many vectors the exact scan costs more than a search's share (0.23 us a vector
# on one core: ~7 ms here, 23 ms at 100k) and an IVF index takes over (bench/RESULTS.md).
FLAT_MAX = 30_000
FLAT_BACK = FLAT_MAX // 2  # an IVF library shrunk below this is made exact again
LISTS_PER_ROOT = 4  # IVF lists: 4 * sqrt(vectors)
PROBE_SHARE = 16  # lists searched: one in PROBE_SHARE (recall@10 >= 0.98, bench/RESULTS.md)
MIN_PROBES = 32
TRAIN_PER_LIST = 40  # k-means sample: this many vectors a list (faiss wants 39 at least)


def lists_for(size: int) -> int:
    """The number of IVF lists for a library of this many vectors."""
    return max(64, int(LISTS_PER_ROOT * math.sqrt(size)))


def probes_for(lists: int) -> int:
    """The number of IVF lists one search reads."""
    return min(lists, max(MIN_PROBES, lists // PROBE_SHARE))


@contextmanager
def threads(count: int) -> Iterator[None]:
    """FAISS's OpenMP threads for a block: every core to train and add; one for a single
    query (a flat scan of one query gains nothing from more, and spinning threads slowed it
    2.5 times on a shared 2-core machine)."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(count)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


class VectorIndex:
    """Inner-product search over chunk ids: exact below FLAT_MAX vectors, IVF above."""

    def __init__(self, path: Path, dimension: int) -> None:
        self.path = path
        self.dimension = dimension
        self.index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self.dirty = False
        self._ids: np.ndarray | None = None  # the ids held, while unchanged (IVF)
        self.unreadable: str | None = None  # why the saved file could not be used, if so
        self.reconciled = (0, 0)  # vectors added from SQLite and removed, when last reconciled

    @classmethod
    def open(
        cls,
        path: Path,
        dimension: int,
        stored_ids: np.ndarray,
        load_vectors: Callable[[np.ndarray], np.ndarray],
    ) -> VectorIndex:
        """Load the saved index and reconcile it with the ids SQLite holds: vectors missing
        from the file are added from SQLite, ids SQLite no longer has are removed; an index
        of the wrong kind for its size is rebuilt (once, when the library crosses FLAT_MAX)."""
        self = cls(path, dimension)
        if path.exists():
            try:
                loaded = faiss.read_index(str(path))
                if loaded.d == dimension:
                    self.index = loaded
                else:
                    self.unreadable = f"holds {loaded.d}-dimensional vectors, not {dimension}"
            except RuntimeError as err:
                log.warning("rebuilding unreadable vector index %s: %s", path, err)
                self.unreadable = str(err).splitlines()[-1][:200]
        self.reconcile(stored_ids, load_vectors)
        return self

    def reconcile(
        self, stored_ids: np.ndarray, load_vectors: Callable[[np.ndarray], np.ndarray]
    ) -> tuple[int, int]:
        """Make the index hold exactly the ids SQLite holds; returns (added, removed)."""
        have = self.ids()
        missing = np.setdiff1d(stored_ids, have, assume_unique=True)
        stale = np.setdiff1d(have, stored_ids, assume_unique=True)
        if len(stale):
            self.remove(stale)
        if len(missing):
            self.add(missing, load_vectors(missing))
        self.fit()  # nothing changed, but FLAT_MAX may have
        self.reconciled = (len(missing), len(stale))
        return self.reconciled

    @staticmethod
    def saved_ids(path: Path) -> np.ndarray:
        """The chunk ids the saved file holds (none when it is missing or unreadable)."""
        try:
            loaded = faiss.read_index(str(path))
        except RuntimeError:
            return np.empty(0, np.int64)
        saved = VectorIndex(path, loaded.d)
        saved.index = loaded
        return saved.ids()

    @property
    def kind(self) -> str:
        """ "flat" (exact) or "ivf"."""
        return "ivf" if isinstance(self.index, faiss.IndexIVF) else "flat"

    def ids(self) -> np.ndarray:
        """The chunk ids held (int64)."""
        if self.kind == "flat":
            return faiss.vector_to_array(self.index.id_map).astype(np.int64)
        if self._ids is None:
            lists = self.index.invlists
            parts = [
                faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i))
                for i in range(lists.nlist)
                if lists.list_size(i)
            ]
            self._ids = np.concatenate(parts).astype(np.int64) if parts else np.empty(0, np.int64)
        return self._ids

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under their chunk ids (replacing any already held under those ids)."""
        if len(ids) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        keys = np.asarray(ids, dtype=np.int64)
        with threads(os.cpu_count() or 1):
            self.index.remove_ids(keys)  # an id map would otherwise keep both copies
            self.index.add_with_ids(vectors, keys)
        self._changed()
        self.fit()

    def remove(self, ids: Sequence[int] | np.ndarray) -> None:
        """Remove chunk ids (unknown ids are ignored)."""
        if len(ids) == 0:
            return
        self.index.remove_ids(np.asarray(ids, dtype=np.int64))
        self._changed()
        self.fit()

    def _changed(self) -> None:
        self.dirty = True
        self._ids = None

    def fit(self) -> None:
        """Rebuild as the kind its size wants: IVF above FLAT_MAX vectors (again with more
        lists once it has grown fourfold), exact below FLAT_BACK."""
        size = len(self)
        if self.kind == "flat" and size > FLAT_MAX:
            self._rebuild(lists_for(size))
        elif self.kind == "ivf" and size < FLAT_BACK:
            self._rebuild(0)
        elif self.kind == "ivf" and lists_for(size) >= 2 * self.index.nlist:
            self._rebuild(lists_for(size))

    def _rebuild(self, lists: int) -> None:
        """Move every vector into a new index: flat (lists 0) or IVF trained on a sample."""
        ids = self.ids().copy()
        vectors = self.vectors(ids)
        log.info("rebuilding vector index %s: %d vectors, %d lists", self.path, len(ids), lists)
        with threads(os.cpu_count() or 1):
            if lists == 0:
                self.index = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))
            else:
                quantizer = faiss.IndexFlatIP(self.dimension)
                ivf = faiss.IndexIVFFlat(
                    quantizer, self.dimension, lists, faiss.METRIC_INNER_PRODUCT
                )
                ivf.cp.niter = 10
                sample = np.random.default_rng(0).permutation(len(ids))[: TRAIN_PER_LIST * lists]
                ivf.train(vectors[np.sort(sample)])
                # vectors read back by id (the scoped search), removable
                ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
                self.index = ivf
            self.index.add_with_ids(vectors, ids)
        self._changed()

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The vectors held under these ids (all held), in that order."""
        if self.kind == "ivf":
            return self.index.reconstruct_batch(np.asarray(ids, dtype=np.int64))
        held = self.ids()
        order = np.argsort(held)
        return self._flat_vectors()[order[np.searchsorted(held, ids, sorter=order)]]

    def _flat_vectors(self) -> np.ndarray:
        flat: Any = faiss.downcast_index(self.index.index)
        stored = faiss.rev_swig_ptr(flat.get_xb(), len(self) * self.dimension)
        return np.asarray(stored).reshape(len(self), self.dimension)

    def search(
        self, vector: np.ndarray, k: int, among: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) of the k nearest vectors, best first; among: only
        these chunk ids (one document's, say), scored exactly."""
        if len(self) == 0 or k <= 0 or (among is not None and len(among) == 0):
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        with threads(1):
            if among is None:
                scores, ids = self.index.search(query, min(k, len(self)), params=self._probes())
            elif len(among) * SMALL_SHARE < len(self):
                return self._search_few(query[0], k, np.asarray(among, dtype=np.int64))
            else:
                scores, ids = self._search_selected(query, k, among)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def _probes(self) -> Any:
        if self.kind == "flat":
            return None
        return faiss.SearchParametersIVF(nprobe=probes_for(self.index.nlist))  # type: ignore[call-arg]

    def _search_selected(
        self, query: np.ndarray, k: int, among: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A pass over every vector with a selector (every IVF list: exact)."""
        chosen = faiss.IDSelectorBatch(np.ascontiguousarray(among, dtype=np.int64))
        limit = min(k, len(among), len(self))
        params: Any
        if self.kind == "ivf":
            params = faiss.SearchParametersIVF(  # type: ignore[call-arg]
                sel=chosen, nprobe=self.index.nlist
            )
        else:
            params = faiss.SearchParameters(sel=chosen)  # type: ignore[call-arg]
        scores, ids = self.index.search(query, limit, params=params)
        return scores, ids

    def _search_few(self, query: np.ndarray, k: int, among: np.ndarray) -> list[tuple[int, float]]:
        """Among a few ids (a document or three of a large library): their vectors read back
        and scored directly, rather than a pass over every vector with a selector (which
        costs as much as a search of the whole library)."""
        ids = self.ids()
        positions = np.flatnonzero(np.isin(ids, among))
        if len(positions) == 0:
            return []
        held = ids[positions]
        if self.kind == "ivf":
            vectors = self.index.reconstruct_batch(held)
        else:
            vectors = self._flat_vectors()[positions]
        scores = vectors @ query
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(held[i]), float(scores[i])) for i in top]

    def save(self) -> None:
        """Write to a temporary file and rename it over the old one (atomic and durable), when
        anything changed since it was read (never for a knowledge base deleted meanwhile by
        another connection: this one only read it)."""
        if not self.dirty:
            return
        replace_atomically(
            self.path, lambda temporary: faiss.write_index(self.index, str(temporary))
        )
        self.dirty = False
