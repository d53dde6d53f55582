"""Model families from GGUF metadata (never the file name) and their sampling presets."""

import pytest

from models.backend import SamplingParams
from models.discovery import LLMInfo
from models.presets import family, sampling, uses_system_prompt


def info(name: str, chat_template: str = "", path: str = "/models/model.gguf") -> LLMInfo:
    return LLMInfo(name, path, 1, "Q4_K_M", 4096, False, "file", chat_template=chat_template)


@pytest.mark.parametrize(
    "name",
    [
        "DeepSeek-R1-Distill-Qwen-1.5B",
        "deepseek_r1 7b",
        "DeepSeek R1",
        "Qwen2.5 R1 Distill 14B",
        "llama-r1_distill",
    ],
)
def test_an_r1_distill_is_known_by_its_name(name):
    assert family(info(name)) == "r1"


def test_an_r1_distill_is_known_by_a_chat_template_that_opens_a_think_block():
    template = "{{ bos_token }}{% for m in messages %}...{% endfor %}<｜Assistant｜><think>\n"
    assert family(info("Custom fine-tune", template)) == "r1"


@pytest.mark.parametrize("name", ["SmolLM2-135M-Instruct", "Qwen2.5-7B-Instruct", "Mistral R10"])
def test_other_models_are_the_default_family(name):
    assert family(info(name, "{% for m in messages %}{{ m['content'] }}{% endfor %}")) == "default"


def test_the_file_name_does_not_decide_the_family():
    assert family(info("SmolLM2-135M-Instruct", path="/m/DeepSeek-R1-Distill.gguf")) == "default"


def test_r1_samples_as_its_model_card_says_and_others_stay_close_to_the_sources():
    r1, default = sampling("r1"), sampling("default")
    assert (r1.temperature, r1.top_p, r1.repeat_penalty) == (0.6, 0.95, 1.0)
    assert (default.temperature, default.top_p, default.repeat_penalty) == (0.2, 0.9, 1.1)
    assert r1.max_answer_tokens > default.max_answer_tokens  # the trace needs room


@pytest.mark.parametrize("name", ["r1", "default"])
@pytest.mark.parametrize("temperature", [0.0, 1.3])
def test_a_chosen_temperature_replaces_only_the_temperature(name, temperature):
    preset = sampling(name)
    chosen = sampling(name, temperature)
    assert chosen.temperature == temperature  # 0.0 too: greedy is a real choice
    assert chosen == SamplingParams(
        temperature,
        preset.top_p,
        preset.top_k,
        preset.repeat_penalty,
        preset.max_answer_tokens,
        preset.seed,
    )


def test_no_temperature_keeps_the_preset():
    assert sampling("r1", None) == sampling("r1")


def test_only_r1_distills_go_without_a_system_prompt():
    assert uses_system_prompt("r1") is False
    assert uses_system_prompt("default") is True


def test_the_thinking_budget_preset_bounds_a_trace_for_a_model_that_does_not_think():
    from models.budget import Budget
    from models.presets import OPENED_TRACE_TOKENS, thinking_budget

    assert thinking_budget("default", Budget()) == Budget(0, OPENED_TRACE_TOKENS)
    assert thinking_budget("default", Budget(), opened_trace=False) == Budget()  # a server
    assert thinking_budget("r1", Budget()) == Budget()  # an R1 distill thinks as it needs
    assert thinking_budget("default", Budget(0, 0)) == Budget(0, 0)  # asked for no trace
    assert thinking_budget("default", Budget(48)).cap == 304  # a minimum's own cap
    assert thinking_budget("r1", Budget(8, 24)) == Budget(8, 24)
