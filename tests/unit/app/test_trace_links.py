"""The reasoning trace linked to the passages it names or quotes."""

from app.answer import Answer
from app.trace_links import FIGURE_KIND, FILE_KIND, MARKER_KIND, UNHELD_KIND, link
from retrieval.search import Passage


def passages() -> list[Passage]:
    return [
        Passage(1, 1.0, "/docs/acme_2025.pdf", {"page": 3}, "Gross margin was 41.2%.", 1),
        Passage(2, 0.9, "/docs/beta.docx", {"heading": "Costs"}, "Costs rose to 1,577.", 2),
        Passage(3, 0.8, "/docs/gamma.xlsx", {"sheet": "S"}, "Headcount | 120", 3),
    ]


def test_markers_file_names_and_quoted_figures_point_at_their_passages():
    trace = "The acme_2025.pdf says 41.2% [1]; costs of 1577 are in beta.docx. Also 48.0%."
    links = link(trace, "Margin 41.2% [1].", passages())
    kinds = [(trace[m.start : m.end], m.kind, m.passages) for m in links.mentions]
    assert ("acme_2025.pdf", FILE_KIND, (1,)) in kinds
    assert ("41.2%", FIGURE_KIND, (1,)) in kinds
    assert ("[1]", MARKER_KIND, (1,)) in kinds
    assert ("1577", FIGURE_KIND, (2,)) in kinds
    assert ("beta.docx", FILE_KIND, (2,)) in kinds
    assert ("48.0%", UNHELD_KIND, ()) in kinds
    assert links.considered == [1, 2]
    assert links.unheld == ["48.0%"]
    assert [trace[m.start : m.end] for m in links.of(2)] == ["1577", "beta.docx"]


def test_a_cited_passage_the_trace_never_considered_is_named():
    links = link("Let me think about margins.", "Headcount is 120 [3].", passages())
    assert links.considered == [] and links.not_considered == [3]


def test_years_and_small_counts_are_not_figures_to_check():
    links = link("In 2025 there were 3 steps.", "", passages())
    assert links.mentions == []


def test_ask_json_carries_the_trace_links():
    answer = Answer("q", "Margin 41.2% [1].", "See 41.2% in [1].", passages(), [1], [], "m")
    trace = answer.to_json()["trace"]
    assert trace["considered"] == [1] and trace["cited_not_considered"] == []
    assert {m["kind"] for m in trace["mentions"]} == {FIGURE_KIND, MARKER_KIND}


def test_a_plain_word_that_is_also_a_file_name_is_not_a_mention():
    shown = [Passage(1, 1.0, "/docs/report.docx", {"heading": "A"}, "Text.", 1)]
    assert link("The report says little.", "", shown).mentions == []
    named = link("See report.docx for it.", "", shown)
    assert [m.kind for m in named.mentions] == [FILE_KIND]
