"""The whole chain in the window with the real parsers, bundled embedding model, FAISS and
the bundled GGUF through llama-cpp-python."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.application import Application
from app.gui.main_window import MainWindow

GOOD = Path(__file__).parents[1] / "data" / "good"
pytestmark = pytest.mark.slow


def test_drop_ask_and_read_the_cited_sources(qtbot, thinkdesk_home):
    window = MainWindow(Application(thinkdesk_home))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.models_ready, timeout=300000):
        window.preload()
    window.settings.min_thinking_tokens = 8
    window.settings.max_thinking_tokens = 24
    window.settings.top_k = 3
    with qtbot.waitSignal(window.ingest_finished, timeout=300000) as ingested:
        window.start_ingest([str(GOOD)])
    assert ingested.args[0].added == 9
    with qtbot.waitSignal(window.answer_finished, timeout=300000) as answered:
        window.chat.ask_requested.emit("What gross margin did Acme report for fiscal 2025?")
    answer = answered.args[0]
    assert answer is not None and answer.answer and answer.reasoning
    assert answer.passages[0].file == str(GOOD / "report_en.pdf")
    assert window.sources.cards.count() == len(answer.passages)
    assert answer.timings["reasoning_tokens"] <= 27
    assert window.app.knowledge_base_names() == ["default"]
    assert [e.question for e in window.app.conversation("default")] == [answer.question]
