"""Cross-language retrieval on tests/retrieval: English questions on the Chinese reports and
Chinese questions on the English ones (questions_cross.json), hit@1 / hit@5 / MRR with and
without the Chinese-English lexicon (retrieval/lexicon.py), and the same-language set
(questions.json) both ways, to show what the lexicon costs there.

    python -m bench.cross_language [--home DIR] [--anonymous] [--json]

--anonymous indexes copies of the reports named "download (n).ext", so no question is helped
by the romanised company names in the file names ("huadong_xinnengyuan_...").
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import retrieval.search
from app.indexing import ingest
from app.workspace import Workspace
from bench.retrieval_eval import SET, location_matches
from retrieval.keywords import match_query
from retrieval.lexicon import expanded_query, translations
from retrieval.search import Passage, Weights, hybrid_search, is_cjk_query

KEYWORD = Weights(dense=0, dense_cjk=0, salient=0, title=0)
# (weights, dense list used, lexicon on, dense hits only for passages not in Chinese)
VARIANTS: dict[str, tuple[Weights, bool, bool, bool]] = {
    "keyword, without lexicon": (KEYWORD, False, False, False),
    "keyword, with lexicon": (KEYWORD, False, True, False),
    "hybrid, without lexicon": (Weights(), True, False, False),
    "hybrid, with lexicon": (Weights(), True, True, False),
    "hybrid, with lexicon, dense only on non-Chinese passages": (Weights(), True, True, True),
}


@contextmanager
def lexicon(on: bool) -> Iterator[None]:
    """Keyword search reads the question with its translations (until retrieval/search.py
    does so itself, the bench swaps the one name it calls)."""
    if not on:
        yield
        return
    with mock.patch.object(
        retrieval.search, "match_query", lambda text: match_query(expanded_query(text))
    ):
        yield


def rank_of(passages: list[Passage], question: dict[str, Any], names: dict[str, str]) -> int | None:
    """1-based rank of the first passage that answers the question; names maps an indexed
    copy's path back to the report it copies."""
    for passage in passages:
        data = passage.to_json()
        data["file"] = names.get(data["file"], data["file"])
        if location_matches(data, question):
            return passage.rank
    return None


def figures(ranks: list[int | None]) -> dict[str, float]:
    """hit@1, hit@5 and MRR of a list of ranks (None: not in the top 5)."""
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "hit@1": sum(r == 1 for r in ranks) / n,
        "hit@5": sum(r is not None for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


@contextmanager
def dense_off_chinese(on: bool) -> Iterator[None]:
    """The English embedder's hits on Chinese passages dropped: it cannot read them, so their
    similarity to an English question is noise (a proposal for retrieval/search.py)."""
    if not on:
        yield
        return
    original = retrieval.search.candidates

    def candidates(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        for name in ("dense", "scoped_dense"):
            if hasattr(found, name):
                kept = [
                    (i, s)
                    for i, s in getattr(found, name)
                    if i in found.rows and not is_cjk_query(found.rows[i].text)
                ]
                setattr(found, name, kept)
        return found

    with mock.patch.object(retrieval.search, "candidates", candidates):
        yield


def evaluate(
    workspace: Workspace, questions: list[dict[str, Any]], names: dict[str, str]
) -> dict[str, list[int | None]]:
    """Ranks per question for each variant."""
    library = workspace.library
    kb = library.knowledge_base("eval")
    index = workspace.index(kb)
    vectors = workspace.embedder().embed_batch([q["question"] for q in questions])
    ranks: dict[str, list[int | None]] = {}
    for label, (weights, dense, on, english_dense) in VARIANTS.items():
        found = []
        with lexicon(on), dense_off_chinese(english_dense):
            for question, vector in zip(questions, vectors, strict=True):
                use = vector if dense else None
                passages = hybrid_search(library, kb, index, use, question["question"], 5, weights)
                found.append(rank_of(passages, question, names))
        ranks[label] = found
    return ranks


GROUPS = {
    "English on Chinese reports": lambda q: q["lang"] == "en" and q.get("doc_lang") == "zh",
    "Chinese on English reports": lambda q: q["lang"] == "zh" and q.get("doc_lang") == "en",
    "same language (questions.json)": lambda q: "doc_lang" not in q,
}


def table(questions: list[dict[str, Any]], ranks: dict[str, list[int | None]]) -> str:
    """Modes as rows, question groups as hit@1 / hit@5 / MRR columns."""
    members = {g: [i for i, q in enumerate(questions) if test(q)] for g, test in GROUPS.items()}
    head = "| mode | " + " | ".join(f"{g} (n={len(m)})" for g, m in members.items()) + " |"
    rows = [head, "|---" * (len(GROUPS) + 1) + "|"]
    for mode, found in ranks.items():
        cells = []
        for group in members.values():
            f = figures([found[i] for i in group])
            cells.append(f"{f['hit@1']:.2f} / {f['hit@5']:.2f} / {f['mrr']:.2f}")
        rows.append(f"| {mode} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def expansion_time(questions: list[dict[str, Any]]) -> tuple[float, float]:
    """Median and 95th-percentile time to translate one question, in microseconds, after
    warm-up (the slowest is the scheduler's on a shared machine, so it is not shown)."""
    texts = [q["question"] for q in questions]
    translations(texts[0])
    times = []
    for text in texts:
        started = time.perf_counter()
        translations(text + " ")  # a new string: nothing cached per question
        times.append((time.perf_counter() - started) * 1e6)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def anonymous_copy(scratch: Path) -> tuple[Path, dict[str, str]]:
    """The corpus copied under uninformative names; the map from copy back to report."""
    folder = scratch / "anonymous"
    folder.mkdir()
    names = {}
    for number, path in enumerate(sorted((SET / "corpus").iterdir()), start=1):
        copy = folder / f"download ({number}){path.suffix}"
        shutil.copyfile(path, copy)
        names[str(copy.resolve())] = str(path.resolve())
    return folder, names


def main(argv: list[str] | None = None) -> int:
    """Index the labelled corpus in a temporary home and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", help="reuse this data directory (default: a temporary one)")
    parser.add_argument("--anonymous", action="store_true", help="index uninformative names")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cross = json.loads((SET / "questions_cross.json").read_text(encoding="utf-8"))
    same = json.loads((SET / "questions.json").read_text(encoding="utf-8"))
    questions = cross + same
    with tempfile.TemporaryDirectory() as scratch:
        corpus = SET / "corpus"
        names: dict[str, str] = {}
        if args.anonymous:
            corpus, names = anonymous_copy(Path(scratch))
        workspace = Workspace(Path(args.home or scratch) / "home")
        summary = ingest(workspace, "eval", [str(corpus)])
        ranks = evaluate(workspace, questions, names)
        workspace.close()
    if args.json:
        json.dump({"ids": [q["id"] for q in questions], "ranks": ranks}, sys.stdout, indent=2)
        return 0
    median, p95 = expansion_time(questions)
    print(
        f"indexed {summary.added} files{' under anonymous names' if args.anonymous else ''}; "
        f"cells are hit@1 / hit@5 / MRR; a question expands in {median:.0f} us "
        f"(median; 95th percentile {p95:.0f} us)\n"
    )
    print(table(questions, ranks))
    for mode in list(VARIANTS)[2:]:
        misses = [q["id"] for q, r in zip(cross, ranks[mode], strict=False) if r is None]
        print(f"\n{mode}: cross-language misses at 5: {', '.join(misses) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
