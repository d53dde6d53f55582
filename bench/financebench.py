"""Retrieval on real SEC filings: FinanceBench's development half in one knowledge base.

37 filings of 15 companies and 64 analysts' questions with their evidence pages, searched
the way `thinkdesk search` does. Page hit@1/@5, doc hit@5 and MRR, overall and per question
type, the search latency, and every question whose evidence page is not at rank 1.

    python -m bench.financebench [--home DIR] [--corpus DIR] [--anonymous] [--json]

--home keeps the index between runs (ingest is incremental: a second run only searches).
--anonymous indexes copies named as analysts' downloads are ("download (7).pdf"), so that
nothing can lean on a file name that spells the company and the year.
Scoring as the corpus README gives it: a passage hits when it comes from the question's
filing and its location covers an evidence page (evidence_page_num is zero-based)."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.answer import Passage
from app.application import Application
from retrieval.search import Weights

CORPUS = Path(__file__).parents[2] / "shared" / "corpora" / "financebench-dev"
KB = "financebench"
DEPTH = 10  # passages read per question: hit@1 and @5 from the top, MRR over all ten


def evidence_pages(question: dict[str, Any]) -> set[int]:
    """The question's evidence pages, 1-based as Thinkdesk's locations are."""
    return {int(e["evidence_page_num"]) + 1 for e in question.get("evidence", [])}


def covers(passage: Passage, pages: set[int]) -> bool:
    """Whether a passage's location holds one of the pages."""
    where = passage.location
    if "page" in where:
        return where["page"] in pages
    first, last = where.get("page_start"), where.get("page_end")
    return first is not None and last is not None and any(first <= p <= last for p in pages)


def anonymous_copies(pdfs: Path, folder: Path) -> dict[str, str]:
    """Copy the filings to folder as "download (N).pdf" in a shuffled order; returns the
    copy's stem for each filing's stem."""
    names = sorted(p.stem for p in pdfs.glob("*.pdf"))
    random.Random(7).shuffle(names)
    folder.mkdir(parents=True, exist_ok=True)
    stems = {}
    for number, name in enumerate(names, start=1):
        copy = folder / f"download ({number}).pdf"
        if not copy.exists():
            shutil.copyfile(pdfs / f"{name}.pdf", copy)
        stems[name] = copy.stem
    return stems


def score(passages: list[Passage], question: dict[str, Any]) -> dict[str, Any]:
    """The rank (1-based) of the first passage from the filing and of the first on an
    evidence page, None when not among the passages; and what rank 1 was."""
    pages = evidence_pages(question)
    doc_rank = page_rank = None
    for position, passage in enumerate(passages, start=1):
        if Path(passage.file).stem != question["doc_name"]:
            continue
        doc_rank = doc_rank or position
        if page_rank is None and covers(passage, pages):
            page_rank = position
    top = passages[0] if passages else None
    return {
        "id": question["financebench_id"],
        "type": question["question_type"],
        "doc": question["doc_name"],
        "pages": sorted(pages),
        "doc_rank": doc_rank,
        "page_rank": page_rank,
        "top": f"{Path(top.file).stem} {_where(top)}" if top else "nothing",
    }


def _where(passage: Passage) -> str:
    where = passage.location
    if "page" in where:
        return f"p{where['page']}"
    return f"p{where.get('page_start')}-{where.get('page_end')}"


def summarise(results: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """page hit@1, page hit@5, doc hit@5 and page MRR for all questions and per type."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        groups["all"].append(result)
        groups[result["type"]].append(result)
    out = {}
    for name, members in groups.items():
        n = len(members)
        pages = [m["page_rank"] for m in members]
        out[name] = {
            "n": n,
            "page_hit@1": sum(r == 1 for r in pages) / n,
            "page_hit@5": sum(r is not None and r <= 5 for r in pages) / n,
            "doc_hit@5": sum(m["doc_rank"] is not None and m["doc_rank"] <= 5 for m in members) / n,
            "page_mrr": sum(1 / r for r in pages if r) / n,
        }
    return out


def run(
    home: Path,
    corpus: Path,
    anonymous: bool = False,
    kb: str = KB,
    weights: Weights | None = None,
) -> dict[str, Any]:
    """Index the filings (incremental) and search every question (with other weights than
    the product's when given: for tuning)."""
    questions = [json.loads(line) for line in (corpus / "questions.jsonl").open(encoding="utf-8")]
    pdfs = corpus / "pdfs"
    if anonymous:
        pdfs = home / "anonymous"
        stems = anonymous_copies(corpus / "pdfs", pdfs)
        questions = [{**q, "doc_name": stems[q["doc_name"]]} for q in questions]
    app = Application(home)
    try:
        started = time.perf_counter()
        ingested = app.ingest(kb, [str(pdfs)])
        indexed_s = time.perf_counter() - started
        app.search(kb, "warm-up: load the models and the indexes", DEPTH)
        results, latencies = [], []
        for question in questions:
            started = time.perf_counter()
            if weights is None:
                passages = app.search(kb, question["question"], DEPTH)
            else:
                passages = app.workspace.search(kb, question["question"], DEPTH, weights)
            latencies.append(time.perf_counter() - started)
            results.append(score(passages, question))
        chunks = app.chunk_count(kb)
        documents = len(app.documents(kb))
    finally:
        app.close()
    return {
        "anonymous": anonymous,
        "documents": documents,
        "chunks": chunks,
        "indexed": {"added": ingested.added, "seconds": round(indexed_s, 1)},
        "search_ms": {
            "p50": round(statistics.median(latencies) * 1000, 1),
            "max": round(max(latencies) * 1000, 1),
        },
        "summary": summarise(results),
        "questions": results,
    }


def markdown(report: dict[str, Any]) -> str:
    """The figures as a table, then the questions whose evidence page is not at rank 1."""
    lines = [
        f"{report['documents']} filings{' (anonymous file names)' if report['anonymous'] else ''}, "
        f"{report['chunks']} chunks in one knowledge base; "
        f"search p50 {report['search_ms']['p50']} ms (max {report['search_ms']['max']} ms)\n",
        "| questions | n | page hit@1 | page hit@5 | doc hit@5 | page MRR@10 |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in report["summary"].items():
        lines.append(
            f"| {name} | {s['n']} | {s['page_hit@1']:.2f} | {s['page_hit@5']:.2f} | "
            f"{s['doc_hit@5']:.2f} | {s['page_mrr']:.2f} |"
        )
    lines.append("\nevidence page not at rank 1 (page rank, doc rank, what rank 1 was):")
    for q in report["questions"]:
        if q["page_rank"] != 1:
            lines.append(
                f"- {q['id']} ({q['type']}) {q['doc']} p{q['pages']}: page {q['page_rank']}, "
                f"doc {q['doc_rank']}; top: {q['top']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the figures (Markdown, or --json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, help="keep the index here (default: temporary)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--anonymous", action="store_true", help='index "download (N).pdf" copies')
    parser.add_argument("--kb", default=KB, help="the knowledge base (default: financebench)")
    parser.add_argument(
        "--weights", metavar="NAME=VALUE,...", help="search with these Weights changed (tuning)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    weights = None
    if args.weights:
        changes = dict(pair.split("=", 1) for pair in args.weights.split(","))
        defaults = Weights()
        weights = replace(
            defaults, **{k: type(getattr(defaults, k))(v) for k, v in changes.items()}
        )
    if not (args.corpus / "questions.jsonl").exists():
        print(f"financebench: no questions.jsonl in {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        report = run(args.home or Path(scratch), args.corpus, args.anonymous, args.kb, weights)
    print(json.dumps(report, indent=2) if args.json else markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
