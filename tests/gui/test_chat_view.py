"""The conversation view: keys of the question box and clickable citations."""

from PySide6.QtCore import Qt, QUrl

from app.gui.chat_view import ChatView


def test_enter_sends_shift_enter_breaks_the_line_and_escape_stops(qtbot):
    view = ChatView()
    qtbot.addWidget(view)
    qtbot.keyClicks(view.box, "first line")
    qtbot.keyClick(view.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(view.box, "second")
    assert view.box.toPlainText() == "first line\nsecond"
    with qtbot.waitSignal(view.ask_requested) as sent:
        qtbot.keyClick(view.box, Qt.Key.Key_Return)
    assert sent.args == ["first line\nsecond"] and view.box.toPlainText() == ""
    with qtbot.waitSignal(view.stop_requested):
        qtbot.keyClick(view.box, Qt.Key.Key_Escape)


def test_answers_render_markdown_with_citation_links(qtbot):
    view = ChatView()
    qtbot.addWidget(view)
    view.start_answer("Margin?")
    view.append_answer("It was **41.7%** [1][2].")
    qtbot.waitUntil(lambda: "It was 41.7% [1][2]." in view.browser.toPlainText())
    assert 'href="cite:0/1"' in view.browser.toHtml()  # exchange 0, passage 1
    with qtbot.waitSignal(view.citation_clicked) as clicked:
        view.browser.anchorClicked.emit(QUrl("cite:0/2"))
    assert clicked.args == [0, 2]
    assert view.stop.isEnabled() and not view.send.isEnabled()


def test_a_question_typed_while_answering_stays_in_the_box(qtbot):
    view = ChatView()
    qtbot.addWidget(view)
    view.start_answer("first?")
    qtbot.keyClicks(view.box, "second?")
    with qtbot.assertNotEmitted(view.ask_requested):
        qtbot.keyClick(view.box, Qt.Key.Key_Return)
    assert view.box.toPlainText() == "second?" and "Still answering" in view.progress.text()
    with qtbot.assertNotEmitted(view.ask_requested):
        view.box.clear()
        view.send.click()  # nothing to send
