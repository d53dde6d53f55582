"""Thinking-budget control after s1's budget forcing: cap the trace by inserting the
end-of-thinking delimiter, extend it by suppressing the delimiter and appending "Wait".

reasoning_tokens counts the model tokens inside the trace, inserted "Wait" included and the
delimiters not; an end-of-sequence inside the trace counts as an attempt to end thinking.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from models.backend import Generation, LLMBackend, SamplingParams
from models.reasoning import CLOSE, Delta, ReasoningSplitter, partial_suffix

WAIT = "\nWait"
CLOSE_TEXT = "\n" + CLOSE + "\n\n"


@dataclass(frozen=True)
class Budget:
    """Bounds on the reasoning trace in model tokens (None: no cap)."""

    min_thinking: int = 0
    max_thinking: int | None = None


@dataclass
class Counts:
    """What a generation produced, for the timings and the user."""

    reasoning_tokens: int = 0
    answer_tokens: int = 0
    waits: int = 0  # times the trace was extended with "Wait"
    capped: bool = False  # the trace was ended at max_thinking
    stop_reason: str = "end"  # end | max_answer_tokens | context_full | stopped | repetition


class BudgetedGeneration:
    """Runs a prefilled generation to the end, yielding thinking and answer Deltas."""

    def __init__(
        self,
        backend: LLMBackend,
        generation: Generation,
        params: SamplingParams,
        budget: Budget,
        thinking_open: bool,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self.backend = backend
        self.gen = generation
        self.params = params
        self.budget = budget
        self.thinking = thinking_open
        self.should_stop = should_stop
        self.splitter = ReasoningSplitter(thinking=thinking_open)
        self.counts = Counts()
        self._pending: list[tuple[int, str]] = []  # trace tokens that may start </think>
        # Bytes that cannot become a character (a model can sample a character's first bytes,
        # then something else) are dropped: a "\ufffd" in an analyst's answer says nothing.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
        self._answer = ""  # the answer so far, to notice a model repeating itself

    def run(self) -> Iterator[Delta]:
        """Sample until the answer ends, a limit is reached or should_stop() is true."""
        while True:
            if self.should_stop():
                self.counts.stop_reason = "stopped"
                break
            if self.gen.position >= self.backend.n_ctx - len(CLOSE_TEXT) - 2:
                self.counts.stop_reason = "context_full"
                break
            step = self._think_step() if self.thinking else self._answer_step()
            if step is None:
                break
            yield from step
        yield from self._commit(len(self._pending))
        yield from self.splitter.finish()

    def _think_step(self) -> list[Delta] | None:
        cap = self.budget.max_thinking
        if cap is not None and self.counts.reasoning_tokens >= cap:
            self.counts.capped = True
            return self._close()
        if self.gen.position >= self.backend.n_ctx - self._answer_room():
            self.counts.capped = True  # the context is nearly full: the answer needs the rest
            return self._close()
        token = self.gen.sample()
        if token in self.backend.end_tokens:
            if self.counts.reasoning_tokens < self.budget.min_thinking:
                return self._drop_partial_tag() + self._wait()
            return self._close()
        self.gen.feed([token])
        self._pending.append((token, self._decoder.decode(self.backend.token_bytes(token))))
        return self._check_delimiter()

    def _check_delimiter(self) -> list[Delta]:
        text = "".join(t for _, t in self._pending)
        at = text.find(CLOSE)
        if at < 0:
            keep = _tokens_covering(self._pending, partial_suffix(text, CLOSE))
            return self._commit(len(self._pending) - keep)
        before = _tokens_before(self._pending, at)
        if self.counts.reasoning_tokens + before < self.budget.min_thinking:
            # Too early: take the delimiter back out of the context and keep thinking.
            self.gen.rewind(len(self._pending))
            self._decoder.reset()
            self._pending = []
            head = text[:at]
            self.gen.feed(self.backend.tokenize(head) if head else [])
            self.counts.reasoning_tokens += before
            return self.splitter.feed(head) + self._wait()
        self.counts.reasoning_tokens += before
        self.counts.answer_tokens += _tokens_from(self._pending, at + len(CLOSE))
        self._pending = []
        self.thinking = False
        return self.splitter.feed(text)

    def _wait(self) -> list[Delta]:
        tokens = self.backend.tokenize(WAIT)
        self.gen.feed(tokens)
        self.counts.reasoning_tokens += len(tokens)
        self.counts.waits += 1
        return self.splitter.feed(WAIT)

    def _answer_room(self) -> int:
        """Context kept for the answer once the trace ends (a quarter of it at most)."""
        return min(self.params.max_answer_tokens, self.backend.n_ctx // 4) + len(CLOSE_TEXT)

    def _drop_partial_tag(self) -> list[Delta]:
        """Take a half-written </think> ("</") back out of the context and the trace."""
        if self._pending:
            self.gen.rewind(len(self._pending))
            self._decoder.reset()
            self._pending = []
        return []

    def _close(self) -> list[Delta]:
        deltas = self._drop_partial_tag()
        self._decoder.reset()  # a character the cap cut in half must not garble the answer
        self.gen.feed(self.backend.tokenize(CLOSE_TEXT))
        self.thinking = False
        return deltas + self.splitter.feed(CLOSE)  # its newlines are for the model only

    def _commit(self, count: int) -> list[Delta]:
        if count <= 0:
            return []
        text = "".join(t for _, t in self._pending[:count])
        if self.thinking:
            self.counts.reasoning_tokens += count
        self._pending = self._pending[count:]
        return self.splitter.feed(text)

    def _answer_step(self) -> list[Delta] | None:
        if self.counts.answer_tokens >= self.params.max_answer_tokens:
            self.counts.stop_reason = "max_answer_tokens"
            return None
        token = self.gen.sample(forbid_end=not self._answer.strip())  # never an empty answer
        if token in self.backend.end_tokens:
            return None
        self.gen.feed([token])
        text = self._decoder.decode(self.backend.token_bytes(token))
        deltas = self.splitter.feed(text)
        if self.splitter.thinking:  # the model opened a trace on its own: budget it too
            self.thinking = True
            return deltas
        self.counts.answer_tokens += 1
        self._answer += text
        if "\n" in text and _looping(self._answer):
            self.counts.stop_reason = "repetition"
            return None
        return deltas


def _looping(answer: str, times: int = 3) -> bool:
    """True when the last complete line of the answer (a real line, not a short one) has
    already been written `times` times: small models can repeat a line until the token cap."""
    lines = [line.strip() for line in answer.split("\n")[:-1]]
    last = lines[-1] if lines else ""
    return len(last) >= 12 and lines.count(last) >= times


def _tokens_covering(pending: list[tuple[int, str]], chars: int) -> int:
    """How many trailing tokens hold the last chars characters."""
    if chars == 0:
        return 0
    count = covered = 0
    for _, text in reversed(pending):
        count += 1
        covered += len(text)
        if covered >= chars:
            break
    return count


def _tokens_from(pending: list[tuple[int, str]], offset: int) -> int:
    """How many tokens start at or after character offset (the answer after </think>)."""
    count = position = 0
    for _, text in pending:
        if position >= offset:
            count += 1
        position += len(text)
    return count


def _tokens_before(pending: list[tuple[int, str]], offset: int) -> int:
    """How many tokens end before character offset (the delimiter's tokens excluded)."""
    count = position = 0
    for _, text in pending:
        position += len(text)
        if position > offset:
            break
        count += 1
    return count
