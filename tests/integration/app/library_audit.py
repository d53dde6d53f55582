"""The library audited with plain SQL and the FAISS files, not with the product's own code, and
thinkdesk commands run (or killed on a seeded schedule) on one THINKDESK_HOME: the crash,
disk-full and concurrency tests share them."""

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

BIN = Path(sys.executable).parent
DIMENSION = 384


class Crasher:
    """Runs thinkdesk commands on one THINKDESK_HOME, killing them on a seeded schedule."""

    def __init__(self, home: Path, seed: int = 0) -> None:
        self.home = home
        self.seed = seed
        self.random = random.Random(seed)
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
        replay = f"THINKDESK_KILL_SEED={self.seed} replays it"
        return f"{message}\nseed {self.seed} ({replay}), schedule {self.schedule}"


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
