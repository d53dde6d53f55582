"""Hybrid search: dense and keyword candidates fused by weighted reciprocal rank, re-ranked
without a neural model by how many of the question's names and numbers a passage holds,
deduplicated, returned as Passages best first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from retrieval.keywords import match_query, tokens
from retrieval.store import KnowledgeBase, Library
from retrieval.vector_index import VectorIndex

_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBER = re.compile(r"\d")


@dataclass
class Passage:
    """A retrieved chunk: its text, file and exact location, with its scores."""

    rank: int
    score: float
    file: str
    location: dict[str, Any]
    text: str
    chunk_id: int
    scores: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md Passage object (plus the component scores)."""
        return {
            "rank": self.rank,
            "score": round(self.score, 4),
            "file": self.file,
            "location": self.location,
            "text": self.text,
            "chunk_id": self.chunk_id,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
        }


@dataclass(frozen=True)
class Weights:
    """Fusion and re-ranking weights (tuned on tests/retrieval, see bench/RESULTS.md)."""

    dense: float = 1.0
    keyword: float = 1.0
    dense_cjk: float = 0.5  # an English embedder is weak on Chinese questions
    keyword_cjk: float = 1.5
    rrf_k: int = 60
    salient: float = 0.03  # per share of the question's names and numbers found
    candidates: int = 60


def is_cjk_query(text: str) -> bool:
    """True when a question is mainly Chinese (or Japanese) text."""
    return len(_CJK.findall(text)) >= max(2, len(text) // 4)


def hybrid_search(
    library: Library,
    kb: KnowledgeBase,
    index: VectorIndex,
    query_vector: np.ndarray | None,
    question: str,
    k: int = 5,
    weights: Weights | None = None,
) -> list[Passage]:
    """The k best passages for a question; query_vector None gives keyword-only search."""
    weights = weights or Weights()
    n = max(weights.candidates, 4 * k)
    dense = index.search(query_vector, n) if query_vector is not None else []
    match = match_query(question)
    keyword = library.keyword_search(kb, match, n) if match else []
    cjk = is_cjk_query(question)
    fused: dict[int, dict[str, float]] = {}
    for name, ranked, weight in (
        ("dense", dense, weights.dense_cjk if cjk else weights.dense),
        ("keyword", keyword, weights.keyword_cjk if cjk else weights.keyword),
    ):
        for rank, (chunk_id, score) in enumerate(ranked, start=1):
            entry = fused.setdefault(chunk_id, {"fused": 0.0})
            entry[name] = score
            entry["fused"] += weight / (weights.rrf_k + rank)
    return _rerank(library, question, fused, k, weights)


def _rerank(
    library: Library,
    question: str,
    fused: dict[int, dict[str, float]],
    k: int,
    weights: Weights,
) -> list[Passage]:
    rows = library.chunks(list(fused))
    salient = salient_terms(question)
    scored = []
    for chunk_id, row in rows.items():
        entry = fused[chunk_id]
        haystack = _normalise(row.text + " " + row.path.rsplit("/", 1)[-1])
        coverage = sum(t in haystack for t in salient) / len(salient) if salient else 0.0
        entry["match"] = coverage
        scored.append((entry["fused"] + weights.salient * coverage, row))
    scored.sort(key=lambda item: -item[0])
    passages: list[Passage] = []
    for score, row in scored:
        if _repeats(row.text, passages):
            continue
        passage = Passage(
            len(passages) + 1, score, row.path, row.location, row.text, row.id, dict(fused[row.id])
        )
        passages.append(passage)
        if len(passages) == k:
            break
    return passages


def salient_terms(question: str) -> list[str]:
    """The question's distinctive terms: numbers, names and longer words, CJK words."""
    found = []
    for token in dict.fromkeys(tokens(question, bigrams=False)):
        cjk = bool(_CJK.search(token))
        if _NUMBER.search(token) or len(token) >= (2 if cjk else 4):
            found.append(token)
    return found


def _normalise(text: str) -> str:
    return " ".join(tokens(text, bigrams=False))


def _repeats(text: str, chosen: list[Passage]) -> bool:
    """True when text is (inside) a chosen passage's text: overlap or duplicate files."""
    core = " ".join(text.split())
    return any(core in " ".join(p.text.split()) for p in chosen)
