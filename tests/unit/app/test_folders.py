"""Folders of a knowledge base with real parsers and a hashing embedder: recorded on ingest,
offline when missing or an empty mount point, and never pruned while offline."""

import os
import shutil
from pathlib import Path

import pytest

from app import folders
from app.indexing import ingest

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "drive" / "reports"
    target.mkdir(parents=True)
    for name in ("notes.txt", "summary.md"):
        shutil.copy(DATA / "good" / name, target / name)
    return target


def test_an_ingested_folder_is_recorded_and_a_file_is_not(workspace, folder):
    ingest(workspace, "default", [str(folder), str(DATA / "good" / "prices.csv")])
    rows = folders.folder_rows(workspace)
    assert rows == [
        {"kb": "default", "path": str(folder), "watched": False, "offline": False, "documents": 2}
    ]


def test_a_missing_folder_is_offline_and_prune_keeps_its_documents(workspace, folder):
    ingest(workspace, "default", [str(folder)])
    folder.rename(folder.with_name("unplugged"))  # the drive is gone
    summary = ingest(workspace, "default", [str(folder)], prune=True)
    assert summary.removed == 0
    assert len(workspace.library.documents(workspace.library.knowledge_base("default"))) == 2
    assert folders.folder_rows(workspace)[0]["offline"] is True


def test_a_deleted_file_under_an_online_folder_is_still_pruned(workspace, folder):
    ingest(workspace, "default", [str(folder)])
    (folder / "notes.txt").unlink()
    summary = ingest(workspace, "default", [str(folder)], prune=True)
    assert summary.removed == 1
    gone = str(folder / "summary.md")
    (folder / "summary.md").unlink()  # a file given by its own path is pruned too
    assert ingest(workspace, "default", [gone], prune=True).removed == 1


def test_the_empty_mount_point_of_another_device_is_offline(folder):
    device = os.stat(folder).st_dev
    assert not folders.is_offline(folder, device)
    assert not folders.is_offline(folder, device + 1)  # files in it: the drive is there
    for child in folder.iterdir():
        child.unlink()
    assert folders.is_offline(folder, device + 1)  # empty, and not on its drive
    assert not folders.is_offline(folder, device)  # emptied on its own drive: online
    assert folders.is_offline(folder / "notes.txt")


def test_watch_records_the_folder_and_off_stops_it(workspace, folder):
    folders.watch(workspace, "kb2", str(folder))
    assert [(kb, f.path) for kb, f in folders.watched(workspace)] == [("kb2", str(folder))]
    folders.watch(workspace, "kb2", str(folder), on=False)
    assert folders.watched(workspace) == []


def test_removing_a_folder_forgets_it_so_no_watcher_brings_it_back(workspace, folder):
    from app.knowledge import remove_paths

    ingest(workspace, "default", [str(folder)])
    folders.watch(workspace, "default", str(folder))
    remove_paths(workspace, "default", [str(folder / "notes.txt")])  # a file: the folder stays
    assert [f.path for _, f in folders.watched(workspace)] == [str(folder)]
    remove_paths(workspace, "default", [str(folder.parent)])
    assert folders.folder_rows(workspace) == [] and folders.watched(workspace) == []
