"""Grid search of the fusion and re-ranking weights on the labelled set (tests/retrieval).

python -m bench.retrieval_tune --home DIR   (DIR: a home indexed by bench.retrieval_eval)
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

from app.workspace import Workspace
from bench.retrieval_eval import SET, rank_of
from retrieval.search import Weights, candidates, rank

GRID = {
    "dense": [0.25, 0.5, 1.0],
    "dense_cjk": [0.0, 0.25, 0.5],
    "keyword_cjk": [1.0, 1.5, 2.0],
    "salient": [0.0, 0.015, 0.03, 0.05],
    "title": [0.0, 0.015, 0.03, 0.06],
}


def main(argv: list[str] | None = None) -> int:
    """Print the best weight settings by hit@5, then MRR."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", required=True)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    workspace = Workspace(Path(args.home))
    kb = workspace.library.knowledge_base("eval")
    index = workspace.index(kb)
    questions = json.loads((SET / "questions.json").read_text(encoding="utf-8"))
    vectors = workspace.embedder().embed_batch([q["question"] for q in questions])
    found = [
        candidates(workspace.library, kb, index, v, q["question"], 60)
        for q, v in zip(questions, vectors, strict=True)
    ]
    results = []
    for values in itertools.product(*GRID.values()):
        chosen: dict[str, Any] = dict(zip(GRID, values, strict=True))
        weights = Weights(**chosen)
        ranks = [rank_of(rank(c, 5, weights), q) for c, q in zip(found, questions, strict=True)]
        hit5 = sum(r is not None for r in ranks) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        results.append((hit5, mrr, chosen))
    results.sort(key=lambda r: (-r[0], -r[1]))
    for hit5, mrr, best in results[: args.top]:
        print(f"hit@5 {hit5:.3f}  MRR {mrr:.3f}  {best}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
