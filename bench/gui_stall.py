"""The GUI event loop's stalls while it indexes and answers (issue 10: never more than 50 ms
during ingest), measured by a 5 ms QTimer on the UI thread (app/gui/stall_meter.py).

Each run is a fresh process with a fresh THINKDESK_HOME and a real MainWindow offscreen,
the real parsers, embedder and bundled GGUF, and 18 real documents (PDF, DOCX, PPTX, XLSX,
Chinese and English, from tests/data/good and tests/retrieval/corpus) dropped on it:

- idle: the window shown, nothing running, as long as the ingest took (the machine's own
  noise floor, the baseline the other figures are held against);
- ingest: the models preloaded as `python -m app` does at start, then the folder dropped;
- answer: a short answer streamed by the bundled model after that ingest;
- cold ingest: the folder dropped at once on a window that loaded nothing yet, so the
  embedding model loads inside the ingest (torch's import holds the GIL for long stretches).

Runs are interleaved (warm, cold, warm, cold...), median of --repeat.

    python -m bench.gui_stall [--repeat 3]
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).parents[1] / "tests"
DOCUMENTS = [
    TESTS / "data" / "good" / name
    for name in ("report_en.pdf", "report_zh.pdf", "report.docx", "deck.pptx", "book.xlsx")
] + [
    TESTS / "retrieval" / "corpus" / name
    for name in (
        "acme_robotics_fy2025_annual_report.pdf",
        "acme_robotics_asia_fy2025_research_note.docx",
        "beichen_semiconductor_2025_investor_deck.pptx",
        "bluewater_logistics_fy2025_data_pack.xlsx",
        "helio_grid_storage_fy2025_annual_report.pdf",
        "helios_grid_storage_fy2025_investor_deck.pptx",
        "hongda_jingmi_2024_research_note.docx",
        "huadong_xinnengyuan_2024_annual_report.pdf",
        "jiangbei_zhizao_2025_data_pack.xlsx",
        "lianhua_guangdian_2025_annual_report.pdf",
        "northwind_biologics_fy2024_research_note.docx",
        "zhongke_lidian_2024_data_pack.xlsx",
        "huanan_xinnengyuan_2024_investor_deck.pptx",
    )
]
QUESTION = "What gross margin did Acme report for fiscal 2025?"
SETTLE_MS = 500  # the window's first show and layout are not part of any phase
DUMP_AFTER_S = 0.1  # --dump: a stall this long has its stacks written
PHASES = ("idle", "ingest", "answer", "cold ingest")


def copy_documents(folder: Path) -> Path:
    """The documents copied into folder (created); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in DOCUMENTS:
        shutil.copy(path, folder / path.name)
    return folder


def run_window(
    home: Path, folder: Path, cold: bool, dump: bool = False
) -> dict[str, dict[str, Any]]:
    """One window's phases: {phase: {max_ms, p99_ms, seconds, largest}}."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.application import Application
    from app.gui.main_window import MainWindow, start_later
    from app.gui.stall_meter import StallMeter

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(Application(home))
    window.confirm = lambda question, detail="": True  # type: ignore[method-assign]
    window.settings.min_thinking_tokens, window.settings.max_thinking_tokens = 8, 24
    window.settings.top_k = 3
    window.show()
    meter = StallMeter()
    found: dict[str, dict[str, Any]] = {}

    def wait(signal: Any, start: Any) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        start()
        loop.exec()
        signal.disconnect(loop.quit)

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def measured(phase: str, signal: Any, start: Any) -> None:
        meter.mark(phase)
        meter.start()
        wait(signal, start)
        meter.stop()
        found[phase] = figures(meter)
        print(f"{phase}: {meter.summary()}", file=sys.stderr)

    if not cold:
        wait(window.models_ready, lambda: start_later(window))
    watch = watchdog(window) if dump else None
    settle(SETTLE_MS)
    name = "cold ingest" if cold else "ingest"
    measured(name, window.ingest_finished, lambda: drop(window, folder, meter))
    if not cold:
        seconds = found[name]["seconds"]
        measured("answer", window.answer_finished, lambda: ask(window, meter))
        meter.mark("idle")
        meter.start()
        settle(int(seconds * 1000))
        meter.stop()
        found["idle"] = figures(meter)
    if watch is not None:
        watch.stop()
        faulthandler.cancel_dump_traceback_later()
    window.close()
    window.app.close()
    qt.processEvents()
    return found


def watchdog(parent: Any) -> Any:
    """Every thread's stack written to stderr whenever the UI thread has not run for
    DUMP_AFTER_S: faulthandler's own thread reads them without the GIL, so it also names
    the C call that holds the GIL (which a sampler in Python could not)."""
    from PySide6.QtCore import QTimer

    def rearm() -> None:
        faulthandler.cancel_dump_traceback_later()
        faulthandler.dump_traceback_later(DUMP_AFTER_S)

    timer = QTimer(parent)
    timer.setInterval(5)
    timer.timeout.connect(rearm)
    timer.start()
    return timer


def drop(window: Any, folder: Path, meter: Any) -> None:
    """Drop the folder on the window, as a user does; label the gaps with its events."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    window.workers["ingest"].yielded.connect(lambda event: meter.mark(label(event)))


def ask(window: Any, meter: Any) -> None:
    """Ask as the chat box does; label the gaps with the answer's events."""
    window.chat.ask_requested.emit(QUESTION)
    window.workers["ask"].yielded.connect(lambda event: meter.mark(label(event)))


def label(event: Any) -> str:
    """An event as a gap's label: its type and its file."""
    path = getattr(event, "path", "")
    return f"{type(event).__name__} {Path(path).name}".strip()


def figures(meter: Any) -> dict[str, Any]:
    """A phase's figures from its meter."""
    return {
        "max_ms": meter.max_ms(),
        "p99_ms": meter.percentile_ms(0.99),
        "seconds": meter.seconds,
        "largest": [gap.describe() for gap in meter.largest(3)],
    }


def child(cold: bool, dump: bool) -> int:
    """One run in this fresh process: JSON of its phases on stdout."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        os.environ["THINKDESK_HOME"] = str(home)
        found = run_window(home, copy_documents(Path(folder) / "reports"), cold, dump)
    print(json.dumps(found), flush=True)
    return 0


def run_child(cold: bool) -> dict[str, dict[str, Any]]:
    """A fresh process for one run (a cold start must not find torch imported already)."""
    command = [sys.executable, "-m", "bench.gui_stall", "--child", "cold" if cold else "warm"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    sys.stderr.write(done.stderr[-2000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    """Print the phases' max and p99 gaps, medians of --repeat, as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--dump", action="store_true", help="with --child: stacks of every stall over 100 ms"
    )
    parser.add_argument("--child", choices=("warm", "cold"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child == "cold", args.dump)
    runs: dict[str, list[dict[str, Any]]] = {phase: [] for phase in PHASES}
    started = time.perf_counter()
    for _ in range(args.repeat):
        for cold in (False, True):
            for phase, result in run_child(cold).items():
                runs[phase].append(result)
    report(runs, args.repeat, time.perf_counter() - started)
    return 0


def report(runs: dict[str, list[dict[str, Any]]], repeat: int, seconds: float) -> None:
    """The table, then every run's three longest gaps."""
    idle = statistics.median(r["max_ms"] for r in runs["idle"])
    print(
        f"{len(DOCUMENTS)} documents dropped on a fresh window, 5 ms timer, median of "
        f"{repeat} interleaved runs ({seconds:.0f} s in all)\n"
    )
    print("| phase | seconds | max gap ms | p99 gap ms | max gap / idle max gap |")
    print("|---|---|---|---|---|")
    for phase in PHASES:
        results = runs[phase]
        top = statistics.median(r["max_ms"] for r in results)
        p99 = statistics.median(r["p99_ms"] for r in results)
        span = statistics.median(r["seconds"] for r in results)
        print(f"| {phase} | {span:.1f} | {top:.0f} | {p99:.0f} | {top / max(idle, 1):.1f} |")
    print("\nlongest gaps of each run:")
    for phase in PHASES:
        for r in runs[phase]:
            print(f"- {phase}: " + "; ".join(r["largest"]))


if __name__ == "__main__":
    sys.exit(main())
