"""Retrieval quality on the labelled set in tests/retrieval: hit@1, hit@5 and MRR for dense-only,
keyword-only and hybrid search, overall, by language and by format.

    python -m bench.retrieval_eval [--home DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from app.indexing import ingest
from app.workspace import Workspace
from retrieval.keywords import tokens
from retrieval.search import Passage, Weights, hybrid_search

SET = Path(__file__).parents[1] / "tests" / "retrieval"
MODES = {
    "dense": Weights(dense_cjk=1.0, keyword=0, keyword_cjk=0, salient=0, title=0),
    "keyword": Weights(dense=0, dense_cjk=0, salient=0, title=0),
    "hybrid, plain RRF (no rerank)": Weights(dense_cjk=1.0, salient=0, title=0),
    "hybrid, tuned fusion (no rerank)": Weights(salient=0, title=0),
    "hybrid": Weights(),
}


def location_matches(passage: dict[str, Any], question: dict[str, Any]) -> bool:
    """The scoring rule of tests/retrieval/README.md."""
    if Path(passage["file"]) != (SET / question["file"]).resolve():
        return False
    want, got = question["location"], passage["location"]
    if "page" in want:
        page = want["page"]
        return got.get("page") == page or got.get("page_start", 0) <= page <= got.get("page_end", 0)
    if "slide" in want:
        return got.get("slide") == want["slide"] and bool(got.get("notes")) == bool(
            want.get("notes")
        )
    if "sheet" in want:
        if got.get("sheet") != want["sheet"] or "cells" not in got:
            return False
        first, last = got["cells"].split(":")
        return _row(first) <= want["row"] <= _row(last)
    if got.get("heading") != want["heading"]:
        return False
    return "table" not in want or got.get("table") == want["table"]


def _row(cell: str) -> int:
    return int("".join(c for c in cell if c.isdigit()))


def rank_of(passages: list[Passage], question: dict[str, Any]) -> int | None:
    """1-based rank of the first passage that answers the question, or None."""
    for passage in passages:
        if location_matches(passage.to_json(), question):
            return passage.rank
    return None


def evaluate(workspace: Workspace, questions: list[dict[str, Any]], k: int = 5) -> dict[str, Any]:
    """Ranks per mode and question, and the summary figures."""
    library = workspace.library
    kb = library.knowledge_base("eval")
    index = workspace.index(kb)
    embedder = workspace.embedder()
    vectors = embedder.embed_batch([q["question"] for q in questions])
    ranks: dict[str, list[int | None]] = {}
    for mode, weights in MODES.items():
        ranks[mode] = []
        for question, vector in zip(questions, vectors, strict=True):
            use = None if mode == "keyword" else vector
            found = hybrid_search(library, kb, index, use, question["question"], k, weights)
            ranks[mode].append(rank_of(found, question))
    return {"ranks": ranks, "summary": summarise(questions, ranks)}


def summarise(questions: list[dict[str, Any]], ranks: dict[str, list[int | None]]) -> dict:
    """hit@1, hit@5, MRR per mode for each group of questions."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(questions):
        groups["all"].append(i)
        groups[q["lang"]].append(i)
        if q.get("script") == "traditional":
            groups["zh (traditional)"].append(i)
        groups[q["format"]].append(i)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for mode, found in ranks.items():
        out[mode] = {}
        for name, members in groups.items():
            got = [found[i] for i in members]
            out[mode][name] = {
                "n": len(members),
                "hit@1": sum(r == 1 for r in got) / len(got),
                "hit@5": sum(r is not None for r in got) / len(got),
                "mrr": sum(1 / r for r in got if r) / len(got),
            }
    return out


def markdown(summary: dict) -> str:
    """One table: modes as rows, groups as hit@1 / hit@5 / MRR columns."""
    groups = ["all", "en", "zh", "zh (traditional)", "pdf", "docx", "pptx", "xlsx"]
    first = next(iter(summary.values()))
    head = "| mode | " + " | ".join(f"{g} (n={first[g]['n']})" for g in groups) + " |"
    rows = [head, "|---" * (len(groups) + 1) + "|"]
    for mode, figures in summary.items():
        cells = [
            f"{figures[g]['hit@1']:.2f} / {figures[g]['hit@5']:.2f} / {figures[g]['mrr']:.2f}"
            for g in groups
        ]
        rows.append(f"| {mode} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


TOKENIZERS = {
    "folded to Simplified, jieba words + bigrams (shipped)": {},
    "folded, jieba words only": {"bigrams": False},
    "folded, character bigrams only": {"words": False},
    "not folded, jieba words + bigrams": {"fold": False},
}


def tokenizer_comparison(workspace: Workspace, questions: list[dict[str, Any]]) -> str:
    """Keyword-only hit@1 / hit@5 / MRR on the Chinese questions for each way of cutting
    Chinese text, each in its own in-memory FTS5 index over the same chunks."""
    library = workspace.library
    kb = library.knowledge_base("eval")
    rows = library.chunks(library.chunk_ids(kb).tolist())
    chinese = [q for q in questions if q["lang"] == "zh"]
    crossed = [{**q, "question": _other_script(q)} for q in chinese]
    lines = [
        "| Chinese tokens | simplified | traditional | asked in the other script |",
        "|---|---|---|---|",
    ]
    for name, options in TOKENIZERS.items():
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(tokens)")
        db.executemany(
            "INSERT INTO t (rowid, tokens) VALUES (?, ?)",
            [(i, " ".join(tokens(f"{r.title}\n{r.text}", **options))) for i, r in rows.items()],
        )
        cells = []
        groups = [
            [q for q in chinese if q.get("script") == s] for s in ("simplified", "traditional")
        ]
        for group in [*groups, crossed]:
            ranks = [_keyword_rank(db, rows, q, options) for q in group]
            cells.append(
                f"{sum(r == 1 for r in ranks) / len(ranks):.2f} / "
                f"{sum(r is not None for r in ranks) / len(ranks):.2f} / "
                f"{sum(1 / r for r in ranks if r) / len(ranks):.2f} (n={len(group)})"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _other_script(question: dict[str, Any]) -> str:
    """The question written in the other Chinese script (a reader of the other region)."""
    from zhconv import zhconv

    target = "zh-tw" if question.get("script") == "simplified" else "zh-cn"
    return str(zhconv.convert(question["question"], target))


def _keyword_rank(db: Any, rows: dict, question: dict[str, Any], options: dict) -> int | None:
    words = dict.fromkeys(tokens(question["question"], **options))
    match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    hits = db.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 5", (match,))
    for position, (chunk_id,) in enumerate(hits, start=1):
        row = rows[chunk_id]
        if location_matches({"file": row.path, "location": row.location}, question):
            return position
    return None


def main(argv: list[str] | None = None) -> int:
    """Index the labelled corpus in a temporary home and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", help="reuse this data directory (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    questions = json.loads((SET / "questions.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Path(args.home or scratch))
        started = time.monotonic()
        summary = ingest(workspace, "eval", [str(SET / "corpus")])
        indexed = time.monotonic() - started
        result = evaluate(workspace, questions)
        comparison = tokenizer_comparison(workspace, questions)
        workspace.close()
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        return 0
    print(
        f"indexed {summary.added} files, {summary.chunks} chunks in {indexed:.1f} s; "
        f"{len(questions)} questions; cells are hit@1 / hit@5 / MRR\n"
    )
    print(markdown(result["summary"]))
    print(
        "\nkeyword-only on the Chinese questions, by how Chinese text is cut "
        "(hit@1 / hit@5 / MRR):\n"
    )
    print(comparison)
    misses = [q["id"] for q, r in zip(questions, result["ranks"]["hybrid"], strict=True) if r != 1]
    print(f"\nhybrid misses at rank 1: {', '.join(misses) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
