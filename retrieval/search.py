"""Hybrid search: dense and keyword candidates fused by weighted reciprocal rank, re-ranked
without a neural model by how many of the question's names and numbers a passage holds,
deduplicated, returned as Passages best first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ingest.cjk import HAN_CHAR, han_count
from retrieval.keywords import STOPWORDS, match_query, tokens
from retrieval.store import ChunkRow, KnowledgeBase, Library
from retrieval.vector_index import VectorIndex

_NUMBER = re.compile(r"\d")


@dataclass
class Passage:
    """A retrieved chunk: its text, file and exact location, with its scores.

    weak: no word of the question is in it and its meaning is not close either; it is only
    the nearest the knowledge base has (a search never answers with nothing)."""

    rank: int
    score: float
    file: str
    location: dict[str, Any]
    text: str
    chunk_id: int
    scores: dict[str, float] = field(default_factory=dict)
    weak: bool = False

    def to_json(self) -> dict[str, Any]:
        """The docs/cli.md Passage object (plus the component scores; "weak" when true)."""
        data = {
            "rank": self.rank,
            "score": round(self.score, 4),
            "file": self.file,
            "location": self.location,
            "text": self.text,
            "chunk_id": self.chunk_id,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
        }
        return {**data, "weak": True} if self.weak else data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Passage:
        """A Passage from its to_json object (a stored answer's passages)."""
        return cls(
            rank=int(data.get("rank", 0)),
            score=float(data.get("score", 0.0)),
            file=data["file"],
            location=dict(data.get("location", {})),
            text=data.get("text", ""),
            chunk_id=int(data.get("chunk_id", 0)),
            scores=dict(data.get("scores", {})),
            weak=bool(data.get("weak", False)),
        )


@dataclass(frozen=True)
class Weights:
    """Fusion and re-ranking weights (tuned on tests/retrieval, see bench/RESULTS.md)."""

    dense: float = 1.0
    keyword: float = 1.0
    dense_cjk: float = 0.0  # an English embedder ranks Chinese text no better than chance
    keyword_cjk: float = 1.0
    rrf_k: int = 60
    salient: float = 0.05  # times the share of the question's names and numbers found
    title: float = 0.03  # times the share of the document title's words the question names
    candidates: int = 60
    min_dense: float = 0.3  # a passage no keyword matches must be at least this similar


_MULTILINGUAL = re.compile(r"zh|chinese|multilingual|bge-m3|m3e|xlm|labse|text2vec", re.I)


def default_weights(embedding_model: str) -> Weights:
    """The tuned weights; a Chinese or multilingual embedder also counts for Chinese text."""
    if _MULTILINGUAL.search(embedding_model):
        return Weights(dense_cjk=1.0)
    return Weights()


@dataclass
class Candidates:
    """Everything ranking needs for one question: both ranked lists and the chunk rows."""

    question: str
    dense: list[tuple[int, float]]
    keyword: list[tuple[int, float]]
    rows: dict[int, ChunkRow]


def is_cjk_query(text: str) -> bool:
    """True when a question is mainly Chinese (or Japanese) text."""
    return han_count(text) >= max(2, len(text) // 4)


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
    found = candidates(library, kb, index, query_vector, question, max(weights.candidates, 4 * k))
    return rank(found, k, weights)


def candidates(
    library: Library,
    kb: KnowledgeBase,
    index: VectorIndex,
    query_vector: np.ndarray | None,
    question: str,
    n: int,
) -> Candidates:
    """The top n dense and top n keyword hits with their stored chunks."""
    dense = index.search(query_vector, n) if query_vector is not None else []
    match = match_query(question)
    keyword = library.keyword_search(kb, match, n) if match else []
    rows = library.chunks(list(dict.fromkeys([i for i, _ in dense] + [i for i, _ in keyword])))
    return Candidates(question, dense, keyword, rows)


def rank(found: Candidates, k: int, weights: Weights) -> list[Passage]:
    """Fuse by weighted reciprocal rank, re-rank by names, numbers and title, deduplicate."""
    cjk = is_cjk_query(found.question)
    scores: dict[int, dict[str, float]] = {}
    for name, ranked, weight in (
        ("dense", found.dense, weights.dense_cjk if cjk else weights.dense),
        ("keyword", found.keyword, weights.keyword_cjk if cjk else weights.keyword),
    ):
        # A list weighted 0 still fills the places the other list leaves empty, in its order.
        weight = max(weight, 1e-6)
        for position, (chunk_id, score) in enumerate(ranked, start=1):
            entry = scores.setdefault(chunk_id, {"fused": 0.0})
            entry[name] = score
            entry["fused"] += weight / (weights.rrf_k + position)
    salient = salient_terms(found.question)
    asked = set(tokens(found.question, bigrams=False))
    ordered, far = [], []
    for chunk_id, entry in scores.items():
        row = found.rows.get(chunk_id)
        if row is None:
            continue
        if "keyword" not in entry and entry.get("dense", 0) < weights.min_dense:
            far.append((entry.get("dense", 0.0), row))  # neither a shared word nor close meaning
            continue
        haystack = _normalise(row.text + " " + row.title)
        entry["match"] = sum(t in haystack for t in salient) / len(salient) if salient else 0.0
        entry["title"] = title_match(row.title, asked)
        total = entry["fused"] + weights.salient * entry["match"] + weights.title * entry["title"]
        ordered.append((total, row))
    ordered.sort(key=lambda item: -item[0])
    if not ordered:  # the nearest meanings, marked weak, rather than nothing at all
        far.sort(key=lambda item: -item[0])
        return _top(far, scores, k, weak=True)
    return _top(ordered, scores, k)


def _top(
    ordered: list[tuple[float, ChunkRow]],
    scores: dict[int, dict[str, float]],
    k: int,
    weak: bool = False,
) -> list[Passage]:
    passages: list[Passage] = []
    for score, row in ordered:
        if _repeats(row.text, passages):
            continue
        passage = Passage(
            len(passages) + 1,
            score,
            row.path,
            row.location,
            row.text,
            row.id,
            dict(scores[row.id]),
            weak,
        )
        passages.append(passage)
        if len(passages) == k:
            break
    return passages


def title_match(title: str, asked: set[str]) -> float:
    """The best share, over the title's lines, of a line's words that the question names:
    "Acme Robotics Asia" names more than a question about Acme Robotics asks for."""
    best = 0.0
    for line in title.split("\n"):
        words = set(tokens(line, bigrams=False))
        if words:
            best = max(best, len(words & asked) / len(words))
    return best


def salient_terms(question: str) -> list[str]:
    """The question's distinctive terms: numbers, names and longer words, CJK words."""
    found = []
    for token in dict.fromkeys(tokens(question, bigrams=False)):
        if token in STOPWORDS:
            continue
        cjk = bool(HAN_CHAR.search(token))
        if _NUMBER.search(token) or len(token) >= (2 if cjk else 4):
            found.append(token)
    return found


def _normalise(text: str) -> str:
    return " ".join(tokens(text, bigrams=False))


def _repeats(text: str, chosen: list[Passage]) -> bool:
    """True when text is (inside) a chosen passage's text: overlap or duplicate files."""
    core = " ".join(text.split())
    return any(core in " ".join(p.text.split()) for p in chosen)
