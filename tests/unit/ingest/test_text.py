"""Line re-joining and sentence splitting."""

import pytest

from ingest.text import ends_sentence, join_lines, split_sentences


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["The manage-", "ment team grew."], "The management team grew."),
        (["order backlog of 1,234,", "567 units"], "order backlog of 1,234,567 units"),
        (
            ["公司在华东地区的市场份额持续", "提升，达到百分之三十二。"],
            "公司在华东地区的市场份额持续提升，达到百分之三十二。",
        ),
        (["Revenue grew", "in Asia."], "Revenue grew in Asia."),
        (["first", "", "second"], "first\n\nsecond"),
        (["A well-", "Known name"], "A well- Known name"),
    ],
)
def test_join_lines_restores_wrapped_words_numbers_and_cjk(lines, joined):
    assert join_lines(lines) == joined


def test_split_sentences_keeps_every_character():
    text = "Gross margin rose to 41.7 percent. It was 9.4 in 2024! 公司很好。我们满意；好吗？tail"
    parts = split_sentences(text)
    assert "".join(parts) == text
    assert parts == [
        "Gross margin rose to 41.7 percent. ",
        "It was 9.4 in 2024! ",
        "公司很好。",
        "我们满意；",
        "好吗？",
        "tail",
    ]


def test_split_sentences_does_not_split_decimals_or_abbreviations_before_lowercase():
    assert split_sentences("Version 9.4 is out, e.g. today.") == ["Version 9.4 is out, e.g. today."]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("Done.", True),
        ("完成。", True),
        ('He said "yes."', True),
        ("dividend of", False),
        ("", False),
    ],
)
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


def test_numbers_wrapped_at_a_hyphen_come_back_whole():
    assert join_lines(["Case 2023-", "0379 was filed."]) == "Case 2023-0379 was filed."
