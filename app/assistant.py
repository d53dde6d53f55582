"""The assistant facade: retrieve, fit the passages into the model's context, stream the
reasoning and the answer under a thinking budget, map [n] citations back to passages.

One event stream (app/events.py) feeds the CLI and the GUI alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app.answer import Answer
from app.citations import find_markers, remove_dropped
from app.events import (
    AnswerDelta,
    AskEvent,
    Done,
    ModelLoading,
    PrefillProgress,
    Retrieved,
    ThinkingDelta,
)
from app.formatting import format_location
from app.workspace import Workspace
from models import prompts
from models.backend import LLMBackend
from models.budget import Budget, BudgetedGeneration
from models.presets import sampling, uses_system_prompt
from retrieval.search import Passage, is_cjk_query
from retrieval.store import LibraryError

THINKING_RESERVE = 1024  # context kept free for an uncapped trace


class Assistant:
    """Answers questions about one workspace's knowledge bases with a local model."""

    def __init__(
        self,
        workspace: Workspace,
        backend: Callable[[], LLMBackend],
        loaded: Callable[[], bool] = lambda: True,
        model_label: str = "model",
    ) -> None:
        """backend() gives the language model (the application model loads it once and keeps
        it, its prompt cache with it); loaded() says whether that call will be quick."""
        self.workspace = workspace
        self.backend = backend
        self._loaded = loaded
        self.model_label = model_label
        self.last_prompt: list[int] = []  # the tokens of the last prompt (benchmarks, debugging)

    def ask(
        self,
        kb_name: str,
        question: str,
        k: int = 5,
        budget: Budget | None = None,
        should_stop: Callable[[], bool] = lambda: False,
        temperature: float | None = None,
    ) -> Iterator[AskEvent]:
        """Events: ModelLoading?, Retrieved, PrefillProgress..., ThinkingDelta/AnswerDelta...,
        Done. LibraryError when the knowledge base is empty or nothing matches."""
        question = question.strip()
        if not question:
            raise LibraryError("the question is empty")
        budget = budget or Budget()
        started = time.monotonic()
        passages = self.workspace.search(kb_name, question, k)
        if not passages:
            raise LibraryError(f"nothing in {kb_name!r} matches the question")
        retrieved = time.monotonic()
        if not self._loaded():
            yield ModelLoading(self.model_label)
        backend = self.backend()
        loaded = time.monotonic()
        language = "zh" if is_cjk_query(question) else "en"
        thinking_open = opens_trace(backend.family, budget)
        params = sampling(backend.family, temperature)
        reserve = _reserve(backend.n_ctx, budget, thinking_open, params.max_answer_tokens)
        shown, prompt = self._prompt(backend, language, question, passages, reserve, thinking_open)
        yield Retrieved(shown)
        tokens = self.last_prompt = backend.tokenize(prompt)
        generation = backend.start(tokens, params)
        for done, total in generation.prefill():
            yield PrefillProgress(done, total)
            if should_stop():  # Stop works while the model reads, too
                break
        prefilled = time.monotonic()
        controller = BudgetedGeneration(
            backend, generation, params, budget, thinking_open, should_stop
        )
        texts = {"thinking": "", "answer": ""}
        first_token = None
        for delta in controller.run():
            first_token = first_token or time.monotonic()
            texts[delta.kind] += delta.text
            yield ThinkingDelta(delta.text) if delta.kind == "thinking" else AnswerDelta(delta.text)
        answer = self._finish(question, texts, shown, backend, controller)
        finished = time.monotonic()
        load_s = loaded - retrieved
        answer.timings = {
            "retrieve_s": round(retrieved - started, 3),
            "load_s": round(load_s, 3),
            "prefill_s": round(prefilled - loaded, 3),
            "first_token_s": round((first_token or finished) - started - load_s, 3),
            "total_s": round(finished - started, 3),
            "prompt_tokens": len(tokens),
            "reused_prompt_tokens": int(getattr(generation, "reused", 0)),
            "reasoning_tokens": controller.counts.reasoning_tokens,
            "answer_tokens": controller.counts.answer_tokens,
        }
        yield Done(answer)

    def _prompt(
        self,
        backend: LLMBackend,
        language: str,
        question: str,
        passages: list[Passage],
        reserve: int,
        thinking_open: bool,
    ) -> tuple[list[Passage], str]:
        """The passages that fit the context (counted with the model's own tokenizer) and the
        rendered prompt; at least the best passage, cut to fit if it must be."""
        system = prompts.system_prompt(language, backend.family)
        system = system if uses_system_prompt(backend.family) else None
        shown: list[Passage] = []
        sources: list[str] = []
        prompt = ""
        for passage in passages:
            block = prompts.passage_block(len(shown) + 1, _label(passage), passage.text)
            candidate = self._render(
                backend, language, [*sources, block], question, system, thinking_open
            )
            if len(backend.tokenize(candidate)) + reserve > backend.n_ctx:
                break
            shown.append(passage)
            sources.append(block)
            prompt = candidate
        if not shown:
            best = passages[0]
            room = max(64, backend.n_ctx - reserve - 200)
            text = _cut(backend, best.text, room)
            shown = [best]
            block = prompts.passage_block(1, _label(best), text)
            prompt = self._render(backend, language, [block], question, system, thinking_open)
        return [_renumber(p, i) for i, p in enumerate(shown, start=1)], prompt

    @staticmethod
    def _render(
        backend: LLMBackend,
        language: str,
        sources: list[str],
        question: str,
        system: str | None,
        thinking_open: bool,
    ) -> str:
        user = prompts.user_turn(language, sources, question, backend.family)
        prompt = backend.chat_prompt(user, system)
        if thinking_open and not prompt.rstrip().endswith("<think>"):
            prompt += "<think>\n"  # opens the trace for any model (s1); R1 templates do it
        return prompt

    @staticmethod
    def _finish(
        question: str,
        texts: dict[str, str],
        shown: list[Passage],
        backend: LLMBackend,
        controller: BudgetedGeneration,
    ) -> Answer:
        in_answer = find_markers(texts["answer"], len(shown))
        in_trace = find_markers(texts["thinking"], len(shown))
        cited = list(dict.fromkeys(in_answer.cited + in_trace.cited))
        dropped = list(dict.fromkeys(in_answer.dropped + in_trace.dropped))
        return Answer(
            question=question,
            answer=remove_dropped(texts["answer"], dropped).strip(),
            reasoning=texts["thinking"].strip(),
            passages=shown,
            cited=cited,
            dropped_markers=dropped,
            model=backend.name,
            stop_reason=controller.counts.stop_reason,
        )


def opens_trace(family: str, budget: Budget) -> bool:
    """R1 distills always think; any model does when a thinking budget is set (s1): with
    neither, a plain model answers directly."""
    return family == "r1" or budget.min_thinking > 0 or budget.max_thinking is not None


def _reserve(n_ctx: int, budget: Budget, thinking_open: bool, answer_tokens: int) -> int:
    """Context kept free of passages for the trace and the answer (at most half of it: the
    trace is closed early if it would run into the answer's room)."""
    thinking = 0
    if thinking_open:
        thinking = max(budget.min_thinking, budget.max_thinking or THINKING_RESERVE)
    return min(thinking + answer_tokens, n_ctx // 2)


def _label(passage: Passage) -> str:
    return f"{Path(passage.file).name}, {format_location(passage.location)}"


def _renumber(passage: Passage, rank: int) -> Passage:
    passage.rank = rank
    return passage


def _cut(backend: LLMBackend, text: str, tokens: int) -> str:
    """The start of text, at most `tokens` model tokens long."""
    ids = backend.tokenize(text)[:tokens]
    return b"".join(backend.token_bytes(t) for t in ids).decode("utf-8", errors="ignore")
