"""Splitting a model's streamed text into the reasoning trace and the answer.

Handles tags split across tokens, a trace whose opening tag was already in the prompt, a
trace that never closes, text after </think>, and a model that opens a trace on its own. A
trace opened by the prompt for a model that does not think by itself may end with a plain
marker instead of </think> (close="Answer:", see models/prompts.py).
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN = "<think>"
CLOSE = "</think>"


@dataclass(frozen=True)
class Delta:
    """A piece of streamed text: kind is "thinking" or "answer"."""

    kind: str
    text: str


class ReasoningSplitter:
    """Feed text as it streams; get thinking and answer deltas with the tags removed."""

    def __init__(self, thinking: bool = False, close: str = CLOSE) -> None:
        self.thinking = thinking  # True when the prompt already opened the trace
        self.close = close  # what ends the trace
        self.closed = False  # the trace has ended (never re-opens)
        self._held = ""  # a tail that may be the start of a tag

    def feed(self, text: str) -> list[Delta]:
        """The deltas this text completes (a possible partial tag is held back)."""
        buffer = self._held + text
        self._held = ""
        out: list[Delta] = []
        while buffer:
            if self.closed and not self.thinking:
                buffer = self._drop_stray_tags(buffer, out)
                break
            tag = self.close if self.thinking else OPEN
            at = buffer.find(tag)
            if at >= 0:
                self._emit(out, buffer[:at])
                buffer = buffer[at + len(tag) :]
                self.closed = self.closed or self.thinking
                self.thinking = not self.thinking
                continue
            keep = partial_suffix(buffer, tag)
            self._emit(out, buffer[: len(buffer) - keep])
            self._held = buffer[len(buffer) - keep :]
            break
        return out

    def finish(self) -> list[Delta]:
        """Flush what was held back (an unterminated trace stays thinking)."""
        held, self._held = self._held, ""
        out: list[Delta] = []
        self._emit(out, held)
        return out

    def _drop_stray_tags(self, buffer: str, out: list[Delta]) -> str:
        """After the trace has closed, a stray <think> or </think> never reaches the answer."""
        for tag in (OPEN, CLOSE):
            buffer = buffer.replace(tag, "")
        keep = max(partial_suffix(buffer, OPEN), partial_suffix(buffer, CLOSE))
        self._emit(out, buffer[: len(buffer) - keep])
        self._held = buffer[len(buffer) - keep :]
        return ""

    @property
    def holding(self) -> str:
        """Text held back as a possible partial tag."""
        return self._held

    def _emit(self, out: list[Delta], text: str) -> None:
        if text:
            out.append(Delta("thinking" if self.thinking else "answer", text))


def partial_suffix(text: str, tag: str) -> int:
    """Length of the longest suffix of text that is a proper prefix of tag."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:size]):
            return size
    return 0


def strip_reasoning(text: str) -> str:
    """Text with any reasoning trace removed: what may be fed back into later turns."""
    splitter = ReasoningSplitter()
    deltas = splitter.feed(text) + splitter.finish()
    return "".join(d.text for d in deltas if d.kind == "answer").strip()
