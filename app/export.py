"""A conversation as Markdown, with each cited source's file and location."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from app.formatting import format_location


def conversation_markdown(kb_name: str, exchanges: list[Any]) -> str:
    """Questions, answers and their numbered sources (cited ones marked) as Markdown."""
    lines = [f"# Thinkdesk conversation: {kb_name}", ""]
    for exchange in exchanges:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(exchange.created))
        lines += [
            f"## {exchange.question}",
            "",
            f"_{when}_",
            "",
            exchange.answer or "_(no answer)_",
            "",
        ]
        passages = exchange.data.get("passages", [])
        cited = {c["n"] for c in exchange.data.get("citations", [])}
        if passages:
            lines.append("**Sources**")
            lines.append("")
            for number, passage in enumerate(passages, start=1):
                mark = " (cited)" if number in cited else ""
                lines.append(
                    f"- [{number}] {Path(passage['file']).name}, "
                    f"{format_location(passage['location'])}{mark}  \n"
                    f"  `{passage['file']}`"
                )
            lines.append("")
    return "\n".join(lines)
