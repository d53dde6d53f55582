"""Which filings a question points at, from their titles."""

from retrieval.scope import Titles, document_prior, question_words, title_words, top_documents

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
