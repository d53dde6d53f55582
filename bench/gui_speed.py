"""Answering speed in the window against `thinkdesk ask`: the same question on the same small
library (tests/data), the real bundled GGUF and the real embedder, runs interleaved (CLI, GUI,
CLI, GUI...), the prompt cache cleared before each; medians and GUI/CLI ratios.

The CLI side runs in a child process without Qt (Application.ask consumed in a plain loop, as
`thinkdesk ask` does); the GUI side is a real MainWindow offscreen (models preloaded as at
start, the question asked through the window, every event applied by the real widgets).
Each answer is stopped after --tokens generated tokens (Stop, as a user would press it); the
window shows --history earlier exchanges above the question, as a restored conversation does.

    python -m bench.gui_speed [--repeat 3] [--tokens 48] [--k 8] [--history 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[1] / "tests" / "data" / "good"
QUESTION = "What was the gross margin, what drove it, and what dividend was declared?"
KB = "default"
MEASURES = (
    ("prompt_tokens", "prompt tokens", "{:.0f}"),
    ("prefill_tok_s", "prefill tokens/s", "{:.0f}"),
    ("first_token_s", "first token s (from the question, as the consumer sees it)", "{:.2f}"),
    ("generation_tok_s", "generation tokens/s (as the consumer sees them)", "{:.1f}"),
)


class Clock:
    """The times at which one answer's events reach their consumer, and the CPU time each
    thread of the process used while the prompt was read and while tokens were generated
    (read by the thread that runs the answer: at its first token and at its end)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.deltas: list[float] = []
        self.timings: dict[str, Any] = {}
        self.cpu = [thread_cpu()]
        self.producer = 0  # the thread that runs the answer

    def produced(self, event: object) -> None:
        """In the answering thread, as it emits an event."""
        from app.events import AnswerDelta, Done, ThinkingDelta

        first = isinstance(event, ThinkingDelta | AnswerDelta) and len(self.cpu) == 1
        if first or isinstance(event, Done):
            self.cpu.append(thread_cpu())
            self.producer = threading.get_native_id()

    def event(self, event: object) -> None:
        """In the consumer (the loop, or the UI thread once the widgets applied it)."""
        from app.events import AnswerDelta, Done, ThinkingDelta

        if isinstance(event, ThinkingDelta | AnswerDelta):
            self.deltas.append(time.perf_counter())
        elif isinstance(event, Done):
            self.timings = dict(event.answer.timings)

    def result(self) -> dict[str, Any]:
        t = self.timings
        fresh = t["prompt_tokens"] - t["reused_prompt_tokens"]
        deltas = self.deltas
        span = deltas[-1] - deltas[0] if len(deltas) > 1 else 0.0
        found = {
            "prompt_tokens": t["prompt_tokens"],
            "prefill_tok_s": fresh / max(t["prefill_s"], 1e-9),
            "first_token_s": (deltas[0] if deltas else time.perf_counter()) - self.started,
            "generation_tok_s": (len(deltas) - 1) / span if span else 0.0,
            "generated": len(deltas),
        }
        if len(self.cpu) == 3:
            start, first, done = self.cpu
            found["prefill_cpu"] = self._used(start, first)
            found["generation_cpu"] = self._used(first, done)
        return found

    def _used(self, before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]):
        """CPU seconds per thread between two readings: 'answer' is the answering thread,
        'ui' the main thread, the others by their name and id."""
        main = os.getpid()
        used = {}
        for tid, (name, seconds) in after.items():
            label = "answer" if tid == self.producer else "ui" if tid == main else f"{name}:{tid}"
            spent = seconds - before.get(tid, (name, 0.0))[1]
            if spent >= 0.05:
                used[label] = round(spent, 2)
        return used


def thread_cpu() -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by each thread of this process (Linux /proc), with its name."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # the thread ended meanwhile
            continue
        found[int(task.name)] = (name, (int(fields[11]) + int(fields[12])) / ticks)
    return found


def reset_cache(app: Any) -> None:
    """Forget the cached prompt, so every run reads the whole prompt."""
    app.backend().llm.reset()


# the CLI side: a child process, one answer per line read from stdin


def cli_child(home: Path, tokens: int) -> int:
    """Answer once per 'run' line on stdin; one JSON line of measures each."""
    from app.application import Application

    app = Application(home)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        print(json.dumps(cli_once(app, tokens)), flush=True)
    app.close()
    return 0


def cli_once(app: Any, tokens: int) -> dict[str, Any]:
    """One answer consumed in a plain loop, as `thinkdesk ask` does, stopped after tokens."""
    reset_cache(app)
    clock = Clock()
    for event in app.ask(KB, QUESTION, should_stop=lambda: len(clock.deltas) >= tokens):
        clock.produced(event)
        clock.event(event)
    return clock.result()


class CliRunner:
    """The child process that answers as `thinkdesk ask` does."""

    def __init__(self, home: Path, tokens: int) -> None:
        command = [sys.executable, "-m", "bench.gui_speed", "--cli-child", str(home)]
        command += ["--tokens", str(tokens)]
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )

    def run(self) -> dict[str, float]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=60)


# the GUI side: a real window, offscreen


class GuiRunner:
    """A MainWindow that preloads its models, then answers through the window."""

    def __init__(self, home: Path, tokens: int) -> None:
        from PySide6.QtWidgets import QApplication

        from app.application import Application
        from app.gui.main_window import MainWindow, start_later

        self.qt = QApplication.instance() or QApplication(sys.argv[:1])
        self.tokens = tokens
        self.window = MainWindow(Application(home))
        self.window.confirm = lambda question, detail="": True  # type: ignore[method-assign]
        self.window.show()
        self._wait(self.window.models_ready, lambda: start_later(self.window))

    def _wait(self, signal: Any, start: Any) -> None:
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        signal.connect(loop.quit)
        start()
        loop.exec()
        signal.disconnect(loop.quit)

    def run(self) -> dict[str, float]:
        from PySide6.QtCore import Qt

        window = self.window
        reset_cache(window.app)
        clock = Clock()

        def ask() -> None:
            window.ask(QUESTION)
            # Connected after the window's own slot: the time is taken once the widgets
            # have applied the event.
            worker = window.workers["ask"]
            worker.yielded.connect(clock.produced, Qt.ConnectionType.DirectConnection)
            worker.yielded.connect(lambda event: seen(event))

        def seen(event: object) -> None:
            clock.event(event)
            if len(clock.deltas) == self.tokens:
                window.chat.stop.click()

        ui = time.thread_time()
        self._wait(window.answer_finished, ask)
        self.qt.processEvents()
        return {**clock.result(), "ui_cpu_s": time.thread_time() - ui}

    def show_earlier(self, count: int) -> None:
        """A long conversation on screen, as one restored at start shows it: count earlier
        exchanges (copies of the last answer) above the next question."""
        chat = self.window.chat
        earlier = [(f"Earlier question {i + 1}?", chat.exchanges[-1][1]) for i in range(count)]
        chat.set_exchanges(earlier + chat.exchanges, footers=["9.9 s"] * (count + 1))

    def close(self) -> None:
        self.window.close()
        self.window.app.close()


def prepare(home: Path, k: int) -> None:
    """A library of the tests/data documents, top-k passages per question."""
    from app.application import Application

    (home / "settings.json").write_text(json.dumps({"top_k": k}), encoding="utf-8")
    app = Application(home)
    summary = app.ingest(KB, [str(DATA)])
    app.close()
    print(f"library: {summary}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Print the measurements as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=48, help="generated tokens per answer")
    parser.add_argument("--k", type=int, default=8, help="passages per question")
    parser.add_argument("--history", type=int, default=20, help="earlier exchanges shown")
    parser.add_argument("--cli-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cli_child:
        return cli_child(args.cli_child, args.tokens)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        os.environ["THINKDESK_HOME"] = folder
        prepare(home, args.k)
        cli, gui = CliRunner(home, args.tokens), GuiRunner(home, args.tokens)
        cli.run(), gui.run()  # warm-up: models loaded, caches warm
        gui.show_earlier(args.history)
        runs: dict[str, list[dict[str, float]]] = {"cli": [], "gui": []}
        for _ in range(args.repeat):
            runs["cli"].append(cli.run())
            runs["gui"].append(gui.run())
        cli.close()
        gui.close()
    report(runs, args)
    return 0


def report(runs: dict[str, list[dict[str, float]]], args: argparse.Namespace) -> None:
    """The medians of both paths and their ratios, then every run."""
    print(
        f"median of {args.repeat} interleaved runs, k={args.k}, stopped after {args.tokens} "
        f"generated tokens, {args.history} earlier exchanges in the window\n"
    )
    print("| measure | CLI (`thinkdesk ask` loop) | GUI (MainWindow) | GUI speed / CLI speed |")
    print("|---|---|---|---|")
    for key, label, fmt in MEASURES:
        cli = statistics.median(r[key] for r in runs["cli"])
        gui = statistics.median(r[key] for r in runs["gui"])
        # a time: the CLI's over the GUI's, so that above 1 means the GUI is faster everywhere
        ratio = cli / gui if key == "first_token_s" else gui / cli
        print(f"| {label} | {fmt.format(cli)} | {fmt.format(gui)} | {ratio:.2f} |")
    for side, results in runs.items():
        for key, label, fmt in MEASURES[1:]:
            values = ", ".join(fmt.format(r[key]) for r in results)
            print(f"\n{side} {label}: {values}", end="")
    print(
        "\n\nCPU seconds by thread (answer: the thread that runs the answer; ui: the main thread)"
    )
    for side, results in runs.items():
        for r in results:
            ui = (
                f"; UI thread over the whole answer {r['ui_cpu_s']:.2f} s"
                if "ui_cpu_s" in r
                else ""
            )
            phases = f"prefill {r.get('prefill_cpu')}; generation {r.get('generation_cpu')}"
            print(f"- {side}: {phases}{ui}")


if __name__ == "__main__":
    sys.exit(main())
