"""[n] markers in an answer or a trace, mapped to the passages shown to the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"[\[【]\s*(\d+(?:\s*[,，、;；]\s*\d+)*)\s*[\]】]")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Markers:
    """The passage numbers cited, in order of first appearance, and numbers with no passage."""

    cited: list[int]
    dropped: list[int]


def find_markers(text: str, passages: int) -> Markers:
    """[1], [2][3], [1, 2], 【1】 ... ; a number outside 1..passages is dropped."""
    cited: list[int] = []
    dropped: list[int] = []
    for match in MARKER.finditer(text):
        for number in (int(n) for n in _NUMBER.findall(match.group(1))):
            target = cited if 1 <= number <= passages else dropped
            if number not in target:
                target.append(number)
    return Markers(cited, dropped)


def remove_dropped(text: str, dropped: list[int]) -> str:
    """The text without markers that point at no passage ("[7]" when there are 5)."""
    if not dropped:
        return text

    def keep(match: re.Match[str]) -> str:
        numbers = [n for n in _NUMBER.findall(match.group(1)) if int(n) not in dropped]
        return f"[{', '.join(numbers)}]" if numbers else ""

    return MARKER.sub(keep, text)
