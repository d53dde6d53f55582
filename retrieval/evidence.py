"""Evidence inside a passage: the sentence or table row that best answers a question, and the
numbers of a text read with their units (shared with the claim check of an answer).

A passage is cut into units: its lines, and each line into sentences (". " before a capital or
a figure, or 。！？；). A unit scores the question's terms it holds (weighted by how few units of
the passage hold them, so a running head on every line counts for little), the printed wording
of the line items asked (capex -> "purchases of property"), and whether it holds what the
question asks for (a figure for "how much", a date for "when", a name for "who"). The first
row of a table (its header) is rarely the answer and counts for less.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.cjk import HAN_CHAR
from retrieval.finance import contains, normalise, read
from retrieval.keywords import STOPWORDS, tokens
from retrieval.lexicon import translations

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[。！？；])")
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "千": 1e3,
    "百万": 1e6,
}
_NUMBER = re.compile(
    r"(?<![\d.,])(?P<neg>[-−–(])?[$€£¥]?\s?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<percent>%|％|percent\b|per cent\b)"
    r"|\s?(?P<scale>thousand|million|billion|trillion|mn|bn|百万|万|亿|千|[kmb](?![a-z])))?",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_MARKER = re.compile(r"[\[【]\s*\d+(?:\s*[,，、;；]\s*\d+)*\s*[\]】]")
_WHO = re.compile(r"\bwho\b|\bwhom\b|谁|誰|何人|哪位|哪一位", re.I)
_WHEN = re.compile(
    r"\bwhen\b|\bwhat date\b|\bwhich day\b|何时|何時|什么时候|什麼時候|哪一?天|日期", re.I
)
_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
_CJK_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?")
_MONTH_DATE = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{1,2}, \d{4}\b"
)
_MONTHS = [
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
]
_DATES = re.compile(
    r"(?P<iso>\b(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})\b)"
    r"|(?P<cjk>(?P<y2>\d{4})\s?年\s?(?P<m2>\d{1,2})\s?月(?:\s?(?P<d2>\d{1,2})\s?[日号])?)"
    r"|(?P<dmy>\b(?P<d3>\d{1,2}) (?P<n3>[A-Z][a-z]+) (?P<y3>\d{4})\b)"
    r"|(?P<mdy>\b(?P<n4>[A-Z][a-z]+) (?P<d4>\d{1,2}), (?P<y4>\d{4})\b)"
)
HEADER_FACTOR = 0.6  # a table's first row: the column names, rarely the answer
TITLE_FACTOR = 0.25  # a word of the document's title: every unit of it is about that


@dataclass(frozen=True)
class Quantity:
    """A number as written in a text: its digits (base), its scale (1e6 for "million"),
    whether it is a percentage, and where it is."""

    raw: str
    base: float
    decimals: int
    scale: float
    percent: bool
    start: int
    end: int

    @property
    def year(self) -> bool:
        """A bare four-digit year (1900-2099): a period, not an amount."""
        return (
            self.scale == 1
            and not self.percent
            and self.decimals == 0
            and 1900 <= self.base <= 2099
            and "," not in self.raw
        )

    def matches(self, other: Quantity) -> bool:
        """Whether other states this quantity: 1,577 = 1577, 17 % = 17%, $1.5 billion =
        1,500 million, 5.8 billion ~ 5,794 (a table in millions), 29.5 ~ 29.47."""
        if self.year or other.year:
            return self.year and other.year and self.base == other.base
        if other.base == self.base:
            return True
        scales = {other.scale} if other.scale != 1 else {1.0, 1e3, 1e6, 1e9}
        for scale in scales:
            value = other.base * scale / self.scale
            if value == self.base:
                return True
            # Rounded to the decimals written: only when that says something.
            rounded = other.decimals > self.decimals or scale != 1
            if (
                rounded
                and round(value, self.decimals) == self.base
                and (self.decimals >= 1 or self.base >= 100)
            ):
                return True
        return False


def quantities(text: str) -> list[Quantity]:
    """The numbers of a text with their units (citation markers such as [2] are not numbers)."""
    masked = _MARKER.sub(lambda m: " " * len(m.group()), text)
    found = []
    for match in _NUMBER.finditer(masked):
        digits = match.group("digits")
        scale = (match.group("scale") or "").lower()
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        found.append(
            Quantity(
                raw=match.group().strip(),
                base=float(digits.replace(",", "")),
                decimals=decimals,
                scale=_SCALES.get(scale, 1.0),
                percent=bool(match.group("percent")),
                start=match.start("digits"),
                end=match.end(),
            )
        )
    return found


@dataclass(frozen=True)
class Date:
    """A calendar date as written (2025-10-03, 2025年10月3日, 3 October 2025, October 3,
    2025), read as (year, month, day); day is 0 for "2025年10月"."""

    value: tuple[int, int, int]
    start: int
    end: int


def dates(text: str) -> list[Date]:
    """The dates of a text; their digits are not amounts."""
    found = []
    for match in _DATES.finditer(text):
        groups = match.groupdict()
        for y, m, d, name in (
            ("y1", "m1", "d1", None),
            ("y2", "m2", "d2", None),
            ("y3", None, "d3", "n3"),
            ("y4", None, "d4", "n4"),
        ):
            if groups[y] is None:
                continue
            if name is not None:
                month_name = groups[name].lower()
                if month_name not in _MONTHS:
                    break
                month = _MONTHS.index(month_name) + 1
            else:
                month = int(groups[m or ""])
            day = int(groups[d]) if groups[d] else 0
            if 1 <= month <= 12 and day <= 31:
                found.append(Date((int(groups[y]), month, day), match.start(), match.end()))
            break
    return found


def units(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines and sentences of a text, stripped, none empty."""
    out = []
    position = 0
    for line in text.split("\n"):
        cut = position
        for match in [*_SENTENCE_END.finditer(line), None]:
            end = position + (match.start() if match else len(line))
            piece = text[cut:end]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                out.append((cut + lead, cut + lead + len(stripped)))
            if match:
                cut = position + match.end()
        position += len(line) + 1
    return out


@dataclass(frozen=True)
class Evidence:
    """The span of a passage's text that best answers the question: text[start:end]."""

    start: int
    end: int
    text: str
    score: float

    def to_json(self) -> dict[str, Any]:
        """The `evidence` object of a Passage in `search --json` and `ask --json`."""
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        """Evidence from its to_json object (a stored answer's passages)."""
        return cls(int(data["start"]), int(data["end"]), data.get("text", ""), 0.0)


@dataclass(frozen=True)
class _Question:
    terms: dict[str, float]  # token -> weight
    printed: tuple[str, ...]  # what filings print for the line items asked
    wants: str  # number | date | name
    numbers: tuple[Quantity, ...]


@lru_cache(maxsize=256)
def _question(question: str) -> _Question:
    terms: dict[str, float] = {}
    for token in tokens(question, bigrams=False):
        if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
            continue
        cjk = bool(HAN_CHAR.search(token))
        terms[token] = (
            1.5 if any(c.isdigit() for c in token) else 1.0 if cjk or len(token) > 3 else 0.5
        )
    for token in tokens(question, words=False):
        if HAN_CHAR.search(token) and len(token) == 2:
            terms.setdefault(token, 0.3)  # a part of a Chinese word the passage words otherwise
    for other in translations(question):
        for token in tokens(other, bigrams=False):
            if token not in STOPWORDS and len(token) > 1:
                terms.setdefault(token, 0.7)
    wants = "name" if _WHO.search(question) else "date" if _WHEN.search(question) else "number"
    printed = tuple(read(question).printed_terms())
    asked = tuple(q for q in quantities(question))
    return _Question(terms, printed, wants, asked)


def best_evidence(question: str, text: str, title: str = "") -> Evidence | None:
    """The sentence or row of text that best answers the question, or None when no unit holds
    anything of it. Words of the document's title (the company, the year) tell its units
    apart less than the rest of the question and count for a quarter."""
    spans = units(text)
    if not spans:
        return None
    asked = _question(question)
    named = set(tokens(title)) if title else set()
    weights = {t: w * (TITLE_FACTOR if t in named else 1.0) for t, w in asked.terms.items()}
    lines = [text[a:b] for a, b in spans]
    own = [set(tokens(line)) for line in lines]
    df: dict[str, int] = {}
    for found in own:
        for term in weights.keys() & found:
            df[term] = df.get(term, 0) + 1
    count = len(spans)
    headers = _table_headers(lines)
    best: Evidence | None = None
    for index, ((start, end), line) in enumerate(zip(spans, lines, strict=True)):
        # A row is read with its table's header: the column names are what its cells are.
        header = headers.get(index)
        found = own[index] | (own[header] if header is not None else set())
        score = sum(
            weight * math.log(1 + count / df.get(term, count))
            for term, weight in weights.items()
            if term in found
        )
        if asked.printed:
            folded = normalise(line if header is None else lines[header] + " " + line)
            score += 1.5 * any(contains(folded, phrase) for phrase in asked.printed)
        if score <= 0:
            continue
        if _holds(line, asked):
            score += 1.0
        if index in headers.values():
            score *= HEADER_FACTOR
        if best is None or score > best.score:
            best = Evidence(start, end, line, round(score, 4))
    return best


def _table_headers(lines: list[str]) -> dict[int, int]:
    """For each row of a table (lines with the same number of " | " cells, a sheet or a Word
    table), the index of its header: the run's first line."""
    headers: dict[int, int] = {}
    header = None
    for index, line in enumerate(lines):
        cells = line.count(" | ")
        if header is not None and cells == lines[header].count(" | "):
            headers[index] = header
        elif cells and index + 1 < len(lines) and lines[index + 1].count(" | ") == cells:
            header = index
        else:
            header = None
    return headers


def _holds(unit: str, asked: _Question) -> bool:
    """Whether a unit holds the kind of thing the question asks for."""
    if asked.wants == "date":
        return bool(_DATE.search(unit) or _CJK_DATE.search(unit) or _MONTH_DATE.search(unit))
    if asked.wants == "name":
        return bool(_NAME.search(unit)) or bool(HAN_CHAR.search(unit))
    return any(
        not q.year and not any(q.matches(a) for a in asked.numbers) for q in quantities(unit)
    )
