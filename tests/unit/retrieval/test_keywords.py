"""Keyword tokens for Chinese and English, and MATCH expressions that never break FTS5."""

import sqlite3
import subprocess
import sys

import pytest

from retrieval import keywords
from retrieval.keywords import index_text, match_query, tokens


def test_english_tokens_are_lowercased_words_and_whole_numbers():
    assert tokens("Gross margin 41.7% in FY2025; backlog 1,234,567") == [
        "gross",
        "margin",
        "41.7",
        "in",
        "fy2025",
        "backlog",
        "1,234,567",
        "1234567",
    ]


def test_chinese_is_segmented_into_words_and_bigrams():
    found = tokens("宁德新能源净利润增长")
    assert "净利润" in found  # a jieba word
    assert "新能" in found and "利润" in found  # bigrams


@pytest.mark.parametrize(
    ("question", "expression", "finds_row"),
    [
        ("R1:70B", '"r1" OR "70b"', True),
        ("9.4", '"9.4"', True),
        ("Acme's margin?", '"acme" OR "margin"', True),
        ('say "hi" OR NOT', '"say" OR "hi" OR "not"', True),  # operators are only words
        ("(a) AND b*", '"b"', False),
        ("NEAR(x y)", '"near" OR "x" OR "y"', False),
        ("^x", '"x"', False),
        ("什么是R1：70B？", '"么是" OR "r1" OR "70b"', True),  # full-width punctuation too
        ("col:value", '"col" OR "value"', False),
    ],
)
def test_punctuation_heavy_questions_are_valid_match_expressions(question, expression, finds_row):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(tokens)")
    db.execute("INSERT INTO t VALUES (?)", (index_text("R1 70B is 9.4 times Acme's margin hi"),))
    assert match_query(question) == expression
    rows = db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()
    assert rows == ([(1,)] if finds_row else [])


@pytest.mark.parametrize("question", ["-", "'", '"', "?!", "   "])
def test_a_question_of_punctuation_alone_has_no_match_expression(question):
    assert tokens(question) == []
    assert match_query(question) is None


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert match_query("what is the margin") == '"margin"'
    assert match_query("what is") == '"what" OR "is"'
    assert match_query("?!") is None


def test_traditional_and_simplified_fold_to_the_same_tokens():
    assert tokens("台積電營業收入成長") == tokens("台积电营业收入成长")


def test_the_lexicon_terms_cut_ahead_are_what_jieba_cuts_now():
    """retrieval/lexicon_cuts.tsv is stale (a new term or another jieba): write it again with
    `python -m retrieval.keywords`."""
    assert keywords._cut_ahead() == keywords.cuts_of_lexicon()


def test_an_english_question_and_its_translations_are_tokenised_without_jieba():
    code = (
        "import sys; from retrieval.keywords import match_query;"
        "from retrieval.lexicon import expanded_query;"
        "q = match_query(expanded_query('What was the operating margin and net income?'));"
        "assert any('\\u4e00' <= c <= '\\u9fff' for c in q), q;"
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
