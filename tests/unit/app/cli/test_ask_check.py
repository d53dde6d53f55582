"""`thinkdesk ask` without --json: after the sources, each sentence with its check."""

import io

from app.answer import Answer
from app.cli.ask import _StreamPrinter
from app.events import AnswerDelta, Done
from retrieval.search import Passage


def printed(text: str) -> str:
    passages = [Passage(1, 1.0, "/d/a.pdf", {"page": 2}, "Gross margin was 41.7 percent.", 1)]
    answer = Answer("q", text, "", passages, [1] if "[1]" in text else [], [], "m")
    answer.timings = {
        "prompt_tokens": 1,
        "first_token_s": 0.1,
        "reasoning_tokens": 0,
        "answer_tokens": 1,
        "total_s": 0.2,
    }
    out, err = io.StringIO(), io.StringIO()
    printer = _StreamPrinter(out, err)
    printer(AnswerDelta(text))
    printer(Done(answer))
    return out.getvalue()


def test_each_sentence_is_marked_after_the_sources():
    out = printed("Gross margin was 41.7% [1]. Revenue was 9.9 billion [1].")
    check = out.split("Sources:")[1]
    assert "Check: partial" in check
    assert "✓ Gross margin was 41.7% [1]." in check
    assert '✗ Revenue was 9.9 billion [1].  (9.9 billion is not in [1]; "revenue" is' in check


def test_an_answer_citing_nothing_keeps_its_caution_and_no_check():
    out = printed("Gross margin was 41.7%.")
    assert "cites no source" in out and "Check:" not in out
