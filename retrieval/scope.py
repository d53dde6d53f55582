"""Which documents a question points at, from their titles (the file name and the identity
the first pages state: company, form, period) before any passage is read.

A library of filings holds the same line items for every company and year, so "Adobe's FY2017
operating cash flow" must first find Adobe's FY2017 filing. Each title word the question names
counts by how rare it is among the knowledge base's titles (a company's name counts more than
"10-K", which every annual report has); the prior is that sum relative to the best document's."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from retrieval.finance import read
from retrieval.keywords import STOPWORDS, tokens

# Words every filing's title may hold: they say nothing about which company it is.
_GENERIC = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "company",
        "co",
        "ltd",
        "limited",
        "plc",
        "llc",
        "lp",
        "holdings",
        "holding",
        "group",
        "the",
        "and",
        "of",
        "a",
        "an",
        "fiscal",
        "year",
        "years",
        "ended",
        "ending",
        "quarter",
        "quarterly",
        "period",
        "form",
        "report",
        "annual",
        "results",
        "full",
        "dated",
        "united",
        "states",
        "securities",
        "exchange",
        "commission",
        "washington",
        "dc",
        "d",
        "c",
        "pdf",
        "download",
        "month",
        "months",
        "three",
        "six",
        "nine",
        "twelve",
        "december",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "first",
        "second",
        "third",
        "fourth",
        "fy",
    ]
)
_PARTS = re.compile(r"q[1-4](?!\d)|[a-z]+|\d+")
_AMPERSAND_NAME = re.compile(r"\b([A-Za-z])[\w.'-]*\s*&\s*([A-Za-z])[\w.'-]*")
_INITIALS = re.compile(r"(?<![\w&])([A-Za-z])\s?(?:&|n)\s?([A-Za-z])(?![\w&])")
_PERIOD = re.compile(r"(?:fy)?(?:19|20)\d\d(?:q[1-4])?|q[1-4]|(?:10k|10q|8k|20f|6k)|d\d{8}")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z]*")
_COMMON = 0.25  # the weight of a title word the question writes as a common word
_FISCAL_LABEL = re.compile(r"\bFY(?:19|20)\d\d\b")
_FORM = re.compile(r"(?<![\w-])(10|8|20|6)\s?-?\s?(k|q|f)(?![\w-])", re.IGNORECASE)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {m: n for n, m in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH = "|".join(_MONTHS)
_DATES = (  # "July 1, 2022"; "1st July 2022"; "2022-07-01"
    re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I),
    re.compile(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+((?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"),
)
_PERIOD_SHARE = 0.4  # a document of the right company but another period keeps 0.6
_PREFIX = 3  # "JPM" names JPMorgan, "MGM" MGM Resorts: a prefix this long counts half


@dataclass(frozen=True)
class Titles:
    """The knowledge base's document titles as word sets, with each word's rarity."""

    words: dict[int, frozenset[str]]  # document id -> its title words
    idf: dict[str, float]

    @classmethod
    def of(cls, titles: dict[int, str]) -> Titles:
        """The titles' words and rarities (kept while the titles stay the same: every search
        asks, and the library seldom changes between two)."""
        return _titles(tuple(titles.items()))


@lru_cache(maxsize=8)
def _titles(items: tuple[tuple[int, str], ...]) -> Titles:
    words = {doc: frozenset(title_words(title)) for doc, title in items}
    counts = Counter(w for ws in words.values() for w in ws)
    n = max(1, len(words))
    idf = {w: math.log(1 + n / c) for w, c in counts.items()}
    return Titles(words, idf)


def title_words(title: str) -> set[str]:
    """A title's distinctive words: its tokens, their letter and digit parts ("2023q2" gives
    2023 and q2 too), and initials of an ampersand name ("Johnson & Johnson": jnj)."""
    out: set[str] = set()
    # "fiscal year ended January 1, 2023 FY2022": the year named is the FY, not the date's
    named = "\n".join(
        _DATES[0].sub(" ", line) if _FISCAL_LABEL.search(line) else line
        for line in title.split("\n")
    )
    for token in tokens(named, bigrams=False):
        out.add(token)
        parts = _PARTS.findall(token)
        if len(parts) > 1:
            out.update(parts)
    for first, second in _AMPERSAND_NAME.findall(title):
        out.add(f"{first}n{second}".lower())
    out.update(forms_and_dates(title))
    return {w for w in out if _distinctive(w)}


def forms_and_dates(text: str) -> set[str]:
    """The SEC forms a text names ("8-K", "8k": 8k) and its dates as d20220701 ("July 1,
    2022", "1st July 2022", "2022-07-01"): an 8-K is known by its date."""
    found = {f"{number}{letter}".lower() for number, letter in _FORM.findall(text)}
    for pattern in _DATES:
        for match in pattern.findall(text):
            if pattern is _DATES[0]:
                month, day, year = _MONTHS[match[0].lower()], int(match[1]), match[2]
            elif pattern is _DATES[1]:
                day, month, year = int(match[0]), _MONTHS[match[1].lower()], match[2]
            else:
                year, month, day = match[0], int(match[1]), int(match[2])
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.add(f"d{year}{month:02d}{day:02d}")
    return found


def _distinctive(word: str) -> bool:
    return (
        len(word) > 1
        and word not in _GENERIC
        and word not in STOPWORDS
        and not (word.isdigit() and len(word) < 4)
    )


def question_words(question: str) -> set[str]:
    """The question's words as title words are counted, with adjacent pairs joined
    ("Activision Blizzard" names "ACTIVISIONBLIZZARD") and the fiscal years it names."""
    found = tokens(question, bigrams=False)
    words = set(found) | {a + b for a, b in zip(found, found[1:], strict=False)}
    for token in found:
        words.update(_PARTS.findall(token))
    words.update(f"{a}n{b}".lower() for a, b in _INITIALS.findall(question))
    words.update(forms_and_dates(question))
    reading = read(question)
    for year in reading.years:
        words.update((str(year), f"fy{year}"))
    if reading.quarter:
        words.add(f"q{reading.quarter}")
    return {w for w in words if _distinctive(w)}


def common_words(question: str) -> set[str]:
    """The words a question writes only in lower case, when it capitalises names elsewhere:
    "international sales" is not MGM Resorts International (empty for an all lower-case
    question, which may write its names so too)."""
    words = _LATIN_WORD.findall(question)
    capitalised = {w.lower() for w in words if not w.islower()}
    if len(capitalised) < 2:  # the first word alone says nothing about the writer's habit
        return set()
    return {w.lower() for w in words if w.lower() not in capitalised}


def document_prior(question: str, titles: Titles) -> dict[int, float]:
    """Each document's prior in [0, 1]: how well the question names its company (rarity-
    weighted title words, relative to the best document; a word the question writes in lower
    case among capitalised names counts less), scaled down where the periods it names are
    not the document's; empty when the question names no document's company."""
    asked = question_words(question)
    common = common_words(question)
    prefixes = {w for w in asked if len(w) >= _PREFIX and w.isalpha()}
    names: dict[int, float] = {}
    periods: dict[int, float] = {}
    for doc, words in titles.words.items():
        name = period = 0.0
        for word in words:
            weight = titles.idf[word]
            if word in asked:
                if _PERIOD.fullmatch(word):
                    period += weight
                else:
                    name += weight * (_COMMON if word in common else 1.0)
            elif word.isalpha() and any(word.startswith(p) for p in prefixes):
                name += weight / 2
        if name:
            names[doc] = name
            periods[doc] = period
    best_name = max(names.values(), default=0.0)
    best_period = max(periods.values(), default=0.0)
    if not best_period:  # no period named (or none of these documents'): the name decides
        return {doc: name / best_name for doc, name in names.items()}
    return {
        doc: name / best_name * (1 - _PERIOD_SHARE + _PERIOD_SHARE * periods[doc] / best_period)
        for doc, name in names.items()
    }


def top_documents(prior: dict[int, float], floor: float, limit: int) -> list[int]:
    """The documents with a prior of at least floor, best first, at most limit of them."""
    chosen = sorted((d for d, p in prior.items() if p >= floor), key=lambda d: -prior[d])
    return chosen[:limit]
