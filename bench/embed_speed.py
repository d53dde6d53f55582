"""Embedding throughput of each engine against fp32 sentence-transformers, on chunks of real
filings, measured side by side in one run (interleaved rounds, median), with each engine's
agreement with fp32 and the engine this CPU is given.

    python -m bench.embed_speed [--chunks 384] [--repeat 3] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from models.discovery import bundled_embedding_path
from retrieval.embeddings import (
    ENGINES,
    LocalEmbedder,
    SentenceTransformerEmbedder,
    choose_engine,
    cpu_flags,
    load_token_counter,
)
from retrieval.onnx_export import export, find_export, shared_cache

FILINGS = Path(__file__).parents[2] / "shared" / "corpora" / "financebench-dev" / "pdfs"
SHOWN_FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16", "amx_int8")


def chunk_texts(count: int, folder: Path) -> list[str]:
    """Chunks of the first filings' pages as the product's chunker cuts them."""
    from ingest.chunking import chunk
    from ingest.parsers import parser_for

    counter, max_tokens = load_token_counter(folder, 256) or (len, 254)
    texts: list[str] = []
    for pdf in sorted(FILINGS.glob("*.pdf"))[:4]:
        parse = parser_for(pdf)
        if parse is None:
            continue
        blocks = []
        for block in parse(pdf):
            blocks.append(block)
            if len(blocks) > 200:
                break
        texts += [c.text for c in chunk(blocks, counter, max_tokens - 33)]
        if len(texts) >= count:
            break
    return texts[:count]


def worker(engine: str, texts_file: Path, out: Path, threads: int) -> None:
    """In this fresh process: one engine, warmed, timed on the texts; its vectors to out."""
    folder = bundled_embedding_path()
    texts = json.loads(texts_file.read_text())
    if engine == "st-fp32":
        embed = SentenceTransformerEmbedder(folder, "fp32", threads).embed_batch
    else:
        embedder = LocalEmbedder(folder, engine, 384, 256, threads, [shared_cache()], engine=engine)
        embed = embedder.embed_batch
    embed(texts[:16])  # loads and warms the engine
    started = time.perf_counter()
    vectors = embed(texts)
    seconds = time.perf_counter() - started
    np.save(out, vectors)
    print(json.dumps({"seconds": seconds}))


def _timed(engine: str, texts_file: Path, out: Path, threads: int) -> float:
    argv = [sys.executable, "-m", "bench.embed_speed", "--worker", engine]
    argv += ["--texts", str(texts_file), "--out", str(out), "--threads", str(threads)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=384)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.texts, args.out, args.threads)
        return
    folder = bundled_embedding_path()
    cache = shared_cache()
    exported = find_export(folder, [cache]) or export(folder, cache)
    texts = chunk_texts(args.chunks, folder)
    names = ["st-fp32", *ENGINES]
    seconds: dict[str, list[float]] = {name: [] for name in names}
    vectors: dict[str, np.ndarray] = {}
    with tempfile.TemporaryDirectory() as scratch:
        texts_file = Path(scratch) / "texts.json"
        texts_file.write_text(json.dumps(texts))
        for _ in range(args.repeat):  # each engine alone in its process: no threads left over
            for name in names:
                out = Path(scratch) / f"{name}.npy"
                seconds[name].append(_timed(name, texts_file, out, args.threads))
                vectors[name] = np.load(out)
    reference = vectors["st-fp32"]
    base = statistics.median(seconds["st-fp32"])
    flags = cpu_flags()
    chosen = choose_engine(flags, True, exported.int8 is not None)
    counter, _ = load_token_counter(folder, 256) or (len, 0)
    tokens = sum(counter(t) for t in texts)
    shown = ", ".join(f for f in SHOWN_FLAGS if f in flags) or "none of " + str(SHOWN_FLAGS)
    print(f"CPU flags: {shown}")
    print(
        f"{len(texts)} chunks of real filings, {tokens:,} word pieces, {args.threads} threads, "
        f"each engine warmed in a fresh process, median of {args.repeat} interleaved rounds; "
        f"this CPU's documents engine: {chosen}\n"
    )
    print("| engine | s | chunks/s | word pieces/s | x fp32 | cosine mean | cosine min |")
    print("|---|---|---|---|---|---|---|")
    for name, runs in seconds.items():
        spent = statistics.median(runs)
        cosines = (vectors[name] * reference).sum(axis=1)
        print(
            f"| {name}{' (chosen)' if name == chosen else ''} | {spent:.2f} | "
            f"{len(texts) / spent:.0f} | {tokens / spent:,.0f} | {base / spent:.2f} | "
            f"{cosines.mean():.5f} | {cosines.min():.4f} |"
        )


if __name__ == "__main__":
    main()
