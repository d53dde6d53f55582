"""Model families read from GGUF metadata (never the file name) and their sampling presets."""

from __future__ import annotations

import re

from models.backend import SamplingParams
from models.discovery import LLMInfo

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


def uses_system_prompt(family_name: str) -> bool:
    """R1 distills take no system prompt: the instructions go in the user turn."""
    return family_name != "r1"
