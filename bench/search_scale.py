"""Search latency on a 100k-chunk library against the same questions on the real one.

The library is FinanceBench's 37 filings (`python -m bench.financebench --home DIR` builds it)
copied COPIES times into a scratch library under other paths, each copy's vectors jittered so
that no two are equal: five copies of its ~21k chunks are a ~100k-chunk library with the
vocabulary, table density and title structure of real filings. The 64 questions are searched
on both, interleaved in one run (these machines are noisy), through the same in-process
search `thinkdesk search` uses, 10 passages each; the figures are p50 and p95 per library and
the ratio.

    python -m bench.search_scale --home FB_HOME [--copies 5] [--scratch DIR] [--json]"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from app.application import Application
from bench.financebench import CORPUS, DEPTH, KB
from ingest.blocks import Chunk
from retrieval.store import Library

JITTER = 0.01  # per coordinate, on unit vectors: cosine to the original ~0.98


def build_copies(source: Path, target: Path, copies: int) -> int:
    """Copy every indexed document of the source library's knowledge base copies times into
    target (once: an existing target is reused); returns the target's chunk count."""
    library = Library(source / "library.sqlite")
    out = Library(target / "library.sqlite")
    try:
        kb = library.knowledge_base(KB)
        scaled = out.knowledge_base(KB, create=True)
        if out.chunk_count(scaled):
            return out.chunk_count(scaled)
        scaled = out.bind_model(scaled, kb.embedding_model or "", kb.dimension or 0)
        rng = np.random.default_rng(7)
        titles = library.titles(kb)
        for document in library.documents(kb):
            if document.status != "indexed":
                continue
            rows = library.chunks_between(document.id, 0, 1 << 30)
            chunks = [Chunk(r.text, r.location, r.position, 0) for r in rows]
            vectors = library.vectors([r.id for r in rows], kb.dimension or 0)
            for copy in range(copies):
                noisy = vectors + rng.normal(0, JITTER, vectors.shape).astype(np.float32)
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                path = str(Path(document.path).parent / f"copy {copy}" / Path(document.path).name)
                stat = (document.size, document.mtime)
                sha = f"{document.sha256}-{copy}"
                out.replace_document(
                    scaled, path, sha, stat, chunks, noisy, titles.get(document.id, "")
                )
        return out.chunk_count(scaled)
    finally:
        library.close()
        out.close()


def measure(source: Path, target: Path, corpus: Path) -> dict[str, Any]:
    """Both libraries searched with every question, alternately; latencies in ms."""
    questions = [json.loads(line) for line in (corpus / "questions.jsonl").open(encoding="utf-8")]
    apps = {"real": Application(source), "scaled": Application(target)}
    times: dict[str, list[float]] = {name: [] for name in apps}
    try:
        for app in apps.values():
            app.search(KB, "warm-up: load the models and the indexes", DEPTH)
        for question in questions:
            for name, app in apps.items():
                started = time.perf_counter()
                app.search(KB, question["question"], DEPTH)
                times[name].append((time.perf_counter() - started) * 1000)
        chunks = {name: app.chunk_count(KB) for name, app in apps.items()}
    finally:
        for app in apps.values():
            app.close()
    figures = {
        name: {
            "chunks": chunks[name],
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(sorted(ms)[int(0.95 * (len(ms) - 1))], 1),
            "max_ms": round(max(ms), 1),
        }
        for name, ms in times.items()
    }
    ratio = figures["scaled"]["p50_ms"] / figures["real"]["p50_ms"]
    return {"questions": len(questions), "libraries": figures, "p50_ratio": round(ratio, 2)}


def main(argv: list[str] | None = None) -> int:
    """Print the figures (Markdown, or --json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, required=True, help="the FinanceBench library")
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--scratch", type=Path, help="keep the scaled library here")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.home / "library.sqlite").exists():
        print(f"search_scale: no library in {args.home}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        target = args.scratch or Path(scratch)
        started = time.perf_counter()
        built = build_copies(args.home, target, args.copies)
        print(
            f"scaled library: {built} chunks ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
        )
        report = measure(args.home, target, args.corpus)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print("| library | chunks | search p50 | p95 | max |\n|---|---|---|---|---|")
    for name, f in report["libraries"].items():
        print(
            f"| {name} | {f['chunks']} | {f['p50_ms']} ms | {f['p95_ms']} ms | {f['max_ms']} ms |"
        )
    print(f"\np50 ratio scaled/real: {report['p50_ratio']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
