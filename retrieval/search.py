"""Hybrid search: dense and keyword candidates fused by weighted reciprocal rank, re-ranked
without a neural model by how many of the question's names and numbers a passage holds,
deduplicated, returned as Passages best first."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ingest.cjk import HAN_CHAR, han_count
from retrieval.evidence import Evidence, best_evidence
from retrieval.finance import STATEMENT_HEADINGS, Reading, contains, normalise, read, statement_of
from retrieval.keywords import STOPWORDS, match_query, tokens
from retrieval.lexicon import expanded_query
from retrieval.scope import Titles, document_prior, top_documents
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
    evidence: Evidence | None = None  # the sentence or row that best answers the question

    def to_json(self) -> dict[str, Any]:
        """The docs/cli.md Passage object (plus the component scores; "weak" when true;
        "evidence" when a sentence or row of it answers the question)."""
        data: dict[str, Any] = {
            "rank": self.rank,
            "score": round(self.score, 4),
            "file": self.file,
            "location": self.location,
            "text": self.text,
            "chunk_id": self.chunk_id,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
        }
        if self.evidence is not None:
            data["evidence"] = self.evidence.to_json()
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
            evidence=Evidence.from_json(data["evidence"]) if data.get("evidence") else None,
        )


@dataclass(frozen=True)
class Weights:
    """Fusion and re-ranking weights (tuned on tests/retrieval and FinanceBench's development
    half, see bench/RESULTS.md)."""

    dense: float = 1.0
    keyword: float = 1.0
    dense_cjk: float = 0.0  # an English embedder ranks Chinese text no better than chance
    keyword_cjk: float = 1.0
    rrf_k: int = 60
    salient: float = 0.05  # times the share of the question's names and numbers found
    title: float = 0.03  # times the share of the document title's words the question names
    candidates: int = 60
    min_dense: float = 0.3  # a passage no keyword matches must be at least this similar
    scoped: float = 1.0  # the lists searched again inside the documents the question names
    document: float = 0.02  # times the prior (it also decides what is searched again)
    page_terms: float = 0.0  # times the share of the question's terms its page holds (0:
    # measured no better on either set, bench/RESULTS.md)
    statement: float = 0.06  # its page is the financial statement the question needs
    headings: float = 0.75  # the named documents' chunks under a needed statement's heading
    translate: bool = True  # keywords also in the other language (retrieval/lexicon.py)
    scope_floor: float = 0.6  # a document this close to the best prior is searched again
    scope_documents: int = 3


_MULTILINGUAL = re.compile(r"zh|chinese|multilingual|bge-m3|m3e|xlm|labse|text2vec", re.I)


def default_weights(embedding_model: str) -> Weights:
    """The tuned weights; a Chinese or multilingual embedder also counts for Chinese text."""
    if _MULTILINGUAL.search(embedding_model):
        return Weights(dense_cjk=1.0)
    return Weights()


@dataclass
class Candidates:
    """Everything ranking needs for one question: the ranked lists, the chunk rows, the
    documents' priors and the text of each candidate's page."""

    question: str
    dense: list[tuple[int, float]]
    keyword: list[tuple[int, float]]
    rows: dict[int, ChunkRow]
    scoped_dense: list[tuple[int, float]] = field(default_factory=list)
    scoped_keyword: list[tuple[int, float]] = field(default_factory=list)
    # chunks of the named documents under the heading of a statement the question needs
    headings: list[tuple[int, float]] = field(default_factory=list)
    prior: dict[int, float] = field(default_factory=dict)
    pages: dict[tuple[int, int], str] = field(default_factory=dict)  # (document, page): text
    # Reads the whole text of the pages these chunks are on, into pages (None: pages is all).
    read_pages: Callable[[list[ChunkRow]], dict[tuple[int, int], str]] | None = None

    def page_texts(self, rows: list[ChunkRow]) -> dict[tuple[int, int], str]:
        """The text of the pages these chunks are on (read once, then kept)."""
        if self.read_pages is not None:
            wanted = [r for r in rows if (r.document_id, page_of(r)) not in self.pages]
            if wanted:
                self.pages.update(self.read_pages(wanted))
        return self.pages


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
    n = max(weights.candidates, 4 * k)
    return rank(candidates(library, kb, index, query_vector, question, n, weights), k, weights)


def candidates(
    library: Library,
    kb: KnowledgeBase,
    index: VectorIndex,
    query_vector: np.ndarray | None,
    question: str,
    n: int,
    weights: Weights | None = None,
) -> Candidates:
    """The top n dense and keyword hits, again inside the documents the question names, with
    their stored chunks and the text of their pages."""
    weights = weights or Weights()
    match = match_query(expanded_query(question) if weights.translate else question)
    dense = index.search(query_vector, n) if query_vector is not None else []
    keyword = library.keyword_search(kb, match, n) if match else []
    # Inside the documents it names, also what filings print for its line items.
    printed = _with_printed_terms(question)
    match = match_query(expanded_query(printed) if weights.translate else printed)
    prior = document_prior(question, Titles.of(library.titles(kb)))
    scoped = top_documents(prior, weights.scope_floor, weights.scope_documents)
    scoped_dense: list[tuple[int, float]] = []
    scoped_keyword: list[tuple[int, float]] = []
    headings: list[tuple[int, float]] = []
    if scoped and len(scoped) < len(prior) + 1:
        if query_vector is not None:
            scoped_dense = index.search(query_vector, n, library.chunk_ids_of(scoped))
        if match:
            scoped_keyword = library.keyword_search(kb, match, n, scoped)
        heading_match = statement_match(question) if weights.headings else None
        if heading_match:
            headings = library.keyword_search(kb, heading_match, n, scoped)
    lists = (dense, keyword, scoped_dense, scoped_keyword, headings)
    ids = [i for ranked in lists for i, _ in ranked]
    rows = library.chunks(list(dict.fromkeys(ids)))
    return Candidates(
        question,
        dense,
        keyword,
        rows,
        scoped_dense,
        scoped_keyword,
        headings,
        prior,
        read_pages=lambda chosen: _pages(library, chosen),
    )


def statement_match(question: str) -> str | None:
    """An FTS5 MATCH of the headings of the statements a question needs, each a phrase
    ("consolidated statements of cash flows"), or None when it needs none."""
    needed = sorted(read(question).statements)
    phrases = [
        " ".join(tokens(h, bigrams=False)) for kind in needed for h in STATEMENT_HEADINGS[kind]
    ]
    quoted = ['"' + p.replace('"', '""') + '"' for p in dict.fromkeys(phrases) if p]
    return " OR ".join(quoted) or None


def _with_printed_terms(question: str) -> str:
    """The question and what filings print for its line items ("capex": purchases of
    property), as keyword search reads it."""
    printed = read(question).printed_terms()
    return f"{question} {' '.join(printed)}" if printed else question


_NEAR = 8  # a page's chunks lie within this many positions of any one of them


def _pages(library: Library, rows: list[ChunkRow]) -> dict[tuple[int, int], str]:
    """The whole text of every page these chunks are on (PDF pages only)."""
    wanted: dict[int, set[int]] = {}
    anchors: dict[int, tuple[int, int]] = {}
    for row in rows:
        if page_of(row) is not None:
            wanted.setdefault(row.document_id, set()).add(row.position)
            anchors.setdefault(row.document_id, (row.id, row.position))
    texts: dict[tuple[int, int], list[str]] = {}
    for document_id, positions in wanted.items():
        spans = [(first - _NEAR, last + _NEAR) for first, last in _ranges(sorted(positions))]
        found = library.texts_between(document_id, spans, anchors[document_id])
        for text, location in found:
            for page in _pages_of(location):
                texts.setdefault((document_id, page), []).append(text)
    return {key: "\n".join(parts) for key, parts in texts.items()}


def _ranges(positions: list[int]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for position in positions:
        if merged and position - merged[-1][1] <= 2 * _NEAR:
            merged[-1] = (merged[-1][0], position)
        else:
            merged.append((position, position))
    return merged


def page_of(row: ChunkRow) -> int | None:
    """The PDF page a chunk is on (where it starts, for one that runs over a page break)."""
    where = row.location
    page = where.get("page", where.get("page_start"))
    return int(page) if isinstance(page, int) else None


def _pages_of(where: dict[str, Any]) -> list[int]:
    if isinstance(where.get("page"), int):
        return [where["page"]]
    first, last = where.get("page_start"), where.get("page_end")
    if isinstance(first, int) and isinstance(last, int):
        return list(range(first, last + 1))
    return []


def rank(found: Candidates, k: int, weights: Weights) -> list[Passage]:
    """Fuse by weighted reciprocal rank; re-rank by names, numbers, title and the document's
    prior; then rank pages (a PDF page's score is its best chunk's, plus how much of the
    question the whole page holds and whether it is the statement asked for) and give each
    page's best passage first; deduplicate."""
    cjk = is_cjk_query(found.question)
    scores: dict[int, dict[str, float]] = {}
    dense_weight = weights.dense_cjk if cjk else weights.dense
    keyword_weight = weights.keyword_cjk if cjk else weights.keyword
    dense = found.dense
    if not weights.dense_cjk:
        # An embedder that cannot read Chinese places Chinese passages by chance; they are kept
        # only when nothing else is near (a search never comes back empty).
        dense = [hit for hit in dense if not _chinese(found.rows.get(hit[0]))] or dense
    for name, ranked, weight in (
        ("dense", dense, dense_weight),
        ("keyword", found.keyword, keyword_weight),
        ("scoped_dense", found.scoped_dense, dense_weight * weights.scoped),
        ("scoped_keyword", found.scoped_keyword, keyword_weight * weights.scoped),
        ("heading", found.headings, keyword_weight * weights.headings),
    ):
        # A list weighted 0 still fills the places the other list leaves empty, in its order.
        weight = max(weight, 1e-6)
        for position, (chunk_id, score) in enumerate(ranked, start=1):
            entry = scores.setdefault(chunk_id, {"fused": 0.0})
            entry[name] = score
            entry["fused"] += weight / (weights.rrf_k + position)
    salient = salient_terms(found.question)
    asked = set(tokens(found.question, bigrams=False))
    reading = read(found.question)
    ordered, far = [], []
    for chunk_id, entry in scores.items():
        row = found.rows.get(chunk_id)
        if row is None:
            continue
        similar = max(entry.get("dense", 0.0), entry.get("scoped_dense", 0.0))
        worded = any(name in entry for name in ("keyword", "scoped_keyword", "heading"))
        if not worded and similar < weights.min_dense:
            far.append((similar, row))  # neither a shared word nor close meaning
            continue
        haystack = _normalise(row.text + " " + row.title)
        entry["match"] = sum(t in haystack for t in salient) / len(salient) if salient else 0.0
        entry["title"] = title_match(row.title, asked)
        prior = found.prior.get(row.document_id, 0.0)
        if prior:
            entry["document"] = prior
        total = (
            entry["fused"]
            + weights.salient * entry["match"]
            + weights.title * entry["title"]
            + weights.document * prior
        )
        ordered.append((total, row))
    if not ordered:  # the nearest meanings, marked weak, rather than nothing at all
        far.sort(key=lambda item: -item[0])
        return _top(far, scores, k, found.question, weak=True)
    paged = _by_page(ordered, found, scores, salient, reading, weights)
    return _top(paged, scores, k, found.question)


PAGES_READ = 40  # the best pages by their best chunk whose whole text is read


def _by_page(
    ordered: list[tuple[float, ChunkRow]],
    found: Candidates,
    scores: dict[int, dict[str, float]],
    salient: list[str],
    reading: Reading,
    weights: Weights,
) -> list[tuple[float, ChunkRow]]:
    """Chunks best first, each page's best chunk ranked by its page's score ahead of the
    page's other chunks; a chunk not on a PDF page is a page of its own, scored on its own
    text. Only the best PAGES_READ pages are read whole."""
    best: dict[tuple[int, int], tuple[float, ChunkRow]] = {}
    rest: list[tuple[float, ChunkRow]] = []
    for total, row in sorted(ordered, key=lambda item: -item[0]):
        page = page_of(row)
        key = (row.document_id, page if page is not None else -row.id)
        if key in best:
            rest.append((total, row))
        else:
            best[key] = (total, row)
    leaders = [row for _, row in list(best.values())[:PAGES_READ]]
    on_pages = [row for row in leaders if page_of(row) is not None]
    texts = found.page_texts(on_pages) if on_pages else {}
    for row in leaders:
        page = page_of(row)
        key = (row.document_id, page if page is not None else -row.id)
        # A slide, a sheet's rows or a Word section is its own unit: its text is the chunk's.
        text = texts.get(key, row.text)
        coverage, statement = page_match(text, salient, reading)
        if weights.page_terms:
            scores[row.id]["page"] = coverage
        if statement:
            scores[row.id]["statement"] = 1.0
        total = best[key][0] + weights.page_terms * coverage + weights.statement * statement
        best[key] = (total, row)
    return sorted(best.values(), key=lambda item: -item[0]) + rest


def page_match(text: str, salient: list[str], reading: Reading) -> tuple[float, float]:
    """How much of the question a page holds (the share of its names, numbers and line items
    found on it) and whether it is a statement the question needs (1.0 or 0.0)."""
    needs = len(salient) + len(reading.concepts)
    coverage = 0.0
    if needs:
        flat = normalise(text)
        held = sum(contains(flat, t) for t in salient)
        held += sum(any(contains(flat, p) for p in c.printed + c.asked) for c in reading.concepts)
        coverage = held / needs
    kind = statement_of(text) if reading.statements else None
    return coverage, 1.0 if kind in reading.statements else 0.0


def _top(
    ordered: list[tuple[float, ChunkRow]],
    scores: dict[int, dict[str, float]],
    k: int,
    question: str,
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
            best_evidence(question, row.text, row.title),
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


def _chinese(row: ChunkRow | None) -> bool:
    return row is not None and is_cjk_query(row.text)


def _normalise(text: str) -> str:
    return " ".join(tokens(text, bigrams=False))


def _repeats(text: str, chosen: list[Passage]) -> bool:
    """True when text is (inside) a chosen passage's text: overlap or duplicate files."""
    core = " ".join(text.split())
    return any(core in " ".join(p.text.split()) for p in chosen)
