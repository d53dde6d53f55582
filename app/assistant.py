"""The assistant facade: retrieve, fit the passages into the model's context, stream the
reasoning and the answer under a thinking budget, map [n] citations back to passages.

One event stream (app/events.py) feeds the CLI and the GUI alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

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
from app.llm import Backend
from app.workspace import Workspace
from models import prompts
from models.backend import LLMBackend, SamplingParams
from models.budget import Budget, BudgetedGeneration
from models.endpoint import EndpointBackend, EndpointChat, EndpointCounts
from models.presets import sampling, thinking_budget, uses_system_prompt
from models.reasoning import CLOSE
from retrieval.search import Passage, is_cjk_query
from retrieval.store import LibraryError

THINKING_RESERVE = 1024  # context kept free for an uncapped trace
MESSAGE_TOKENS = 16  # a chat template's role markers around the messages (a server's own)


class Assistant:
    """Answers questions about one workspace's knowledge bases with a local model or a model
    server (models/endpoint.py), behind the same events."""

    def __init__(
        self,
        workspace: Workspace,
        backend: Callable[[], Backend],
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
        Done. LibraryError when the knowledge base is empty or nothing matches; ModelError
        when a model server fails."""
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
        on_desk = not isinstance(backend, EndpointBackend)
        budget = thinking_budget(backend.family, budget, opened_trace=on_desk)
        request = _Request(question, "zh" if is_cjk_query(question) else "en", passages, budget)
        request.thinking_open = opens_trace(backend.family, budget)
        request.prompted = on_desk and request.thinking_open and backend.family != "r1"
        request.params = sampling(backend.family, temperature)
        if isinstance(backend, EndpointBackend):
            run = yield from self._start_remote(backend, request, should_stop)
        else:
            local = cast(LLMBackend, backend)
            run = yield from self._start_local(local, request, should_stop)
        texts = {"thinking": "", "answer": ""}
        first_token = None
        for delta in run.controller.run():
            first_token = first_token or time.monotonic()
            texts[delta.kind] += delta.text
            yield ThinkingDelta(delta.text) if delta.kind == "thinking" else AnswerDelta(delta.text)
        answer = self._finish(question, texts, run.shown, backend, run.controller)
        finished = time.monotonic()
        load_s = loaded - retrieved
        counts = run.controller.counts
        answer.timings = {
            "retrieve_s": round(retrieved - started, 3),
            "load_s": round(load_s, 3),
            "prefill_s": round(run.prefilled() - loaded, 3),
            "first_token_s": round((first_token or finished) - started - load_s, 3),
            "total_s": round(finished - started, 3),
            "prompt_tokens": run.prompt_tokens(),
            "reused_prompt_tokens": run.reused,
            "reasoning_tokens": counts.reasoning_tokens,
            "answer_tokens": counts.answer_tokens,
        }
        if isinstance(counts, EndpointCounts):
            note = counts.budget_note
        else:
            note = counts.note(request.budget)  # what the budget had to force, if anything
        if note:
            answer.timings["budget_note"] = note
        yield Done(answer)

    def _start_local(
        self, backend: LLMBackend, request: _Request, should_stop: Callable[[], bool]
    ) -> Generator[AskEvent, None, _Run]:
        """Fit the prompt with the model's tokenizer, prefill it with progress."""
        params, thinking_open = request.params, request.thinking_open
        reserve = _reserve(backend.n_ctx, request.budget, thinking_open, params.max_answer_tokens)
        shown, prompt = self._prompt(backend, request, reserve)
        yield Retrieved(shown)
        tokens = self.last_prompt = backend.tokenize(prompt)
        generation = backend.start(tokens, params)
        for done, total in generation.prefill():
            yield PrefillProgress(done, total)
            if should_stop():  # Stop works while the model reads, too
                break
        prefilled = time.monotonic()
        close = prompts.trace_markers(request.language)[1] if request.prompted else CLOSE
        controller = BudgetedGeneration(
            backend, generation, params, request.budget, thinking_open, should_stop, close
        )
        reused = int(getattr(generation, "reused", 0))
        return _Run(shown, controller, lambda: prefilled, lambda: len(tokens), reused)

    def _start_remote(
        self, backend: EndpointBackend, request: _Request, should_stop: Callable[[], bool]
    ) -> Generator[AskEvent, None, _Run]:
        """Fit the messages with the server's token counts; the server reads them itself (no
        progress to show), so prefill_s is the wait for its first streamed chunk."""
        params, thinking_open = request.params, request.thinking_open
        reserve = _reserve(backend.n_ctx, request.budget, thinking_open, params.max_answer_tokens)
        system = prompts.system_prompt(request.language, backend.family)
        system = system if uses_system_prompt(backend.family) else None
        overhead = backend.count_tokens(system or "") + MESSAGE_TOKENS

        def render(sources: list[str]) -> str:
            return prompts.user_turn(request.language, sources, request.question, backend.family)

        shown, user, used = _fit(
            request.passages,
            render,
            lambda user: backend.count_tokens(user) + overhead,
            lambda text, tokens: _cut_estimated(backend, text, tokens),
            reserve,
            backend.n_ctx,
        )
        yield Retrieved(shown)
        sent = time.monotonic()
        room = backend.n_ctx - used
        budget = Budget(request.budget.min_thinking, request.budget.cap)  # a minimum's cap too
        chat = backend.chat(system, user, params, budget, thinking_open, room, should_stop)

        def prompt_tokens() -> int:
            return chat.counts.prompt_tokens or used

        return _Run(shown, chat, lambda: chat.first_event_s or sent, prompt_tokens, 0)

    def _prompt(
        self, backend: LLMBackend, request: _Request, reserve: int
    ) -> tuple[list[Passage], str]:
        """The passages that fit the context (counted with the model's own tokenizer) and the
        rendered prompt; at least the best passage, cut to fit if it must be."""
        words = _trace_words(request.budget) if request.prompted else None
        system = prompts.system_prompt(request.language, backend.family, words)
        system = system if uses_system_prompt(backend.family) else None

        def render(sources: list[str]) -> str:
            return self._render(backend, request, sources, system)

        shown, prompt, _ = _fit(
            request.passages,
            render,
            lambda prompt: len(backend.tokenize(prompt)),
            lambda text, tokens: _cut(backend, text, tokens),
            reserve,
            backend.n_ctx,
        )
        return shown, prompt

    @staticmethod
    def _render(
        backend: LLMBackend, request: _Request, sources: list[str], system: str | None
    ) -> str:
        user = prompts.user_turn(request.language, sources, request.question, backend.family)
        prompt = backend.chat_prompt(user, system)
        if request.prompted:
            return prompt + prompts.trace_markers(request.language)[0]  # a trace in words
        if request.thinking_open and not prompt.rstrip().endswith("<think>"):
            prompt += "<think>\n"  # opens the trace for any model (s1); R1 templates do it
        return prompt

    @staticmethod
    def _finish(
        question: str,
        texts: dict[str, str],
        shown: list[Passage],
        backend: Backend,
        controller: BudgetedGeneration | EndpointChat,
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
    """R1 distills always think; any model does when a thinking budget is set (s1), which
    models.presets.thinking_budget does by default for a local model: with neither, or with
    a maximum of 0, a plain model answers directly."""
    return family == "r1" or budget.min_thinking > 0 or (budget.max_thinking or 0) > 0


def _trace_words(budget: Budget) -> int:
    """The words a prompted trace is asked to stay within: about half its cap in tokens, so
    that the model ends it itself (a word is one to two tokens)."""
    cap = budget.cap if budget.cap is not None else THINKING_RESERVE
    return max(20, max(cap, budget.min_thinking) // 2)


def _reserve(n_ctx: int, budget: Budget, thinking_open: bool, answer_tokens: int) -> int:
    """Context kept free of passages for the trace and the answer (at most half of it: the
    trace is closed early if it would run into the answer's room)."""
    thinking = 0
    if thinking_open:
        thinking = max(budget.min_thinking, THINKING_RESERVE if budget.cap is None else budget.cap)
    return min(thinking + answer_tokens, n_ctx // 2)


def _fit(
    passages: list[Passage],
    render: Callable[[list[str]], str],
    size: Callable[[str], int],
    cut: Callable[[str, int], str],
    reserve: int,
    n_ctx: int,
) -> tuple[list[Passage], str, int]:
    """The passages whose rendering fits n_ctx with reserve tokens to spare, the rendering
    and its size; at least the best passage, cut to fit if it must be."""
    shown: list[Passage] = []
    sources: list[str] = []
    prompt, used = "", 0
    for passage in passages:
        block = prompts.passage_block(len(shown) + 1, _label(passage), passage.text)
        candidate = render([*sources, block])
        tokens = size(candidate)
        if tokens + reserve > n_ctx:
            break
        shown.append(passage)
        sources.append(block)
        prompt, used = candidate, tokens
    if not shown:
        best = passages[0]
        room = max(64, n_ctx - reserve - 200)
        shown = [best]
        prompt = render([prompts.passage_block(1, _label(best), cut(best.text, room))])
        used = size(prompt)
    return [_renumber(p, i) for i, p in enumerate(shown, start=1)], prompt, used


@dataclass
class _Request:
    """One question on its way to a model."""

    question: str
    language: str
    passages: list[Passage]
    budget: Budget
    thinking_open: bool = False
    prompted: bool = False  # a trace in words, opened for a model that does not think itself
    params: SamplingParams = field(default_factory=SamplingParams)


@dataclass
class _Run:
    """A started answer: the passages shown, what streams it, and its numbers (read once it
    has run: a server's first chunk and its own prompt count arrive while it streams)."""

    shown: list[Passage]
    controller: BudgetedGeneration | EndpointChat
    prefilled: Callable[[], float]
    prompt_tokens: Callable[[], int]
    reused: int


def _label(passage: Passage) -> str:
    return f"{Path(passage.file).name}, {format_location(passage.location)}"


def _renumber(passage: Passage, rank: int) -> Passage:
    passage.rank = rank
    return passage


def _cut_estimated(backend: EndpointBackend, text: str, tokens: int) -> str:
    """The start of text, about `tokens` server tokens long (shortened until it fits)."""
    while text and backend.count_tokens(text) > tokens:
        text = text[: len(text) * 9 // 10]
    return text


def _cut(backend: LLMBackend, text: str, tokens: int) -> str:
    """The start of text, at most `tokens` model tokens long."""
    ids = backend.tokenize(text)[:tokens]
    return b"".join(backend.token_bytes(t) for t in ids).decode("utf-8", errors="ignore")
