"""The small interface every local LLM backend offers, and the sampling parameters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SamplingParams:
    """How tokens are drawn; presets per model family live in models/presets.py."""

    temperature: float = 0.3
    top_p: float = 0.9
    top_k: int = 40
    repeat_penalty: float = 1.1
    max_answer_tokens: int = 512
    seed: int = 42


class Generation(Protocol):
    """One generation in progress: the prompt is prefilled, then tokens are sampled one at a
    time; the caller feeds each token back (or other tokens instead) and may rewind."""

    @property
    def position(self) -> int:
        """Tokens in the context now."""
        ...

    def prefill(self) -> Iterator[tuple[int, int]]:
        """Evaluate the prompt in batches, yielding (tokens done, tokens total)."""
        ...

    def sample(self, forbid_end: bool = False) -> int:
        """The next token (never an end-of-generation token when forbid_end is true)."""
        ...

    def feed(self, tokens: Sequence[int]) -> None:
        """Append tokens to the context."""
        ...

    def rewind(self, count: int) -> None:
        """Drop the last count tokens from the context."""
        ...


class LLMBackend(Protocol):
    """A loaded model: tokenizer, chat template and generation."""

    name: str
    family: str  # "r1" (reasoning, DeepSeek-R1 distills) or "default"
    n_ctx: int
    end_tokens: frozenset[int]

    def tokenize(self, text: str) -> list[int]:
        """Tokens of text (special tokens such as </think> recognised, no BOS)."""
        ...

    def token_bytes(self, token: int) -> bytes:
        """The UTF-8 bytes a token stands for (possibly part of a character)."""
        ...

    def chat_prompt(self, user: str, system: str | None = None) -> str:
        """A one-turn chat rendered with the model's template, ready for the reply."""
        ...

    def start(self, prompt_tokens: Sequence[int], params: SamplingParams) -> Generation:
        """Begin a generation (reusing the cached prompt prefix where it matches)."""
        ...
