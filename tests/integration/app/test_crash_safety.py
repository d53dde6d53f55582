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
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest

from bench.corpus import generate

pytestmark = pytest.mark.slow

LONG = os.environ.get("THINKDESK_TEST_LONG") == "1"
DOCS, KILLS = (300, 14) if LONG else (48, 10)
SEED = int(os.environ.get("THINKDESK_KILL_SEED") or random.SystemRandom().randrange(10**6))
BIN = Path(sys.executable).parent
WRITER = Path(__file__).parent / "crash_writer.py"
DIMENSION = 384


class Crasher:
    """Runs thinkdesk commands on one THINKDESK_HOME, killing them on a seeded schedule."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.random = random.Random(SEED)
        self.schedule: list[tuple[str, ...]] = []  # command, delay, what the kill met

    def env(self) -> dict[str, str]:
        return {**os.environ, "THINKDESK_HOME": str(self.home)}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(BIN / "thinkdesk"), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, self.why(f"{args}: {done.stderr[-2000:]}")
        return done

    def kill(self, command: list[str], low: float, high: float) -> str:
        """Start a command, SIGKILL it after a random delay in [low, high) s; what it printed."""
        delay = round(self.random.uniform(low, high), 2)
        process = subprocess.Popen(
            command, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            process.wait(timeout=delay)
            met = "finished first"
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            met = "killed"
        output = ""
        if process.stdout is not None:
            output = process.stdout.read()
            process.stdout.close()
        self.schedule.append((" ".join(Path(part).name for part in command[1:3]), str(delay), met))
        return output

    def why(self, message: str) -> str:
        replay = f"THINKDESK_KILL_SEED={SEED} replays it"
        return f"{message}\nseed {SEED} ({replay}), schedule {self.schedule}"


def audit(home: Path, crasher: Crasher) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Check the library with plain SQL; returns every indexed document's id and chunk ids."""
    db = sqlite3.connect(home / "library.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], crasher.why(
            "integrity"
        )
        assert db.execute("PRAGMA foreign_key_check").fetchall() == [], crasher.why("foreign keys")
        rows = db.execute(
            "SELECT d.path, d.id, d.chunks, c.id, c.position, length(c.vector) FROM documents d "
            "LEFT JOIN chunks c ON c.document_id = d.id WHERE d.status = 'indexed' ORDER BY c.id"
        ).fetchall()
        chunk_ids = {r[0] for r in db.execute("SELECT id FROM chunks")}
        keyword_ids = {r[0] for r in db.execute("SELECT rowid FROM chunk_fts")}
        failed = db.execute("SELECT path, reason FROM documents WHERE status = 'failed'").fetchall()
    finally:
        db.close()
    documents: dict[str, tuple[int, list[int], list[int], int]] = {}
    for path, doc_id, recorded, chunk_id, position, width in rows:
        entry = documents.setdefault(path, (doc_id, [], [], recorded))
        assert chunk_id is not None, crasher.why(f"{path}: indexed without chunks")
        assert width == 4 * DIMENSION, crasher.why(f"{path}: chunk {chunk_id} vector {width} bytes")
        entry[1].append(chunk_id)
        entry[2].append(position)
    for path, (_, _, positions, recorded) in documents.items():
        assert sorted(positions) == list(range(recorded)), crasher.why(f"{path}: chunks torn")
    assert keyword_ids == chunk_ids, crasher.why("keyword index and chunks disagree")
    assert failed == [], crasher.why(f"failed files: {failed}")
    return {path: (doc_id, tuple(ids)) for path, (doc_id, ids, _, _) in documents.items()}


def cached_ids(home: Path) -> set[int]:
    """The chunk ids in every saved vector cache file."""
    held: set[int] = set()
    for path in (home / "faiss").glob("*.index"):
        index = faiss.read_index(str(path))
        held |= set(faiss.vector_to_array(index.id_map).astype(np.int64).tolist())
    return held


def status(crasher: Crasher) -> dict:
    """`thinkdesk status --json`: the next command after a kill opens (and mends) the library."""
    return json.loads(crasher.run("status", "--json").stdout)


def test_kill_9_at_random_moments_never_loses_or_duplicates_anything(tmp_path):
    reports = tmp_path / "reports"
    generate(reports, DOCS, seed=SEED % 1000)
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"threads": 2}')
    crasher = Crasher(home)
    ingest = [str(BIN / "thinkdesk"), "ingest", str(reports), "--quiet"]
    committed: dict[str, tuple[int, tuple[int, ...]]] = {}
    for _ in range(KILLS):
        crasher.kill(ingest, 0.5, 9.0)
        if not (home / "library.sqlite").exists():
            continue  # killed before it created the library
        found = audit(home, crasher)
        for path, kept in committed.items():  # what was committed stays, ids and all
            assert found.get(path) == kept, crasher.why(f"{path} changed after a kill")
        committed = found
        crasher.schedule[-1] += (f"{len(found)} documents committed",)
        counts = status(crasher)["knowledge_bases"]
        if counts:
            [kb] = counts
            assert kb["documents"] == len(found), crasher.why("status counts documents")
            assert kb["chunks"] == sum(len(ids) for _, ids in found.values()), crasher.why("chunks")
            assert cached_ids(home) == {i for _, ids in found.values() for i in ids}, crasher.why(
                "the vector cache disagrees with the library after the next command opened it"
            )
        assert not list((home / "running").glob("*.lock")), crasher.why("a lock file is left")
    killed = sum(step[2] == "killed" for step in crasher.schedule)
    assert killed >= KILLS // 2, crasher.why("too few kills landed: the schedule is too slow")
    summary = json.loads(crasher.run("ingest", str(reports), "--json", "--quiet").stdout)
    assert summary["unchanged"] == len(committed), crasher.why(f"re-run: {summary}")
    assert summary["added"] == DOCS - len(committed) and summary["failed"] == [], crasher.why(
        f"re-run: {summary}"
    )
    final = audit(home, crasher)
    assert len(final) == DOCS
    assert all(final[path] == kept for path, kept in committed.items()), crasher.why(
        "the re-run stored a committed document again"
    )
    # The re-run's own vectors reached the cache file when it closed.
    assert cached_ids(home) == {i for _, ids in final.values() for i in ids}
    print(f"seed {SEED}: {killed} of {KILLS} ingest runs killed; schedule {crasher.schedule}")

    # remove, a rename and a delete of a knowledge base, each killed midway
    crasher.run("kb", "create", "spare", "--json")
    before = set(final)
    output = crasher.kill([str(BIN / "thinkdesk"), "remove", str(reports)], 0.8, 2.5)
    left = audit(home, crasher)
    assert set(left) <= before and all(final[p] == left[p] for p in left), crasher.why(output)
    status(crasher)
    assert cached_ids(home) == {i for _, ids in left.values() for i in ids}, crasher.why("remove")
    for command in (["kb", "rename", "spare", "other"], ["kb", "delete", "default"]):
        output = crasher.kill([str(BIN / "thinkdesk"), *command], 0.6, 1.6)
        audit(home, crasher)
        names = {kb["name"] for kb in status(crasher)["knowledge_bases"]}
        assert len(names & {"spare", "other"}) == 1, crasher.why(f"{command}: {names} {output}")
    remaining = {kb["name"] for kb in status(crasher)["knowledge_bases"]}
    caches = {p.name for p in (home / "faiss").glob("*.index")}
    if "default" not in remaining:  # the cache file of a deleted knowledge base is gone
        assert "1.index" not in caches, crasher.why(f"{caches}")


def test_kill_9_while_settings_and_chat_history_are_written(tmp_path):
    home = tmp_path / "home"
    crasher = Crasher(home)
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
