"""Chat history kept in the library (retrieval/history.py): conversations per knowledge base,
each with its exchanges oldest first, across restarts; cleared or deleted with their knowledge
base and no other."""

import pytest

from retrieval.history import (
    Exchange,
    add_exchange,
    clear_exchanges,
    conversations,
    create_conversation,
    delete_conversation,
    delete_exchange,
    exchanges,
    latest_conversation,
    rename_conversation,
)
from retrieval.store import Library, LibraryError

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
    assert [c.exchanges for c in conversations(library, kept)] == [1]
    assert library.db.execute("SELECT count(*) FROM conversations").fetchone()[0] == 1


def test_an_exchange_without_a_conversation_goes_to_the_latest_one_or_a_new_one(library):
    kb = library.knowledge_base("default", create=True)
    add_exchange(library, kb, "  How much   was capex in FY2022? ", "a", "", {})
    [first] = conversations(library, kb)
    assert first.title == "How much was capex in FY2022?"  # the first question, tidied
    assert first.exchanges == 1
    add_exchange(library, kb, "And in FY2021?", "b", "", {})
    assert [c.exchanges for c in conversations(library, kb)] == [2]
    assert latest_conversation(library, kb).title == first.title  # a title stays


def test_conversations_are_kept_apart_and_the_last_used_comes_first(library):
    kb = library.knowledge_base("default", create=True)
    old = create_conversation(library, kb)
    add_exchange(library, kb, "about revenue", "a", "", {}, old.id)
    new = create_conversation(library, kb, "Cash flow")
    add_exchange(library, kb, "about cash", "b", "", {}, new.id)
    assert [c.title for c in conversations(library, kb)] == ["Cash flow", "about revenue"]
    assert [e.question for e in exchanges(library, kb, old.id)] == ["about revenue"]
    assert [e.question for e in exchanges(library, kb, new.id)] == ["about cash"]
    assert [e.question for e in exchanges(library, kb)] == ["about revenue", "about cash"]
    add_exchange(library, kb, "more revenue", "c", "", {}, old.id)
    assert conversations(library, kb)[0].id == old.id  # used last: first


def test_a_conversation_is_renamed_and_deleted_with_its_exchanges_only(library):
    kb = library.knowledge_base("default", create=True)
    gone, kept = create_conversation(library, kb), create_conversation(library, kb)
    add_exchange(library, kb, "q1", "a", "", {}, gone.id)
    kept_id = add_exchange(library, kb, "q2", "a", "", {}, kept.id)
    rename_conversation(library, kb, kept.id, "  Margins ")
    delete_conversation(library, kb, gone.id)
    [left] = conversations(library, kb)
    assert (left.id, left.title) == (kept.id, "Margins")
    assert [e.id for e in exchanges(library, kb)] == [kept_id]


def test_a_conversation_of_another_knowledge_base_is_refused(library):
    mine = library.knowledge_base("mine", create=True)
    theirs = create_conversation(library, library.knowledge_base("theirs", create=True))
    with pytest.raises(LibraryError, match="no conversation"):
        add_exchange(library, mine, "q", "a", "", {}, theirs.id)
    with pytest.raises(LibraryError):
        delete_conversation(library, mine, theirs.id)


def test_one_exchange_is_forgotten(library):
    kb = library.knowledge_base("default", create=True)
    first = add_exchange(library, kb, "q1", "a", "", {})
    add_exchange(library, kb, "q2", "a", "", {})
    delete_exchange(library, kb, first)
    assert [e.question for e in exchanges(library, kb)] == ["q2"]
