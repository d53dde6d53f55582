"""A knowledge base's conversation: each exchange restored with its own answer and passages."""

import pytest

from app import history
from app.answer import Answer, Passage
from retrieval.store import Library


@pytest.fixture
def library(thinkdesk_home):
    thinkdesk_home.mkdir(parents=True)
    lib = Library(thinkdesk_home / "library.sqlite")
    yield lib
    lib.close()


def passage(rank, file, page):
    return Passage(
        rank=rank,
        score=1.0 / rank,
        file=file,
        location={"page": page},
        text=f"text on page {page}",
        chunk_id=rank * 10,
        scores={"vector": 0.5, "keyword": 0.25},
    )


def test_each_exchange_keeps_its_own_passages(library):
    kb = library.create_knowledge_base("reports")
    first = Answer(
        question="Gross margin?",
        answer="41.7% [1].",
        reasoning="Look at page 3.",
        passages=[passage(1, "/r/a.pdf", 3)],
        cited=[1],
        dropped_markers=[],
        model="m.gguf",
    )
    second = Answer(
        question="Revenue?",
        answer="Up 12% [2].",
        reasoning="",
        passages=[passage(1, "/r/b.pdf", 1), passage(2, "/r/b.pdf", 7)],
        cited=[2],
        dropped_markers=[3],
        model="m.gguf",
        stop_reason="cancelled",
    )
    ids = [history.record(library, kb, a) for a in (first, second)]
    exchanges = history.conversation(library, kb)
    assert [e.id for e in exchanges] == ids
    assert [e.question for e in exchanges] == ["Gross margin?", "Revenue?"]
    assert exchanges[0].answer.passages == first.passages
    assert exchanges[1].answer.passages == second.passages
    assert (
        exchanges[1].answer.reasoning == "" and exchanges[0].answer.reasoning == "Look at page 3."
    )
    assert (exchanges[1].answer.cited, exchanges[1].answer.dropped_markers) == ([2], [3])
    assert exchanges[1].answer.stop_reason == "cancelled"
    assert exchanges[0].created <= exchanges[1].created


def test_an_empty_knowledge_base_has_no_conversation(library):
    assert history.conversation(library, library.create_knowledge_base("empty")) == []
