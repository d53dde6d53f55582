"""Source cards: numbered, highlighted, selectable, and opening their file."""

from app.answer import Passage
from app.gui.sources_panel import SourcesPanel


def passage(n, text):
    return Passage(
        rank=n, score=0.5, file=f"/r/report{n}.pdf", location={"page": n}, text=text, chunk_id=n
    )


def test_cards_show_location_and_highlight_terms_and_select_by_number(qtbot):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.show_passages(
        [passage(1, "Gross margin rose."), passage(3, "Other text.")], ["margin"], cited={1}
    )
    assert panel.cards.count() == 2
    label = panel.findChild(object, "card1")
    assert "report1.pdf" in label.text() and "page 1" in label.text() and "cited" in label.text()
    assert "<b style='background:#fff3a0'>margin</b>" in label.text()
    panel.select(2)
    assert panel.selected() == 2
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.cards.itemActivated.emit(panel.cards.item(1))
    assert opened.args[0].file == "/r/report3.pdf"


def test_highlighting_never_cuts_an_entity():
    from app.gui.markdown import highlight

    assert highlight("Acme's page 27 <b>", ["27", "acme"]) == (
        "<b style='background:#fff3a0'>Acme</b>&#x27;s page "
        "<b style='background:#fff3a0'>27</b> &lt;b&gt;"
    )


def test_a_weak_match_says_so_on_its_card(qtbot):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    weak = Passage(1, 0.1, "/r/far.pdf", {"page": 4}, "Unrelated.", 1, weak=True)
    panel.show_passages([weak, passage(2, "Close.")], [])
    assert "weak match" in panel.findChild(object, "card1").text()
    assert "weak match" not in panel.findChild(object, "card2").text()


def menu_action(menu, text):
    [action] = [a for a in menu.actions() if a.text() == text]
    return action


def test_a_cards_menu_opens_shows_its_folder_and_copies_it_with_its_source(
    qtbot, monkeypatch, tmp_path
):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    urls = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True)
    )
    report = tmp_path / "reports" / "report1.pdf"
    report.parent.mkdir()
    report.write_bytes(b"%PDF-1.4")
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    cited = Passage(1, 0.5, str(report), {"page": 4}, "Gross margin rose.", 1)
    panel.show_passages([passage(1, "Other text."), cited], [])
    menu = panel.card_menu(2)
    assert [a.text() for a in menu.actions()] == [
        "Open",
        "Show in folder",
        "Copy passage with its source",
    ]
    with qtbot.waitSignal(panel.open_requested) as opened:
        menu_action(menu, "Open").trigger()
    assert opened.args[0] is cited
    menu_action(menu, "Show in folder").trigger()
    assert urls == [QUrl.fromLocalFile(str(report.parent))]
    menu_action(menu, "Copy passage with its source").trigger()
    assert QGuiApplication.clipboard().text() == (
        f"Gross margin rose.\n\n— [2] report1.pdf, page 4\n{report}"
    )


def test_cards_wrap_to_the_panel_width_without_sideways_scrolling(qtbot):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 600)
    panel.show()
    qtbot.waitExposed(panel)
    long = Passage(
        rank=1,
        score=0.5,
        file="/r/beichen_semiconductor_equipment_2025_investor_deck_final_v3.pptx",
        location={"slide": 11},
        text="全年新增专利申请910项。" * 20 + " Gross margin rose to 41.7 percent. " * 10,
        chunk_id=1,
    )
    panel.show_passages([long, passage(2, "Short.")], [])
    qtbot.wait(50)
    viewport = panel.cards.viewport().width()
    bar = panel.cards.horizontalScrollBar()
    assert not bar.isVisible() and bar.maximum() == 0
    first = panel.cards.itemWidget(panel.cards.item(0))
    assert first.width() <= viewport
    narrow = panel.cards.item(0).sizeHint().height()
    assert narrow > 5 * first.fontMetrics().height()  # wrapped onto many lines
    panel.resize(520, 600)  # wider: the card follows, and needs fewer lines
    qtbot.waitUntil(lambda: panel.cards.itemWidget(panel.cards.item(0)).width() > viewport)
    wider = panel.cards.item(0).sizeHint().height()
    assert wider < 0.8 * narrow
