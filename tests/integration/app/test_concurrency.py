"""Two processes on one library: while `thinkdesk ingest` indexes a batch, other processes
search, ask, remove and re-add documents, read the status, and a long-lived application model
(as the desktop app holds one) searches all along. Nobody sees "database is locked" or a
traceback, every command succeeds, the library audits whole afterwards, and the long-lived
model answers a search exactly as a fresh process does, without a restart."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from library_audit import BIN, Crasher, audit

from app.application import Application
from bench.corpus import generate

pytestmark = pytest.mark.slow

GOOD = Path(__file__).parents[2] / "data" / "good"
QUERY = "gross margin revenue growth"


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(BIN / "thinkdesk"), *args],
        env={**os.environ, "THINKDESK_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{args}: {done.stderr[-3000:]}"
    assert "locked" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    return done


def shown(passages: list[dict]) -> list[tuple[str, str]]:
    return [(p["file"], json.dumps(p["location"], sort_keys=True)) for p in passages]


def test_one_process_ingests_while_others_search_ask_and_remove(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"threads": 1}')
    reports = tmp_path / "reports"
    generate(reports, 24, seed=5)
    run(home, "ingest", str(GOOD), "--quiet")
    held = Application(home)  # the desktop app's model: open for the whole test
    before = len(held.documents("default"))
    writer = subprocess.Popen(
        [str(BIN / "thinkdesk"), "ingest", str(reports), "--quiet", "--json"],
        env={**os.environ, "THINKDESK_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen_growing, rounds, asked = set(), 0, False
    target = str(GOOD / "notes.txt")
    while writer.poll() is None or rounds < 2:
        rounds += 1
        passages = [p.to_json() for p in held.search("default", QUERY, 5)]
        assert all(Path(p["file"]).exists() for p in passages)  # only stored, whole chunks
        seen_growing.add(len(held.documents("default")))
        found = json.loads(run(home, "search", QUERY, "--json").stdout)
        assert found and all(p["text"] for p in found)
        removed = json.loads(run(home, "remove", target, "--json").stdout)
        assert removed["removed"] == [target]
        run(home, "ingest", target, "--quiet")
        status = json.loads(run(home, "status", "--json").stdout)
        assert status["knowledge_bases"][0]["chunks"] > 0
        if not asked:  # one answer from the bundled model while the batch is written
            answer = json.loads(run(home, "ask", "What was the gross margin?", "--json").stdout)
            assert answer["passages"] and answer["answer"].strip()
            asked = True
        time.sleep(0.2)
    out, err = writer.communicate()
    assert writer.returncode == 0 and "locked" not in err and "Traceback" not in err, err
    summary = json.loads(out)
    assert summary["added"] == 24 and summary["failed"] == []
    # The long-lived model sees what the other processes did, and ranks like a fresh process.
    assert len(held.documents("default")) == before + 24
    assert len(seen_growing) >= 2, f"the held model never saw the library grow: {seen_growing}"
    fresh = json.loads(run(home, "search", QUERY, "--json").stdout)
    assert shown([p.to_json() for p in held.search("default", QUERY, 5)]) == shown(fresh)
    held.close()
    final = audit(home, Crasher(home))
    assert len(final) == before + 24
