"""A conversation as Markdown, with each cited source's file and location."""

from __future__ import annotations

import time
from pathlib import Path

from app.answer import Answer, Passage
from app.claims import MARKS
from app.formatting import format_location
from app.history import Exchange


def conversation_markdown(kb_name: str, exchanges: list[Exchange]) -> str:
    """Questions, answers with their check, and their numbered sources: the cited ones apart
    from the ones only read."""
    lines = [f"# Thinkdesk conversation: {kb_name}", ""]
    for exchange in exchanges:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(exchange.created))
        answer = exchange.answer
        lines += [f"## {exchange.question}", "", f"_{when}_", "", answer.answer or "_(no answer)_"]
        lines.append("")
        lines += _check(answer)
        cited = [n for n in range(1, len(answer.passages) + 1) if n in answer.cited]
        read = [n for n in range(1, len(answer.passages) + 1) if n not in answer.cited]
        for title, numbers in (("Cited sources", cited), ("Read, not cited", read)):
            if numbers:
                lines += [f"**{title}**", ""]
                lines += [_source(n, answer.passages[n - 1]) for n in numbers]
                lines.append("")
    return "\n".join(lines)


def _check(answer: Answer) -> list[str]:
    """The check of the answer's sentences, or the caution when it cites nothing."""
    if not answer.answer:
        return []
    if answer.unsupported:
        return ["_The answer cites no source: check it against the passages read._", ""]
    lines = [f"**Check: {answer.verdict}**", ""]
    for claim in answer.claims():
        if claim.claims_something or claim.cited:
            said = " ".join(claim.text.split())
            missing = f" ({'; '.join(claim.missing)})" if claim.missing else ""
            lines.append(f"- {MARKS[claim.status]} {said}{missing}")
    return [*lines, ""]


def _source(number: int, passage: Passage) -> str:
    return (
        f"- [{number}] {Path(passage.file).name}, {format_location(passage.location)}  \n"
        f"  `{passage.file}`"
    )


def answer_with_sources(answer: Answer) -> str:
    """An answer as plain text to paste elsewhere: the answer, then each passage it cites
    with its file and location (the [n] in the text keep their meaning)."""
    lines = [answer.answer.strip() or "(no answer)"]
    cited = [n for n in range(1, len(answer.passages) + 1) if n in answer.cited]
    if cited:
        lines += ["", "Sources:"]
        for number in cited:
            passage = answer.passages[number - 1]
            lines.append(
                f"[{number}] {Path(passage.file).name}, {format_location(passage.location)}"
                f" ({passage.file})"
            )
    elif answer.answer:
        lines += ["", "(cites no source)"]
    return "\n".join(lines) + "\n"
