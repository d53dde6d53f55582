"""After a process ends without closing the library: its lock file is found unheld, the next
process checks and mends the library (vector caches behind the library, temporary files of a
cut-short write, the cache of a deleted knowledge base) and says what it did."""

import multiprocessing
import os
from pathlib import Path

import pytest
from fakes import HashingEmbedder

from app.application import Application
from app.indexing import ingest
from app.recovery import Presence, recover, unclean_exits
from app.workspace import Workspace
from retrieval.durable import leftovers, replace_atomically, write_text
from retrieval.store import DiskFull

GOOD = Path(__file__).parents[2] / "data" / "good"


def _hold_and_exit(home: Path) -> None:
    Presence(home)
    os._exit(0)  # no close: as if killed


def test_a_lock_file_nobody_holds_is_an_unclean_exit(tmp_path):
    mine = Presence(tmp_path)
    process = multiprocessing.get_context("spawn").Process(target=_hold_and_exit, args=(tmp_path,))
    process.start()
    process.join()
    [dead] = unclean_exits(tmp_path)
    assert dead != mine.path and dead.name.startswith(f"{process.pid}-")
    mine.close()
    assert not mine.path.exists() and unclean_exits(tmp_path) == [dead]


@pytest.fixture
def indexed(thinkdesk_home, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("notes.txt", "summary.md", "prices.csv"):
        (folder / name).write_bytes((GOOD / name).read_bytes())
    workspace = Workspace(thinkdesk_home)
    workspace.use_embedder(HashingEmbedder())
    ingest(workspace, "default", [str(folder)])
    workspace.close()
    return thinkdesk_home


def test_recovery_mends_the_caches_and_removes_what_a_cut_short_write_left(indexed):
    home = indexed
    workspace = Workspace(home)
    kb = workspace.library.knowledge_base("default")
    cache = workspace.index_path(kb)
    cache.unlink()  # saved before the last documents, say: here, not at all
    (home / f"settings.json.tmp-{2**22 + 7}-abcd").write_text("{")  # no such process
    (home / "faiss" / "99.index").write_bytes(b"old")  # a knowledge base deleted meanwhile
    findings = recover(workspace)
    chunks = workspace.library.chunk_count(kb)
    assert findings.ok
    assert findings.repaired == [
        f"vector cache of 'default': {chunks} vector(s) added from the library",
        "removed the vector cache of 1 deleted knowledge base(s)",
        "removed 1 temporary file(s) of a write that was cut short",
    ]
    assert cache.exists() and not (home / "faiss" / "99.index").exists()
    assert recover(workspace).repaired == []
    workspace.close()


def test_an_unreadable_cache_is_rebuilt_and_said(indexed):
    workspace = Workspace(indexed)
    kb = workspace.library.knowledge_base("default")
    workspace.index_path(kb).write_bytes(b"\0" * 100)
    [said] = recover(workspace).repaired
    assert said.startswith("vector cache of 'default' was unreadable (")
    workspace.close()


def test_the_application_checks_only_after_an_unclean_exit(indexed):
    (indexed / "faiss" / "1.index").unlink()
    assert Application(indexed).recover() is None  # no process died: nothing is checked
    process = multiprocessing.get_context("spawn").Process(target=_hold_and_exit, args=(indexed,))
    process.start()
    process.join()
    app = Application(indexed, embedder_loader=lambda settings: HashingEmbedder())
    findings = app.recover()
    assert findings is not None and findings.repaired[0].startswith("vector cache of 'default'")
    assert unclean_exits(indexed) == [] and app.recover() is None
    app.close()
    assert list((indexed / "running").iterdir()) == []


def test_a_durable_write_replaces_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "f.json"
    write_text(target, "one")
    write_text(target, "two")
    assert target.read_text() == "two" and [p.name for p in tmp_path.iterdir()] == ["f.json"]

    def fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(DiskFull, match="disk full: cannot write to .*f.json"):
        replace_atomically(target, fail)
    assert target.read_text() == "two" and leftovers(tmp_path) == []


def test_a_live_writer_s_temporary_file_is_not_a_leftover(tmp_path):
    (tmp_path / f"x.tmp-{os.getpid()}-0000").write_text("")
    (tmp_path / f"x.tmp-{2**22 + 9}-0000").write_text("")
    assert [p.name for p in leftovers(tmp_path)] == [f"x.tmp-{2**22 + 9}-0000"]
