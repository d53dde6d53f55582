"""The installed `thinkdesk ingest --json` on a folder of hostile Office packages and one good
report: the report is indexed, each hostile file is listed as failed with its own reason, the
command exits 0 without a traceback, and nothing is written outside the data folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile import HOSTILE, REASONS

GOOD = Path(__file__).parents[2] / "data" / "good"

pytestmark = pytest.mark.slow  # the embedding model is loaded for the good file


def test_ingest_lists_each_hostile_file_with_its_reason_and_indexes_the_good_one(tmp_path):
    folder = tmp_path / "a" / "b" / "dropped"
    shutil.copytree(HOSTILE, folder)
    shutil.copy(GOOD / "report.docx", folder / "report.docx")
    home = tmp_path / "home"
    run = subprocess.run(
        [str(Path(sys.executable).with_name("thinkdesk")), "ingest", str(folder), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "THINKDESK_HOME": str(home)},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    summary = json.loads(run.stdout)
    assert summary["added"] == 1 and summary["chunks"] > 0 and summary["skipped"] == []
    failed = {Path(f["file"]).name: f["reason"] for f in summary["failed"]}
    assert failed == REASONS
    assert all(Path(f["file"]).parent == folder for f in summary["failed"])
    # No member was ever unpacked: not where "../../" leads, nor at the absolute name.
    assert not (folder.parent.parent / "thinkdesk-slip.txt").exists()
    assert not Path("/tmp/thinkdesk-absolute.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "home"]
