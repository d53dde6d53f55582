"""Embedding throughput of each engine against fp32 sentence-transformers, on chunks of real
filings, measured side by side in one run (interleaved rounds, median), with each engine's
agreement with fp32 and the engine this CPU is given.

    python -m bench.embed_speed [--chunks 384] [--repeat 3] [--threads N]
"""

from __future__ import annotations

import argparse
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=384)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    folder = bundled_embedding_path()
    cache = shared_cache()
    exported = find_export(folder, [cache]) or export(folder, cache)
    texts = chunk_texts(args.chunks, folder)
    fp32 = SentenceTransformerEmbedder(folder, "fp32", args.threads)
    engines = {
        e: LocalEmbedder(folder, e, 384, 256, args.threads, [cache], engine=e) for e in ENGINES
    }
    reference = fp32.embed_batch(texts[:16])  # warm every engine before timing
    for engine in engines.values():
        engine.embed_batch(texts[:16])
    seconds: dict[str, list[float]] = {"st-fp32": [], **{e: [] for e in engines}}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.repeat):
        for name, embed in [("st-fp32", fp32.embed_batch)] + [
            (e, engine.embed_batch) for e, engine in engines.items()
        ]:
            started = time.perf_counter()
            vectors[name] = embed(texts)
            seconds[name].append(time.perf_counter() - started)
    reference = vectors["st-fp32"]
    base = statistics.median(seconds["st-fp32"])
    flags = cpu_flags()
    chosen = choose_engine(flags, True, exported.int8 is not None)
    tokens = sum(len(fp32._counter.encode(t).ids) for t in texts)
    shown = ", ".join(f for f in SHOWN_FLAGS if f in flags) or "none of " + str(SHOWN_FLAGS)
    print(f"CPU flags: {shown}")
    print(
        f"{len(texts)} chunks of real filings, {tokens:,} word pieces, {args.threads} threads, "
        f"median of {args.repeat}; this CPU's documents engine: {chosen}\n"
    )
    print("| engine | s | chunks/s | x fp32 | cosine mean | cosine min |")
    print("|---|---|---|---|---|---|")
    for name, runs in seconds.items():
        spent = statistics.median(runs)
        cosines = (vectors[name] * reference).sum(axis=1)
        print(
            f"| {name}{' (chosen)' if name == chosen else ''} | {spent:.2f} | "
            f"{len(texts) / spent:.0f} | {base / spent:.2f} | {cosines.mean():.5f} | "
            f"{cosines.min():.4f} |"
        )


if __name__ == "__main__":
    main()
