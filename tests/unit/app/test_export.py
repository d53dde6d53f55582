"""The Markdown export: each exchange with its own numbered sources."""

from app.answer import Answer, Passage
from app.export import conversation_markdown
from app.history import Exchange


def test_export_lists_each_exchanges_sources_with_file_and_location():
    passages = [
        Passage(1, 0.5, "/r/a.pdf", {"page": 3}, "Gross margin 41.7%", 7),
        Passage(2, 0.4, "/r/deck.pptx", {"slide": 2, "notes": True}, "Jakarta", 9),
    ]
    answer = Answer("Margin?", "41.7% [1]", "", passages, [1], [], "m")
    text = conversation_markdown("default", [Exchange(1, "Margin?", answer, 0.0)])
    assert "## Margin?" in text and "41.7% [1]" in text
    assert "- [1] a.pdf, page 3 (cited)" in text and "`/r/a.pdf`" in text
    assert "- [2] deck.pptx, slide 2 (notes)  \n" in text
