"""`thinkdesk watch` in a subprocess, as a user runs it, with the real parsers, embedding
model and FAISS: it catches up, indexes a file dropped in the folder while it runs (JSON
lines on stdout), stops cleanly on SIGINT; `kb folders` and `watch --off` list and switch."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
GOOD = Path(__file__).parents[2] / "data" / "good"
EXE = Path(sys.executable).with_name("thinkdesk")
ROOT = Path(__file__).parents[3]


def environment(home: Path) -> dict[str, str]:
    # the worktree's modules before the installed ones (the editable install may be another's)
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "THINKDESK_HOME": str(home), "PYTHONPATH": path}


def lines_of(stream) -> tuple[queue.Queue, threading.Thread]:
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True)
    reader.start()
    return lines, reader


def next_event(lines: queue.Queue, wanted: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        event = json.loads(line)
        if event["event"] == wanted:
            return event


def thinkdesk(home: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), *argv], env=environment(home), capture_output=True, text=True, timeout=120
    )


def test_watch_indexes_a_new_file_and_stops_on_sigint(tmp_path):
    home, folder = tmp_path / "home", tmp_path / "reports"
    folder.mkdir()
    shutil.copy2(GOOD / "notes.txt", folder / "notes.txt")  # there for a while (its mtime)
    process = subprocess.Popen(
        [str(EXE), "watch", str(folder), "--json"],
        env=environment(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines, reader = lines_of(process.stdout)
    try:
        assert next_event(lines, "watching")["folder"] == str(folder)
        caught_up = next_event(lines, "indexed")
        assert caught_up["catch_up"] and caught_up["summary"]["added"] == 1
        begun = time.monotonic()
        shutil.copy(GOOD / "deck.pptx", folder / "deck.pptx")
        run = next_event(lines, "indexed")
        picked_up = time.monotonic() - begun
        assert run["files"] == [str(folder / "deck.pptx")] and run["summary"]["added"] == 1
        assert picked_up < 15, picked_up
        process.send_signal(signal.SIGINT)
        assert next_event(lines, "stopped", timeout=30) == {"event": "stopped"}
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(10)
        process.stdout.close()
        process.stderr.close()

    listed = thinkdesk(home, "kb", "folders", "--json")
    assert json.loads(listed.stdout) == {
        "folders": [
            {
                "kb": "default",
                "path": str(folder),
                "watched": True,
                "offline": False,
                "documents": 2,
            }
        ]
    }
    off = thinkdesk(home, "watch", "--off", str(folder))
    assert off.returncode == 0 and "no longer watching" in off.stdout
    assert "not watched, 2 documents" in thinkdesk(home, "kb", "folders").stdout
    nothing = thinkdesk(home, "watch")
    assert nothing.returncode == 1 and "no folder is watched" in nothing.stderr


def test_kb_folders_shows_a_missing_folder_offline_and_keeps_its_documents(tmp_path):
    home, folder = tmp_path / "home", tmp_path / "usb" / "reports"
    folder.mkdir(parents=True)
    shutil.copy(GOOD / "notes.txt", folder / "notes.txt")
    assert thinkdesk(home, "ingest", str(folder), "--quiet").returncode == 0
    (tmp_path / "usb").rename(tmp_path / "unplugged")
    pruned = thinkdesk(home, "ingest", str(folder), "--prune", "--json")
    assert json.loads(pruned.stdout)["removed"] == 0  # (exit 1: no file found to index)
    listed = thinkdesk(home, "kb", "folders")
    assert (
        listed.stdout
        == f"default: {folder}  (not watched, offline (documents kept), 1 documents)\n"
    )
    docs = json.loads(thinkdesk(home, "docs", "--json").stdout)
    assert [Path(d["file"]).name for d in docs] == ["notes.txt"]
