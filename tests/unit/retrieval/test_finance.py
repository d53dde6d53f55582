"""Reading an analyst's question: periods, statements and line items in filings' words."""

import pytest

from retrieval.finance import (
    BALANCE,
    CASH_FLOW,
    INCOME,
    contains,
    normalise,
    read,
    statement_of,
    years_of,
)


def asked(question: str) -> list[str]:
    return [c.asked[0] for c in read(question).concepts]


def test_fiscal_years_and_quarters_are_read_in_their_order():
    reading = read("Has the quick ratio improved between FY2023 and FY22? Compare with Q2 2021.")
    assert reading.years == (2023, 2022, 2021)
    assert reading.quarter == 2
    assert read("What drove second quarter sales?").quarter == 2
    assert read("What is the revenue?").years == ()


def test_a_named_statement_is_the_one_asked_for():
    reading = read("What is the FY2018 capex? Use the cash flow statement.")
    assert reading.named_statements == {CASH_FLOW}
    assert reading.statements == {CASH_FLOW}
    assert "purchases of property" in reading.printed_terms()


def test_line_items_imply_the_statements_they_sit_on():
    assert read("What is the FY2017 operating cash flow ratio?").statements == {CASH_FLOW}
    assert read("What is Block's working capital ratio?").statements == {BALANCE}
    ratio = read("Calculate the FY2022 inventory turnover ratio")
    assert ratio.statements == {BALANCE, INCOME}
    assert asked("Calculate the FY2022 inventory turnover ratio") == ["inventory turnover"]


@pytest.mark.parametrize(
    ("question", "concept"),
    [
        ("What is the capital expenditure?", "capex"),
        ("How much PP&E did it hold?", "pp&e"),
        ("What was cash from operations?", "cash from operations"),
        ("What is the gross margin?", "gross margin"),
        ("公司的资本开支是多少", "资本开支"),
        ("經營活動現金流是多少", "经营活动现金流"),  # Traditional folds to Simplified
    ],
)
def test_analysts_words_name_a_line_item(question, concept):
    assert concept in asked(question)


def test_a_question_naming_no_line_item_reads_as_none():
    reading = read("Is Boeing's business subject to cyclicality?")
    assert reading.concepts == () and reading.statements == frozenset()


def test_phrases_match_on_word_bounds_with_plurals():
    text = normalise("Purchases of Property,  Plant and Equipment (812) and Revenues")
    assert contains(text, "purchases of property")
    assert contains(text, "revenue")  # "revenues"
    assert not contains(text, "plan")
    assert contains(normalise("營業收入"), "营业收入")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Table of Contents 57 ACME INC. CONSOLIDATED BALANCE SHEETS (In thousands)", BALANCE),
        ("ACME Consolidated Statements of Operations Years ended 2019 2018", INCOME),
        ("3M Company Consolidated Statement of Cash Flows (Millions)", CASH_FLOW),
        ("合并现金流量表 2023年度", CASH_FLOW),
        ("Liquidity. Cash from operations grew; see the statement of cash flows " * 5, None),
        ("Risk factors: our business is cyclical.", None),
    ],
)
def test_a_statement_page_is_known_by_its_heading(text, kind):
    assert statement_of(text) == kind


def test_years_are_four_digit_years():
    assert years_of("Fiscal 2019 vs 2018, 12,345 units, page 1999") == {2019, 2018, 1999}


def test_quarters_and_short_years_in_analysts_and_chinese_wording():
    assert read("2023年第二季度的经营活动现金流是多少").quarter == 2
    assert read("2023年一季度营业收入").quarter == 1
    assert read("the second fiscal quarter of 2023").quarter == 2
    assert read("share buybacks of $352 million in 4Q22").quarter == 4
    assert read("In 2022 Q2, which segment").quarter == 2
    assert read("version 1.2q of the model").quarter is None
    assert read("FY22资本开支").years == (2022,)
