"""The main window with fakes: drop a folder, ask, click a citation, cancel, export."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.settings import Settings


def drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def ingest(qtbot, window, paths):
    with qtbot.waitSignal(window.ingest_finished, timeout=60000) as blocker:
        drop(window, paths)
    return blocker.args[0]


def test_dropping_a_folder_lists_documents_with_their_status(qtbot, make_window, docs):
    window = make_window()
    summary = ingest(qtbot, window, [docs])
    assert summary.added == 4 and len(summary.failed) == 1
    items = [window.sidebar.documents.item(i) for i in range(window.sidebar.documents.count())]
    texts = [item.text() for item in items]
    assert "✓ report_en.pdf" in texts and "✗ locked.pdf" in texts
    locked = next(i for i in items if i.text() == "✗ locked.pdf")
    assert "encrypted: needs a password" in locked.toolTip()
    assert "4 documents" in window.sidebar.counts.text()
    assert window.ingest_panel.stage_of(str(docs / "locked.pdf")).startswith("failed: encrypted")
    assert window.ingest_panel.stage_of(str(docs / "deck.pptx")).startswith("done")


def test_asking_fills_reasoning_answer_and_source_cards(qtbot, make_window, docs):
    script = ["<think>", *"Look at [1].", "</think>", *"Gross margin was 41.7% [1].", "<EOS>"]
    window = make_window(script)
    ingest(qtbot, window, [docs])
    with qtbot.waitSignal(window.answer_finished, timeout=60000) as blocker:
        window.chat.ask_requested.emit("What was the gross margin in fiscal 2025?")
    answer = blocker.args[0]
    assert answer.answer == "Gross margin was 41.7% [1]."
    assert "Gross margin was 41.7%" in window.chat.browser.toPlainText()
    assert "Look at [1]." in window.reasoning.browser.toPlainText()
    assert "tokens" in window.reasoning.header.text()
    assert window.sources.cards.count() == len(answer.passages) > 0
    window.chat.citation_clicked.emit(0, 1)
    assert window.sources.selected() == 1
    window.reasoning.citation_clicked.emit(-1, 2)
    assert window.sources.selected() == 2


def test_conversation_is_kept_across_restarts_and_exported(qtbot, make_window, docs, tmp_path):
    window = make_window([*"Jakarta [1]", "<EOS>"])
    ingest(qtbot, window, [docs])
    with qtbot.waitSignal(window.answer_finished, timeout=60000):
        window.chat.ask_requested.emit("Where is the new plant?")
    window.close()
    again = make_window()
    assert again.chat.exchanges == [("Where is the new plant?", "Jakarta [1]")]
    assert again.sources.cards.count() > 0  # the last answer's own sources come back
    out = tmp_path / "chat.md"
    again.export_to(out)
    text = out.read_text(encoding="utf-8")
    assert "## Where is the new plant?" in text and "Jakarta [1]" in text
    assert "**Cited sources**" in text
    assert "deck.pptx" in text or "report_en.pdf" in text


def test_cancel_stops_ingestion(qtbot, make_window, docs):
    for i in range(40):
        shutil.copy(docs / "notes.txt", docs / f"copy{i}.txt")
        (docs / f"copy{i}.txt").write_text(f"note {i}\n" * 50)
    window = make_window()
    window.settings.parse_workers = 1
    with qtbot.waitSignal(window.ingest_finished, timeout=60000) as blocker:
        drop(window, [docs])
        window.ingest_panel.cancel.click()
    summary = blocker.args[0]
    assert summary.cancelled and summary.added < 44
    assert "Cancelled" in window.ingest_panel.status.text()


def test_an_error_shows_in_the_window(qtbot, make_window, docs):
    from retrieval.store import LibraryError

    window = make_window()
    ingest(qtbot, window, [docs])

    def fails(*args, **kwargs):
        raise LibraryError("nothing in 'default' matches the question")
        yield

    window.app.ask = fails
    with qtbot.waitSignal(window.answer_finished, timeout=30000) as blocker:
        window.chat.ask_requested.emit("anything?")
    assert blocker.args[0] is None
    assert "Could not answer" in window.chat.browser.toPlainText()
    assert window.statusBar().currentMessage().startswith("Error:")


def test_settings_come_from_the_home_folder(make_window, thinkdesk_home):
    Settings(top_k=3, min_thinking_tokens=5).save(thinkdesk_home)
    window = make_window()
    assert (window.settings.top_k, window.settings.min_thinking_tokens) == (3, 5)


def test_settings_that_do_not_fit_are_named_until_fixed(qtbot, make_window, thinkdesk_home):
    thinkdesk_home.mkdir(parents=True)
    (thinkdesk_home / "settings.json").write_text('{"top_k": 0, "threads": "many"}')
    window = make_window()
    with qtbot.waitSignal(window.models_ready, timeout=60000):
        window.preload()  # its status messages must not hide the warning
    warning = window.settings_warning
    assert warning.isVisibleTo(window) and warning.text() == "settings.json: 2 values ignored"
    assert "top_k is 0, must be from 1 to 50; using 5" in warning.toolTip()
    assert window.settings.top_k == 5


def test_a_citation_in_an_older_answer_selects_that_answers_card(qtbot, make_window, docs):
    window = make_window([*"Jakarta [2]", "<EOS>", *"Margin [1]", "<EOS>"])
    ingest(qtbot, window, [docs])
    for question in ("Where is the new plant?", "What was the gross margin in fiscal 2025?"):
        with qtbot.waitSignal(window.answer_finished, timeout=60000):
            window.chat.ask_requested.emit(question)
        qtbot.waitUntil(lambda: "ask" not in window.workers)  # ready for the next question
    first, second = (e.answer for e in window.history)
    assert first.passages != second.passages
    window.chat.citation_clicked.emit(0, 2)  # [2] in the first answer
    assert window.sources.passages == first.passages and window.sources.selected() == 2
    window.chat.citation_clicked.emit(1, 1)
    assert window.sources.passages == second.passages and window.sources.selected() == 1


def test_an_answer_asked_outside_the_window_shows_in_its_history(qtbot, make_window, docs):
    window = make_window([*"Jakarta [1]", "<EOS>"])
    ingest(qtbot, window, [docs])
    events = list(window.app.ask("default", "Where is the new plant?"))  # as `thinkdesk ask`
    assert events[-1].answer.answer == "Jakarta [1]"
    window.show_history()
    assert window.chat.exchanges == [("Where is the new plant?", "Jakarta [1]")]


def test_a_failed_answer_does_not_shift_the_citation_links_after_it(qtbot, make_window, docs):
    window = make_window([*"Jakarta [2]", "<EOS>"])  # every answer reads the same
    ingest(qtbot, window, [docs])
    for question in ("Where is the new plant?", "   ", "What was the gross margin in fiscal 2025?"):
        with qtbot.waitSignal(window.answer_finished, timeout=60000):
            window.chat.ask_requested.emit(question)
        qtbot.waitUntil(lambda: "ask" not in window.workers)  # ready for the next question
    assert len(window.chat.exchanges) == 3 and len(window.history) == 2
    html = window.chat.browser.toHtml()
    assert 'href="cite:0/2"' in html and 'href="cite:1/2"' in html
    assert "cite:2/" not in html  # the failed answer is not an exchange of the history
    first, second = (e.answer for e in window.history)
    assert first.passages != second.passages
    with qtbot.waitSignal(window.chat.citation_clicked) as clicked:
        window.chat.browser.anchorClicked.emit(QUrl("cite:0/2"))  # as a click on [2]
    assert clicked.args == [0, 2]
    assert window.sources.passages == first.passages and window.sources.selected() == 2
    window.chat.browser.anchorClicked.emit(QUrl("cite:1/2"))
    assert window.sources.passages == second.passages and window.sources.selected() == 2


def test_an_answer_citing_nothing_is_flagged(qtbot, make_window, docs):
    window = make_window([*"It rose.", "<EOS>"])
    ingest(qtbot, window, [docs])
    with qtbot.waitSignal(window.answer_finished, timeout=60000) as blocker:
        window.chat.ask_requested.emit("What was the gross margin in fiscal 2025?")
    assert blocker.args[0].unsupported
    assert "cites no source" in window.chat.browser.toPlainText()
    window.show_history()  # and again when the conversation is reopened
    assert "cites no source" in window.chat.browser.toPlainText()


def test_a_drop_while_the_models_load_is_indexed_once_they_are_loaded(qtbot, make_window, docs):
    window = make_window()
    window.preload()
    with qtbot.waitSignal(window.ingest_finished, timeout=60000) as blocker:
        drop(window, [docs])
        assert "ingest" not in window.workers  # waits: indexing would load the model too
        assert window.ingest_panel.cancel.isEnabled()
    assert blocker.args[0].added == 4
    assert "preload" not in window.workers


def test_a_drop_waiting_for_the_models_can_be_cancelled(qtbot, make_window, docs):
    window = make_window()
    window.preload()
    with qtbot.waitSignal(window.ingest_finished, timeout=60000) as blocker:
        drop(window, [docs])
        window.ingest_panel.cancel.click()
    assert blocker.args[0].cancelled and blocker.args[0].added == 0
    qtbot.waitUntil(lambda: "preload" not in window.workers)
    assert "ingest" not in window.workers
    assert "Cancelled" in window.ingest_panel.status.text()
