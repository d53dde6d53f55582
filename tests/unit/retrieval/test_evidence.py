"""Evidence inside a passage and the numbers of a text read with their units."""

import pytest

from retrieval.evidence import Evidence, best_evidence, quantities, units


def one(text: str):
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("1,577", "1577"),
        ("17 %", "17%"),
        ("17%", "17 percent"),
        ("$1.5 billion", "1,500"),  # a table in millions
        ("$1.5 billion", "1,500 million"),
        ("5.8 billion", "5,794"),
        ("29.5", "29.47"),
        ("3.2万", "32,000"),
        ("(812)", "812"),
    ],
)
def test_the_same_quantity_written_two_ways_matches(said, written):
    assert one(said).matches(one(written))


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("48.0%", "47.0%"),
        ("1,577", "1,578"),
        ("2019", "2,019"),  # a year is not an amount
        ("2019", "2020"),
        ("7", "7.4"),  # a bare small integer is not the rounding of another figure
    ],
)
def test_different_quantities_do_not_match(said, written):
    assert not one(said).matches(one(written))


def test_units_percent_and_scale_are_read():
    revenue = one("Revenue was $4.2 billion.")
    assert (revenue.base, revenue.scale, revenue.percent) == (4.2, 1e9, False)
    margin = one("毛利率为17.5％")
    assert (margin.base, margin.percent) == (17.5, True)
    assert one("in 2021").year


def test_citation_markers_are_not_numbers():
    found = quantities("Revenue was 1,577 [2] and costs 300 [1, 3].")
    assert [q.base for q in found] == [1577, 300]


def test_units_are_lines_then_sentences_with_offsets_into_the_text():
    text = "Revenue rose. Costs fell 3%.\n\n  A second line\n第一句。第二句！"
    spans = units(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces == ["Revenue rose.", "Costs fell 3%.", "A second line", "第一句。", "第二句！"]


def test_the_sentence_holding_the_asked_figure_is_the_evidence():
    text = (
        "Acme Corp annual report 2022. The company sells widgets in 40 countries. "
        "Net revenue for fiscal 2022 was $4.2 billion, up 12% from the prior year. "
        "Our employees number about 9,000."
    )
    evidence = best_evidence("What was Acme's net revenue in fiscal 2022?", text, "Acme Corp")
    assert evidence is not None
    assert evidence.text.startswith("Net revenue for fiscal 2022 was $4.2 billion")
    assert text[evidence.start : evidence.end] == evidence.text


def test_a_table_row_is_read_with_its_header():
    text = (
        "Region | Revenue 2021 | Revenue 2022\n"
        "North | 1,200 | 1,350\n"
        "South | 800 | 910\n"
        "Total | 2,000 | 2,260"
    )
    evidence = best_evidence("What was the revenue of the South region?", text)
    assert evidence is not None and evidence.text == "South | 800 | 910"


def test_a_who_question_prefers_the_sentence_with_a_name():
    text = (
        "The board met four times in 2023. The audit committee reviewed the accounts. "
        "The committee is chaired by Maria Lopez, who joined the board in 2019."
    )
    evidence = best_evidence("Who leads the committee?", text)
    assert evidence is not None and "Maria Lopez" in evidence.text


def test_a_chinese_question_finds_its_sentence():
    text = "公司成立于2001年。本报告期内，公司营业收入为12.5亿元，同比增长8%。员工总数为3200人。"
    evidence = best_evidence("公司的营业收入是多少？", text)
    assert evidence is not None and "12.5亿元" in evidence.text


def test_nothing_of_the_question_in_the_passage_gives_no_evidence():
    assert best_evidence("What is the dividend policy?", "Weather was mild all year.") is None
    assert best_evidence("anything", "   ") is None


def test_evidence_round_trips_through_json():
    evidence = Evidence(4, 10, "abcdef", 2.5)
    data = evidence.to_json()
    assert data == {"text": "abcdef", "start": 4, "end": 10}
    back = Evidence.from_json(data)
    assert (back.start, back.end, back.text) == (4, 10, "abcdef")


def test_dates_are_read_in_their_usual_spellings():
    from retrieval.evidence import dates

    text = "2025年10月3日, 2022-07-22, 3 October 2025, October 3, 2025, 2025年10月, 12 Foo 2025"
    assert [d.value for d in dates(text)] == [
        (2025, 10, 3),
        (2022, 7, 22),
        (2025, 10, 3),
        (2025, 10, 3),
        (2025, 10, 0),
    ]
