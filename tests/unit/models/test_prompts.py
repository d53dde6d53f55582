"""Prompt templates: numbered sources, the question, and the instructions in the system
prompt or, for R1 distills (no system prompt), at the top of the user turn."""

import pytest

from models.prompts import INSTRUCTIONS, passage_block, system_prompt, user_turn

SOURCES = [
    passage_block(1, "report.pdf, page 3", "Gross margin rose to 41.7 percent."),
    passage_block(2, "deck.pptx, slide 2", "Revenue grew 18 percent."),
]


def test_a_passage_block_is_its_number_label_and_trimmed_text():
    block = passage_block(3, "report.pdf, page 4", "  Dividend of 0.45 dollars.\n\n")
    assert block == "[3] report.pdf, page 4\nDividend of 0.45 dollars.\n"


def test_the_user_turn_of_a_default_model_is_sources_then_question():
    assert user_turn("en", SOURCES, "  What was the gross margin? ", "default") == (
        "Sources:\n"
        "[1] report.pdf, page 3\nGross margin rose to 41.7 percent.\n\n"
        "[2] deck.pptx, slide 2\nRevenue grew 18 percent.\n"
        "\n\n"
        "Question: What was the gross margin?"
    )


def test_an_r1_user_turn_starts_with_the_instructions():
    turn = user_turn("en", SOURCES, "What was the gross margin?", "r1")
    instructions, rest = turn.split("\n\n", 1)
    assert instructions == INSTRUCTIONS["en"]
    assert rest == user_turn("en", SOURCES, "What was the gross margin?", "default")


def test_instructions_go_to_the_system_prompt_except_for_r1():
    assert system_prompt("en", "default") == INSTRUCTIONS["en"]
    assert system_prompt("zh", "default") == INSTRUCTIONS["zh"]
    assert system_prompt("en", "r1") is None


def test_a_chinese_prompt_has_chinese_headings_and_instructions():
    turn = user_turn("zh", SOURCES, "毛利率是多少？", "r1")
    assert turn.startswith(INSTRUCTIONS["zh"] + "\n\n资料：\n[1] report.pdf")
    assert turn.endswith("\n\n问题： 毛利率是多少？")


@pytest.mark.parametrize("language", ["fr", "de", ""])
def test_an_unknown_language_falls_back_to_english(language):
    assert system_prompt(language, "default") == INSTRUCTIONS["en"]
    assert user_turn(language, SOURCES, "q", "r1") == user_turn("en", SOURCES, "q", "r1")


@pytest.mark.parametrize("language", sorted(INSTRUCTIONS))
def test_every_instruction_asks_for_bracketed_citations(language):
    assert "[1]" in INSTRUCTIONS[language] and "[2][3]" in INSTRUCTIONS[language]


def test_a_prompted_trace_is_asked_for_in_words_with_its_markers():
    from models.prompts import trace_markers

    en = system_prompt("en", "default", trace_words=80)
    assert en.startswith(INSTRUCTIONS["en"]) and "in at most 80 words" in en
    assert '"Reasoning:"' in en and '"Answer:"' in en
    assert "不超过80字" in system_prompt("zh", "default", trace_words=80)
    assert system_prompt("en", "default") == INSTRUCTIONS["en"]
    assert system_prompt("en", "r1", trace_words=80) is None
    assert trace_markers("en") == ("Reasoning:", "Answer:")
    assert trace_markers("fr") == trace_markers("en")
    assert trace_markers("zh") == ("推理：", "答案：")
