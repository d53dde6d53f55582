"""End-to-end ingest speed: `thinkdesk ingest DIR --json` against the naive peer
(bench/naive_peer.py) on the same corpus, each a fresh process, interleaved, median of --repeat.

    python -m bench.ingest_speed --docs 100 [--repeat 3]
    python -m bench.ingest_speed --corpus ../shared/corpora/financebench-dev/pdfs

Without --corpus, bench/corpus.py writes --docs documents into a temporary folder. Thinkdesk
runs with a fresh THINKDESK_HOME each time. Seconds are wall-clock from the launch to the end
of the work (Thinkdesk: its exit; the peer: its index built, before its truncation analysis);
peak RSS is the process tree's (process plus children, sampled every 0.2 s). Pages are the
peer's count (PDF pages, slides, sheets, one per Word file), the same for both. Embedded share:
the share of chunk characters inside the model's 256 tokens (Thinkdesk: its stored chunks with
the title line it embeds them under); the peer's coverage is of the pages' text.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.corpus import generate
from bench.naive_peer import MAX_SEQ, embedded_lengths

SAMPLE_S = 0.2
REPO = Path(__file__).resolve().parents[1]  # the peer runs as `python -m bench.naive_peer`


@dataclass
class Run:
    """One measured process: wall seconds, the tree's peak RSS and what it printed."""

    seconds: float
    peak_rss: int
    result: dict[str, Any] = field(default_factory=dict)


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for member in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += member.memory_info().rss
    return total


def measure(cmd: list[str], env: dict[str, str]) -> Run:
    """Run cmd to its end, sampling its process tree's RSS; parse its stdout as JSON."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launched, started = time.time(), time.perf_counter()
        proc = psutil.Popen(cmd, stdout=out, stderr=err, env=env, cwd=REPO)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.is_set():
                try:
                    peak[0] = max(peak[0], _tree_rss(proc))
                except psutil.NoSuchProcess:
                    return
                done.wait(SAMPLE_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        if code != 0:
            tail = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(cmd)} exited with {code}:\n{tail}")
        result = json.loads(out.read())
    if "finished_at" in result:  # the peer: stop the clock where its index was built
        seconds = result["finished_at"] - launched
    return Run(seconds, peak[0], result)


def thinkdesk_command(corpus: Path) -> list[str]:
    """`thinkdesk ingest DIR --json`, through the venv's entry point when it is there."""
    script = Path(sys.executable).parent / "thinkdesk"
    program = [str(script)] if script.is_file() else [sys.executable, "-m", "app"]
    return [*program, "ingest", str(corpus), "--json"]


def run_thinkdesk(corpus: Path, scratch: Path, number: int) -> tuple[Run, Path]:
    """One ingest with a fresh THINKDESK_HOME; the run and that home."""
    home = scratch / f"home-{number}"
    env = {**os.environ, "THINKDESK_HOME": str(home)}
    run = measure(thinkdesk_command(corpus), env)
    if run.result.get("failed"):
        print(f"thinkdesk: {len(run.result['failed'])} files failed", file=sys.stderr)
    return run, home


def run_peer(corpus: Path) -> Run:
    return measure(
        [sys.executable, "-m", "bench.naive_peer", str(corpus), "--json"], {**os.environ}
    )


def thinkdesk_share(home: Path) -> dict[str, Any]:
    """What Thinkdesk's vectors cover: each stored chunk under the title line it is embedded
    with, cut at MAX_SEQ tokens."""
    with sqlite3.connect(home / "library.sqlite") as db:
        rows = db.execute(
            "SELECT d.title, c.text FROM chunks c JOIN documents d ON d.id = c.document_id"
        ).fetchall()
    titles, chunks = [r[0] for r in rows], [r[1] for r in rows]
    lengths = embedded_lengths(chunks, titles)
    total = sum(len(c) for c in chunks)
    return {
        "truncated_chunks": sum(1 for n, c in zip(lengths, chunks, strict=True) if n < len(c)),
        "embedded_share": round(sum(lengths) / total, 4) if total else 1.0,
    }


def interleaved(corpus: Path, repeat: int, scratch: Path) -> tuple[list[Run], list[Run], Path]:
    """repeat rounds of both, the order alternating; the runs and the last Thinkdesk home."""
    ours: list[Run] = []
    peers: list[Run] = []
    home = scratch
    for number in range(repeat):
        for who in ("thinkdesk", "peer") if number % 2 == 0 else ("peer", "thinkdesk"):
            if who == "thinkdesk":
                run, home = run_thinkdesk(corpus, scratch, number)
                ours.append(run)
            else:
                peers.append(run_peer(corpus))
            last = (ours if who == "thinkdesk" else peers)[-1]
            print(f"round {number + 1}: {who} {last.seconds:.1f} s", file=sys.stderr)
    return ours, peers, home


def _row(name: str, seconds: float, pages: int, chunks: int, rss: float, share: str) -> str:
    return (
        f"| {name} | {seconds:.1f} | {pages / seconds:.2f} | {chunks / seconds:.1f} | "
        f"{rss / 2**20:.0f} | {chunks} | {share} |"
    )


def _seconds(runs: list[Run]) -> str:
    return ", ".join(f"{r.seconds:.1f}" for r in runs)


def table(ours: list[Run], peers: list[Run], ours_share: dict[str, Any]) -> str:
    """The Markdown table of medians and the peer/Thinkdesk ratios."""
    pages, peer_chunks = peers[0].result["pages"], peers[0].result["chunks"]
    our_chunks = ours[0].result["chunks"]
    t_s = statistics.median(r.seconds for r in ours)
    p_s = statistics.median(r.seconds for r in peers)
    t_rss = statistics.median(r.peak_rss for r in ours)
    p_rss = statistics.median(r.peak_rss for r in peers)
    peer = peers[0].result
    lines = [
        "| | seconds | pages/s | chunks/s | peak RSS (MB) | chunks | embedded share |",
        "|---|---:|---:|---:|---:|---:|---:|",
        _row(
            "Thinkdesk",
            t_s,
            pages,
            our_chunks,
            t_rss,
            f"{ours_share['embedded_share']:.1%} ({ours_share['truncated_chunks']} cut)",
        ),
        _row(
            "naive peer",
            p_s,
            pages,
            peer_chunks,
            p_rss,
            f"{peer['embedded_share']:.1%} ({peer['truncated_chunks']} cut; "
            f"{peer['text_coverage']:.1%} of the text)",
        ),
        f"| peer / Thinkdesk | {p_s / t_s:.2f}x | {t_s / p_s:.2f}x | "
        f"{(peer_chunks / p_s) / (our_chunks / t_s):.2f}x | {p_rss / t_rss:.2f}x | | |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="generated corpus size")
    parser.add_argument("--corpus", type=Path, help="an existing folder instead of generating")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="thinkdesk-bench-") as tmp:
        scratch = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = scratch / "corpus"
            generate(corpus, args.docs, args.seed)
        corpus = corpus.resolve()
        ours, peers, home = interleaved(corpus, args.repeat, scratch)
        share = thinkdesk_share(home)
    files, pages = peers[0].result["files"], peers[0].result["pages"]
    label = str(args.corpus) if args.corpus else f"bench/corpus.py --docs {args.docs}"
    when = time.strftime("%Y-%m-%d")
    print(
        f"ingest, {label}: {files} files, {pages} pages; median of {args.repeat}, "
        f"{os.cpu_count()} cores, {when}; truncation at {MAX_SEQ} tokens\n"
    )
    print(table(ours, peers, share))
    print(f"\nseconds per run: Thinkdesk {_seconds(ours)}; peer {_seconds(peers)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
