"""The streaming splitter: every way tags arrive."""

import pytest

from models.reasoning import ReasoningSplitter, strip_reasoning


def run(pieces, thinking=False):
    splitter = ReasoningSplitter(thinking=thinking)
    deltas = [d for p in pieces for d in splitter.feed(p)] + splitter.finish()
    thinking_text = "".join(d.text for d in deltas if d.kind == "thinking")
    answer = "".join(d.text for d in deltas if d.kind == "answer")
    return thinking_text, answer


def test_tags_in_one_piece():
    assert run(["<think>plan</think>Answer [1]."]) == ("plan", "Answer [1].")


@pytest.mark.parametrize("cut", range(1, len("<think>a</think>b")))
def test_tags_split_anywhere_across_tokens(cut):
    text = "<think>a</think>b"
    assert run([text[:cut], text[cut:]]) == ("a", "b")


def test_one_character_at_a_time():
    assert run(list("<think>step one</think>The answer")) == ("step one", "The answer")


def test_opening_tag_already_in_the_prompt():
    assert run(["reasoning here", "</thi", "nk>\n\nanswer"], thinking=True) == (
        "reasoning here",
        "\n\nanswer",
    )


def test_unterminated_trace_stays_reasoning():
    assert run(["<think>still going and </thi"]) == ("still going and </thi", "")


def test_no_trace_is_all_answer():
    assert run(["Plain ", "answer with < and <th but no tag"]) == (
        "",
        "Plain answer with < and <th but no tag",
    )


def test_text_after_close_is_answer_and_stray_tags_never_leak_into_it():
    assert run(["<think>x</think>y <think>z</think>"]) == ("x", "y z")
    assert run(["<think>x</think>y </th", "ink> done"]) == ("x", "y  done")


def test_holding_reports_a_partial_tag():
    splitter = ReasoningSplitter(thinking=True)
    assert splitter.feed("abc</th") and splitter.holding == "</th"


def test_strip_reasoning_for_history():
    assert strip_reasoning("<think>secret plan</think> The answer.") == "The answer."


def test_a_prompted_trace_ends_at_its_plain_marker():
    splitter = ReasoningSplitter(thinking=True, close="Answer:")
    pieces = [" The sources say 41.7%. Ans", "wer: 41.7", "% [1]. <think>x</think>"]
    deltas = [d for p in pieces for d in splitter.feed(p)] + splitter.finish()
    thinking = "".join(d.text for d in deltas if d.kind == "thinking")
    answer = "".join(d.text for d in deltas if d.kind == "answer")
    assert thinking == " The sources say 41.7%. " and answer == " 41.7% [1]. x"
    assert splitter.closed
