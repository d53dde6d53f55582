"""Markdown for the chat and reasoning views: [n] markers become clickable cite: links."""

from __future__ import annotations

import html
import re

from app.citations import MARKER


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
