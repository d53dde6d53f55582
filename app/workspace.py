"""The open library of one data directory: database, vector indexes and the embedding model,
each loaded only when a command needs it (status and --help never load torch)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from app.home import offline
from app.lazy import Lazy
from app.settings import Settings
from models.discovery import EmbeddingModelInfo, bundled_embedding_path, embedding_info
from retrieval.embeddings import Embedder, LocalEmbedder, load_token_counter, query_vectors
from retrieval.onnx_export import shared_cache
from retrieval.search import Passage, Weights, default_weights, hybrid_search
from retrieval.store import KnowledgeBase, Library, LibraryError
from retrieval.vector_index import VectorIndex


def configured_embedding(settings: Settings) -> EmbeddingModelInfo:
    """The embedding model folder the settings name (the bundled one by default)."""
    if settings.embedding_model:
        return embedding_info(Path(settings.embedding_model))
    return embedding_info(bundled_embedding_path(), default=True)


def load_embedder(settings: Settings, home: Path | None = None) -> Embedder:
    """The configured embedding model (no library needed: the GUI shares one). Its ONNX
    export is looked for in home/cache/onnx and the environment's shared cache (made by the
    install step for the bundled model), and made in the first on first use."""
    info = configured_embedding(settings)
    caches = ([home / "cache" / "onnx"] if home else []) + [shared_cache()]
    return LocalEmbedder(
        Path(info.path), info.name, info.dimension, info.max_seq_length, settings.threads, caches
    )


class Workspace:
    """One THINKDESK_HOME: the library plus lazily opened models and indexes."""

    def __init__(
        self,
        home: Path,
        settings: Settings | None = None,
        embedder: Lazy[Embedder] | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """embedder: the application's one embedding model (by default this workspace loads
        the configured one itself, when it first needs it); on_wait(message): a write waits
        for another process's."""
        offline()
        self.home = home
        self.settings = settings or Settings.load(home)
        self.library = Library(home / "library.sqlite", on_wait)
        self._embedder = embedder or Lazy(lambda: load_embedder(self.settings, home))
        self._counter: tuple[Callable[[str], int], int] | None = None  # tokenizer file only
        self._indexes: dict[int, VectorIndex] = {}
        self._seen = self.library.data_version()  # when the open indexes were last reconciled
        self._closed = False

    def close(self) -> None:
        """Save dirty indexes and close the database (closed even when a save fails: the
        next open rebuilds what the file lacks from SQLite); closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        try:
            self._catch_up()  # what another process added meanwhile goes into the file too
            for index in self._indexes.values():
                index.save()
        finally:
            self.library.close()

    def embedding_info(self) -> EmbeddingModelInfo:
        """The configured embedding model folder (the bundled one by default)."""
        return configured_embedding(self.settings)

    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use."""
        return self._embedder.get()

    def embedding_identity(self) -> tuple[str, int]:
        """(model name, dimension) of the embedder, without loading it."""
        if self._embedder.loaded:
            embedder = self._embedder.get()
            return embedder.name, embedder.dimension
        info = self.embedding_info()
        return info.name, info.dimension

    def token_counter(self) -> tuple[Callable[[str], int], int]:
        """(count_tokens, max_tokens) of the embedding model: from its tokenizer file when the
        model is not loaded yet, so a batch in which every file fails never loads torch."""
        if not self._embedder.loaded:
            if self._counter is None:
                info = self.embedding_info()
                self._counter = load_token_counter(Path(info.path), info.max_seq_length)
            if self._counter is not None:
                return self._counter
        embedder = self.embedder()
        return embedder.count_tokens, embedder.max_tokens

    def use_embedder(self, embedder: Embedder) -> None:
        """Use this embedder instead of loading the configured one (unit tests)."""
        self._embedder = Lazy.of(embedder)

    def index_path(self, kb: KnowledgeBase) -> Path:
        """Where the FAISS cache of a knowledge base lives (by id: a rename keeps it)."""
        return self.home / "faiss" / f"{kb.id}.index"

    def index(self, kb: KnowledgeBase) -> VectorIndex:
        """The knowledge base's vector index, reconciled with SQLite when first opened and
        again whenever another connection has changed the library since."""
        self._catch_up()
        if kb.id not in self._indexes:
            if kb.dimension is None:
                raise LibraryError(f"knowledge base {kb.name!r} has no embedding model yet")
            self._indexes[kb.id] = VectorIndex.open(
                self.index_path(kb),
                kb.dimension,
                self.library.chunk_ids(kb),
                lambda ids: self.library.vectors(ids, kb.dimension or 0),
            )
        return self._indexes[kb.id]

    def _catch_up(self) -> None:
        """Reconcile the open indexes when another connection committed since they were."""
        version = self.library.data_version()
        if version == self._seen:
            return
        self._seen = version
        known = {kb.id: kb for kb in self.library.knowledge_bases()}
        for kb_id, index in list(self._indexes.items()):
            kb = known.get(kb_id)
            if kb is None or kb.dimension != index.dimension:  # deleted (or rebound) elsewhere
                del self._indexes[kb_id]
                continue
            index.reconcile(
                self.library.chunk_ids(kb), partial(self.library.vectors, dimension=index.dimension)
            )

    def reload_indexes(self) -> None:
        """Forget the cached indexes: another connection changed the library (they reopen and
        reconcile with SQLite on next use)."""
        self._indexes.clear()

    def drop_index(self, kb: KnowledgeBase) -> None:
        """Forget and delete the cached index of a knowledge base being deleted."""
        self._indexes.pop(kb.id, None)
        self.index_path(kb).unlink(missing_ok=True)

    def search(
        self, kb_name: str, question: str, k: int = 5, weights: Weights | None = None
    ) -> list[Passage]:
        """Hybrid search of a knowledge base; LibraryError when it is missing or empty."""
        kb = self.library.knowledge_base(kb_name)
        if not self.library.chunk_count(kb):
            raise LibraryError(f"knowledge base {kb.name!r} is empty: run `thinkdesk ingest` first")
        embedder = self.embedder()
        self.library.bind_model(kb, embedder.name, embedder.dimension)
        vector = query_vectors(embedder, [question])[0]
        weights = weights or default_weights(embedder.name)
        return hybrid_search(self.library, kb, self.index(kb), vector, question, k, weights)
