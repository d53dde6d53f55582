"""A Chinese-English finance lexicon: the other language's words for the terms of a question.

The English embedder cannot carry a question across languages, so the keyword search is given
the other language's words instead: "Nvidia's stock fell" also asks for 英伟达, 股价 and 下跌,
and 營業利益率 also asks for "operating margin". The lexicon (lexicon_zh_en.tsv beside this
module) holds one concept per line, its English terms and its Chinese terms. English terms are
matched as whole words, case-insensitively, with plurals and possessives folded; Chinese terms
on the question folded to Simplified, as the keyword index folds it. At each place of the
question the longest term wins ("operating cash flow" over "cash flow").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.cjk import HAN_CHAR, simplified

LEXICON = Path(__file__).with_name("lexicon_zh_en.tsv")

_POSSESSIVE = re.compile(r"['’]s\b")
_ENGLISH_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE_END = re.compile(r"[,;:!?()\[\]\"“”，；：！？（）。]|\.(?:\s|$)")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Both directions of the lexicon, keyed the way questions are read.

    english: an English term as its normalised words -> the Chinese terms (Simplified);
    chinese: a Chinese term (Simplified) -> the English terms. longest_english and
    chinese_lengths are the term lengths tried at each place of a question, longest first."""

    english: dict[Phrase, tuple[str, ...]]
    chinese: dict[str, tuple[str, ...]]
    longest_english: int
    chinese_lengths: tuple[int, ...]

    def from_english(self, text: str) -> list[str]:
        """The Chinese terms for the English terms in text, in the order they occur."""
        found: list[str] = []
        lengths = range(self.longest_english, 0, -1)
        for clause in _CLAUSE_END.split(text):  # a phrase does not run across "stock, price"
            words = english_words(clause)
            found += _longest_first(words, lengths, lambda run: self.english.get(tuple(run)))
        return found

    def from_chinese(self, text: str) -> list[str]:
        """The English terms for the Chinese terms in text, in the order they occur."""
        return _longest_first(fold(text), self.chinese_lengths, self.chinese.get)


def _longest_first(
    sequence: Sequence[Any], lengths: Iterable[int], lookup: Callable[[Any], Sequence[str] | None]
) -> list[str]:
    """The terms of the longest known run at each place, left to right (lengths longest
    first): "operating cash flow" wins over "cash flow"."""
    found: list[str] = []
    lengths = list(lengths)
    i = 0
    while i < len(sequence):
        for n in lengths:
            terms = lookup(sequence[i : i + n]) if n <= len(sequence) - i else None
            if terms:
                found.extend(terms)
                i += n
                break
        else:
            i += 1
    return found


def fold(text: str) -> str:
    """text as the keyword index reads it: NFKC-normalised, lower-cased, Simplified."""
    text = unicodedata.normalize("NFKC", text).lower()
    return simplified(text)


def english_words(text: str) -> list[str]:
    """The normalised words of text's Latin script: lower-cased, possessive "'s" dropped, a
    plural's "s" dropped ("Nvidia's margins" -> nvidia, margin)."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", text).lower())
    return [_singular(word) for word in _ENGLISH_WORD.findall(text)]


def _singular(word: str) -> str:
    # Crude, but the same rule reads the lexicon and the question, so both sides agree.
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def parse(lines: Iterable[str]) -> Lexicon:
    """A Lexicon from the lines of a lexicon file: "english|terms<TAB>中文|词语", "#" comments.
    A term shared by several lines gathers all their translations."""
    english: dict[Phrase, list[str]] = {}
    chinese: dict[str, list[str]] = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        en_terms, zh_terms = _fields(line, number)
        for term in en_terms:
            english.setdefault(tuple(english_words(term)), []).extend(zh_terms)
        # The words of an English term are OR-ed as keywords, so a Chinese term brings only
        # the line's first English term and its one-word synonyms ("top line" would ask for
        # every "top" and every "line").
        brought = en_terms[:1] + [t for t in en_terms[1:] if len(english_words(t)) == 1]
        for term in zh_terms:
            chinese.setdefault(term, []).extend(brought)
    return Lexicon(
        {key: tuple(dict.fromkeys(terms)) for key, terms in english.items()},
        {key: tuple(dict.fromkeys(terms)) for key, terms in chinese.items()},
        max(map(len, english), default=0),
        tuple(sorted({len(term) for term in chinese}, reverse=True)),
    )


def _fields(line: str, number: int) -> tuple[list[str], list[str]]:
    parts = line.split("\t")
    if len(parts) != 2:
        raise ValueError(f"lexicon line {number}: expected english<TAB>chinese: {line!r}")
    en_terms = [t.strip() for t in parts[0].split("|") if t.strip()]
    zh_terms = [fold(t.strip()) for t in parts[1].split("|") if t.strip()]
    for term in en_terms:
        if not english_words(term):
            raise ValueError(f"lexicon line {number}: no English word in {term!r}")
    for term in zh_terms:
        # One character matches inside too many unrelated words to stand for a term.
        if len(term) < 2 or not HAN_CHAR.search(term):
            raise ValueError(f"lexicon line {number}: {term!r} is not a Chinese word")
    if not en_terms or not zh_terms:
        raise ValueError(f"lexicon line {number}: a side is empty: {line!r}")
    return en_terms, zh_terms


@lru_cache(maxsize=4)
def load(path: Path = LEXICON) -> Lexicon:
    """The lexicon in path (by default the one shipped with Thinkdesk), read once."""
    return parse(path.read_text(encoding="utf-8").splitlines())


def translations(question: str, lexicon: Lexicon | None = None) -> list[str]:
    """The other language's terms for the terms question contains, each once, in question
    order: Chinese for its English terms, English for its Chinese terms (either script)."""
    lexicon = lexicon or load()
    found = lexicon.from_english(question) + lexicon.from_chinese(question)
    return list(dict.fromkeys(found))


def expanded_query(question: str, lexicon: Lexicon | None = None) -> str:
    """question followed by its translations: text for retrieval.keywords.match_query."""
    return " ".join([question, *translations(question, lexicon)])
