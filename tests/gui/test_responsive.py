"""The window's event loop keeps running while it indexes a dropped folder of real reports and
while the bundled model streams an answer (issue 10): a 5 ms timer on the UI thread records
the longest gap between its ticks, with what was running then."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.application import Application
from app.gui.main_window import MainWindow, start_later
from app.gui.stall_meter import StallMeter

TESTS = Path(__file__).parents[1]
GOOD = ("report_en.pdf", "report_zh.pdf", "report.docx", "deck.pptx", "book.xlsx")
DOCUMENTS = [
    *(TESTS / "data" / "good" / name for name in GOOD),
    *(
        TESTS / "retrieval" / "corpus" / name
        for name in (
            "acme_robotics_fy2025_annual_report.pdf",
            "acme_robotics_asia_fy2025_research_note.docx",
            "beichen_semiconductor_2025_investor_deck.pptx",
            "bluewater_logistics_fy2025_data_pack.xlsx",
            "huadong_xinnengyuan_2024_annual_report.pdf",
            "hongda_jingmi_2024_research_note.docx",
            "zhongke_lidian_2024_data_pack.xlsx",
        )
    ),
]
SETTLE_MS = 500  # the window's first show and layout are not measured
# The target is 50 ms, which bench/gui_stall.py measures (max and p99 against an idle
# window's in the same run). On 2 shared cores under other jobs' load the scheduler alone
# delays a tick by 50-100 ms now and then; what this bound catches is a stall of the window's
# own making: a load holding the GIL in the first drop (torch's import, pypinyin's dictionary:
# 0.4-2 s each before the window preloaded them), the GGUF header parsed at every question
# (0.5-0.8 s, before models/gguf_header.py read it), a slot that re-queries the library
# per event.
STALL_BOUND_MS = 250

pytestmark = pytest.mark.slow


def drop(window: MainWindow, folder: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def label(event: object) -> str:
    path = getattr(event, "path", "")
    return f"{type(event).__name__} {Path(path).name}".strip()


def test_the_event_loop_keeps_running_while_indexing_and_answering(qtbot, thinkdesk_home, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in DOCUMENTS:
        shutil.copy(path, folder / path.name)
    window = MainWindow(Application(thinkdesk_home))
    qtbot.addWidget(window)
    window.settings.min_thinking_tokens, window.settings.max_thinking_tokens = 8, 24
    window.settings.top_k = 3
    window.show()
    with qtbot.waitSignal(window.models_ready, timeout=300000):
        start_later(window)  # as `python -m app` starts
    qtbot.wait(SETTLE_MS)
    # What earlier tests left for the collector (their models, windows) is freed now, not
    # inside the measurement: the meter times this window, not a previous test's garbage.
    gc.collect()
    meter = StallMeter()
    meter.mark("drop")
    meter.start()
    with qtbot.waitSignal(window.ingest_finished, timeout=300000) as ingested:
        drop(window, folder)
        window.workers["ingest"].yielded.connect(lambda event: meter.mark(label(event)))
    meter.stop()
    indexing, indexing_ms = meter.summary(), meter.max_ms()
    assert ingested.args[0].added == len(DOCUMENTS)
    meter.mark("question")
    meter.start()
    with qtbot.waitSignal(window.answer_finished, timeout=300000) as answered:
        window.chat.ask_requested.emit("What gross margin did Acme report for fiscal 2025?")
        window.workers["ask"].yielded.connect(lambda event: meter.mark(label(event)))
    meter.stop()
    answering, answering_ms = meter.summary(), meter.max_ms()
    assert answered.args[0] is not None and answered.args[0].answer
    print(f"\nindexing {len(DOCUMENTS)} files: {indexing}\nanswering: {answering}")
    assert indexing_ms < STALL_BOUND_MS, f"the event loop stalled while indexing: {indexing}"
    assert answering_ms < STALL_BOUND_MS, f"the event loop stalled while answering: {answering}"
