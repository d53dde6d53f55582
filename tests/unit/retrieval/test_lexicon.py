"""The Chinese-English lexicon: terms found on word boundaries, longest first, either script."""

import time

import pytest

from retrieval.keywords import match_query
from retrieval.lexicon import LEXICON, english_words, expanded_query, load, parse, translations

SMALL = parse(
    [
        "# a comment",
        "cash flow\t现金流",
        "operating cash flow|cash from operations\t经营活动现金流",
        "margin|margins\t利润率",
        "gross margin\t毛利率",
        "operating margin\t营业利润率|營業利益率",
        "nvidia\t英伟达|辉达",
        "stock price|share price\t股价",
        "r&d\t研发",
    ]
)


def test_english_words_fold_case_plurals_and_possessives():
    assert english_words("Nvidia's Gross MARGINS, R&D") == ["nvidia", "gross", "margin", "r", "d"]
    assert english_words("analysis of companies' batteries") == [
        "analysis",
        "of",
        "company",
        "battery",
    ]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How did Nvidia's share price move?", ["英伟达", "辉达", "股价"]),
        ("gross margins and margin", ["毛利率", "利润率"]),
        ("What was operating cash flow?", ["经营活动现金流"]),  # not also 现金流
        ("cash flow and operating cash flow", ["现金流", "经营活动现金流"]),
        ("NVIDIA R&D", ["英伟达", "辉达", "研发"]),
    ],
)
def test_english_terms_bring_their_chinese(question, expected):
    assert translations(question, SMALL) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Is the cashflow negative?",  # not the word "cash flow"
        "nvidiaX and marginal notes",  # inside other words
        "Stock, price and flow",  # the words of a phrase, not the phrase
        "Paid in cash. Flow rose",
    ],
)
def test_english_terms_match_only_whole_words_and_phrases(question):
    assert translations(question, SMALL) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("英伟达股价", ["nvidia", "stock price"]),
        ("英偉達的營業利益率", ["nvidia", "operating margin"]),  # Traditional, folded
        ("營業利益率", ["operating margin"]),  # the Taiwan word has its own entry
        ("经营活动现金流是多少", ["operating cash flow"]),
    ],
)
def test_chinese_terms_in_either_script_bring_their_english(question, expected):
    assert translations(question, SMALL) == expected


def test_a_chinese_term_brings_the_first_english_term_and_one_word_synonyms():
    small = parse(["revenue|top line|sales|net sales\t营业收入"])
    assert translations("营业收入", small) == ["revenue", "sales"]


def test_expanded_query_keeps_the_question_and_is_a_valid_match_expression():
    expanded = expanded_query("Nvidia's share price?", SMALL)
    assert expanded == "Nvidia's share price? 英伟达 辉达 股价"
    assert '"股价"' in (match_query(expanded) or "")
    assert expanded_query("nothing here", SMALL) == "nothing here"


@pytest.mark.parametrize(
    "line",
    ["only english", "a\t字", "a\tabc", "\t中文", "a\t中文\textra"],
)
def test_malformed_lines_are_refused_with_their_number(line):
    with pytest.raises(ValueError, match="line 1"):
        parse([line])


def test_the_shipped_lexicon_is_large_and_both_ways():
    lexicon = load(LEXICON)
    assert len(lexicon.english) >= 500 and len(lexicon.chinese) >= 500
    assert "英伟达" in translations("How much did Nvidia's stock fall?")
    assert "下跌" in translations("How much did Nvidia's stock fall?")
    assert "nvidia" in translations("英偉達股價下跌了多少？")
    assert "经营活动现金流" in translations("operating cash flow")
    assert "现金流" not in translations("operating cash flow")
    assert "capital expenditure" in translations("資本支出")


def test_a_question_expands_well_under_a_millisecond():
    question = "How much did Nvidia's stock fall after TSMC's Q3 gross margin guidance?"
    translations(question)
    started = time.perf_counter()
    for _ in range(100):
        translations(question + " ")
    assert (time.perf_counter() - started) / 100 < 0.001
