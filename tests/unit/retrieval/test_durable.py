"""Files replaced whole: the old content or the new, never a torn one; a full disk keeps the
old file; temporary files are told apart by their writer's process."""

import os
from pathlib import Path

import pytest

from retrieval.durable import leftovers, replace_atomically, write_text
from retrieval.store import DiskFull


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
