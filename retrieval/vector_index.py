"""FAISS as a fast cache of the vectors held in SQLite: IndexIDMap2 over chunk ids (inner
product on normalised vectors), saved atomically and reconciled with SQLite on open."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

log = logging.getLogger(__name__)


SMALL_SHARE = 10  # among fewer than a tenth of the vectors: read them back and score them


class VectorIndex:
    """Exact inner-product search over chunk ids (flat: below ~200k vectors, bench/RESULTS.md)."""

    def __init__(self, path: Path, dimension: int) -> None:
        self.path = path
        self.dimension = dimension
        self.index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self.dirty = False

    @classmethod
    def open(
        cls,
        path: Path,
        dimension: int,
        stored_ids: np.ndarray,
        load_vectors: Callable[[np.ndarray], np.ndarray],
    ) -> VectorIndex:
        """Load the saved index and reconcile it with the ids SQLite holds: vectors missing
        from the file are added from SQLite, ids SQLite no longer has are removed."""
        self = cls(path, dimension)
        if path.exists():
            try:
                loaded = faiss.read_index(str(path))
                if loaded.d == dimension:
                    self.index = loaded
            except RuntimeError as err:
                log.warning("rebuilding unreadable vector index %s: %s", path, err)
        have = self.ids()
        missing = np.setdiff1d(stored_ids, have, assume_unique=True)
        stale = np.setdiff1d(have, stored_ids, assume_unique=True)
        if len(stale):
            self.remove(stale)
        if len(missing):
            self.add(missing, load_vectors(missing))
        return self

    def ids(self) -> np.ndarray:
        """The chunk ids held (int64)."""
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under their chunk ids (replacing any already held under those ids)."""
        if len(ids) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        keys = np.asarray(ids, dtype=np.int64)
        self.index.remove_ids(keys)  # IndexIDMap would otherwise keep both copies
        self.index.add_with_ids(vectors, keys)
        self.dirty = True

    def remove(self, ids: Sequence[int] | np.ndarray) -> None:
        """Remove chunk ids (unknown ids are ignored)."""
        if len(ids) == 0:
            return
        self.index.remove_ids(np.asarray(ids, dtype=np.int64))
        self.dirty = True

    def search(
        self, vector: np.ndarray, k: int, among: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) of the k nearest vectors, best first; among: only
        these chunk ids (one document's, say)."""
        if len(self) == 0 or k <= 0 or (among is not None and len(among) == 0):
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if among is None:
            scores, ids = self.index.search(query, min(k, len(self)))
        elif len(among) * SMALL_SHARE < len(self):
            return self._search_few(query[0], k, np.asarray(among, dtype=np.int64))
        else:
            chosen = faiss.IDSelectorBatch(np.ascontiguousarray(among, dtype=np.int64))
            limit = min(k, len(among), len(self))
            scores, ids = self.index.search(
                query,
                limit,
                params=faiss.SearchParameters(sel=chosen),  # type: ignore[call-arg]
            )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def _search_few(self, query: np.ndarray, k: int, among: np.ndarray) -> list[tuple[int, float]]:
        """Among a few ids (a document or three of a large library): their vectors scored
        directly where the flat index keeps them, rather than a pass over every vector with
        a selector (which costs as much as a search of the whole library)."""
        ids = self.ids()
        positions = np.flatnonzero(np.isin(ids, among))
        if len(positions) == 0:
            return []
        flat: Any = faiss.downcast_index(self.index.index)
        stored = faiss.rev_swig_ptr(flat.get_xb(), len(self) * self.dimension)
        vectors = np.asarray(stored).reshape(len(self), self.dimension)[positions]
        scores = vectors @ query
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(ids[positions[i]]), float(scores[i])) for i in top]

    def save(self) -> None:
        """Write to a temporary file and rename it over the old one (atomic on one disk), when
        anything changed since it was read (never for a knowledge base deleted meanwhile by
        another connection: this one only read it)."""
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        faiss.write_index(self.index, str(temporary))
        os.replace(temporary, self.path)
        self.dirty = False
