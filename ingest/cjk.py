"""The CJK character ranges, defined once, and the few tests built on them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

# Regex character-class bodies (ranges), to combine inside [...].
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # extension A, unified, compatibility
KANA = "\u3040-\u30ff"  # hiragana and katakana
BOPOMOFO = "\u3100-\u312f"
HANGUL = "\uac00-\ud7af"  # syllables
SYMBOLS = "\u2e80-\u2fff\u3000-\u303f"  # radicals, ideographic description, punctuation
FULL_WIDTH = "\uff00-\uffef"  # full-width Latin and punctuation, half-width kana
CJK = SYMBOLS + KANA + BOPOMOFO + HAN + HANGUL + FULL_WIDTH

# Text in these scripts puts no space between words, so any character is a word boundary.
UNSPACED = HAN + KANA

CJK_CHAR = re.compile(f"[{CJK}]")
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph, kana, bopomofo, hangul or full-width character (CJK text
    joins without a space)."""
    return bool(CJK_CHAR.match(char))


def han_count(text: str) -> int:
    """How many Han characters text holds."""
    return len(HAN_CHAR.findall(text))


@lru_cache(maxsize=1)
def _zhconv() -> Any:
    from zhconv import zhconv

    # Its default loader leaves the dictionary file open; a full path takes the path that
    # closes it.
    zhconv.loaddict(str(Path(zhconv.__file__).with_name("zhcdict.json")))
    return zhconv


@lru_cache(maxsize=4096)
def simplified_run(run: str) -> str:
    """A run of Han characters in Simplified characters (營業收入 -> 营业收入)."""
    return str(_zhconv().convert(run, "zh-cn"))


def simplified(text: str) -> str:
    """text with its Chinese runs folded to Simplified characters."""
    return HAN_RUN.sub(lambda match: simplified_run(match.group()), text)
