"""Model families read from GGUF metadata (never the file name) and their sampling presets."""

from __future__ import annotations

import re

from models.backend import SamplingParams
from models.budget import Budget
from models.discovery import LLMInfo

# Thinking tokens a model without a reasoning trace of its own gets by default: enough for a
# visible trace of a few sentences, little enough that the answer still comes (on SmolLM2-135M
# a longer trace mostly wanders off the sources).
OPENED_TRACE_TOKENS = 160

_R1_NAME = re.compile(r"deepseek[-_ ]?r1|r1[-_ ]distill", re.IGNORECASE)


def family(info: LLMInfo) -> str:
    """ "r1" for DeepSeek-R1 distills (name or a chat template that opens <think>), else
    "default"."""
    if _R1_NAME.search(info.name) or "<think>" in info.chat_template:
        return "r1"
    return "default"


def sampling(family_name: str, temperature: float | None = None) -> SamplingParams:
    """DeepSeek-R1 distills: temperature 0.6, top-p 0.95 (their model card); others: a low
    temperature for answers that stay close to the sources."""
    if family_name == "r1":
        preset = SamplingParams(
            temperature=0.6, top_p=0.95, repeat_penalty=1.0, max_answer_tokens=1024
        )
    else:
        preset = SamplingParams(
            temperature=0.2, top_p=0.9, repeat_penalty=1.1, max_answer_tokens=256
        )
    if temperature is None:
        return preset
    return SamplingParams(
        temperature,
        preset.top_p,
        preset.top_k,
        preset.repeat_penalty,
        preset.max_answer_tokens,
        preset.seed,
    )


def thinking_budget(family_name: str, budget: Budget, opened_trace: bool = True) -> Budget:
    """The budget a question runs under, max_thinking None meaning the model's preset: an R1
    distill thinks as long as it needs; a model that does not think by itself gets a trace
    opened for it, OPENED_TRACE_TOKENS long at most, where the backend can open one
    (opened_trace). A minimum without a maximum keeps the cap it implies (Budget.cap)."""
    if budget.max_thinking is not None or budget.min_thinking > 0 or family_name == "r1":
        return budget
    return Budget(0, OPENED_TRACE_TOKENS) if opened_trace else budget


def uses_system_prompt(family_name: str) -> bool:
    """R1 distills take no system prompt: the instructions go in the user turn."""
    return family_name != "r1"
