"""Toneless pinyin of a Chinese name, as the words an English question's romanisation uses."""

import subprocess
import sys

import pytest

from ingest.romanise import MAX_SYLLABLES, name, romanised, syllables


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("宏達精密2024年度營運分析報告", "hongda dajing jingmi"),  # Traditional
        ("华东新能源2024年年度报告", "huadong dongxin xinneng nengyuan"),
        ("聯華光電2025年年報", "lianhua huaguang guangdian"),
        ("江南智造", "jiangnan nanzhi zhizao"),
        ("北辰", "beichen"),
    ],
)
def test_adjacent_syllables_are_joined_in_pairs(text, words):
    assert romanised(text) == words


def test_an_english_romanisation_of_the_name_is_among_the_words():
    # "Hongda Precision" names 宏達精密, "Huadong New Energy" 华东新能源
    assert "hongda" in romanised("宏達精密2023年法人說明會").split()
    assert "huadong" in romanised("华东新能源2024年年度报告").split()


def test_the_company_form_ends_the_name():
    assert name("华东新能源股份有限公司2024年年度报告") == "华东新能源"
    assert name("聯華光電科技股份有限公司") == "联华光电科技"
    assert romanised("绿地控股") == "ludi"  # ü written u, as English does


def test_traditional_characters_are_read_as_their_simplified_ones():
    # the dictionary reads 長 as zhang and 重慶 as zhong qing; 长江, 重庆 right
    assert syllables(name("長江實業")) == ["chang", "jiang", "shi", "ye"]
    assert syllables(name("重慶銀行")) == ["chong", "qing", "yin", "hang"]


def test_a_long_run_is_cut_to_its_first_characters():
    assert len(syllables(name("华东新能源科技发展研究院年度报告"))) == MAX_SYLLABLES


@pytest.mark.parametrize(
    "text",
    ["", "Acme Robotics FY2025 annual report", "中", "公司 | 指标 | 单位 | 2022年", "2024 年"],
)
def test_no_name_gives_no_words(text):
    assert romanised(text) == ""


def test_importing_it_loads_no_dictionary():
    code = "import ingest.romanise, sys; print('pypinyin' in sys.modules, 'zhconv' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
