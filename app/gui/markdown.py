"""Markdown for the chat and reasoning views: [n] markers become clickable cite: links."""

from __future__ import annotations

import html
import re

from app.citations import MARKER
from app.claims import MARKS, Claim


def link_citations(text: str, exchange: int | None = None) -> str:
    """'[1][2, 3]' -> Markdown links to cite:1, cite:2, cite:3 (kept readable as [n]); with an
    exchange, cite:E/n, so a marker in an older answer points at that answer's passages."""
    prefix = "" if exchange is None else f"{exchange}/"

    def links(match: re.Match[str]) -> str:
        numbers = re.findall(r"\d+", match.group(1))
        return "".join(f"[\\[{n}\\]](cite:{prefix}{n})" for n in numbers)

    return MARKER.sub(links, text)


def escape_markdown(text: str) -> str:
    """Plain text shown literally inside Markdown (a question typed by the user)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>])", r"\\\1", text)


def highlight(text: str, terms: list[str]) -> str:
    """HTML of text with each term (case-insensitive) in bold on a yellow background; terms
    are matched in the plain text, so HTML entities are never cut."""
    wanted = sorted({t for t in terms if len(t) >= 2}, key=len, reverse=True)
    if not wanted:
        return html.escape(text).replace("\n", "<br>")
    pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f"<b style='background:#fff3a0'>{html.escape(match.group(0))}</b>")
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts).replace("\n", "<br>")


# Background colours of the spans a card shows: the evidence found for the question, and the
# part of a passage that a clicked sentence of the answer rests on.
EVIDENCE_STYLE = "background:#d4f5d0"
CLAIM_STYLE = "background:#cfe3ff; border-bottom:2px solid #3273dc"


def highlight_spans(text: str, terms: list[str], spans: list[tuple[int, int, str]]) -> str:
    """HTML of text with the spans (start, end, CSS style) shaded and, inside and outside
    them, the terms highlighted as highlight() does; overlapping spans: the later one wins."""
    if not spans:
        return highlight(text, terms)
    styles: list[str | None] = [None] * len(text)
    for start, end, shade in spans:
        for i in range(max(0, start), min(len(text), end)):
            styles[i] = shade
    parts, position = [], 0
    while position < len(text):
        style = styles[position]
        end = position
        while end < len(text) and styles[end] == style:
            end += 1
        piece = highlight(text[position:end], terms)
        parts.append(f"<span style='{style}'>{piece}</span>" if style else piece)
        position = end
    return "".join(parts)


def mark_claims(text: str, claims: list[Claim], exchange: int) -> str:
    """The answer with a mark after each sentence that states something (✓ supported, ◐ partly,
    ✗ unsupported, ? cites nothing), each a claim:E/i link to its check."""
    out = text
    for index in range(len(claims) - 1, -1, -1):
        claim = claims[index]
        if not claim.claims_something and not claim.cited:
            continue
        mark = f" [{MARKS.get(claim.status, '?')}](claim:{exchange}/{index})"
        out = out[: claim.end] + mark + out[claim.end :]
    return out
