"""Keyword tokens for SQLite FTS5 that work for Chinese and English, and safe MATCH queries.

FTS5's own tokenizers do not segment Chinese, so text is tokenized here (Chinese folded to
Simplified characters, then jieba words plus character bigrams, which also catch words missing
from jieba's dictionary; lower-cased words and numbers otherwise) and stored as space-separated
tokens. User text never reaches MATCH raw: each token is quoted and OR-ed.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.cjk import HAN_RUN, simplified_run

_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)
STOPWORDS = frozenset(
    [
        "a",
        "s",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "did",
        "does",
        "do",
        "than",
        "that",
        "this",
        "these",
        "those",
        "的",
        "了",
        "是",
        "在",
        "和",
        "与",
        "及",
        "或",
        "吗",
        "呢",
        "什么",
        "多少",
        "哪些",
        "哪个",
        "如何",
        "为什么",
        "怎么",
    ]
)


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    # jieba prints to stderr through a handler of its own. Its one error is a failed write of
    # its dictionary cache (a full disk), which it survives: it only loads slower next time.
    jieba.setLogLevel(logging.CRITICAL)
    jieba.initialize()
    return jieba


def tokens(text: str, bigrams: bool = True, words: bool = True, fold: bool = True) -> list[str]:
    """Lower-cased search tokens of text: words and numbers, jieba words and CJK bigrams;
    fold: Traditional characters become Simplified (營業收入 and 营业收入 match)."""
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    position = 0
    for match in HAN_RUN.finditer(text):
        out.extend(_latin_tokens(text[position : match.start()]))
        run = simplified_run(match.group()) if fold else match.group()
        out.extend(_cjk_tokens(run, bigrams, words))
        position = match.end()
    out.extend(_latin_tokens(text[position:]))
    return out


def _latin_tokens(text: str) -> Iterator[str]:
    for match in _WORD.finditer(text):
        word = match.group()
        yield word
        if "," in word:  # 1,234,567 also matches 1234567
            yield word.replace(",", "")


def _cjk_tokens(run: str, bigrams: bool, words: bool) -> Iterator[str]:
    if words:
        known = _cut_ahead().get(run)
        yield from known if known is not None else (w for w in _jieba().cut(run) if w.strip())
    if bigrams:
        yield from (run[i : i + 2] for i in range(len(run) - 1))
    if len(run) == 1:
        yield run


CUTS = Path(__file__).with_name("lexicon_cuts.tsv")


@lru_cache(maxsize=1)
def _cut_ahead() -> dict[str, tuple[str, ...]]:
    """jieba's words for each Chinese term of the lexicon, cut ahead (lexicon_cuts.tsv): an
    English question's translations are tokenised without loading jieba's dictionary, half a
    second of every fresh `thinkdesk search`. tests/unit/retrieval/test_keywords.py checks
    the file against jieba; `python -m retrieval.keywords` writes it again."""
    try:
        lines = CUTS.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return {run: tuple(cut.split(" ")) for run, _, cut in (ln.partition("\t") for ln in lines)}


def cuts_of_lexicon() -> dict[str, tuple[str, ...]]:
    """What lexicon_cuts.tsv should hold: each Han run of each Chinese lexicon term, as
    tokens() meets it, with jieba's words for it."""
    from retrieval.lexicon import load

    cuts: dict[str, tuple[str, ...]] = {}
    for term in sorted({t for terms in load().english.values() for t in terms}):
        text = unicodedata.normalize("NFKC", term).lower()
        for match in HAN_RUN.finditer(text):
            run = simplified_run(match.group())
            cuts[run] = tuple(w for w in _jieba().cut(run) if w.strip())
    return cuts


def index_text(text: str) -> str:
    """The token string stored in the FTS5 table for a chunk."""
    return " ".join(tokens(text))


def match_query(question: str) -> str | None:
    """An FTS5 MATCH expression for a question: every distinct token quoted, OR-ed; None when
    the question has no searchable token. Stop words are dropped unless nothing else is left."""
    found = list(dict.fromkeys(tokens(question)))
    meaningful = [t for t in found if t not in STOPWORDS] or found
    if not meaningful:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in meaningful)


if __name__ == "__main__":
    CUTS.write_text(
        "".join(f"{run}\t{' '.join(cut)}\n" for run, cut in sorted(cuts_of_lexicon().items())),
        encoding="utf-8",
    )
