"""Toneless pinyin of a Chinese name, as the words an English question's romanisation uses.

An English question names a Chinese company by its romanisation ("Hongda Precision" for
宏達精密, "Huadong New Energy" for 华东新能源), and no dictionary holds every company's. The
pinyin of the name the report's cover states, put in its title, lets "hongda" match. Where
the words of a Chinese name start and end is unknown, so each two adjacent syllables are
joined: "hongda dajing jingmi" (a romanised name is two syllables as often as not: Hongda,
Huadong, Lianhua). The whole name joined too ("hongdajingmi") measured worse: the title is
cut to 32 tokens, and the longer line crowds out the Chinese first line after it
(bench/RESULTS.md, "Cross-language retrieval")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest.cjk import HAN_RUN, simplified_run

MAX_SYLLABLES = 6  # a name's first six characters: five pairs, about 14 of the title's 32 tokens
# The company form ends a name: "华东新能源股份有限公司2024年年度报告" names 华东新能源.
_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司|股份公司|集团|控股|公司")


def romanised(text: str) -> str:
    """The pinyin words of the first Chinese name in text (a run of two or more Han
    characters, Simplified or Traditional, before its company form), each two adjacent
    syllables joined ("宏達精密" -> "hongda dajing jingmi"); "" when text holds no name."""
    found = syllables(name(text))
    return " ".join(a + b for a, b in zip(found, found[1:], strict=False))


def name(text: str) -> str:
    """The first run of two or more Han characters in text, in Simplified characters (the
    pinyin dictionary reads 長江 right only as 长江), cut before its company form and to
    MAX_SYLLABLES characters; "" when there is none or the run is only a form ("公司")."""
    for match in HAN_RUN.finditer(text):
        run = match.group()
        if len(run) < 2:
            continue
        run = _FORM.split(simplified_run(run), maxsplit=1)[0]
        return run[:MAX_SYLLABLES] if len(run) >= 2 else ""
    return ""


def syllables(han: str) -> list[str]:
    """Toneless pinyin syllables of Han text, ü written u as English does ("lu" for 绿);
    characters the dictionary lacks are left out."""
    if not han:
        return []
    read = _pypinyin().lazy_pinyin(han, errors="ignore")
    return [s.lower().replace("v", "u") for s in read if s.isascii() and s.isalpha()]


@lru_cache(maxsize=1)
def _pypinyin() -> Any:
    import pypinyin  # its dictionaries take 0.1 s to load: only when a title needs them

    return pypinyin
