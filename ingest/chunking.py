"""Blocks to chunks: budgeted in the embedding model's tokens, sentence-aware, never across
a section (slide, sheet, heading section, table); across a PDF page only to end a sentence."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest import locations
from ingest.blocks import Block, Chunk, Location
from ingest.cjk import UNSPACED, is_cjk
from ingest.text import ends_sentence, split_sentences

TokenCounter = Callable[[str], int]
_PIECES = re.compile(rf"[{UNSPACED}]|\S+\s*|\s+")


@dataclass
class _Unit:
    text: str
    location: Location
    tokens: int
    sep: str  # put before the text when it is not the first unit of a chunk
    prose: bool  # a sentence (may be repeated as overlap), not a table row


def chunk(
    blocks: Iterable[Block],
    count_tokens: TokenCounter,
    max_tokens: int,
    overlap: float = 0.1,
) -> list[Chunk]:
    """Cut blocks into chunks of at most max_tokens tokens as counted by count_tokens.

    count_tokens is the embedding model's own counter (special tokens excluded, so pass the
    model's maximum sequence minus those); overlap is the share of max_tokens repeated from
    the end of one chunk at the start of the next, in whole sentences.
    """
    if max_tokens < 8:
        raise ValueError("max_tokens must be at least 8")
    sections = _group(blocks)
    groups = [_units(section, count_tokens, max_tokens) for section in sections]
    _finish_sentences_across_flow(sections, groups, max_tokens)
    chunks: list[Chunk] = []
    for section, units in zip(sections, groups, strict=True):
        header = section[0].header
        pieces = _pack(units, _budget(header, count_tokens, max_tokens), int(max_tokens * overlap))
        for piece, tokens in _enforce(pieces, header, count_tokens, max_tokens):
            chunks.append(_make_chunk(piece, header, len(chunks), tokens))
        if len(pieces) == 1:  # the whole table fits: no row span needed
            for key in ("row", "row_end"):
                chunks[-1].location.pop(key, None)
    return chunks


def _group(blocks: Iterable[Block]) -> list[list[Block]]:
    sections: list[list[Block]] = []
    for block in blocks:
        if not block.text.strip():
            continue
        if sections and sections[-1][0].section == block.section:
            sections[-1].append(block)
        else:
            sections.append([block])
    return sections


def _budget(header: str | None, count_tokens: TokenCounter, max_tokens: int) -> int:
    if not header:
        return max_tokens
    return max_tokens - count_tokens(header) - 1


def _units(section: list[Block], count_tokens: TokenCounter, max_tokens: int) -> list[_Unit]:
    budget = _budget(section[0].header, count_tokens, max_tokens)
    units: list[_Unit] = []
    for block in section:
        texts = [block.text.strip()] if block.atomic else split_sentences(block.text.strip())
        for i, text in enumerate(texts):
            sep = "\n" if i == 0 else ""
            for j, (part, tokens) in enumerate(_fit(text, count_tokens, budget)):
                units.append(
                    _Unit(part, block.location, tokens, sep if j == 0 else "", not block.atomic)
                )
    return units


def _fit(text: str, count_tokens: TokenCounter, budget: int) -> list[tuple[str, int]]:
    """(text, its tokens) as is when it fits the budget, else its parts cut at word (or CJK
    character) bounds, each with its tokens. A text is counted once where it fits: a sheet's
    200,000 rows are 200,000 calls of the tokenizer, not 400,000."""
    tokens = count_tokens(text)
    if tokens <= budget:
        return [(text, tokens)]
    return [(part, count_tokens(part)) for part in _cut(text, count_tokens, budget)]


def _cut(text: str, count_tokens: TokenCounter, budget: int) -> list[str]:
    parts: list[str] = []
    current, used = "", 0
    for piece in _PIECES.findall(text):
        cost = count_tokens(piece)
        if cost > budget:  # one enormous "word": cut it by characters
            parts.extend(p for p in (current, *_slices(piece, budget)) if p.strip())
            current, used = "", 0
            continue
        if current and used + cost > budget:
            parts.append(current)
            current, used = "", 0
        current += piece
        used += cost
    if current.strip():
        parts.append(current)
    return parts


def _slices(word: str, budget: int) -> list[str]:
    # A character is at most 4 byte-level tokens, so budget // 4 characters always fit.
    size = max(1, budget // 4)
    return [word[i : i + size] for i in range(0, len(word), size)]


def _finish_sentences_across_flow(
    sections: list[list[Block]], groups: list[list[_Unit]], max_tokens: int
) -> None:
    """Move the first sentence of a page onto the previous page when that page ends mid-way."""
    for i in range(len(groups) - 1):
        here, after = groups[i], groups[i + 1]
        if not (sections[i][-1].flow and sections[i + 1][0].flow and here and after):
            continue
        first = after[0]
        if not _continues(here[-1].text, first.text) or not ends_sentence(first.text):
            continue
        if first.tokens > max_tokens // 2:
            continue
        joined = is_cjk(here[-1].text.rstrip()[-1]) and is_cjk(first.text.lstrip()[0])
        here.append(_Unit(first.text, first.location, first.tokens, "" if joined else " ", True))
        here[-2].text = here[-2].text.rstrip()
        after.pop(0)
        if after:
            after[0].sep = ""


def _continues(left: str, right: str) -> bool:
    """Whether the next page's text goes on with the sentence this page leaves open: a page
    that ends with a page number, a heading or a table row, or a next page that starts with
    a capital, is not a sentence running over the page break."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or ends_sentence(left):
        return False
    last, first = left[-1], right[0]
    if is_cjk(last) and is_cjk(first):
        return True  # (a page number or a heading does not end in a CJK character)
    return (last.isalpha() or last in ",;-") and (first.islower() or first.isdigit())


def _pack(units: list[_Unit], budget: int, overlap_tokens: int) -> list[list[_Unit]]:
    pieces: list[list[_Unit]] = []
    current: list[_Unit] = []
    used = 0
    for unit in units:
        if current and used + unit.tokens > budget:
            pieces.append(current)
            current = _overlap(current, overlap_tokens, budget - unit.tokens)
            used = sum(u.tokens for u in current)
        current.append(unit)
        used += unit.tokens
    if current:
        pieces.append(current)
    return pieces


def _overlap(previous: list[_Unit], overlap_tokens: int, room: int) -> list[_Unit]:
    carried: list[_Unit] = []
    used = 0
    for unit in reversed(previous[1:]):
        if not unit.prose or used + unit.tokens > min(overlap_tokens, room):
            break
        carried.insert(0, unit)
        used += unit.tokens
    return carried


def _enforce(
    pieces: list[list[_Unit]], header: str | None, count_tokens: TokenCounter, max_tokens: int
) -> list[tuple[list[_Unit], int]]:
    """Check each piece with the real counter (joins can tokenize differently); split if over.
    Each piece comes with the tokens of its text, counted here once."""
    checked: list[tuple[list[_Unit], int]] = []
    queue = deque(pieces)
    while queue:
        piece = queue.popleft()
        spill: list[_Unit] = []
        tokens = count_tokens(_text(piece, header))
        while len(piece) > 1 and tokens > max_tokens:
            spill.insert(0, piece.pop())
            tokens = count_tokens(_text(piece, header))
        checked.append((piece, tokens))
        if spill:
            queue.appendleft(spill)
    return checked


def _text(units: list[_Unit], header: str | None) -> str:
    body = units[0].text.lstrip() + "".join(u.sep + u.text for u in units[1:])
    return f"{header}\n{body.strip()}" if header else body.strip()


def _make_chunk(units: list[_Unit], header: str | None, index: int, tokens: int) -> Chunk:
    text = _text(units, header)
    location = locations.merge([u.location for u in units])
    return Chunk(text=text, location=location, index=index, tokens=tokens)
