"""Discovery: supported files kept, hidden/lock/temp/unsupported listed, symlink loops ended."""

from pathlib import Path

from ingest.discover import discover


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_discover_keeps_supported_and_names_the_rest(tmp_path):
    keep = [touch(tmp_path / "a.pdf"), touch(tmp_path / "sub" / "b.DOCX"), touch(tmp_path / "c.md")]
    touch(tmp_path / ".hidden.pdf")
    touch(tmp_path / "~$lock.docx")
    touch(tmp_path / "draft.docx.tmp")
    touch(tmp_path / "photo.png")
    touch(tmp_path / ".git" / "config.txt")
    found = discover([tmp_path])
    assert sorted(found.files) == sorted(keep)
    reasons = {p.name: r for p, r in found.skipped}
    assert reasons == {
        ".hidden.pdf": "hidden file",
        "~$lock.docx": "Office lock file",
        "draft.docx.tmp": "temporary file",
        "photo.png": "unsupported type (.png)",
    }


def test_symlink_loops_and_repeats_are_followed_once(tmp_path):
    touch(tmp_path / "docs" / "a.txt")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "docs" / "a.txt")
    found = discover([tmp_path, tmp_path / "docs" / "a.txt"])
    assert len(found.files) == 1


def test_missing_path_is_reported(tmp_path):
    found = discover([tmp_path / "nope.pdf"])
    assert found.skipped == [(tmp_path / "nope.pdf", "not found")]
