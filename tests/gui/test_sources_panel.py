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
