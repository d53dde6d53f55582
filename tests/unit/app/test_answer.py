"""An answer survives its JSON: the stored history restores the same passages."""

from app.answer import Answer, Passage


def test_an_answer_round_trips_through_json_with_its_own_passages():
    passages = [
        Passage(1, 0.9, "/r/a.pdf", {"page_start": 3, "page_end": 4}, "text a", 7, {"dense": 0.5}),
        Passage(2, 0.4, "/r/b.xlsx", {"sheet": "S", "cells": "A2:D9"}, "text b", 9),
    ]
    answer = Answer("q?", "yes [2]", "hmm [1]", passages, [2, 1], [7], "m", {"total_s": 1.0})
    again = Answer.from_json(answer.to_json())
    assert again == answer
    assert again.to_json() == answer.to_json()
    assert not again.unsupported


def test_an_old_exchange_without_newer_keys_still_opens():
    data = {"passages": [{"file": "/r/a.pdf", "location": {"page": 1}}], "citations": [{"n": 1}]}
    answer = Answer.from_json({"question": "q", "answer": "a [1]", **data})
    assert answer.passages[0].file == "/r/a.pdf" and answer.cited == [1]
    assert answer.passages[0].text == "" and answer.stop_reason == "end"
