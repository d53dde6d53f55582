"""The embedding model's token counter as a picklable value: a tokenizer.json path, so the
parse workers can chunk in their own processes (a closure over a loaded tokenizer is not
picklable, and ingest may not import the embedding code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class TokenizerFile:
    """A tokenizer.json: counts word pieces as the model cuts them, no padding, no
    truncation, special tokens excluded (as retrieval/embeddings.py load_token_counter)."""

    path: str

    def __call__(self, text: str) -> int:
        """Word pieces in text, special tokens excluded."""
        return len(_tokenizer(self.path).encode(text, add_special_tokens=False).ids)

    def special_tokens(self) -> int:
        """The special tokens the model adds to every text ([CLS] and [SEP] for MiniLM)."""
        return len(_tokenizer(self.path).encode("", add_special_tokens=True).ids)


@lru_cache(maxsize=4)  # one load a process: each worker loads it on its first file
def _tokenizer(path: str) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_padding()  # the saved tokenizer may pad and truncate: counting needs neither
    tokenizer.no_truncation()
    return tokenizer
