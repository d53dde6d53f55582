"""Repeated text within one ingest run (boilerplate: the header, footer or disclaimer a broker
puts on every page and in every report): what was already worked out for a text, kept by a
digest of it, so the same text is embedded once. Bounded, least recently used first out."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")
LIMIT = 50_000  # digests kept: at 384 float32 dimensions, at most about 80 MB of vectors


def text_key(text: str) -> bytes:
    """A 16-byte digest of text (the key: the texts themselves may be long)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Repeats(Generic[T]):
    """A bounded map from a text's digest to a value (its vector), and where a bare chunk
    text was first seen (to tell boilerplate that repeats across documents)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._values: OrderedDict[bytes, T] = OrderedDict()
        self._first_in: OrderedDict[bytes, str] = OrderedDict()
        self.reused = 0  # the caller's count of texts it did not embed a second time

    def get(self, key: bytes) -> T | None:
        """The value kept for key, or None."""
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: bytes, value: T) -> None:
        """Keep value for key, dropping the least recently used one beyond the limit."""
        self._values[key] = value
        self._values.move_to_end(key)
        _trim(self._values, self.limit)

    def each(self, texts: list[str], make: Callable[[list[str]], Sequence[T]]) -> list[T]:
        """The value of each text: one kept for the same text is reused, the others made by
        make(new texts), each distinct text once, and kept for the texts that follow."""
        keys = [text_key(t) for t in texts]
        found: dict[bytes, T] = {}
        for key in dict.fromkeys(keys):
            value = self.get(key)
            if value is not None:
                found[key] = value
        new = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
        self.reused += len(texts) - len(new)
        if new:
            for key, value in zip(new, make(list(new.values())), strict=True):
                found[key] = value
                self.put(key, value)
        return [found[key] for key in keys]

    def seen_elsewhere(self, text: str, document: str) -> bool:
        """Whether text was met in another document of this run (first time: remembered)."""
        key = text_key(text)
        first = self._first_in.setdefault(key, document)
        self._first_in.move_to_end(key)
        _trim(self._first_in, self.limit)
        return first != document


def _trim(entries: OrderedDict[bytes, V], limit: int) -> None:
    while len(entries) > limit:
        entries.popitem(last=False)
