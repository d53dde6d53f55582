"""Thinking-budget control after s1's budget forcing: cap the trace by inserting the
end-of-thinking delimiter, extend it by suppressing the delimiter and appending "Wait".

reasoning_tokens counts the model tokens inside the trace, inserted "Wait" included and the
delimiters not; an end-of-sequence inside the trace counts as an attempt to end thinking.

A minimum can never run away: without a maximum it implies one (implied_max), the trace is
extended MAX_WAITS times at most, and a trace that repeats itself is closed at once; after
that the answer is forced.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from models.backend import Generation, LLMBackend, SamplingParams
from models.reasoning import CLOSE, Delta, ReasoningSplitter, partial_suffix

WAIT = "\nWait"
CLOSE_TEXT = "\n" + CLOSE + "\n\n"
MAX_WAITS = 2  # "Wait" extensions of one trace at most: a small model can loop on them


def implied_max(min_thinking: int) -> int:
    """The cap a minimum implies when no maximum is set: room to think past the minimum, but
    never without end (a 135M model extended with "Wait" wrote 1,788 tokens of "Wait!")."""
    return max(4 * min_thinking, min_thinking + 256)


@dataclass(frozen=True)
class Budget:
    """Bounds on the reasoning trace in model tokens (None: no cap, unless a minimum implies
    one: see cap)."""

    min_thinking: int = 0
    max_thinking: int | None = None

    @property
    def cap(self) -> int | None:
        """The trace's real maximum: max_thinking, else the one min_thinking implies."""
        if self.max_thinking is not None:
            return self.max_thinking
        return implied_max(self.min_thinking) if self.min_thinking > 0 else None


@dataclass
class Counts:
    """What a generation produced, for the timings and the user."""

    reasoning_tokens: int = 0
    answer_tokens: int = 0
    waits: int = 0  # times the trace was extended with "Wait"
    capped: bool = False  # the trace was ended at its cap (or to leave the answer room)
    stop_reason: str = "end"  # end | max_answer_tokens | context_full | stopped | repetition
    # How the trace ended: "" (none) | end (the model ended it) | max_thinking | implied_max
    # (the cap a minimum implies) | waits (below the minimum, the Waits used up) | repetition
    # | context (the answer needs the rest of the context) | stopped
    trace_end: str = ""

    def note(self, budget: Budget) -> str:
        """What the budget had to force, in words, or "" when the trace ended as asked."""
        low = budget.min_thinking
        if self.trace_end == "implied_max":
            return (
                f"the minimum of {low} thinking tokens, with no maximum, implies a maximum of "
                f"{budget.cap}: the trace was closed there and the answer forced"
            )
        if self.trace_end == "waits":
            return (
                f"the model ended its trace after {self.reasoning_tokens} of the minimum {low} "
                f"thinking tokens, after {self.waits} appended Waits: the answer was forced"
            )
        if self.trace_end == "repetition":
            return "the trace was repeating itself: it was closed and the answer forced"
        return ""


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
        close: str = CLOSE,
    ) -> None:
        """close: what ends the trace, </think> or a prompted trace's marker ("Answer:"),
        which is also what a cap inserts (after a blank line, the answer's own words next)."""
        self.backend = backend
        self.gen = generation
        self.params = params
        self.budget = budget
        self.thinking = thinking_open
        self.cap = budget.cap
        self.should_stop = should_stop
        self.splitter = ReasoningSplitter(thinking=thinking_open, close=close)
        self.close = close
        self.close_text = CLOSE_TEXT if close == CLOSE else "\n\n" + close
        self.counts = Counts()
        self._pending: list[tuple[int, str]] = []  # trace tokens that may start </think>
        # Bytes that cannot become a character (a model can sample a character's first bytes,
        # then something else) are dropped: a "\ufffd" in an analyst's answer says nothing.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
        self._answer = ""  # the answer so far, to notice a model repeating itself
        self._trace: list[int] = []  # the trace's sampled tokens, to notice it repeating
        self._trace_text = ""
        self._wait_at = 0  # where the trace text stood after the last "Wait"

    def run(self) -> Iterator[Delta]:
        """Sample until the answer ends, a limit is reached or should_stop() is true."""
        while True:
            if self.should_stop():
                self.counts.stop_reason = "stopped"
                self.counts.trace_end = "stopped" if self.thinking else self.counts.trace_end
                break
            if self.gen.position >= self.backend.n_ctx - len(self.close_text) - 2:
                self.counts.stop_reason = "context_full"
                self.counts.trace_end = "context" if self.thinking else self.counts.trace_end
                break
            step = self._think_step() if self.thinking else self._answer_step()
            if step is None:
                break
            yield from step
        yield from self._commit(len(self._pending))
        yield from self.splitter.finish()

    def _think_step(self) -> list[Delta] | None:
        if self.cap is not None and self.counts.reasoning_tokens >= self.cap:
            explicit = self.budget.max_thinking is not None
            return self._close("max_thinking" if explicit else "implied_max")
        if self.gen.position >= self.backend.n_ctx - self._answer_room():
            return self._close("context")  # the context is nearly full: the answer needs it
        token = self.gen.sample()
        if token in self.backend.end_tokens:
            if self._extend():
                return self._drop_partial_tag() + self._wait()
            return self._close("end" if self._long_enough() else "waits")
        self.gen.feed([token])
        text = self._decoder.decode(self.backend.token_bytes(token))
        self._pending.append((token, text))
        self._trace.append(token)
        self._trace_text += text
        deltas = self._check_delimiter()
        if self.thinking and self._repeating("\n" in text):
            return deltas + self._close("repetition")
        return deltas

    def _long_enough(self) -> bool:
        return self.counts.reasoning_tokens >= self.budget.min_thinking

    def _extend(self) -> bool:
        """The model tried to end its trace: True when it gets a "Wait" instead (below the
        minimum, MAX_WAITS times at most, and not when it wrote nothing after the last one)."""
        if self._long_enough() or self.counts.waits >= MAX_WAITS:
            return False
        written = self._trace_text[self._wait_at :].split(self.close, 1)[0]
        return self.counts.waits == 0 or bool(written.strip())

    def _repeating(self, new_line: bool) -> bool:
        """The trace loops: a line written three times, or the same run of tokens thrice."""
        return (new_line and _looping(self._trace_text)) or _periodic(self._trace)

    def _check_delimiter(self) -> list[Delta]:
        text = "".join(t for _, t in self._pending)
        at = text.find(self.close)
        if at < 0:
            keep = _tokens_covering(self._pending, partial_suffix(text, self.close))
            return self._commit(len(self._pending) - keep)
        before = _tokens_before(self._pending, at)
        short = self.counts.reasoning_tokens + before < self.budget.min_thinking
        if short and self._extend():
            # Too early: take the delimiter back out of the context and keep thinking.
            self.gen.rewind(len(self._pending))
            self._decoder.reset()
            self._pending = []
            head = text[:at]
            self._trace_text = self._trace_text[: len(self._trace_text) - len(text)] + head
            self.gen.feed(self.backend.tokenize(head) if head else [])
            self.counts.reasoning_tokens += before
            return self.splitter.feed(head) + self._wait()
        self.counts.reasoning_tokens += before
        self.counts.answer_tokens += _tokens_from(self._pending, at + len(self.close))
        self._pending = []
        self.thinking = False
        self.counts.trace_end = "waits" if short else "end"
        return self.splitter.feed(text)

    def _wait(self) -> list[Delta]:
        tokens = self.backend.tokenize(WAIT)
        self.gen.feed(tokens)
        self.counts.reasoning_tokens += len(tokens)
        self.counts.waits += 1
        self._trace += tokens
        self._trace_text += WAIT
        self._wait_at = len(self._trace_text)
        return self.splitter.feed(WAIT)

    def _answer_room(self) -> int:
        """Context kept for the answer once the trace ends (a quarter of it at most)."""
        room = min(self.params.max_answer_tokens, self.backend.n_ctx // 4)
        return room + len(self.close_text)

    def _drop_partial_tag(self) -> list[Delta]:
        """Take a half-written </think> ("</") back out of the context and the trace."""
        if self._pending:
            self.gen.rewind(len(self._pending))
            self._decoder.reset()
            self._pending = []
        return []

    def _close(self, reason: str) -> list[Delta]:
        """End the trace by inserting the delimiter; the answer follows."""
        deltas = self._drop_partial_tag()
        self._decoder.reset()  # a character the cap cut in half must not garble the answer
        self.gen.feed(self.backend.tokenize(self.close_text))
        self.thinking = False
        self.counts.capped = reason in ("max_thinking", "implied_max", "context")
        self.counts.trace_end = reason
        return deltas + self.splitter.feed(self.close)  # its newlines are for the model only

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


def _periodic(tokens: list[int], times: int = 3, least: int = 24, longest: int = 64) -> bool:
    """True when the tokens end with the same run written `times` times over (at least
    `least` tokens in all): "Please wait... Please wait... Please wait..." on one line."""
    for period in range(1, min(longest, len(tokens) // times) + 1):
        copies = max(times, -(-least // period))
        if copies * period > len(tokens):
            continue
        run = tokens[-period:]
        if all(tokens[-(i + 1) * period : len(tokens) - i * period] == run for i in range(copies)):
            return True
    return False


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
