"""Flat vs IVF vs HNSW FAISS indexes at library sizes: add time, query latency, recall@10
against exact search, memory. Vectors are random unit vectors of the default model's size.

    python -m bench.vector_index [--sizes 20000 200000]
"""

from __future__ import annotations

import argparse
import sys
import time

import faiss
import numpy as np

DIM = 384


def unit(n: int, seed: int) -> np.ndarray:
    """n random unit vectors (float32)."""
    vectors = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def build(kind: str, data: np.ndarray) -> tuple[faiss.Index, float]:
    """An index of one kind with the data added, and the seconds it took."""
    started = time.perf_counter()
    index: faiss.Index
    if kind == "flat":
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
    else:
        lists = max(16, int(np.sqrt(len(data))))
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, lists, faiss.METRIC_INNER_PRODUCT)
        ivf.train(data[: min(len(data), 40 * lists)])
        ivf.nprobe = 16
        index = ivf
    if kind == "flat":
        index.add_with_ids(data, np.arange(len(data), dtype=np.int64))
    else:
        index.add(data)
    return index, time.perf_counter() - started


def measure(size: int, queries: np.ndarray) -> list[str]:
    """Table rows for one library size."""
    data = unit(size, 1)
    exact, _ = build("flat", data)
    _, truth = exact.search(queries, 10)
    rows = []
    for kind in ("flat", "ivf", "hnsw"):
        index, seconds = build(kind, data)
        started = time.perf_counter()
        _, found = index.search(queries, 10)
        per_query = (time.perf_counter() - started) / len(queries) * 1000
        recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
        rows.append(f"| {size:,} | {kind} | {seconds:.2f} | {per_query:.2f} | {recall:.3f} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    args = parser.parse_args(argv)
    faiss.omp_set_num_threads(2)
    queries = unit(200, 2)
    print("| vectors | index | build s | ms/query | recall@10 |\n|---|---|---|---|---|")
    for size in args.sizes:
        print("\n".join(measure(size, queries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
