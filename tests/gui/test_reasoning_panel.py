"""The reasoning panel: live trace with token count and time, collapsible, citation links."""

from PySide6.QtCore import QUrl

from app.gui.reasoning_panel import ReasoningPanel


def test_streams_counts_collapses_and_links(qtbot):
    panel = ReasoningPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.start()
    for piece in ["Source ", "[2] ", "says 41.7%."]:
        panel.append(piece)
    qtbot.waitUntil(lambda: panel.browser.toPlainText() == "Source [2] says 41.7%.")
    assert "3 tokens" in panel.header.text()
    with qtbot.waitSignal(panel.citation_clicked) as clicked:
        panel.browser.anchorClicked.emit(QUrl("cite:2"))
    assert clicked.args == [-1, 2]  # -1: the exchange the panel shows
    panel.toggle.click()
    assert not panel.browser.isVisible() and panel.toggle.text() == "Show"
    panel.finish("Final trace [1].", 40)
    assert "40 tokens" in panel.header.text()
