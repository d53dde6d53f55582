"""The llama-cpp-python backend: the model loaded once, threads set explicitly, the prompt
prefilled in batches with progress, the cached prefix of the last prompt reused."""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from models import chat_template
from models.backend import SamplingParams
from models.discovery import ModelError, gguf_info
from models.presets import family

# The prompt is evaluated in steps that report progress: the first of PREFILL_BATCH tokens,
# the next sized to take about PREFILL_STEP_S at the pace of the one before, at most the
# model's n_batch (what llama.cpp evaluates in one pass): a fast model reports a few times,
# not once every 64 tokens, and a large model's bar still moves every second or two.
N_BATCH = 512
PREFILL_BATCH, PREFILL_STEP_S, PREFILL_MAX = 64, 1.0, N_BATCH


def memory_available() -> int:
    """Bytes of memory available now, or 0 when the system does not say."""
    try:
        return int(psutil.virtual_memory().available)
    except OSError:  # e.g. a Linux sandbox without /proc
        return 0


class LlamaCppBackend:
    """A GGUF model run by llama.cpp on the CPU."""

    def __init__(self, path: Path, n_ctx: int = 4096, n_threads: int | None = None) -> None:
        info = gguf_info(path)
        self.info = info
        self.name = info.name
        self.family = family(info)
        self.n_ctx = min(n_ctx, info.context_length or n_ctx)
        needed, available = info.memory_needed(self.n_ctx), memory_available()
        if available and needed > available:
            raise ModelError(
                f"{path.name} needs about {needed / 2**30:.1f} GB of memory at a context of "
                f"{self.n_ctx} tokens, but only {available / 2**30:.1f} GB is free: choose a "
                "smaller model or a smaller context size"
            )
        if info.chat_template:  # tried in the sandbox before llama.cpp reads the file
            try:
                chat_template.check(info.chat_template)
            except chat_template.TemplateRefused as err:
                raise ModelError(f"{path.name}: its chat template is refused: {err}") from None
        from llama_cpp import Llama

        threads = n_threads or max(1, os.cpu_count() or 1)
        try:
            self.llm: Any = Llama(
                model_path=str(path),
                n_ctx=self.n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                n_batch=N_BATCH,
                verbose=False,
            )
        except (ValueError, RuntimeError) as err:
            raise ModelError(f"cannot load {path.name}: {err}") from None
        self.end_tokens = frozenset(self._end_tokens())
        self._template = self._formatter()

    def _end_tokens(self) -> set[int]:
        tokens = {self.llm.token_eos()}
        vocab = self.llm._model.vocab
        from llama_cpp import llama_cpp

        for token in range(self.llm.n_vocab()):
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                tokens.add(token)
        return tokens

    def _formatter(self) -> chat_template.ChatTemplate | None:
        if not self.info.chat_template:
            return None
        bos = self.llm.detokenize([self.llm.token_bos()], special=True).decode(errors="ignore")
        eos = self.llm.detokenize([self.llm.token_eos()], special=True).decode(errors="ignore")
        return chat_template.ChatTemplate(self.info.chat_template, bos_token=bos, eos_token=eos)

    def tokenize(self, text: str) -> list[int]:
        """Tokens of text; special tokens (</think> in R1 vocabularies) are recognised."""
        return list(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def token_bytes(self, token: int) -> bytes:
        """The bytes of one token (special tokens spelled out)."""
        return bytes(self.llm.detokenize([token], special=True))

    def chat_prompt(self, user: str, system: str | None = None) -> str:
        """The chat template rendered for one user turn, with the generation prompt."""
        messages = ([{"role": "system", "content": system}] if system else []) + [
            {"role": "user", "content": user}
        ]
        if self._template is None:
            return (f"{system}\n\n" if system else "") + f"{user}\n\nAnswer:"
        try:
            try:
                return self._template.render(messages)
            except chat_template.TemplateRaised:  # e.g. "System role not supported"
                if not system:
                    raise
                alone = [{"role": "user", "content": f"{system}\n\n{user}"}]
                return self._template.render(alone)
        except chat_template.TemplateRefused as err:
            raise ModelError(f"{self.name}: its chat template failed: {err}") from None

    def start(self, prompt_tokens: Sequence[int], params: SamplingParams) -> LlamaGeneration:
        """A generation of prompt_tokens: with a BOS token when the model wants one."""
        tokens = list(prompt_tokens)
        bos = self.llm.token_bos()
        if self.llm._model.add_bos_token() and bos >= 0 and (not tokens or tokens[0] != bos):
            tokens.insert(0, bos)
        return LlamaGeneration(self, tokens, params)


class LlamaGeneration:
    """One generation on a LlamaCppBackend (see models.backend.Generation)."""

    def __init__(self, backend: LlamaCppBackend, prompt: list[int], params: SamplingParams):
        self.backend = backend
        self.llm = backend.llm
        self.prompt = prompt
        self.params = params
        self.reused = 0  # prompt tokens taken from the cache of the previous generation
        # One sampler for the whole generation: Llama.sample() without one builds a fresh
        # chain per token, whose repeat penalty never sees the tokens before.
        self.llm.set_seed(params.seed)
        self._sampler = self.llm._init_sampler(
            top_k=params.top_k,
            top_p=params.top_p,
            min_p=0.05,
            temp=params.temperature,
            repeat_penalty=params.repeat_penalty,
        )

    @property
    def position(self) -> int:
        return int(self.llm.n_tokens)

    def prefill(self) -> Iterator[tuple[int, int]]:
        """Evaluate the prompt in steps of about PREFILL_STEP_S (the first PREFILL_BATCH
        tokens), reusing the cached prefix; yields (tokens evaluated, prompt tokens)."""
        llm = self.llm
        cached = list(llm.input_ids[: llm.n_tokens])
        common = 0
        for a, b in zip(cached, self.prompt, strict=False):
            if a != b:
                break
            common += 1
        common = min(common, len(self.prompt) - 1)  # evaluate at least one token for logits
        llm.n_tokens = common
        self.reused = common
        total = len(self.prompt)
        if len(self.prompt) > self.backend.n_ctx:
            raise ModelError(f"the prompt ({total} tokens) is longer than the context")
        start, step = common, PREFILL_BATCH
        while start < total:
            begun = time.perf_counter()
            llm.eval(self.prompt[start : start + step])
            spent = time.perf_counter() - begun
            start = min(start + step, total)
            yield start, total
            pace = step / spent if spent > 0 else PREFILL_MAX / PREFILL_STEP_S
            step = max(PREFILL_BATCH, min(PREFILL_MAX, int(pace * PREFILL_STEP_S)))

    def sample(self, forbid_end: bool = False) -> int:
        """Sample the next token with the generation's parameters."""
        self.llm._sampler = self._sampler
        try:
            token = int(self.llm.sample())
        finally:
            self.llm._sampler = None
        if forbid_end and token in self.backend.end_tokens:
            token = self._best_non_end()
        return token

    def _best_non_end(self) -> int:
        logits = np.ctypeslib.as_array(
            ctypes.cast(self.llm._ctx.get_logits(), ctypes.POINTER(ctypes.c_float)),
            shape=(self.llm.n_vocab(),),
        ).copy()
        logits[list(self.backend.end_tokens)] = -np.inf
        return int(np.argmax(logits))

    def feed(self, tokens: Sequence[int]) -> None:
        """Evaluate tokens after the current position."""
        if tokens:
            self.llm.eval(list(tokens))

    def rewind(self, count: int) -> None:
        """Forget the last count tokens (the next eval drops them from the KV cache)."""
        self.llm.n_tokens = max(0, self.llm.n_tokens - count)
