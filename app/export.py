"""A conversation as Markdown, with each cited source's file and location."""

from __future__ import annotations

import time
from pathlib import Path

from app.formatting import format_location
from app.history import Exchange


def conversation_markdown(kb_name: str, exchanges: list[Exchange]) -> str:
    """Questions, answers and their numbered sources (cited ones marked) as Markdown."""
    lines = [f"# Thinkdesk conversation: {kb_name}", ""]
    for exchange in exchanges:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(exchange.created))
        answer = exchange.answer
        lines += [f"## {exchange.question}", "", f"_{when}_", "", answer.answer or "_(no answer)_"]
        lines.append("")
        if answer.passages:
            lines += ["**Sources**", ""]
            for number, passage in enumerate(answer.passages, start=1):
                mark = " (cited)" if number in answer.cited else ""
                lines.append(
                    f"- [{number}] {Path(passage.file).name}, "
                    f"{format_location(passage.location)}{mark}  \n"
                    f"  `{passage.file}`"
                )
            lines.append("")
    return "\n".join(lines)
