"""Embedders: sentence-transformers models from a local folder (never the hub), normalised
vectors, and the model's own token counter for the chunker."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np


class Embedder(Protocol):
    """What indexing and search need from an embedding model."""

    name: str
    dimension: int
    max_tokens: int  # word pieces a text may have before the model truncates it

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        ...

    def count_tokens(self, text: str) -> int:
        """Word pieces in text, special tokens excluded."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a folder on this machine."""

    def __init__(self, folder: Path, name: str, threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # stderr belongs to our own progress
        transformers_logging.set_verbosity_error()

        if threads:
            torch.set_num_threads(threads)
        self.model: Any = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.name = name
        self.dimension = int(self.model.get_embedding_dimension() or 0)
        tokenizer = self.model.tokenizer
        self._counter = tokenizer.backend_tokenizer.__class__.from_str(
            tokenizer.backend_tokenizer.to_str()
        )
        self._counter.no_padding()
        self._counter.no_truncation()
        special = tokenizer.num_special_tokens_to_add(pair=False)
        self.max_tokens = int(self.model.max_seq_length or 512) - special

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text, in batches of 32."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        """Word pieces in text as this model's tokenizer cuts it (no special tokens)."""
        return len(self._counter.encode(text, add_special_tokens=False).ids)


def load_token_counter(folder: Path, max_seq_length: int) -> tuple[Any, int] | None:
    """(count_tokens, max_tokens) from a model folder's tokenizer.json alone, without loading
    torch or the weights (chunking needs only this); None when the folder has no such file."""
    path = folder / "tokenizer.json"
    if not path.is_file():
        return None
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()  # the saved tokenizer may pad and truncate: counting needs neither
    tokenizer.no_truncation()
    special = len(tokenizer.encode("", add_special_tokens=True).ids)

    def count_tokens(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    return count_tokens, max_seq_length - special
