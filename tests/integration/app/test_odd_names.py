"""The installed `thinkdesk ingest --json` on a folder of awkward names: Chinese, spaces and a
newline are indexed; a name of bytes that are not UTF-8 (os.fsencode) fails with its reason
instead of stopping the batch with a traceback (it did: the library could not store it); an
unreadable file and folder fail or are skipped with theirs; symbolic link loops are skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the embedding model is loaded for the good files

GOOD = Path(__file__).parents[2] / "data" / "good"
INDEXED = ["年报 2024 摘要.txt", "quarterly report.txt", "two\nlines.txt", "空 格.md"]
BAD_NAME = b"caf\xe9 \xff report.txt"  # Latin-1 and a stray byte: not UTF-8


def mode_000_stops_reading(folder: Path) -> bool:
    """False where this process reads a file of mode 000 anyway (root, or CAP_DAC_OVERRIDE:
    run under `setpriv --bounding-set -dac_override,-dac_read_search` to test as root)."""
    probe = folder / "probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        probe.read_bytes()
    except PermissionError:
        return True
    finally:
        probe.unlink()
    return False


def sentence(number: int) -> str:
    return f"Document {number} says the margin widened to {10 + number} percent.\n"


def run_ingest(folder: Path, home: Path) -> dict:
    run = subprocess.run(
        [str(Path(sys.executable).with_name("thinkdesk")), "ingest", str(folder), "--json"],
        capture_output=True,
        env={**os.environ, "THINKDESK_HOME": str(home)},
        timeout=300,
    )
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 0 and "Traceback" not in stderr, stderr
    return json.loads(run.stdout.decode("utf-8", "surrogateescape"))


def test_awkward_names_are_indexed_and_an_undecodable_one_fails_with_its_reason(tmp_path):
    folder = tmp_path / "dropped"
    folder.mkdir()
    for number, name in enumerate(INDEXED):
        (folder / name).write_text(sentence(number), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), BAD_NAME), "w", encoding="utf-8") as handle:
        handle.write(sentence(99))
    (folder / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to("self.txt")
    summary = run_ingest(folder, tmp_path / "home")
    assert summary["added"] == len(INDEXED) and summary["chunks"] == len(INDEXED)
    bad = os.fsdecode(os.path.join(os.fsencode(folder), BAD_NAME))
    reason = r"cannot index: the file name is not valid UTF-8 ('caf\xe9 \xff report.txt'); "
    assert summary["failed"] == [{"file": bad, "reason": reason + "rename the file"}]
    assert summary["skipped"] == [
        {
            "file": str(folder / "self.txt"),
            "reason": "symbolic link loop (the link leads back to itself)",
        }
    ]


def test_an_unreadable_file_and_folder_are_named_and_the_rest_indexed(tmp_path):
    if not mode_000_stops_reading(tmp_path):
        pytest.skip("this process reads files of mode 000 (root): permissions cannot be tested")
    folder = tmp_path / "dropped"
    (folder / "locked").mkdir(parents=True)
    (folder / "open.txt").write_text(sentence(1), encoding="utf-8")
    (folder / "secret.txt").write_text(sentence(2), encoding="utf-8")
    (folder / "locked" / "inside.txt").write_text(sentence(3), encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    (folder / "locked").chmod(0)
    try:
        summary = run_ingest(folder, tmp_path / "home")
    finally:
        (folder / "secret.txt").chmod(0o600)
        (folder / "locked").chmod(0o700)
    assert summary["added"] == 1
    assert summary["failed"] == [
        {"file": str(folder / "secret.txt"), "reason": "cannot read file: Permission denied"}
    ]
    assert summary["skipped"] == [
        {"file": str(folder / "locked"), "reason": "cannot read folder: Permission denied"}
    ]
