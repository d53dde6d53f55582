"""`thinkdesk ask`: the answer streamed to a terminal (reasoning dimmed), or one JSON object."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from app.events import AnswerDelta, Done, ModelLoading, PrefillProgress, Retrieved, ThinkingDelta
from app.formatting import format_location
from app.home import resolve_home
from models.budget import Budget

DIM, RESET = "\033[2m", "\033[0m"


def ask(args: argparse.Namespace) -> int:
    """Retrieve, answer with the local model, print the answer and its sources."""
    from app.assistant import Assistant
    from app.llm import load_backend, model_path
    from app.workspace import Workspace

    for name in ("max_thinking_tokens", "min_thinking_tokens", "k"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "k" else 0):
            flag = "-k" if name == "k" else "--" + name.replace("_", "-")
            print(f"thinkdesk: error: {flag} is too small", file=sys.stderr)
            return 2
    low, high = args.min_thinking_tokens, args.max_thinking_tokens
    if low is not None and high is not None and low > high:
        print(
            "thinkdesk: error: --min-thinking-tokens is above --max-thinking-tokens",
            file=sys.stderr,
        )
        return 2
    workspace = Workspace(resolve_home(args.home))
    settings = workspace.settings
    try:
        path = model_path(settings, args.model)
        assistant = Assistant(workspace, lambda: load_backend(settings, args.model), path.name)
        budget = Budget(
            min_thinking=_pick(args.min_thinking_tokens, settings.min_thinking_tokens) or 0,
            max_thinking=_pick(args.max_thinking_tokens, settings.max_thinking_tokens),
        )
        events = assistant.ask(
            args.kb,
            args.question,
            args.k or settings.top_k,
            budget,
            temperature=_pick(args.temperature, settings.temperature),
        )
        printer = _JsonCollector() if args.json else _StreamPrinter(sys.stdout, sys.stderr)
        for event in events:
            printer(event)
    finally:
        workspace.close()
    return 0


def _pick(given: Any, configured: Any) -> Any:
    return configured if given is None else given


class _JsonCollector:
    """Prints only the final object (progress still goes to stderr)."""

    def __call__(self, event: object) -> None:
        from app.cli import emit

        if isinstance(event, Done):
            emit(event.answer.to_json())
        elif isinstance(event, ModelLoading):
            print(f"loading {event.name} ...", file=sys.stderr)


class _StreamPrinter:
    """Reasoning (dimmed on a terminal), then the answer, then the numbered sources."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.tty = out.isatty()
        self.phase = ""

    def __call__(self, event: object) -> None:
        if isinstance(event, ModelLoading):
            print(f"loading {event.name} ...", file=self.err)
        elif isinstance(event, Retrieved):
            print(f"read {len(event.passages)} passages", file=self.err)
        elif isinstance(event, PrefillProgress):
            end = "\n" if event.done == event.total else "\r"
            print(
                f"reading sources {event.done:,} / {event.total:,} tokens",
                end=end,
                file=self.err,
                flush=True,
            )
        elif isinstance(event, ThinkingDelta):
            self._write("thinking", event.text)
        elif isinstance(event, AnswerDelta):
            self._write("answer", event.text)
        elif isinstance(event, Done):
            self._sources(event.answer)

    def _write(self, phase: str, text: str) -> None:
        if phase != self.phase:
            if self.phase:
                self.out.write(RESET + "\n\n" if self.tty else "\n\n")
            heading = "Reasoning:" if phase == "thinking" else "Answer:"
            self.out.write(heading + "\n")
            if self.tty and phase == "thinking":
                self.out.write(DIM)
            self.phase = phase
        self.out.write(text.lstrip("\n") if self.phase and text.startswith("\n\n") else text)
        self.out.flush()

    def _sources(self, answer: Any) -> None:
        if self.tty and self.phase == "thinking":
            self.out.write(RESET)
        self.out.write("\n\nSources:\n")
        cited = set(answer.cited)
        for number, passage in enumerate(answer.passages, start=1):
            mark = "*" if number in cited else " "
            where = format_location(passage.location)
            self.out.write(f"{mark}[{number}] {Path(passage.file).name}, {where}\n")
        if answer.unsupported:
            self.out.write("(the answer cites no source: treat it with care)\n")
        t = answer.timings
        print(
            f"{t['prompt_tokens']} prompt tokens, first token after {t['first_token_s']:.1f} s, "
            f"{t['reasoning_tokens']} reasoning + {t['answer_tokens']} answer tokens, "
            f"{t['total_s']:.1f} s in all",
            file=self.err,
        )
