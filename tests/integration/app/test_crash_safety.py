"""kill -9 at random moments: the real `thinkdesk ingest` on generated reports is SIGKILLed
again and again on a seeded random schedule, then `remove`, a knowledge base's rename and
delete, and the writer of settings and chat history. After each kill the library is audited
with plain SQL, not the product's own code: SQLite's integrity check, every document's chunks
all there with their vectors and keywords, the vector cache agreeing once the next command has
opened the library; and a re-run finishes without duplicating or re-embedding anything.

`make test` runs a reduced schedule; `make test-long` (THINKDESK_TEST_LONG=1) the full one.
A failure prints the seed and the schedule; THINKDESK_KILL_SEED=N replays a seed."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from library_audit import BIN, Crasher, audit, cached_ids, status

from bench.corpus import generate

pytestmark = pytest.mark.slow

LONG = os.environ.get("THINKDESK_TEST_LONG") == "1"
DOCS, KILLS = (300, 14) if LONG else (64, 10)
SEED = int(os.environ.get("THINKDESK_KILL_SEED") or random.SystemRandom().randrange(10**6))
WRITER = Path(__file__).parent / "crash_writer.py"


def test_kill_9_at_random_moments_never_loses_or_duplicates_anything(tmp_path):
    reports = tmp_path / "reports"
    generate(reports, DOCS, seed=SEED % 1000)
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"threads": 2}')
    crasher = Crasher(home, SEED)
    ingest = [str(BIN / "thinkdesk"), "ingest", str(reports), "--quiet"]
    committed: dict[str, tuple[int, tuple[int, ...]]] = {}
    killed = runs = said = 0
    total, more = DOCS, 0  # more reports arrive when the batch ends before the kills do
    while killed < KILLS and runs < 3 * KILLS:  # a run that finished first is no kill
        runs += 1
        if len(committed) == total:  # a fast machine: give the kills more to cut into
            more += 1
            generate(reports / f"more{more}", DOCS // 2, seed=SEED % 1000 + more)
            total += DOCS // 2
        crasher.kill(ingest, 0.5, 8.0)
        killed += crasher.schedule[-1][2] == "killed"
        if not (home / "library.sqlite").exists():
            continue  # killed before it created the library
        found = audit(home, crasher)
        for path, kept in committed.items():  # what was committed stays, ids and all
            assert found.get(path) == kept, crasher.why(f"{path} changed after a kill")
        committed = found
        crasher.schedule[-1] += (f"{len(found)} documents committed",)
        opened = crasher.run("status", "--json")  # the next command mends what the kill left
        said += "after an unclean exit, repaired: vector cache" in opened.stderr
        counts = json.loads(opened.stdout)["knowledge_bases"]
        if counts:
            [kb] = counts
            assert kb["documents"] == len(found), crasher.why("status counts documents")
            assert kb["chunks"] == sum(len(ids) for _, ids in found.values()), crasher.why("chunks")
            assert cached_ids(home) == {i for _, ids in found.values() for i in ids}, crasher.why(
                "the vector cache disagrees with the library after the next command opened it"
            )
        assert not list((home / "running").glob("*.lock")), crasher.why("a lock file is left")
    assert killed >= KILLS, crasher.why(f"{killed} kills landed: the batch ended too soon")
    assert said, crasher.why("no command after a kill said what it repaired")
    assert 0 < len(committed) < total, crasher.why("the kills never met the batch midway")
    summary = json.loads(crasher.run("ingest", str(reports), "--json", "--quiet").stdout)
    assert summary["unchanged"] == len(committed), crasher.why(f"re-run: {summary}")
    assert summary["added"] == total - len(committed) and summary["failed"] == [], crasher.why(
        f"re-run: {summary}"
    )
    final = audit(home, crasher)
    assert len(final) == total
    assert all(final[path] == kept for path, kept in committed.items()), crasher.why(
        "the re-run stored a committed document again"
    )
    # The re-run's own vectors reached the cache file when it closed.
    assert cached_ids(home) == {i for _, ids in final.values() for i in ids}
    print(f"seed {SEED}: {killed} of {runs} ingest runs killed; schedule {crasher.schedule}")

    # remove, killed again and again around the moment it starts writing, until all is gone
    crasher.run("kb", "create", "spare", "--json")
    started = time.monotonic()
    crasher.run("kb", "list")
    startup = time.monotonic() - started  # a command's start, before it writes
    remove = [str(BIN / "thinkdesk"), "remove", str(reports)]
    left, midway = final, 0
    for _ in range(12):
        output = crasher.kill(remove, startup * 0.8, startup + 0.5)
        now = audit(home, crasher)
        assert set(now) <= set(left) and all(final[p] == now[p] for p in now), crasher.why(output)
        midway += 0 < len(now) < len(left) and crasher.schedule[-1][2] == "killed"
        left = now
        status(crasher)
        held = cached_ids(home)
        assert held == {i for _, ids in left.values() for i in ids}, crasher.why("remove")
        if not left:
            break
    print(f"remove: killed midway {midway} time(s); {len(left)} documents left")
    for command in (["kb", "rename", "spare", "other"], ["kb", "delete", "default"]):
        output = crasher.kill([str(BIN / "thinkdesk"), *command], startup * 0.8, startup + 0.2)
        audit(home, crasher)
        names = {kb["name"] for kb in status(crasher)["knowledge_bases"]}
        assert len(names & {"spare", "other"}) == 1, crasher.why(f"{command}: {names} {output}")
    remaining = {kb["name"] for kb in status(crasher)["knowledge_bases"]}
    caches = {p.name for p in (home / "faiss").glob("*.index")}
    if "default" not in remaining:  # the cache file of a deleted knowledge base is gone
        assert "1.index" not in caches, crasher.why(f"{caches}")


def test_kill_9_while_settings_and_chat_history_are_written(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"top_k": 5}')  # there before the first kill
    crasher = Crasher(home, SEED)
    good = Path(__file__).parents[2] / "data" / "good"
    crasher.run("ingest", str(good / "report_en.pdf"), "--quiet")
    rounds = 4 if not LONG else 10
    writes = 0
    for _ in range(rounds):
        output = crasher.kill([sys.executable, str(WRITER), str(home)], 1.5, 4.0)
        writes += len(output.split())
        settings = json.loads((home / "settings.json").read_text())  # whole, never torn
        assert 1 <= settings["top_k"] <= 50, crasher.why(output)
        assert not list(home.glob("settings.json.bad-*")), crasher.why("settings seen as bad")
        audit(home, crasher)
        db = sqlite3.connect(home / "library.sqlite")
        orphans = db.execute(
            "SELECT COUNT(*) FROM exchanges WHERE conversation_id NOT IN "
            "(SELECT id FROM conversations)"
        ).fetchone()[0]
        per_conversation = db.execute(
            "SELECT COUNT(*) FROM exchanges GROUP BY conversation_id"
        ).fetchall()
        db.close()
        assert orphans == 0, crasher.why(output)
        assert all(n <= 3 for (n,) in per_conversation), crasher.why(output)
        status(crasher)  # opens cleanly and removes what the killed writer left
        assert not list(home.glob("settings.json.tmp-*")), crasher.why("temporary file kept")
    assert writes > 0, crasher.why("the writer was always killed before it wrote anything")
