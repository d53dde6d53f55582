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


END = "<EOS>"


class ScriptedBackend:
    """An LLM that "generates" a fixed script of pieces; tokens are characters except the
    think tags, which are one token each (as in the DeepSeek-R1 vocabulary)."""

    def __init__(self, script: list[str], family: str = "default", n_ctx: int = 4096) -> None:
        self.name = "scripted-fake"
        self.family = family
        self.n_ctx = n_ctx
        self._vocab: dict[str, int] = {}
        self._pieces: list[str] = []
        self.end_tokens = frozenset({self._id(END)})
        self.script = script
        self.generations: list[ScriptedGeneration] = []

    def _id(self, piece: str) -> int:
        if piece not in self._vocab:
            self._vocab[piece] = len(self._pieces)
            self._pieces.append(piece)
        return self._vocab[piece]

    def tokenize(self, text: str) -> list[int]:
        pieces = re.findall(r"</?think>|.", text, re.S)
        return [self._id(p) for p in pieces]

    def token_bytes(self, token: int) -> bytes:
        piece = self._pieces[token]
        return b"" if piece == END else piece.encode()

    def text(self, tokens) -> str:
        return "".join(self.token_bytes(t).decode() for t in tokens)

    def chat_prompt(self, user: str, system: str | None = None) -> str:
        return (f"<sys>{system}</sys>" if system else "") + f"<user>{user}</user><assistant>"

    def start(self, prompt_tokens, params):
        generation = ScriptedGeneration(self, list(prompt_tokens))
        self.generations.append(generation)
        return generation


class ScriptedGeneration:
    """Samples the script in order, whatever was fed in between."""

    def __init__(self, backend: ScriptedBackend, prompt: list[int]) -> None:
        self.backend = backend
        self.prompt = prompt
        self.context: list[int] = []
        self.cursor = 0

    @property
    def position(self) -> int:
        return len(self.context)

    def prefill(self):
        for start in range(0, len(self.prompt), 4):
            self.context.extend(self.prompt[start : start + 4])
            yield len(self.context), len(self.prompt)

    def sample(self, forbid_end: bool = False) -> int:
        while self.cursor < len(self.backend.script):
            piece = self.backend.script[self.cursor]
            self.cursor += 1
            if not (forbid_end and piece == END):
                return self.backend._id(piece)
        return self.backend._id("." if forbid_end else END)

    def feed(self, tokens) -> None:
        self.context.extend(tokens)

    def rewind(self, count: int) -> None:
        del self.context[len(self.context) - count :]
