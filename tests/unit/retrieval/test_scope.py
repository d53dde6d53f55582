"""Which filings a question points at, from their titles."""

from retrieval.scope import (
    Titles,
    common_words,
    document_prior,
    question_words,
    title_words,
    top_documents,
)

TITLES = Titles.of(
    {
        1: "JOHNSON JOHNSON 2022 10K\nJOHNSON & JOHNSON\n10-K fiscal year ended January 1, 2023",
        2: "JPMORGAN 2021Q1 10Q\nJPMorgan Chase & Co.\n10-Q quarter ended March 31, 2021",
        3: "AMCOR 2023Q2 10Q\nAmcor plc\n10-Q quarter ended December 31, 2022",
        4: "AMCOR 2023 10K\nAmcor plc\n10-K fiscal year ended June 30, 2023 FY2023",
        5: "ACTIVISIONBLIZZARD 2019 10K\nACTIVISION BLIZZARD, INC.\n10-K FY2019",
        6: "download (3)\nAdobe Inc.\n10-K fiscal year ended December 1, 2017 FY2017",
        7: "download (4)\nAdobe Inc.\n10-K fiscal year ended December 2, 2016 FY2016",
    }
)


def best(question: str) -> int:
    prior = document_prior(question, TITLES)
    return max(prior, key=prior.__getitem__)


def test_a_title_keeps_its_distinctive_words():
    words = title_words("AMCOR 2023Q2 10Q\nAmcor plc\n10-Q quarter ended December 31, 2022")
    assert {"amcor", "2023q2", "2023", "q2", "2022"} <= words
    assert not {"plc", "quarter", "ended", "december", "31", "q"} & words
    assert "jnj" in title_words("JOHNSON & JOHNSON")


def test_question_words_join_names_and_spell_out_periods():
    words = question_words("What is Activision Blizzard's FY2019 revenue?")
    assert {"activisionblizzard", "fy2019", "2019"} <= words


def test_the_company_named_decides_whatever_the_file_is_called():
    assert best("Roughly how many times has JnJ sold its inventory in FY2022?") == 1
    assert best("If JPM went bankrupt by the end of 2021 Q1") == 2
    assert best("What is the FY2019 fixed asset turnover ratio for Activision Blizzard?") == 5
    assert document_prior("What is JnJ's revenue?", TITLES) == {1: 1.0}


def test_the_period_chooses_among_one_companys_filings():
    prior = document_prior("What is Adobe's FY2017 operating cash flow ratio?", TITLES)
    assert prior[6] == 1.0 and 0.5 < prior[7] < 1.0  # the right company, another year
    assert top_documents(prior, 0.6, 1) == [6]


def test_a_question_naming_no_company_points_nowhere():
    assert document_prior("What is the revenue in 2023?", TITLES) == {}
    assert top_documents({}, 0.6, 3) == []


def test_forms_and_dates_are_title_words_an_8k_is_known_by():
    assert {"8k", "d20220701"} <= title_words("AMCOR PLC\n8-K dated July 1, 2022")
    assert {"8k", "d20220701"} <= question_words("the AMCOR 8k filing dated 1st July 2022")
    assert "d20230830" in question_words("as of August 30, 2023 onward")
    assert "d20230830" in question_words("the 8-K of 2023-08-30")


def test_the_date_and_form_choose_among_one_companys_filings():
    titles = Titles.of(
        {
            1: "download (1)\nJohnson & Johnson\n8-K dated August 30, 2023",
            2: "download (2)\nJohnson & Johnson\nsecond quarter Q2 2023 results",
            3: "download (3)\nJOHNSON & JOHNSON\n10-K fiscal year ended January 1, 2023 FY2022",
        }
    )
    prior = document_prior("What did JnJ realise from Kenvue as of August 30, 2023?", titles)
    assert max(prior, key=prior.__getitem__) == 1
    prior = document_prior("What did the J&J 10-K say about FY2022 inventory?", titles)
    assert max(prior, key=prior.__getitem__) == 3


def test_a_word_written_in_lower_case_among_names_is_not_a_company():
    titles = Titles.of(
        {
            1: "download (1)\nMGM Resorts International\n10-K FY2022",
            2: "download (2)\nJohnson & Johnson\nfourth quarter Q4 and full year FY2022 results",
        }
    )
    question = "How did JnJ's US sales growth compare to international sales growth in FY2022?"
    assert "international" in common_words(question)
    assert best_of(document_prior(question, titles)) == 2
    # a question written all in lower case may write its names so too
    assert common_words("what is mgm resorts international's capex in fy2022?") == set()


def test_stop_words_and_a_fiscal_years_date_are_not_title_words():
    words = title_words(
        "JOHNSON & JOHNSON\n10-K fiscal year ended January 1, 2023 FY2022\nFOR IMMEDIATE"
    )
    assert "for" not in words
    assert "2023" not in words and {"fy2022", "2022", "d20230101"} <= words


def best_of(prior: dict[int, float]) -> int:
    return max(prior, key=prior.__getitem__)
