"""A drive mounted inside an ingested folder, then unplugged: its documents are kept (the
folder it was mounted on is offline), by `ingest --prune` and by the watcher's removal of gone
files; the rest of the folder is pruned as usual. Needs a tmpfs mount (root)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fakes import HashingEmbedder

from app.application import Application
from app.watch import documents_gone

GOOD = Path(__file__).parents[2] / "data" / "good"


@pytest.fixture
def nested(tmp_path):
    root = tmp_path / "reports"
    drive = root / "nas"
    drive.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(drive)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    shutil.copy(GOOD / "notes.txt", root / "notes.txt")
    shutil.copy(GOOD / "summary.md", root / "local.md")
    shutil.copy(GOOD / "prices.csv", drive / "prices.csv")
    yield root, drive
    subprocess.run(["umount", "-l", str(drive)], check=False)


def test_an_unplugged_drive_inside_a_folder_keeps_its_documents(nested, thinkdesk_home):
    root, drive = nested
    app = Application(thinkdesk_home, embedder_loader=lambda settings: HashingEmbedder())
    app.ingest("default", [str(root)])
    rows = {r["path"]: r for r in app.folder_rows()}
    assert set(rows) == {str(root), str(drive)} and not rows[str(drive)]["offline"]
    subprocess.run(["umount", str(drive)], check=True)  # unplugged: an empty folder is left
    (root / "local.md").unlink()  # and a file really deleted
    assert {r["path"]: r["offline"] for r in app.folder_rows()}[str(drive)]
    summary = app.ingest("default", [str(root)], prune=True)
    kept = sorted(Path(d.path).name for d in app.documents("default"))
    assert summary.removed == 1 and kept == ["notes.txt", "prices.csv"]
    assert documents_gone(app.workspace, "default", [str(root)]) == []  # the watcher's rule
    app.close()
