"""Answers you can check, in the window: the evidence shaded on its card as soon as the search
is done (before the model writes anything), a mark per sentence once the answer is done, a
clicked mark shading the span it rests on, and the trace linked to the cards both ways."""

from __future__ import annotations

from app.events import AnswerDelta, ThinkingDelta
from app.gui.markdown import CLAIM_STYLE, EVIDENCE_STYLE
from tests.gui.test_main_window import ingest

QUESTION = "What was the gross margin in fiscal 2025?"


def ask(qtbot, window, question=QUESTION):
    seen_before_first_token: list[str] = []
    handle = window._answer_event

    def spy(event):
        if isinstance(event, ThinkingDelta | AnswerDelta) and not seen_before_first_token:
            cards = window.sources.cards.count()
            seen_before_first_token.extend(window.sources.card_text(n) for n in range(1, cards + 1))
        handle(event)

    window._answer_event = spy
    with qtbot.waitSignal(window.answer_finished, timeout=60000) as blocker:
        window.chat.ask_requested.emit(question)
    return blocker.args[0], seen_before_first_token


def test_evidence_is_shaded_before_the_first_token_and_sentences_marked_after(
    qtbot, make_window, docs
):
    script = [
        "<think>",
        *"The margin of 41.7% is in [2]; 99.9% is not anywhere.",
        "</think>",
        *"Gross margin was 41.7% [2]. Revenue fell by 77.7% [2].",
        "<EOS>",
    ]
    window = make_window(script)
    ingest(qtbot, window, [docs])
    answer, before = ask(qtbot, window)
    assert before, "no source card was shown before the first token"
    assert any(EVIDENCE_STYLE in card and "41.7" in card for card in before)
    assert any(p.evidence is not None for p in answer.passages)

    # One mark per sentence: the first is in [2] ("41.7 percent"), the second's figure is not.
    text = window.chat.browser.toPlainText()
    assert "Gross margin was 41.7% [2]. ✓" in text
    assert "Revenue fell by 77.7% [2]. ✗" in text
    assert [c.status for c in answer.claims()] == ["supported", "unsupported"]

    # Clicking the first mark shades the span it rests on and names it.
    window.chat.claim_clicked.emit(0, 0)
    assert window.sources.selected() == 2
    assert CLAIM_STYLE in window.sources.card_text(2)
    assert "Supported" in window.statusBar().currentMessage()
    window.chat.claim_clicked.emit(0, 1)
    assert "77.7% is not in [2]" in window.statusBar().currentMessage()

    # The trace: its figure and [2] link to card 2, the figure no passage holds is marked.
    trace = window.reasoning.browser.toPlainText()
    assert "99.9% ⚠" in trace and "Figures no passage holds: 99.9%" in trace
    window.sources.select(2)
    assert window.reasoning.mentions_shown() == ["41.7%", "[2]"]
    window.sources.select(4)
    window.reasoning.citation_clicked.emit(-1, 2)
    assert window.sources.selected() == 2


def test_a_passage_cited_but_never_considered_in_the_trace_is_named(qtbot, make_window, docs):
    script = ["<think>", *"Let me think.", "</think>", *"Gross margin was 41.7% [2].", "<EOS>"]
    window = make_window(script)
    ingest(qtbot, window, [docs])
    ask(qtbot, window)
    assert "cited, not in the reasoning" in window.sources.card_text(2)
    assert "cited, not in the reasoning" not in window.sources.card_text(1)
    assert "never considered in the trace: [2]" in window.reasoning.browser.toPlainText()


def test_marks_come_back_with_the_history(qtbot, make_window, docs):
    window = make_window([*"Gross margin was 41.7% [2].", "<EOS>"])
    ingest(qtbot, window, [docs])
    ask(qtbot, window)
    window.close()
    again = make_window()
    assert "✓" in again.chat.browser.toPlainText()


def test_asking_an_empty_library_says_to_add_documents_in_the_windows_words(qtbot, make_window):
    window = make_window()
    window.chat.ask_requested.emit(QUESTION)
    message = window.chat.progress.text()
    assert message.startswith("Add documents first") and "thinkdesk" not in message
    assert "ask" not in window.workers and window.chat.box.toPlainText() == QUESTION
    assert window.chat.exchanges == []


def test_an_answer_cut_at_the_length_limit_is_marked_live_and_after_a_restart(
    qtbot, make_window, docs
):
    words = " ".join(f"word{i}" for i in range(400))  # longer than the answer token limit
    window = make_window([*words, "<EOS>"])
    ingest(qtbot, window, [docs])
    answer, _ = ask(qtbot, window)
    assert answer.stop_reason == "max_answer_tokens"
    assert "(cut at the answer length limit)" in window.chat.browser.toPlainText()
    window.close()
    again = make_window()
    assert "(cut at the answer length limit)" in again.chat.browser.toPlainText()


def test_a_stopped_answer_says_so_with_or_without_text():
    from app.answer import Answer
    from app.gui.main_window import _answer_text

    stopped = Answer("q", "Gross margin was", "", [], [], [], "m", stop_reason="stopped")
    assert _answer_text(stopped).startswith("Gross margin was … *(stopped by you)*")
    empty = Answer("q", "", "", [], [], [], "m", stop_reason="stopped")
    assert _answer_text(empty) == "_(stopped by you)_"
    assert _answer_text(Answer("q", "", "", [], [], [], "m")) == "_(no answer)_"


def test_counts_say_one_passage_not_one_passages(qtbot):
    from app.answer import Passage
    from app.formatting import counted
    from app.gui.sources_panel import SourcesPanel

    assert (counted(1, "passage"), counted(1204, "chunk")) == ("1 passage", "1,204 chunks")
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.show_passages([Passage(1, 0.5, "/r/a.pdf", {"page": 1}, "Text.", 1)], [])
    assert "1 passage " in panel.header.text() and "1 passages" not in panel.header.text()
