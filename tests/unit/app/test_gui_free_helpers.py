"""Citation markers and the Markdown export (the pieces of the GUI without Qt)."""

from types import SimpleNamespace

from app.citations import find_markers, remove_dropped
from app.export import conversation_markdown


def test_markers_in_every_style_are_found_and_out_of_range_ones_dropped():
    markers = find_markers("A [1], B [2][3], C 【4】, D [1, 5], E [2；3] and [9].", 5)
    assert markers.cited == [1, 2, 3, 4, 5] and markers.dropped == [9]
    assert remove_dropped("x [1][9] y [9, 2]", [9]) == "x [1] y [2]"


def test_export_lists_sources_with_file_and_location():
    exchange = SimpleNamespace(
        question="Margin?",
        answer="41.7% [1]",
        created=0.0,
        data={"passages": [{"file": "/r/a.pdf", "location": {"page": 3}}], "citations": [{"n": 1}]},
    )
    text = conversation_markdown("default", [exchange])
    assert "## Margin?" in text and "41.7% [1]" in text
    assert "- [1] a.pdf, page 3 (cited)" in text and "`/r/a.pdf`" in text
