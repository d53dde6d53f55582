"""The vector index at library sizes: build time, one-query latency and recall@10 of the
index retrieval/vector_index.py chooses, against exact (flat) search of the same vectors.

Vectors are clustered like real embeddings: around base vectors (real embeddings of filing
text when bench/search_scale.py passes them, else random centres of uneven weight), each a
mix of two bases plus noise; the queries are drawn the same way. Random unit vectors would
make any IVF look bad (they have no clusters) and every flat search look like a real one.

    python -m bench.vector_index [--sizes 20000 100000 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from retrieval import vector_index
from retrieval.vector_index import VectorIndex

DIM = 384
K = 10


def clustered(n: int, seed: int, base: np.ndarray | None = None) -> np.ndarray:
    """n unit vectors around base vectors (2,000 random centres of Zipf-like weight when
    none are given): a base, a share of a second one, and noise."""
    rng = np.random.default_rng(seed)
    if base is None:
        base = np.random.default_rng(0).standard_normal((2000, DIM)).astype(np.float32)
        base /= np.linalg.norm(base, axis=1, keepdims=True)
    weights = 1.0 / np.arange(1, len(base) + 1) ** 0.7
    first = rng.choice(len(base), n, p=weights / weights.sum())
    second = rng.integers(0, len(base), n)
    out = base[first] + rng.uniform(0, 0.6, (n, 1)).astype(np.float32) * base[second]
    out += rng.normal(0, 0.03, out.shape).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out.astype(np.float32)


def recall(found: list[list[int]], truth: list[list[int]]) -> float:
    """Mean share of the exact top-K found."""
    return float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth, strict=True)]))


def measure(data: np.ndarray, queries: np.ndarray, flat_max: int | None = None) -> dict[str, Any]:
    """Build VectorIndex over data (FLAT_MAX as given), search every query; latencies in ms."""
    keep = vector_index.FLAT_MAX, vector_index.FLAT_BACK
    if flat_max is not None:
        vector_index.FLAT_MAX, vector_index.FLAT_BACK = flat_max, flat_max // 2
    try:
        with tempfile.TemporaryDirectory() as scratch:
            index = VectorIndex(Path(scratch) / "i.index", data.shape[1])
            started = time.perf_counter()
            index.add(np.arange(len(data), dtype=np.int64) * 3, data)
            built = time.perf_counter() - started
            ms, found = [], []
            for query in queries:
                started = time.perf_counter()
                hits = index.search(query, K)
                ms.append((time.perf_counter() - started) * 1000)
                found.append([i for i, _ in hits])
    finally:
        vector_index.FLAT_MAX, vector_index.FLAT_BACK = keep
    return {
        "kind": index.kind,
        "lists": int(index.index.nlist) if index.kind == "ivf" else 0,
        "build_s": round(built, 2),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(sorted(ms)[int(0.95 * (len(ms) - 1))], 2),
        "found": found,
    }


def compare(data: np.ndarray, queries: np.ndarray) -> dict[str, Any]:
    """The chosen index against flat on the same vectors: latency, ratio, recall@10."""
    chosen = measure(data, queries)
    flat = measure(data, queries, flat_max=len(data) + 1)
    return {
        "vectors": len(data),
        "chosen": {k: v for k, v in chosen.items() if k != "found"},
        "flat": {k: v for k, v in flat.items() if k != "found"},
        "recall_at_10": round(recall(chosen["found"], flat["found"]), 4),
        "p50_ratio": round(chosen["p50_ms"] / flat["p50_ms"], 3),
    }


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of compare() results."""
    lines = [
        "| vectors | chosen | lists | build s | p50 ms | p95 ms | flat p50 ms | ratio "
        "| recall@10 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        c, f = r["chosen"], r["flat"]
        lines.append(
            f"| {r['vectors']:,} | {c['kind']} | {c['lists']} | {c['build_s']} | {c['p50_ms']} "
            f"| {c['p95_ms']} | {f['p50_ms']} | {r['p50_ratio']} | {r['recall_at_10']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    queries = clustered(args.queries, 2)
    rows = [compare(clustered(size, 1), queries) for size in args.sizes]
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
