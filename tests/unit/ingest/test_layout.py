"""A PDF page's lines as prose and tables."""

import pytest

from ingest.layout import is_row, page_blocks

STATEMENT = """Table of Contents
57
ACME INDUSTRIES INC.
CONSOLIDATED STATEMENTS OF CASH FLOWS
(In millions)
Years Ended December 31,
2019
2018
2017
Operating activities
Net income $ 1,204 $ 1,051 $ 987
Depreciation and amortization 412 398 377
Net cash provided by operating activities 1,830 1,702 1,544
Investing activities:
Capital expenditures (812) (745) (690)
Acquisitions, net of cash acquired — (120) (35)
Net cash used in investing activities (812) (865) (725)""".splitlines()


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Capital expenditures (812) (745) (690)", True),
        ("Cash and cash equivalents $ 2,306,072 $ 1,011,315", True),
        ("Acquisitions, net of cash acquired — (120) (35)", True),
        ("27 % 27 %", True),
        ("Gross margin 41.2% 39.8%", True),
        ("2019", False),  # a column header, not a row
        ("2019 2018 2017", False),
        ("57", False),  # a page number
        ("December 1,", False),
        ("Operating activities", False),
        ("", False),
        (
            "We describe the risks of our business and the ways we manage them in detail in the "
            "section of this report that begins on page 45",
            False,
        ),
    ],
)
def test_a_row_ends_in_figures(line, row):
    assert is_row(line) is row


def test_a_statement_is_one_table_headed_by_its_title_and_periods():
    blocks = list(page_blocks(STATEMENT, 57))
    assert {b.section for b in blocks} == {("page", 57, "table", 1)}
    assert all(b.atomic and b.location == {"page": 57} for b in blocks)
    header = blocks[0].header
    assert header.startswith("Table of Contents 57 ACME INDUSTRIES INC. CONSOLIDATED STATEMENTS")
    assert header.endswith("Years Ended December 31, 2019 2018 2017 Operating activities")
    assert [b.text for b in blocks][3] == "Investing activities:"  # a label inside the table
    assert blocks[4].text == "Capital expenditures (812) (745) (690)"
    assert all(b.header == header for b in blocks)


def test_prose_around_a_table_keeps_its_paragraphs_and_flows():
    lines = [
        "Revenue grew in every segment, as the table below shows for the",
        "last three years.",
        "",
        "Segment revenue (in millions) 2019 2018",
        "Cloud 1,200 1,000",
        "Devices 800 900",
        "Services 400 350",
        "",
        "Services revenue grew on new maintenance contracts.",
    ]
    blocks = list(page_blocks(lines, 3))
    assert blocks[0].text == (
        "Revenue grew in every segment, as the table below shows for the last three years."
    )
    assert blocks[0].section == ("page", 3) and blocks[0].flow and blocks[0].header is None
    rows = [b for b in blocks if b.atomic]
    assert [b.text for b in rows] == ["Cloud 1,200 1,000", "Devices 800 900", "Services 400 350"]
    assert rows[0].header == "Segment revenue (in millions) 2019 2018"
    assert blocks[-1].text == "Services revenue grew on new maintenance contracts."
    assert blocks[-1].section == ("page", 3, "text", 1) and blocks[-1].flow


def test_two_figures_in_prose_are_not_a_table():
    lines = ["Net sales were $ 1,204 million", "in 2019, up from 1,051.", "Margins held."]
    blocks = list(page_blocks(lines, 1))
    assert len(blocks) == 1 and not blocks[0].atomic
    assert blocks[0].text == "Net sales were $ 1,204 million in 2019, up from 1,051. Margins held."
