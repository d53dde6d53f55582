"""`thinkdesk ask`: the answer streamed to a terminal, or one JSON object.

The reasoning is dimmed on a terminal; the answer is recorded in the knowledge base's history
like an answer asked in the GUI (unless --no-history)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO, assert_never

from app.answer import Answer
from app.application import AskOptions
from app.claims import MARKS
from app.cli.commands import open_app
from app.cli.output import emit, error
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

DIM, RESET = "\033[2m", "\033[0m"


def ask(args: argparse.Namespace) -> int:
    """Retrieve, answer with the local model or the model server, print the answer and its
    sources."""
    problem = _usage_problem(args)
    if problem:
        error(problem)
        return 2
    app = open_app(args, model=args.model, endpoint=args.endpoint)
    options = AskOptions.from_settings(
        app.settings,
        k=args.k,
        min_thinking=args.min_thinking_tokens,
        max_thinking=args.max_thinking_tokens,
        temperature=args.temperature,
    )
    printer = _JsonCollector() if args.json else _StreamPrinter(sys.stdout, sys.stderr)
    try:
        for event in app.ask(args.kb, args.question, options, record=not args.no_history):
            printer(event)
    finally:
        app.close()
    return 0


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.endpoint is not None and not args.endpoint.startswith(("http://", "https://")):
        return "--endpoint must be a URL starting with http:// or https://"
    if args.endpoint and args.model:
        return "--model and --endpoint name two different models: give one"
    for name in ("max_thinking_tokens", "min_thinking_tokens", "k"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "k" else 0):
            flag = "-k" if name == "k" else "--" + name.replace("_", "-")
            return f"{flag} is too small"
    low, high = args.min_thinking_tokens, args.max_thinking_tokens
    if low is not None and high is not None and low > high:
        return "--min-thinking-tokens is above --max-thinking-tokens"
    return None


def _loading(name: str) -> str:
    """The progress line while the model loads, or its server is reached."""
    verb = "connecting to" if name.startswith(("http://", "https://")) else "loading"
    return f"{verb} {name} ..."


class _JsonCollector:
    """Prints only the final object (progress still goes to stderr)."""

    def __call__(self, event: AskEvent) -> None:
        match event:
            case Done(answer=answer):
                emit(answer.to_json())
                if answer.timings.get("budget_note"):
                    print(f"thinking budget: {answer.timings['budget_note']}", file=sys.stderr)
            case ModelLoading(name=name):
                print(_loading(name), file=sys.stderr)
            case Retrieved() | PrefillProgress() | ThinkingDelta() | AnswerDelta():
                pass  # only the final object goes to stdout
            case _:
                assert_never(event)


class _StreamPrinter:
    """Reasoning (dimmed on a terminal), then the answer, then the numbered sources."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.tty = out.isatty()
        self.phase = ""

    def __call__(self, event: AskEvent) -> None:
        match event:
            case ModelLoading(name=name):
                print(_loading(name), file=self.err)
            case Retrieved(passages=passages):
                print(f"read {len(passages)} passages", file=self.err)
            case PrefillProgress(done=done, total=total):
                line = f"reading sources {done:,} / {total:,} tokens"
                if self.err.isatty():  # one line redrawn in place
                    print(line, end="\n" if done == total else "\r", file=self.err, flush=True)
                elif done == total:  # a log or a script gets the finished line only
                    print(line, file=self.err)
            case ThinkingDelta(text=text):
                self._write("thinking", text)
            case AnswerDelta(text=text):
                self._write("answer", text)
            case Done(answer=answer):
                self._sources(answer)
            case _:
                assert_never(event)

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

    def _check(self, answer: Answer) -> None:
        """Each sentence that states something, marked by whether its sources hold it."""
        claims = [c for c in answer.claims() if c.claims_something or c.cited]
        self.out.write(f"\nCheck: {answer.verdict}\n")
        for claim in claims:
            said = " ".join(claim.text.split())
            missing = f"  ({'; '.join(claim.missing)})" if claim.missing else ""
            self.out.write(f"  {MARKS[claim.status]} {said}{missing}\n")

    def _sources(self, answer: Answer) -> None:
        if self.tty and self.phase == "thinking":
            self.out.write(RESET)
        self.out.write("\n\nSources:\n")
        cited = set(answer.cited)
        for number, passage in enumerate(answer.passages, start=1):
            mark = "*" if number in cited else " "
            where = format_location(passage.location)
            weak = "  (weak match)" if passage.weak else ""
            self.out.write(f"{mark}[{number}] {Path(passage.file).name}, {where}{weak}\n")
        if answer.unsupported:
            self.out.write("(the answer cites no source: treat it with care)\n")
        else:
            self._check(answer)
        t = answer.timings
        print(
            f"{t['prompt_tokens']} prompt tokens, first token after {t['first_token_s']:.1f} s, "
            f"{t['reasoning_tokens']} reasoning + {t['answer_tokens']} answer tokens, "
            f"{t['total_s']:.1f} s in all",
            file=self.err,
        )
        if t.get("budget_note"):
            print(f"thinking budget: {t['budget_note']}", file=self.err)
