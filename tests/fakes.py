"""Deterministic fakes for unit tests: a hashing embedder with a word-piece-like counter."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_WORDS = re.compile(r"[\u4e00-\u9fff]|\w+|[^\w\s]")


class HashingEmbedder:
    """Bag-of-words vectors from hashed tokens: texts sharing words are near each other."""

    def __init__(self, dimension: int = 64, name: str = "hashing-fake") -> None:
        self.name = name
        self.dimension = dimension
        self.max_tokens = 120
        self.calls = 0

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _WORDS.findall(text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out

    def count_tokens(self, text: str) -> int:
        return len(_WORDS.findall(text))
