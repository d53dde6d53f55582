"""The CJK character class and the narrower sets built from it."""

import re

import pytest

from ingest import cjk

# The union the text clean-up joined without a space before the ranges moved here.
_BEFORE = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)


@pytest.mark.parametrize(
    "char",
    [
        "营",  # Chinese, unified ideograph
        "營",  # Traditional
        "㐀",  # extension A
        "豈",  # compatibility ideograph
        "ひ",  # hiragana
        "カ",  # katakana
        "ㄅ",  # bopomofo
        "한",  # hangul syllable
        "。",  # ideographic full stop
        "，",  # full-width comma
        "Ａ",  # full-width Latin
        "⺀",  # CJK radical
    ],
)
def test_cjk_characters(char):
    assert cjk.is_cjk(char)


@pytest.mark.parametrize("char", ["A", "z", "é", "Ж", "1", " ", ",", ".", "-", ""])
def test_latin_and_other_characters_are_not_cjk(char):
    assert not cjk.is_cjk(char)


def test_the_class_is_the_one_used_before():
    for code in range(0x10000):
        char = chr(code)
        assert cjk.is_cjk(char) == bool(_BEFORE.match(char)), hex(code)


def test_han_runs_skip_kana_hangul_and_latin():
    text = "营业收入 rose; ひらがなとカタカナ 한국어 豈㐀 Ｑ３"
    assert cjk.HAN_RUN.findall(text) == ["营业收入", "豈㐀"]


def test_han_count():
    assert cjk.han_count("2024年营业收入是多少？") == 8
    assert cjk.han_count("すみません、한국어, revenue") == 0
    assert cjk.han_count("東京タワー") == 2


def test_unspaced_scripts_are_han_and_kana_only():
    unspaced = re.compile(f"[{cjk.UNSPACED}]")
    assert all(unspaced.match(c) for c in "营ひカ豈")
    assert not any(unspaced.match(c) for c in "한ㄅ。Ａa")
