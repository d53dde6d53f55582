"""The OpenAI-compatible model server as a second backend: a team's llama-server, vLLM,
Ollama, LM Studio or llama_cpp.server answering every desk.

A server samples by itself, so it offers no token-level Generation: EndpointChat streams
/v1/chat/completions and splits the trace from the answer (`delta.reasoning_content`, or
<think>...</think> in the content). The thinking budget is applied from outside; one streamed
chunk counts as one token until the server's `usage` says better:

- max_thinking: the stream is closed after that many trace tokens and the answer is asked in a
  second request that hands the trace back, as the start of the assistant's reply where the
  server continues a prefilled reply (llama-server, vLLM), else inside the user turn, where a
  reasoning model may think again (the note says so).
- min_thinking, and a trace for a model that does not think by itself, need a prefilled reply
  ("<think>\\n" + trace + "\\nWait", after s1); elsewhere they cannot be had, and the note says so.

Only the standard library speaks HTTP (models/sse.py), and only to the URL the user set.
Passages are fitted with the server's own tokenizer (/tokenize, /extras/tokenize) where it
has one, else with an estimate: one token per CJK character, one per four other characters.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any

from models.backend import SamplingParams
from models.budget import WAIT, Budget, Counts
from models.discovery import ModelError
from models.reasoning import CLOSE, OPEN, Delta, ReasoningSplitter
from models.sse import EventStream, JsonClient

MAX_WAITS = 8  # "Wait" extensions of one trace at most
HOLD_TOKENS = 256  # content held back at most while trace or answer is not known
R1_MODEL = re.compile(r"deepseek[-_ ]?r1|r1[-_ ]distill", re.IGNORECASE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
HANDOFF = (
    "\n\nYour reasoning so far, cut off at the thinking budget:\n{trace}\n\n"
    "Now write the final answer without further reasoning."
)


def estimate_tokens(text: str) -> int:
    """Tokens of text when the server has no tokenizer to ask: one per CJK character, one
    per four other characters (about right for English with BPE vocabularies)."""
    cjk = len(CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 4)


@dataclass
class EndpointCounts(Counts):
    """Counts, the server's own prompt count, and what the budget could not do there."""

    prompt_tokens: int | None = None  # from the server's usage, when it sends one
    budget_note: str = ""


@dataclass(frozen=True)
class Server:
    """What kind of server answers and what it allows: prefill (it continues a final
    assistant message) and the path of its tokenizer."""

    kind: str  # llama.cpp | vllm | llama-cpp-python | openai
    prefill: bool
    tokenize_path: str | None


class EndpointBackend:
    """A model on an OpenAI-compatible server: name and family from /v1/models, n_ctx as set
    (the server does not say its own), tokens counted by the server where it can."""

    def __init__(
        self, url: str, model: str | None = None, api_key: str | None = None, n_ctx: int = 4096
    ) -> None:
        """ModelError naming the URL when the server cannot be reached or has no such model."""
        self.url = url.strip().rstrip("/")
        self.http = JsonClient(self.url, api_key)
        self.model = self._pick(model)
        # llama_cpp.server names its model by the file's path: the file name says enough
        self.name = self.model.rsplit("/", 1)[-1] if self.model.endswith(".gguf") else self.model
        self.family = "r1" if R1_MODEL.search(self.model) else "default"
        self.n_ctx = n_ctx
        self.server = self._probe()

    def _pick(self, wanted: str | None) -> str:
        status, body = self.http.call("GET", "/v1/models")
        if status in (401, 403):
            raise ModelError(
                f"{self.url} refused the API key ({status}): set it in Settings or in "
                "THINKDESK_API_KEY"
            )
        if status != 200 or not isinstance(body, dict):
            raise ModelError(f"{self.url} is not an OpenAI-compatible server (no /v1/models)")
        ids = [str(m.get("id")) for m in body.get("data", []) if isinstance(m, dict)]
        if wanted and ids and wanted not in ids:
            raise ModelError(f"{self.url} has no model {wanted!r}; it has {', '.join(ids)}")
        if not (wanted or ids):
            raise ModelError(f"{self.url} serves no model")
        return wanted or ids[0]

    def _probe(self) -> Server:
        """Which server this is, from the routes it answers (llama-server's /props, vLLM's
        /version, llama-cpp-python's /extras/tokenize)."""
        status, body = self._quiet("GET", "/props")
        if status == 200 and isinstance(body, dict) and "default_generation_settings" in body:
            return Server("llama.cpp", prefill=True, tokenize_path="/tokenize")
        status, body = self._quiet("GET", "/version")
        if status == 200 and isinstance(body, dict) and "version" in body:
            return Server("vllm", prefill=True, tokenize_path="/tokenize")
        status, body = self._quiet("POST", "/extras/tokenize", {"input": "a"})
        if status == 200 and isinstance(body, dict) and "tokens" in body:
            return Server("llama-cpp-python", prefill=False, tokenize_path="/extras/tokenize")
        return Server("openai", prefill=False, tokenize_path=None)

    def _quiet(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        try:
            return self.http.call(method, path, body)
        except ModelError:
            return 0, None

    def count_tokens(self, text: str) -> int:
        """Tokens of text by the server's tokenizer, else estimate_tokens()."""
        path = self.server.tokenize_path
        if not text or path is None:
            return estimate_tokens(text)
        if self.server.kind == "llama-cpp-python":
            body: dict[str, Any] = {"input": text}
        elif self.server.kind == "vllm":
            body = {"model": self.model, "prompt": text, "add_special_tokens": False}
        else:
            body = {"content": text}
        status, answer = self._quiet("POST", path, body)
        if status == 200 and isinstance(answer, dict) and isinstance(answer.get("tokens"), list):
            return len(answer["tokens"])
        return estimate_tokens(text)

    def chat(
        self,
        system: str | None,
        user: str,
        params: SamplingParams,
        budget: Budget,
        thinking_open: bool,
        room: int,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> EndpointChat:
        """A streamed answer to one turn; room: tokens the reply may take in the context."""
        messages = ([{"role": "system", "content": system}] if system else []) + [
            {"role": "user", "content": user}
        ]
        return EndpointChat(self, messages, params, budget, thinking_open, room, should_stop)


@dataclass
class _Request:
    """What one streamed request produced so far."""

    splitter: ReasoningSplitter
    cap: int | None = None  # the trace may grow to this many tokens in all
    answer_asked: bool = False  # the request after the trace, asking for the answer
    reasoned: bool = False  # the server sent reasoning_content (it splits the trace itself)
    fed: bool = False  # content reached the splitter
    thinking: int = 0  # chunks with trace text
    answer: int = 0  # chunks with answer text
    tags: int = 0  # content chunks with no text of their own (a delimiter)
    finish: str | None = None
    usage: dict[str, Any] | None = None
    held: list[str] | None = None  # content held back while trace or answer is not known


class EndpointChat:
    """One answer from a server under a thinking budget: run() yields Deltas and fills counts
    as it goes (what BudgetedGeneration gives the assistant for a local model)."""

    def __init__(
        self,
        backend: EndpointBackend,
        messages: list[dict[str, str]],
        params: SamplingParams,
        budget: Budget,
        thinking_open: bool,
        room: int,
        should_stop: Callable[[], bool],
    ) -> None:
        self.backend = backend
        self.messages = messages
        self.params = params
        self.budget = budget
        self.thinking_open = thinking_open
        self.room = room
        self.should_stop = should_stop
        self.counts = EndpointCounts()
        self.trace = ""
        self.first_event_s: float | None = None  # monotonic time of the first event
        self._notes: list[str] = []

    def run(self) -> Iterator[Delta]:
        """Stream the trace (extended or cut to the budget), then the answer."""
        r1 = self.backend.family == "r1"
        prefix = None
        if self.thinking_open and not r1:
            if self.backend.server.prefill:
                prefix = OPEN + "\n"  # opens the trace for any model (s1)
            else:
                self._note("this server cannot open a trace for a model that does not think")
        cap = self.budget.max_thinking
        outcome = yield from self._request(prefix, r1 or prefix is not None, cap)
        while outcome == "short":
            self.counts.waits += 1
            self.counts.reasoning_tokens += estimate_tokens(WAIT)
            self.trace += WAIT
            yield Delta("thinking", WAIT)
            outcome = yield from self._request(OPEN + "\n" + self.trace, True, cap)
        if outcome in ("capped", "unanswered"):
            self.counts.capped = outcome == "capped"
            yield from self._answer_after_trace()
        self.counts.budget_note = "; ".join(self._notes)

    def _answer_after_trace(self) -> Iterator[Delta]:
        """The second request: the trace handed back, the answer asked for. A model that
        thinks again there gets max_thinking more trace tokens at most."""
        before = self.counts.reasoning_tokens
        cap = None if self.budget.max_thinking is None else before + self.budget.max_thinking
        if self.backend.server.prefill:
            prefix = OPEN + "\n" + self.trace + "\n" + CLOSE + "\n\n"
            outcome = yield from self._request(prefix, False, cap, answer=True)
        else:
            self._note(
                "this server does not continue a prefilled reply, so the answer was asked in a "
                "new request with the trace in the question"
            )
            *head, last = self.messages
            trace = HANDOFF.format(trace=self.trace.strip())
            messages = [*head, {**last, "content": last["content"] + trace}]
            # an R1 template may open a trace again, or the model answers at once: the
            # content is held back until it says which (see _chunk)
            thinking = None if self.backend.family == "r1" else False
            outcome = yield from self._request(None, thinking, cap, True, messages)
        if self.counts.reasoning_tokens > before:
            again = self.counts.reasoning_tokens - before
            self._note(f"the model thought again in the answer request ({again} tokens)")
        if outcome == "capped":
            self.counts.stop_reason = "thinking_budget"
            self._note("it was still thinking at the cap: no answer within the thinking budget")

    def _request(
        self,
        prefix: str | None,
        thinking: bool | None,
        cap: int | None,
        answer: bool = False,
        messages: list[dict[str, str]] | None = None,
    ) -> Generator[Delta, None, str]:
        """Stream one request (answer: the one asked for the answer after the trace); its
        return value says how it ended: end | capped (the trace reached cap) | short (it
        ended before min_thinking) | unanswered (it ended without an answer) | stopped |
        max_answer_tokens."""
        messages = list(messages or self.messages)
        if prefix is not None:
            messages.append({"role": "assistant", "content": prefix})
        body = self._body(messages, prefix)
        stream = EventStream(self.backend.http, "/v1/chat/completions", body)
        state = _Request(ReasoningSplitter(thinking=bool(thinking)), cap, answer)
        state.splitter.closed = answer and prefix is not None  # the trace was handed back
        state.held = None if thinking is not None else []
        for event in stream.events(self.should_stop):
            self.first_event_s = self.first_event_s or time.monotonic()
            state.usage = event.get("usage") or state.usage
            for choice in event.get("choices") or []:
                state.finish = choice.get("finish_reason") or state.finish
                outcome = yield from self._chunk(state, choice.get("delta") or {})
                if outcome:
                    stream.close()
                    return outcome
        if stream.stopped:
            self.counts.stop_reason = "stopped"
            return "stopped"
        outcome = yield from self._release(state, thinking=False)
        if not outcome:
            outcome = yield from self._emit(state, state.splitter.finish())
        if outcome:
            return outcome
        self._use_usage(state)
        return self._ended(state)

    def _chunk(self, state: _Request, delta: dict[str, Any]) -> Generator[Delta, None, str | None]:
        """One streamed delta; while it is not known whether the content opens with a trace,
        content is held back until a </think> says it does (or the cap, or the end, that it
        does not, unless it starts with <think>)."""
        if state.held is not None and delta.get("content") and not delta.get("reasoning_content"):
            state.held.append(delta["content"])
            left = HOLD_TOKENS if state.cap is None else state.cap - self.counts.reasoning_tokens
            if CLOSE in "".join(state.held) or len(state.held) >= left:
                return (yield from self._release(state, thinking=True))
            return None
        outcome = yield from self._release(state, thinking=False)
        if outcome:
            return outcome
        return (yield from self._emit(state, self._split(state, delta)))

    def _release(self, state: _Request, thinking: bool) -> Generator[Delta, None, str | None]:
        """Stream the held-back content as a trace (thinking) or an answer."""
        held, state.held = state.held or [], None
        if not held:
            return None
        opened = "".join(held).lstrip().startswith(OPEN)
        state.splitter = ReasoningSplitter(thinking=thinking and not opened)
        for content in held:
            outcome = yield from self._emit(state, self._split(state, {"content": content}))
            if outcome:
                return outcome
        return None

    def _body(self, messages: list[dict[str, str]], prefix: str | None) -> dict[str, Any]:
        params, server = self.params, self.backend.server
        left = max(16, self.room - self.counts.reasoning_tokens)
        wanted = params.max_answer_tokens + 8
        if prefix is None or not prefix.endswith("\n\n"):  # the trace is still to come
            cap = self.budget.max_thinking
            wanted += cap if cap is not None else left
        body: dict[str, Any] = {
            "model": self.backend.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": min(wanted, left),
            "temperature": params.temperature,
            "top_p": params.top_p,
            "seed": params.seed,
        }
        if server.kind in ("llama.cpp", "llama-cpp-python"):
            body |= {"top_k": params.top_k, "repeat_penalty": params.repeat_penalty}
        elif server.kind == "vllm":
            body |= {"top_k": params.top_k, "repetition_penalty": params.repeat_penalty}
            if prefix is not None:
                body |= {"continue_final_message": True, "add_generation_prompt": False}
        return body

    @staticmethod
    def _split(state: _Request, delta: dict[str, Any]) -> list[Delta]:
        """The trace and answer text of one streamed delta."""
        reasoning = delta.get("reasoning_content") or delta.get("reasoning") or ""
        content = delta.get("content") or ""
        pieces = [Delta("thinking", reasoning)] if reasoning else []
        state.reasoned = state.reasoned or bool(reasoning)
        if content:
            if state.reasoned and not state.fed and state.splitter.thinking:
                state.splitter = ReasoningSplitter()  # the server split the trace off itself
            if not state.fed and state.splitter.thinking and content.lstrip().startswith(OPEN):
                content = content.lstrip()[len(OPEN) :]  # opened by the model and the template
            state.fed = True
            split = state.splitter.feed(content)
            state.tags += not split
            pieces += split
        return pieces

    def _emit(self, state: _Request, pieces: list[Delta]) -> Generator[Delta, None, str | None]:
        """Yield one chunk's text under the budget; a return value ends the request."""
        thought = "".join(p.text for p in pieces if p.kind == "thinking")
        answered = "".join(p.text for p in pieces if p.kind == "answer")
        if thought:
            if state.cap is not None and self.counts.reasoning_tokens >= state.cap:
                return "capped"
            state.thinking += 1
            self.counts.reasoning_tokens += 1
            self.trace += thought
            yield Delta("thinking", thought)
        if answered:
            if not state.answer_asked and not state.answer and self._too_short():
                return "short"
            state.answer += 1
            self.counts.answer_tokens += 1
            yield Delta("answer", answered)
            if self.counts.answer_tokens >= self.params.max_answer_tokens:
                self.counts.stop_reason = "max_answer_tokens"
                return "max_answer_tokens"
        return None

    def _too_short(self) -> bool:
        """The trace ended before min_thinking: True when it can be extended here."""
        low = self.budget.min_thinking
        if self.counts.reasoning_tokens >= low:
            return False
        if self.backend.server.prefill and self.counts.waits < MAX_WAITS:
            return True
        self._note(
            f"this server cannot extend a trace, so the minimum of {low} thinking tokens was "
            f"not applied ({self.counts.reasoning_tokens} thought)"
        )
        return False

    def _ended(self, state: _Request) -> str:
        """How a request that ran to its end ended."""
        if state.answer_asked or state.answer:
            if state.finish == "length":
                self.counts.stop_reason = "max_answer_tokens"
            return "end"
        if self._too_short():
            return "short"
        return "capped" if state.finish == "length" else "unanswered"

    def _use_usage(self, state: _Request) -> None:
        """The server's own token counts replace the chunk counts where it sends them."""
        usage = state.usage or {}
        if self.counts.prompt_tokens is None and isinstance(usage.get("prompt_tokens"), int):
            self.counts.prompt_tokens = usage["prompt_tokens"]
        completion = usage.get("completion_tokens")
        if not isinstance(completion, int):
            return
        details = usage.get("completion_tokens_details") or {}
        thought = details.get("reasoning_tokens")
        if isinstance(thought, int):
            self.counts.reasoning_tokens += thought - state.thinking
        else:
            thought = state.thinking
        answer = max(0, completion - thought - state.tags)
        self.counts.answer_tokens += answer - state.answer

    def _note(self, text: str) -> None:
        if text not in self._notes:
            self._notes.append(text)
