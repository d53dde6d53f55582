"""Conversations in the window (issue 13, point 9): every exchange keeps its passages, trace,
timings and citations; several conversations per knowledge base; copy with citations;
regenerate; the last knowledge base and conversation reopened after a restart. And point 12:
only the knowledge-base list is held while an answer streams."""

from __future__ import annotations

import time

from PySide6.QtGui import QGuiApplication

from tests.gui.test_main_window import ingest

PLANT = ["<think>", *"The plant is in [2].", "</think>", *"Jakarta [2].", "<EOS>"]
MARGIN = ["<think>", *"Margin in [1].", "</think>", *"41.7% [1].", "<EOS>"]


def ask(qtbot, window, question):
    with qtbot.waitSignal(window.answer_finished, timeout=60000) as blocker:
        window.chat.ask_requested.emit(question)
    return blocker.args[0]


def test_clicking_an_earlier_answer_brings_back_its_sources_and_reasoning(qtbot, make_window, docs):
    window = make_window(PLANT)
    ingest(qtbot, window, [docs])
    first = ask(qtbot, window, "Where is the new plant?")
    window.fake_backend.script = MARGIN
    second = ask(qtbot, window, "What was the gross margin?")
    assert "Margin in [1]." in window.reasoning.browser.toPlainText()
    text = window.chat.browser.toPlainText()
    assert "Show sources and reasoning" in text and "tokens" in text  # timings under each
    window.chat.exchange_action.emit("show", 0)
    assert "The plant is in [2]." in window.reasoning.browser.toPlainText()
    shown = [window.sources.passages[i].text for i in range(len(first.passages))]
    assert shown == [p.text for p in first.passages]
    assert window.chat.shown == 0
    assert "sources and reasoning beside" in window.chat.browser.toPlainText()
    window.chat.exchange_action.emit("show", 1)
    assert [p.text for p in window.sources.passages] == [p.text for p in second.passages]


def test_everything_comes_back_after_a_restart_in_the_last_knowledge_base(
    qtbot, make_window, docs, tmp_path
):
    window = make_window(PLANT)
    window.app.create_kb("plants")
    window.sidebar.refresh()
    window.sidebar.kbs.setCurrentRow(window.app.knowledge_base_names().index("plants"))
    assert window.sidebar.current == "plants"
    ingest(qtbot, window, [docs])
    answer = ask(qtbot, window, "Where is the new plant?")
    window.close()
    again = make_window()
    assert again.sidebar.current == "plants"  # the knowledge base open last is reopened
    assert again.chat.exchanges == [("Where is the new plant?", "Jakarta [2].")]
    assert "The plant is in [2]." in again.reasoning.browser.toPlainText()
    assert again.sources.cards.count() == len(answer.passages)
    assert "first token after" in again.chat.browser.toPlainText()  # the timing line too
    assert "answer tokens" in again.chat.browser.toPlainText()


def test_several_conversations_per_knowledge_base(qtbot, make_window, docs):
    window = make_window(PLANT)
    ingest(qtbot, window, [docs])
    ask(qtbot, window, "Where is the new plant?")
    first = window.conversation
    window.new_conversation()
    assert window.conversation != first and window.chat.exchanges == []
    assert window.sources.cards.count() == 0
    window.new_conversation()  # an empty one open already is kept
    assert len(window.app.conversations("default")) == 2
    window.fake_backend.script = MARGIN
    ask(qtbot, window, "What was the gross margin?")
    titles = [c.title for c in window.app.conversations("default")]
    assert titles == ["What was the gross margin?", "Where is the new plant?"]
    assert window.conversations.choice.count() == 2
    window.conversations.choice.setCurrentIndex(1)  # back to the first conversation
    assert window.conversation == first
    assert [q for q, _ in window.chat.exchanges] == ["Where is the new plant?"]
    window.ask_text = lambda title, label, value="": "Plants"
    window.rename_conversation()
    assert window.conversations.current_title().startswith("Plants")
    window.delete_conversation()  # confirmed by the test window
    assert [c.title for c in window.app.conversations("default")] == ["What was the gross margin?"]
    assert [q for q, _ in window.chat.exchanges] == ["What was the gross margin?"]


def test_the_next_start_opens_the_conversation_open_last(qtbot, make_window, docs):
    window = make_window(PLANT)
    ingest(qtbot, window, [docs])
    ask(qtbot, window, "Where is the new plant?")
    window.new_conversation()
    window.fake_backend.script = MARGIN
    ask(qtbot, window, "What was the gross margin?")
    window.conversations.choice.setCurrentIndex(1)  # the older one
    window.close()
    again = make_window()
    assert [q for q, _ in again.chat.exchanges] == ["Where is the new plant?"]


def test_copy_puts_the_answer_and_its_cited_sources_on_the_clipboard(qtbot, make_window, docs):
    window = make_window(PLANT)
    ingest(qtbot, window, [docs])
    answer = ask(qtbot, window, "Where is the new plant?")
    window.chat.exchange_action.emit("copy", 0)
    copied = QGuiApplication.clipboard().text()
    cited = answer.passages[1]
    assert copied.startswith("Jakarta [2].")
    assert "Sources:" in copied and f"[2] {cited.file.rsplit('/', 1)[-1]}" in copied
    assert "[1]" not in copied.split("Sources:")[1]  # read, not cited: not listed


def test_regenerate_replaces_the_last_answer(qtbot, make_window, docs):
    window = make_window(PLANT)
    ingest(qtbot, window, [docs])
    ask(qtbot, window, "Where is the new plant?")
    assert "Regenerate" in window.chat.browser.toPlainText()
    window.fake_backend.script = ["<think>", *"Again [1].", "</think>", *"Bandung [1].", "<EOS>"]
    with qtbot.waitSignal(window.answer_finished, timeout=60000):
        window.chat.exchange_action.emit("regenerate", 0)
    assert window.chat.exchanges == [("Where is the new plant?", "Bandung [1].")]
    kept = window.app.conversation("default", window.conversation)
    assert [e.answer.answer for e in kept] == ["Bandung [1]."]
    assert "Again [1]." in window.reasoning.browser.toPlainText()


class SlowScript(list):
    """A script the fake model reads slowly, so the answer is still streaming when looked at."""

    def __getitem__(self, index):
        time.sleep(0.01)
        return super().__getitem__(index)


def test_while_an_answer_streams_only_the_knowledge_base_list_waits(qtbot, make_window, docs):
    window = make_window(PLANT)
    ingest(qtbot, window, [docs])
    window.fake_backend.script = SlowScript([*("word " * 60), "<EOS>"])
    with qtbot.waitSignal(window.answer_finished, timeout=60000):
        window.chat.ask_requested.emit("Where is the new plant?")
        assert "ask" in window.workers
        assert not window.sidebar.kbs.isEnabled()  # the answer belongs to this base
        assert not window.conversations.isEnabled()  # and to this conversation
        assert window.sidebar.documents.isEnabled() and window.sidebar.add_button.isEnabled()
        assert "Regenerate" not in window.chat.browser.toPlainText()
    assert window.sidebar.kbs.isEnabled() and window.conversations.isEnabled()
