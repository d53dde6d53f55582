"""Keyword tokens for Chinese and English, and MATCH expressions that never break FTS5."""

import sqlite3

import pytest

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
    "question",
    [
        "R1:70B",
        "9.4",
        "Acme's margin?",
        'say "hi" OR NOT',
        "(a) AND b*",
        "NEAR(x y)",
        "-",
        "^x",
        "什么是R1：70B？",
        "col:value",
        "'",
        '"',
    ],
)
def test_punctuation_heavy_questions_are_valid_match_expressions(question):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(tokens)")
    db.execute("INSERT INTO t VALUES (?)", (index_text("R1 70B is 9.4 times Acme's margin hi"),))
    match = match_query(question)
    if match is not None:
        db.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,)).fetchall()


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert match_query("what is the margin") == '"margin"'
    assert match_query("what is") == '"what" OR "is"'
    assert match_query("?!") is None


def test_traditional_and_simplified_fold_to_the_same_tokens():
    assert tokens("台積電營業收入成長") == tokens("台积电营业收入成长")
