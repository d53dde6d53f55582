"""Streaming an answer redraws the views a bounded number of times, and the earlier exchanges
of a long conversation are not rendered again for every redraw (issue 13.10)."""

import time

from PySide6.QtWidgets import QTextBrowser

from app.gui.chat_view import ChatView
from app.gui.markdown_view import REDRAW_MS
from app.gui.reasoning_panel import ReasoningPanel

EARLIER = "Gross margin was **41.7%** [1], up from 39.2% [2].\n\n- pricing\n- mix"
DELTAS = [f"word{i} " if i % 50 else f"[{i % 7 + 1}]\n\n" for i in range(500)]


class Renders:
    """Counts a view's renders from its document: a whole render (setMarkdown) clears it and
    fills it again from the start, a render of the end only changes it further on."""

    def __init__(self, view: QTextBrowser) -> None:
        self.full = self.partial = 0
        view.document().contentsChange.connect(self._changed)

    def _changed(self, position: int, removed: int, added: int) -> None:
        if position == 0 and added > 1:  # setMarkdown's clearing changes count 0 or 1 chars
            self.full += 1
        elif position > 0:
            self.partial += 1


def stream(qtbot, append) -> float:
    """500 deltas with the event loop running between them, as tokens arrive; seconds taken."""
    started = time.monotonic()
    for i, delta in enumerate(DELTAS):
        append(delta)
        if i % 5 == 4:
            qtbot.wait(4)
    return time.monotonic() - started


def redraws_allowed(seconds: float) -> int:
    return int(seconds * 1000 / REDRAW_MS) + 2


def test_answer_streams_without_rendering_the_conversation_again(qtbot):
    chat = ChatView()
    qtbot.addWidget(chat)
    chat.show()
    chat.set_exchanges([(f"Question {i}?", EARLIER) for i in range(20)], footers=["9.0 s"] * 20)
    chat.start_answer("What drove the margin?")
    renders = Renders(chat.browser)
    seconds = stream(qtbot, chat.append_answer)
    qtbot.wait(2 * REDRAW_MS)
    assert renders.full <= 1  # the first redraw may render all once; the rest only the answer
    assert 1 <= renders.full + renders.partial <= 3 * redraws_allowed(seconds)
    answer = "".join(DELTAS)
    chat.set_answer(answer)
    assert renders.full <= 1
    shown = chat.browser.toPlainText()
    reference = QTextBrowser()
    qtbot.addWidget(reference)
    reference.setMarkdown(chat._markdown())
    assert shown == reference.toPlainText()  # the same text as one whole render gives
    assert "word499" in shown and shown.count("Question 19?") == 1
    assert chat.browser.toMarkdown() == reference.toMarkdown()  # links and marks too


def test_reasoning_redraws_are_bounded_and_complete(qtbot):
    panel = ReasoningPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.start()
    renders = Renders(panel.browser)
    seconds = stream(qtbot, panel.append)
    qtbot.wait(2 * REDRAW_MS)
    assert 1 <= renders.full <= redraws_allowed(seconds)
    assert panel.tokens == 500
    assert panel.browser.toPlainText() == "".join(DELTAS).replace("\n\n", "\n").strip()
