"""Markdown for the chat and reasoning views: [n] markers become clickable cite: links."""

from __future__ import annotations

import html
import re

_MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")


def link_citations(text: str) -> str:
    """'[1][2, 3]' -> Markdown links to cite:1, cite:2, cite:3 (kept readable as [n])."""

    def links(match: re.Match[str]) -> str:
        numbers = re.findall(r"\d+", match.group(1))
        return "".join(f"[\\[{n}\\]](cite:{n})" for n in numbers)

    return _MARKER.sub(links, text)


def escape_markdown(text: str) -> str:
    """Plain text shown literally inside Markdown (a question typed by the user)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>])", r"\\\1", text)


def highlight(text: str, terms: list[str]) -> str:
    """HTML of text with each term (case-insensitive) in bold on a yellow background."""
    escaped = html.escape(text)
    for term in sorted({t for t in terms if len(t) >= 2}, key=len, reverse=True):
        pattern = re.compile(re.escape(html.escape(term)), re.IGNORECASE)
        escaped = pattern.sub(lambda m: f"<b style='background:#fff3a0'>{m.group(0)}</b>", escaped)
    return escaped.replace("\n", "<br>")
