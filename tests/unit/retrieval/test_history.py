"""Chat history kept in the library (retrieval/history.py): exchanges per knowledge base,
oldest first, across restarts; cleared or deleted with their knowledge base and no other."""

import pytest

from retrieval.history import Exchange, add_exchange, clear_exchanges, exchanges
from retrieval.store import Library

DATA = {
    "citations": [{"number": 1, "chunk_id": 7}],
    "passages": [
        {"file": "/docs/报告.pdf", "location": {"page": 2}, "text": "净利润增长百分之十五"}
    ],
}


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "library.sqlite")
    yield lib
    lib.close()


def test_an_exchange_comes_back_as_it_was_kept(library):
    kb = library.knowledge_base("default", create=True)
    exchange_id = add_exchange(library, kb, "净利润增长多少？", "百分之十五 [1]", "<think>…", DATA)
    [kept] = exchanges(library, kb)
    assert isinstance(kept, Exchange)
    assert kept.id == exchange_id
    assert (kept.question, kept.answer, kept.reasoning) == (
        "净利润增长多少？",
        "百分之十五 [1]",
        "<think>…",
    )
    assert kept.data == DATA
    assert isinstance(kept.created, float)


def test_exchanges_are_listed_oldest_first_with_new_ids(library):
    kb = library.knowledge_base("default", create=True)
    made = [add_exchange(library, kb, f"q{i}", f"a{i}", "", {}) for i in range(3)]
    assert len(set(made)) == 3
    assert [e.question for e in exchanges(library, kb)] == ["q0", "q1", "q2"]
    assert [e.id for e in exchanges(library, kb)] == made


def test_each_knowledge_base_has_its_own_history(library):
    first = library.knowledge_base("first", create=True)
    second = library.knowledge_base("second", create=True)
    add_exchange(library, first, "about first", "a", "", {})
    add_exchange(library, second, "about second", "b", "", {})
    assert [e.question for e in exchanges(library, first)] == ["about first"]
    clear_exchanges(library, first)
    assert exchanges(library, first) == []
    assert [e.question for e in exchanges(library, second)] == ["about second"]


def test_history_is_kept_across_a_restart(tmp_path):
    path = tmp_path / "library.sqlite"
    library = Library(path)
    add_exchange(library, library.knowledge_base("k", create=True), "q", "a", "r", DATA)
    library.close()
    reopened = Library(path)
    [kept] = exchanges(reopened, reopened.knowledge_base("k"))
    assert (kept.question, kept.data) == ("q", DATA)
    reopened.close()


def test_deleting_a_knowledge_base_deletes_its_history(library):
    gone = library.knowledge_base("gone", create=True)
    kept = library.knowledge_base("kept", create=True)
    add_exchange(library, gone, "q", "a", "", {})
    add_exchange(library, kept, "q", "a", "", {})
    library.delete_knowledge_base("gone")
    rows = library.db.execute("SELECT kb_id FROM exchanges").fetchall()
    assert rows == [(kept.id,)]
