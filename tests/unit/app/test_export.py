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
    cited, read = text.split("**Cited sources**")[1].split("**Read, not cited**")
    assert "- [1] a.pdf, page 3  \n" in cited and "`/r/a.pdf`" in cited
    assert "- [2] deck.pptx, slide 2 (notes)  \n" in read and "a.pdf" not in read
    assert "**Check: supported**" in text and "- ✓ 41.7% [1]" in text


def test_an_answer_citing_nothing_is_flagged_and_its_sources_listed_as_read_only():
    passages = [Passage(1, 0.5, "/r/a.pdf", {"page": 3}, "Gross margin 41.7%", 7)]
    answer = Answer("Margin?", "It was 48.0%.", "", passages, [], [], "m")
    text = conversation_markdown("default", [Exchange(1, "Margin?", answer, 0.0)])
    assert "cites no source" in text and "**Cited sources**" not in text
    assert "**Read, not cited**" in text and "Check:" not in text
