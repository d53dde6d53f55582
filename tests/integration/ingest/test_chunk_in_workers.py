"""Chunking in the parse workers (the tokenizer file sent to them) gives the very chunks the
parent cuts with the same tokenizer, for every sample document; and a batch read ahead in a
background thread reports its progress on the caller's thread."""

from __future__ import annotations

import threading
from pathlib import Path

from ingest.batch import parse_ahead, parse_and_chunk, plan
from ingest.tokens import TokenizerFile
from models.discovery import bundled_embedding_path

DATA = Path(__file__).parents[2] / "data"
MAX_TOKENS = 254


def test_workers_cut_the_chunks_the_parent_would():
    tokenizer = TokenizerFile(str(bundled_embedding_path() / "tokenizer.json"))
    batch = plan([DATA / "good", DATA / "bad"])
    here = {o.path: o for o in parse_and_chunk(batch.files, tokenizer.__call__, MAX_TOKENS)}
    there = {o.path: o for o in parse_and_chunk(batch.files, tokenizer, MAX_TOKENS)}
    assert set(here) == set(there) and len(here) >= 9
    for path, outcome in here.items():
        assert (path, there[path].error) == (path, outcome.error)
        assert there[path].chunks == outcome.chunks, path
    assert any(o.chunks for o in there.values()) and any(o.error for o in there.values())


def test_read_ahead_reports_progress_on_the_callers_thread():
    tokenizer = TokenizerFile(str(bundled_embedding_path() / "tokenizer.json"))
    batch = plan([DATA / "good"])
    threads: set[int] = set()
    started: list[str] = []

    def on_start(path: str) -> None:
        threads.add(threading.get_ident())
        started.append(path)

    with parse_ahead(batch.files, tokenizer, MAX_TOKENS, on_start=on_start, depth=2) as ahead:
        outcomes = list(ahead)
    assert threads == {threading.get_ident()}
    assert sorted(started) == sorted(str(p) for p, _ in batch.files)
    assert {str(o.path) for o in outcomes} == set(started)
    assert all(o.chunks for o in outcomes)
