"""Repeated texts: each distinct text made once, kept values reused and counted, bounded,
and a bare text told apart when it comes back in another document."""

from ingest.repeats import Repeats


def test_each_distinct_text_is_made_once_and_reused_after():
    made = []
    repeats = Repeats()

    def make(texts):
        made.extend(texts)
        return [t.upper() for t in texts]

    assert repeats.each(["a", "b", "a"], make) == ["A", "B", "A"]
    assert repeats.each(["b", "c"], make) == ["B", "C"]
    assert made == ["a", "b", "c"]
    assert repeats.reused == 2  # the second "a", then "b" again


def test_the_least_recently_used_value_goes_first_beyond_the_limit():
    repeats = Repeats(limit=2)
    repeats.each(["a", "b"], lambda texts: texts)
    repeats.each(["a"], lambda texts: texts)  # "a" used: "b" is now the oldest
    repeats.each(["c"], lambda texts: texts)
    made = []
    repeats.each(["a", "b"], lambda texts: made.extend(texts) or texts)
    assert made == ["b"]


def test_a_text_is_boilerplate_once_another_document_had_it():
    repeats = Repeats()
    assert not repeats.seen_elsewhere("Disclaimer: not advice.", "a.pdf")
    assert not repeats.seen_elsewhere("Disclaimer: not advice.", "a.pdf")  # same document
    assert repeats.seen_elsewhere("Disclaimer: not advice.", "b.pdf")
    assert not repeats.seen_elsewhere("Revenue rose.", "b.pdf")
