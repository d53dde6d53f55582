"""The claim check of an answer: each sentence held against the passages it cites.

A sentence is supported when its numbers (read with their units: 1,577 = 1577, 17 % = 17%,
$1.5 billion = 1,500 in a table in millions) and most of its key terms are found in a passage
it cites; partly supported when some are; unsupported when it cites passages that hold none of
its numbers or few of its terms; uncited when it cites nothing. No model is needed: what is
checked is whether the words and figures are there, not whether the reasoning is sound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.citations import MARKER, find_markers
from ingest.cjk import HAN_CHAR, simplified
from retrieval.evidence import Date, Quantity, dates, quantities, units
from retrieval.keywords import STOPWORDS, tokens
from retrieval.search import Passage

SUPPORTED = "supported"
PARTIAL = "partial"
UNSUPPORTED = "unsupported"
UNCITED = "uncited"
# How a sentence's status is shown, in the window and on the terminal.
MARKS = {SUPPORTED: "✓", PARTIAL: "◐", UNSUPPORTED: "✗", UNCITED: "?"}
TERMS_SUPPORTED = 0.6  # share of a sentence's key terms a cited passage must hold
TERMS_PARTIAL = 0.3
# Read as part of a number (quantities), not as words the passage must hold.
_UNIT_WORDS = frozenset(
    [
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "mn",
        "bn",
        "percent",
        "cent",
        "usd",
        "dollar",
        "dollars",
        "rmb",
        "yuan",
        "万",
        "亿",
        "百万",
        "千",
        "元",
        "万元",
        "亿元",
    ]
)
_WORD_ONLY = re.compile(r"^[\W_]*$")


@dataclass(frozen=True)
class Span:
    """Where a cited passage holds what a sentence says: passages[n - 1].text[start:end]."""

    n: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer (answer[start:end]), the passages it cites and its status."""

    text: str
    start: int
    end: int
    cited: list[int]
    status: str
    spans: list[Span] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "48.0% is not in [2]"
    claims_something: bool = True  # false for "I hope this helps." and the like

    def to_json(self) -> dict[str, Any]:
        """One element of `claims` in `ask --json`."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cited": self.cited,
            "status": self.status,
            "spans": [s.to_json() for s in self.spans],
            "missing": self.missing,
        }


def check(answer: str, passages: list[Passage]) -> list[Claim]:
    """The claims of an answer in order, each checked against the passages it cites."""
    sentences = _sentences(answer, len(passages))
    return [_check(text, start, end, cited, passages) for text, start, end, cited in sentences]


def verdict(claims: list[Claim]) -> str:
    """One word for the whole answer: uncited (it cites no passage: `unsupported` in `ask
    --json`), supported (every sentence that states something is), unsupported (none is),
    partial (the rest); empty when there is no answer."""
    if not claims:
        return "empty"
    if not any(c.cited for c in claims):
        return UNCITED
    stated = [c for c in claims if c.claims_something] or claims
    if all(c.status == SUPPORTED for c in stated):
        return SUPPORTED
    if not any(c.status in (SUPPORTED, PARTIAL) for c in stated):
        return UNSUPPORTED
    return PARTIAL


def _sentences(answer: str, count: int) -> list[tuple[str, int, int, list[int]]]:
    """(text, start, end, cited) per sentence; a piece that is only markers ("[1][2]" on a
    line of its own) cites for the sentence before it."""
    out: list[tuple[str, int, int, list[int]]] = []
    for start, end in units(answer):
        text = answer[start:end]
        cited = find_markers(text, count).cited
        if out and _WORD_ONLY.match(MARKER.sub("", text)):
            before = out[-1]
            merged = list(dict.fromkeys(before[3] + cited))
            out[-1] = (answer[before[1] : end], before[1], end, merged)
            continue
        out.append((text, start, end, cited))
    return out


def _check(text: str, start: int, end: int, cited: list[int], passages: list[Passage]) -> Claim:
    plain = MARKER.sub(" ", text)
    numbers, days = _figures(plain)
    terms = _key_terms(plain)
    stated = bool(numbers or days) or len(terms) >= 3
    if not cited:
        return Claim(text, start, end, cited, UNCITED, claims_something=stated)
    found_numbers: set[int] = set()
    found_days: set[int] = set()
    best_share = 0.0
    spans: list[Span] = []
    for n in cited:
        passage = passages[n - 1]
        held, held_days = _read(passage.text, passage.file).figures
        matched = {i for i, q in enumerate(numbers) if any(q.matches(h) for h in held)}
        dated = {i for i, d in enumerate(days) if any(_same_day(d, h) for h in held_days)}
        found_numbers |= matched
        found_days |= dated
        share = _share(terms, passage) if terms else 1.0
        best_share = max(best_share, share)
        figures = [numbers[i] for i in matched]
        span = _span(n, passage, figures, [days[i] for i in dated], terms)
        if span is not None and (matched or dated or share >= TERMS_PARTIAL):
            spans.append(span)
    found = len(found_numbers) + len(found_days)
    status = _status(len(numbers) + len(days), found, best_share if terms else None)
    where = _cites(cited)
    missing = [plain[d.start : d.end] for i, d in enumerate(days) if i not in found_days]
    missing += [q.raw for i, q in enumerate(numbers) if i not in found_numbers]
    missing = [f"{said} is not in {where}" for said in missing]
    if status != SUPPORTED and terms and best_share < TERMS_SUPPORTED:
        missing.append(f"{_unfound(terms, cited, passages)} not in {where}")
    return Claim(text, start, end, cited, status, spans, missing, stated)


def _figures(text: str) -> tuple[list[Quantity], list[Date]]:
    """The amounts and the dates of a text; a date's digits are not amounts."""
    days = dates(text)
    masked = text
    for day in days:
        masked = masked[: day.start] + " " * (day.end - day.start) + masked[day.end :]
    return quantities(masked), days


def _same_day(said: Date, held: Date) -> bool:
    """2025年10月 is held by 2025-10-03; 2025-10-03 is not held by 2025-12-03."""
    return said.value[:2] == held.value[:2] and said.value[2] in (0, held.value[2])


def _status(numbers: int, found: int, share: float | None) -> str:
    if numbers:
        if found == numbers and (share is None or share >= TERMS_PARTIAL):
            return SUPPORTED
        return PARTIAL if found else UNSUPPORTED
    if share is None or share >= TERMS_SUPPORTED:
        return SUPPORTED
    return PARTIAL if share >= TERMS_PARTIAL else UNSUPPORTED


def _key_terms(text: str) -> list[str]:
    """The words a sentence's claim rests on: no stop words, numbers or one-letter pieces."""
    out = []
    for token in dict.fromkeys(tokens(text, bigrams=False)):
        if token in STOPWORDS or token in _UNIT_WORDS or any(c.isdigit() for c in token):
            continue
        if len(token) >= (2 if HAN_CHAR.search(token) else 3):
            out.append(token)
    return out


@dataclass(frozen=True)
class _Passage:
    """What the check looks up in a passage, worked out once per passage (every term of every
    sentence, and every later look at the same answer, asks the same passage)."""

    folded: str  # text and file name, Chinese folded to Simplified
    bigrams: set[str]
    stems: set[str]
    words: set[str]
    figures: tuple[list[Quantity], list[Date]]


@lru_cache(maxsize=64)
def _read(text: str, file: str) -> _Passage:
    # The file's name is read too: a year or a company is often only there.
    context = text + "\n" + Path(file).stem.replace("_", " ")
    folded = simplified(context)
    words = set(tokens(context, bigrams=False))
    stems = {_stem(t) for t in words}
    return _Passage(folded, _bigrams(folded), stems, words, _figures(context))


def _held(term: str, passage: Passage) -> bool:
    read = _read(passage.text, passage.file)
    if HAN_CHAR.search(term):  # the term is folded to Simplified (tokens); so is the text
        return term in read.folded or _bigrams(term) <= read.bigrams
    return term in read.words or _stem(term) in read.stems


def _share(terms: list[str], passage: Passage) -> float:
    return sum(_held(t, passage) for t in terms) / len(terms)


def _span(
    n: int, passage: Passage, numbers: list[Quantity], days: list[Date], terms: list[str]
) -> Span | None:
    """The sentence or row of the passage that holds most of what the claim says."""
    best: tuple[float, int, int] | None = None
    for a, b in units(passage.text):
        piece = simplified(passage.text[a:b])
        held, held_days = _figures(piece)
        own = set(tokens(piece, bigrams=False))
        score = 2.0 * sum(any(q.matches(h) for h in held) for q in numbers)
        score += 2.0 * sum(any(_same_day(d, h) for h in held_days) for d in days)
        score += sum(t in own or (HAN_CHAR.search(t) is not None and t in piece) for t in terms)
        if score > 0 and (best is None or score > best[0]):
            best = (score, a, b)
    if best is None:
        return None
    return Span(n, best[1], best[2], passage.text[best[1] : best[2]])


def _unfound(terms: list[str], cited: list[int], passages: list[Passage]) -> str:
    absent = [t for t in terms if not any(_held(t, passages[n - 1]) for n in cited)]
    shown = ", ".join(f'"{t}"' for t in absent[:3])
    return shown + (" ..." if len(absent) > 3 else "") + (" is" if len(absent) == 1 else " are")


def _cites(cited: list[int]) -> str:
    return ", ".join(f"[{n}]" for n in cited)


def _bigrams(text: str) -> set[str]:
    han = "".join(HAN_CHAR.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)} or {han}


def _stem(word: str) -> str:
    """revenues ~ revenue, reported ~ report: enough for a check that words are there."""
    for ending in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word
