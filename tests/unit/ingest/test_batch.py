"""Planning a batch: discovered files with their sha256, duplicates and unsupported files
passed over with a reason, unreadable files failed (parse_and_chunk runs worker processes:
tests/integration/ingest/test_parse_data.py)."""

import hashlib

from ingest import batch
from ingest.batch import plan


def write(path, data=b"text"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_each_file_comes_with_the_sha256_of_its_bytes(tmp_path):
    a = write(tmp_path / "a.txt", b"alpha")
    b = write(tmp_path / "sub" / "b.md", b"# bravo")
    result = plan([tmp_path])
    assert sorted(result.files) == [
        (a, hashlib.sha256(b"alpha").hexdigest()),
        (b, hashlib.sha256(b"# bravo").hexdigest()),
    ]
    assert result.skipped == [] and result.failed == []


def test_a_second_file_with_the_same_bytes_is_a_duplicate_of_the_first(tmp_path):
    first = write(tmp_path / "report.pdf", b"%PDF same bytes")
    copy = write(tmp_path / "copy_of_report.pdf", b"%PDF same bytes")
    result = plan([first, copy])
    assert [path for path, _ in result.files] == [first]
    assert result.skipped == [(copy, f"duplicate of {first}")]


def test_the_files_discovery_passes_over_stay_skipped_with_their_reasons(tmp_path):
    keep = write(tmp_path / "notes.txt")
    write(tmp_path / "photo.png", b"png")
    write(tmp_path / "~$report.docx", b"lock")
    result = plan([tmp_path, tmp_path / "missing.pdf"])
    assert [path for path, _ in result.files] == [keep]
    assert sorted((p.name, reason) for p, reason in result.skipped) == [
        ("missing.pdf", "not found"),
        ("photo.png", "unsupported type (.png)"),
        ("~$report.docx", "Office lock file"),
    ]


def test_a_file_that_cannot_be_read_fails_and_the_rest_are_planned(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.pdf", b"locked")
    fine = write(tmp_path / "fine.pdf", b"fine")
    real = batch.sha256_file

    def sha256_file(path):
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(batch, "sha256_file", sha256_file)
    result = plan([locked, fine])
    assert result.failed == [(locked, "cannot read file: Permission denied")]
    assert [path for path, _ in result.files] == [fine]


def test_no_paths_make_an_empty_plan():
    result = plan([])
    assert (result.files, result.skipped, result.failed) == ([], [], [])
