"""Instruction templates per language and model family, over plain strings; the app fills
in the numbered passages and the question."""

from __future__ import annotations

INSTRUCTIONS = {
    "en": (
        "Answer the question using only the numbered sources below. After each statement, cite "
        "the source it comes from by its number in square brackets, like [1] or [2][3]. If the "
        "sources do not contain the answer, say that they do not. Answer in English, briefly."
    ),
    "zh": (
        "请只根据下面编号的资料回答问题。每句话后用方括号注明所依据资料的编号，例如[1]或[2][3]。"
        "如果资料中没有答案，请直接说明资料中没有。请用中文简要回答。"
    ),
}

# A model that does not think by itself is asked for a short trace in plain words: the
# prompt ends with TRACE_OPEN, and the model (or the thinking cap) ends the trace with
# TRACE_CLOSE, which the splitter takes for its </think> (models/budget.py).
TRACE_OPEN = {"en": "Reasoning:", "zh": "推理："}
TRACE_CLOSE = {"en": "Answer:", "zh": "答案："}
TRACE_INSTRUCTION = {
    "en": (
        'First reason step by step after "Reasoning:", in at most {words} words; then write '
        '"Answer:" and the answer.'
    ),
    "zh": "先在“推理：”后逐步推理，不超过{words}字；然后写“答案：”和答案。",
}
SOURCES_HEADING = {"en": "Sources:", "zh": "资料："}
QUESTION_HEADING = {"en": "Question:", "zh": "问题："}


def passage_block(number: int, label: str, text: str) -> str:
    """One numbered source as the model sees it: "[3] report.pdf, page 4" and its text."""
    return f"[{number}] {label}\n{text.strip()}\n"


def user_turn(language: str, sources: list[str], question: str, family: str) -> str:
    """The user message: for R1 distills the instructions come first here (they take no system
    prompt); for other models the instructions are in the system prompt."""
    lang = language if language in INSTRUCTIONS else "en"
    parts = [INSTRUCTIONS[lang]] if family == "r1" else []
    parts.append(SOURCES_HEADING[lang] + "\n" + "\n".join(sources))
    parts.append(f"{QUESTION_HEADING[lang]} {question.strip()}")
    return "\n\n".join(parts)


def system_prompt(language: str, family: str, trace_words: int | None = None) -> str | None:
    """The system prompt, or None for families that must not get one (R1 distills);
    trace_words: the model is asked for a trace of at most that many words first."""
    if family == "r1":
        return None
    lang = _language(language)
    if trace_words is None:
        return INSTRUCTIONS[lang]
    return INSTRUCTIONS[lang] + " " + TRACE_INSTRUCTION[lang].format(words=trace_words)


def trace_markers(language: str) -> tuple[str, str]:
    """What opens and what ends a prompted trace in this language."""
    lang = _language(language)
    return TRACE_OPEN[lang], TRACE_CLOSE[lang]


def _language(language: str) -> str:
    return language if language in INSTRUCTIONS else "en"
