"""A full disk while indexing: THINKDESK_HOME on a small tmpfs. The batch stops with one clear
"disk full" line, the library stays whole with every document committed before, and once there
is room again the same command finishes the batch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from library_audit import Crasher, audit

from bench.corpus import generate

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
SMALL = 6 * 1024 * 1024  # the library outgrows this after a few documents


@pytest.fixture
def small_home(tmp_path) -> Iterator[Path]:
    """A THINKDESK_HOME on a tmpfs that fills up after a few documents (mounting needs root;
    a file size limit is no stand-in: SQLite then reports an I/O error, not a full disk)."""
    home = tmp_path / "home"
    home.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL}", "tmpfs", str(home)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    yield home
    subprocess.run(["umount", "-l", str(home)], check=False)


def make_room(home: Path) -> None:
    subprocess.run(["mount", "-o", "remount,size=256m", str(home)], check=True)


def test_a_full_disk_stops_the_batch_cleanly_and_loses_nothing(tmp_path, small_home):
    home = small_home
    reports = tmp_path / "reports"
    generate(reports, 40, seed=3)
    (home / "settings.json").write_text('{"threads": 2}')
    env = {**os.environ, "THINKDESK_HOME": str(home)}
    command = [str(BIN / "thinkdesk"), "ingest", str(reports), "--quiet"]
    full = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert full.returncode == 1, full.stderr[-3000:]
    [line] = [s for s in full.stderr.splitlines() if s.startswith("thinkdesk: error:")]
    assert line.startswith("thinkdesk: error: disk full: cannot write to ")
    assert "free some space and run it again, nothing already indexed is lost" in line
    assert "Traceback" not in full.stderr
    crasher = Crasher(home)
    make_room(home)
    committed = audit(home, crasher)  # whole: every document stored is stored entirely
    assert 0 < len(committed) < 40, f"the disk filled at {len(committed)} documents"
    again = subprocess.run(
        [*command[:-1], "--json", "--quiet"], env=env, capture_output=True, text=True, timeout=900
    )
    assert again.returncode == 0, again.stderr[-3000:]
    summary = json.loads(again.stdout)
    assert summary["unchanged"] == len(committed) and summary["failed"] == []
    final = audit(home, crasher)
    assert len(final) == 40 and all(final[p] == ids for p, ids in committed.items())
    print(f"disk full after {len(committed)} of 40 documents ({shutil.disk_usage(home).used} B)")
