"""A filing's identity from its first pages, on excerpts of real cover pages and releases
(FinanceBench's filings), with line breaks where text extraction put them."""

import pytest

from ingest.identity import Identity, read_identity

COVERS = [
    (
        "FORM 10-K\r\n☒ ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE "
        "ACT OF 1934\r\nFor the Fiscal Year Ended December 31, 2019\r\nOR ☐TRANSITION REPORT\r\n"
        "Commission File Number 1-15839\r\nACTIVISION BLIZZARD, INC.\r\n(Exact name of registrant "
        "as specified in its charter)\r\nDelaware 95-4803544",
        Identity(
            "ACTIVISION BLIZZARD, INC",
            "10-K",
            "fiscal year ended December 31, 2019 FY2019",
        ),
    ),
    (  # a column between "ended" and its date; the name after the file number
        "FORM 10-Q\r\nQuarterly report pursuant to Section 13 or 15(d) of\r\nthe Securities "
        "Exchange Act of 1934\r\nFor the quarterly period ended Commission file\r\nMarch 31, 2021 "
        "number 1-5805\r\nJPMorgan Chase & Co.\r\n(Exact name of registrant as specified in its "
        "charter)",
        Identity("JPMorgan Chase & Co", "10-Q", "quarter ended March 31, 2021"),
    ),
    (  # every word on a line of its own
        "FORM\n10-K\r\n(Mark\nOne)\r\nFor\nthe\nfiscal\nyear\nended\nDecember\n31,\n2016\r\n"
        "Commission\nFile\nNumber:\n001-37622\r\nSQUARE,\nINC.\r\n(Exact\nname\nof\nregistrant",
        Identity(
            "SQUARE, INC",
            "10-K",
            "fiscal year ended December 31, 2016 FY2016",
        ),
    ),
    (
        "FORM 8-K CURRENT REPORT Pursuant to Section 13 or 15(d) Date of Report (Date of earliest "
        "event reported): July 1, 2022 (June 30, 2022) AMCOR PLC (Exact name of registrant as "
        "specified in its charter)",
        Identity("AMCOR PLC", "8-K", "dated July 1, 2022"),
    ),
    (
        "New Brunswick, N.J. (January 24, 2023) – Johnson & Johnson (NYSE: JNJ) today announced "
        "results for fourth-quarter and full year 2022.",
        Identity("Johnson & Johnson", "", "fourth quarter Q4 and full year FY2022 results"),
    ),
    (
        "March 9, 2023 Ulta Beauty Announces Fourth Quarter Fiscal 2022 Results Net Sales of $3.2 "
        "Billion",
        Identity("Ulta Beauty", "", "fourth quarter Q4 2022 results"),
    ),
    (  # a retailer's year ending in late January is called by either calendar year
        "March 9, 2023 Ulta Beauty Announces Fourth Quarter Fiscal 2022 Results Net Sales of $3.2 "
        "Billion ... today announced financial results for the thirteen-week period (\u201cfourth "
        "quarter\u201d) and fifty-two-week period (\u201cfiscal year\u201d) ended January 28, 2023",
        Identity("Ulta Beauty", "", "fourth quarter Q4 2022 results FY2022 FY2023"),
    ),
    (  # a 52/53-week year ended in the first days of January is the year before
        "FORM 10-K ANNUAL REPORT PURSUANT TO SECTION 13 OF THE SECURITIES EXCHANGE ACT OF 1934 "
        "For the fiscal year ended January 1, 2023 or Transition Report Commission file number "
        "1-3215 JOHNSON & JOHNSON (Exact name of registrant as specified in its charter)",
        Identity("JOHNSON & JOHNSON", "10-K", "fiscal year ended January 1, 2023 FY2022"),
    ),
    (
        "FORM 10-K For the fiscal year ended February 3, 2024 Commission file number 001-33764 "
        "ULTA BEAUTY, INC. (Exact name of registrant as specified in its charter)",
        Identity("ULTA BEAUTY, INC", "10-K", "fiscal year ended February 3, 2024 FY2023 FY2024"),
    ),
    (
        "Amcor reports fiscal 2023 results and provides outlook for fiscal 2024\r\nJune 2023 "
        "quarter: GAAP diluted EPS of 12.3 cps",
        Identity("Amcor", "", "fiscal 2023 FY2023 results"),
    ),
]


@pytest.mark.parametrize(("text", "identity"), COVERS)
def test_the_cover_page_says_which_filing_it_is(text, identity):
    assert read_identity(text) == identity


def test_the_title_lines_are_the_company_then_form_and_period():
    assert Identity("CORNING INCORPORATED", "10-K", "FY2021").lines() == [
        "CORNING INCORPORATED",
        "10-K FY2021",
    ]
    assert Identity("", "8-K", "").lines() == ["8-K"]
    assert Identity().lines() == []


def test_a_page_that_is_not_a_filing_has_no_identity():
    text = "Acme Robotics Annual Report 2025. Letter to shareholders. Revenue grew 14 percent."
    assert read_identity(text) == Identity()
    assert read_identity("") == Identity()
