"""Folder records: recorded once per knowledge base, watched on and off, gone with their
knowledge base."""

import pytest

from retrieval import folders
from retrieval.store import Library, LibraryError


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "library.sqlite")
    yield lib
    lib.close()


def test_a_folder_is_recorded_once_and_stays_watched_when_ingested_again(library):
    kb = library.knowledge_base("default", create=True)
    folders.record_folder(library, kb, "/r/a", 7, watched=True)
    again = folders.record_folder(library, kb, "/r/a", None)
    assert (again.path, again.watched, again.device) == ("/r/a", True, 7)
    assert [f.path for f in folders.folders(library, kb)] == ["/r/a"]


def test_watching_is_switched_per_knowledge_base(library):
    one = library.knowledge_base("one", create=True)
    two = library.knowledge_base("two", create=True)
    folders.record_folder(library, one, "/r/a", 1)
    folders.record_folder(library, two, "/r/a", 1)
    folders.set_watched(library, two, "/r/a", True)
    assert [(kb.name, f.path) for kb, f in folders.watched_folders(library)] == [("two", "/r/a")]
    folders.set_watched(library, two, "/r/a", False)
    assert folders.watched_folders(library) == []
    with pytest.raises(LibraryError, match="not a folder of the knowledge base 'one'"):
        folders.set_watched(library, one, "/r/elsewhere", True)


def test_a_deleted_knowledge_base_takes_its_folders_and_forget_drops_one(library):
    kb = library.knowledge_base("gone", create=True)
    folders.record_folder(library, kb, "/r/a", 1, watched=True)
    folders.record_folder(library, kb, "/r/b", 1)
    assert folders.forget_folder(library, kb, "/r/b") and not folders.forget_folder(
        library, kb, "/r/b"
    )
    library.delete_knowledge_base("gone")
    assert library.db.execute("SELECT count(*) FROM folders").fetchone()[0] == 0
