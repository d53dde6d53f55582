"""Answers you can check: is the answer value inside the highlighted evidence span, and does the
claim check tell right answers from wrong ones.

1. Evidence spans (no model): on the labelled set in tests/retrieval, the share of questions
   whose answer value lies inside the evidence span of the top 1 / top 3 passages; with
   --financebench HOME (an index built by bench.financebench), the same on the FinanceBench
   questions whose answer is a literal figure of its evidence page.
2. Claim check with the bundled model (--model-runs): every question of tests/retrieval asked
   for real; an answer is right when it states the gold value. Shares: wrong answers the check
   does not call supported, right cited answers it calls supported.
3. Constructed answers (labelled as such): for each question whose answer is in a top-3 span,
   that span cited as the answer (right) and the same sentence with its figure changed (wrong).

    python -m bench.evidence [--home DIR] [--financebench HOME] [--model-runs] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from app.answer import Answer
from app.application import Application, AskOptions
from app.claims import SUPPORTED, check, verdict
from app.events import Done
from app.indexing import ingest
from app.workspace import Workspace
from retrieval.evidence import quantities
from retrieval.search import Passage

SET = Path(__file__).parents[1] / "tests" / "retrieval"
KB = "eval"


def holds(text: str, gold: str) -> bool:
    """Whether text states the gold answer: its figure with units normalised (29.5 = 29.50,
    1,577 = 1577), else its words (a name, a date) as written."""
    wanted = [q for q in quantities(gold) if not q.year] or quantities(gold)
    if wanted and re.fullmatch(r"[\d.,%$\s\-()]+(?:million|billion)?", gold.strip(), re.I):
        found = quantities(text)
        return all(any(_same(w, f) for f in found) for w in wanted)
    return _fold(gold) in _fold(text)


def _same(wanted: Any, found: Any) -> bool:
    return bool(found.base == wanted.base or wanted.matches(found))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def span_share(passages: list[Passage], gold: str, k: int) -> bool:
    return any(p.evidence is not None and holds(p.evidence.text, gold) for p in passages[:k])


def spans_on(workspace: Workspace, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Top-1 / top-3 span figures and the misses (answer in the passage, not in the span)."""
    rows = []
    for question in questions:
        found = workspace.search(KB, question["question"], 5)
        gold = question["answer"]
        rows.append(
            {
                "id": question["id"],
                "top1": span_share(found, gold, 1),
                "top3": span_share(found, gold, 3),
                "in_passage3": any(holds(p.text, gold) for p in found[:3]),
                "span": found[0].evidence.text if found and found[0].evidence else None,
            }
        )
    n = len(rows)
    return {
        "n": n,
        "top1": sum(r["top1"] for r in rows) / n,
        "top3": sum(r["top3"] for r in rows) / n,
        "answer_in_top3_passages": sum(r["in_passage3"] for r in rows) / n,
        "misses": [r["id"] for r in rows if r["in_passage3"] and not r["top3"]],
        "rows": rows,
    }


def financebench_spans(home: Path) -> dict[str, Any]:
    """The FinanceBench questions whose gold answer is one figure printed on an evidence page
    (not a computed ratio): is it in the top 1 / top 3 spans; and when a top-3 passage holds
    it, how often the span does."""
    from bench.financebench import CORPUS
    from bench.financebench import KB as FB_KB

    questions = [
        json.loads(line)
        for line in (CORPUS / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    workspace = Workspace(home)
    rows = []
    for question in questions:
        gold = _literal(question)
        if gold is None:
            continue
        found = workspace.search(FB_KB, question["question"], 5)
        rows.append(
            {
                "id": question["financebench_id"],
                "top1": span_share(found, gold, 1),
                "top3": span_share(found, gold, 3),
                "in_passage3": any(holds(p.text, gold) for p in found[:3]),
            }
        )
    workspace.close()
    n = len(rows) or 1
    held = [r for r in rows if r["in_passage3"]]
    return {
        "n": len(rows),
        "top1": sum(r["top1"] for r in rows) / n,
        "top3": sum(r["top3"] for r in rows) / n,
        "answer_in_top3_passages": len(held) / n,
        "span_when_passage_holds_it": sum(r["top3"] for r in held) / (len(held) or 1),
    }


def _literal(question: dict[str, Any]) -> str | None:
    """The gold answer's figure when it is printed on an evidence page, else None."""
    answer = str(question.get("answer", ""))
    figures = [q for q in quantities(answer) if not q.year]
    if len(figures) != 1:
        return None
    pages = " ".join(e.get("evidence_text", "") for e in question.get("evidence", []))
    gold = figures[0]
    # Printed as such: the same digits, or the same amount in another scale (not a rounding).
    if not any(
        q.base == gold.base or q.base * q.scale == gold.base * gold.scale for q in quantities(pages)
    ):
        return None
    return gold.raw


def model_runs(home: Path, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Each question asked with the bundled model; the claim check against right/wrong."""
    app = Application(home)
    rows = []
    for question in questions:
        answer: Answer | None = None
        for event in app.ask(KB, question["question"], AskOptions(k=3), record=False):
            if isinstance(event, Done):
                answer = event.answer
        assert answer is not None
        right = holds(answer.answer, question["answer"])
        rows.append(
            {
                "id": question["id"],
                "right": right,
                "cited": bool(answer.cited),
                "verdict": answer.verdict,
                "answer": answer.answer[:200],
            }
        )
    app.close()
    wrong = [r for r in rows if not r["right"]]
    right_cited = [r for r in rows if r["right"] and r["cited"]]
    return {
        "n": len(rows),
        "right": sum(r["right"] for r in rows),
        "cited": sum(r["cited"] for r in rows),
        "wrong_not_supported": _share([r["verdict"] != SUPPORTED for r in wrong]),
        "n_wrong": len(wrong),
        "right_cited_supported": _share([r["verdict"] == SUPPORTED for r in right_cited]),
        "n_right_cited": len(right_cited),
        "verdicts": {v: sum(r["verdict"] == v for r in rows) for v in {r["verdict"] for r in rows}},
        "rows": rows,
    }


def constructed(workspace: Workspace, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """For each question whose answer is in a top-3 span: that span cited is a right answer,
    the span with its answer figure changed by 10 % (or its words replaced) is a wrong one."""
    right, wrong = [], []
    for question in questions:
        found = workspace.search(KB, question["question"], 3)
        gold = question["answer"]
        for n, passage in enumerate(found, start=1):
            if passage.evidence is None or not holds(passage.evidence.text, gold):
                continue
            sentence = passage.evidence.text
            right.append(verdict(check(f"{sentence} [{n}]", found)) == SUPPORTED)
            changed = _perturb(sentence, gold)
            if changed is not None:
                wrong.append(verdict(check(f"{changed} [{n}]", found)) != SUPPORTED)
            break
    return {
        "right_supported": _share(right),
        "n_right": len(right),
        "wrong_not_supported": _share(wrong),
        "n_wrong": len(wrong),
    }


def _perturb(sentence: str, gold: str) -> str | None:
    """The sentence with the gold figure replaced by one 10 % larger, or None (no figure)."""
    figures = [q for q in quantities(gold) if not q.year]
    if not figures:
        return None
    target = figures[0]
    for q in quantities(sentence):
        if target.matches(q) or q.base == target.base:
            value = q.base * 1.1 + 1
            text = f"{value:,.{q.decimals}f}" if "," in q.raw else f"{value:.{q.decimals}f}"
            digits = re.search(r"\d[\d,]*(?:\.\d+)?", sentence[q.start :])
            assert digits is not None
            at = q.start + digits.start()
            return sentence[:at] + text + sentence[at + len(digits.group()) :]
    return None


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", help="reuse this data directory (default: a temporary one)")
    parser.add_argument("--financebench", type=Path, help="a home indexed by bench.financebench")
    parser.add_argument("--model-runs", action="store_true", help="ask with the bundled model")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    questions = json.loads((SET / "questions.json").read_text(encoding="utf-8"))
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(args.home or scratch)
        workspace = Workspace(home)
        if KB not in {kb.name for kb in workspace.library.knowledge_bases()}:
            ingest(workspace, KB, [str(SET / "corpus")])
        started = time.monotonic()
        report["spans"] = spans_on(workspace, questions)
        report["spans_s"] = round(time.monotonic() - started, 2)
        report["constructed"] = constructed(workspace, questions)
        workspace.close()
        if args.financebench:
            report["financebench"] = financebench_spans(args.financebench)
        if args.model_runs:
            report["model"] = model_runs(home, questions)
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        return 0
    spans = report["spans"]
    print(f"evidence spans, tests/retrieval (n={spans['n']}):")
    print(f"  answer in top-1 span {spans['top1']:.2f}, in a top-3 span {spans['top3']:.2f}")
    print(f"  (answer in a top-3 passage {spans['answer_in_top3_passages']:.2f})")
    print(f"  misses (in the passage, not the span): {spans['misses']}")
    built = report["constructed"]
    print(
        f"constructed answers: right supported {built['right_supported']:.2f} "
        f"(n={built['n_right']}), changed figure not supported "
        f"{built['wrong_not_supported']:.2f} (n={built['n_wrong']})"
    )
    if "financebench" in report:
        fb = report["financebench"]
        print(
            f"financebench literal answers (n={fb['n']}): top-1 span {fb['top1']:.2f}, "
            f"top-3 span {fb['top3']:.2f}, answer in a top-3 passage "
            f"{fb['answer_in_top3_passages']:.2f}, span holds it when the passage does "
            f"{fb['span_when_passage_holds_it']:.2f}"
        )
    if "model" in report:
        model = report["model"]
        print(
            f"bundled model (n={model['n']}): right {model['right']}, cited {model['cited']}, "
            f"verdicts {model['verdicts']}"
        )
        print(
            f"  wrong answers not marked supported {model['wrong_not_supported']} "
            f"(n={model['n_wrong']}); right cited answers marked supported "
            f"{model['right_cited_supported']} (n={model['n_right_cited']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
