"""The real bundled GGUF through llama-cpp-python: prefill with progress, prefix reuse,
budget forcing on a real trace, R1 presets from metadata, clear errors for bad models."""

from __future__ import annotations

import subprocess
import sys

import pytest

from models import llama_backend
from models.backend import SamplingParams
from models.budget import Budget, BudgetedGeneration
from models.discovery import ModelError, bundled_llm_path, gguf_info
from models.llama_backend import LlamaCppBackend
from models.presets import family, sampling

R1_TEMPLATE = (
    "{% for m in messages %}{% if m['role'] == 'user' %}<｜User｜>{{ m['content'] }}"
    "{% endif %}{% endfor %}{% if add_generation_prompt %}<｜Assistant｜><think>\n{% endif %}"
)


@pytest.fixture(scope="module")
def backend():
    return LlamaCppBackend(bundled_llm_path(), n_ctx=2048, n_threads=2)


def test_prefill_reports_progress_and_reuses_the_cached_prefix(backend):
    prompt = backend.tokenize(backend.chat_prompt("Name three colours. " * 20, "Be brief."))
    first = backend.start(prompt, SamplingParams())
    steps = list(first.prefill())
    total = len(first.prompt)  # with a BOS token when the model asks for one
    assert steps[-1] == (total, total)
    assert len(steps) > 1 and all(a[0] < b[0] for a, b in zip(steps, steps[1:], strict=False))
    again = backend.start(prompt, SamplingParams())
    list(again.prefill())
    assert again.reused == total - 1  # all but the last token came from the cache


def test_a_forced_trace_is_capped_and_the_answer_phase_starts(backend):
    prompt = backend.chat_prompt("What is the capital of France?", "Think, then answer.")
    tokens = backend.tokenize(prompt + "<think>\n")
    generation = backend.start(tokens, SamplingParams(max_answer_tokens=24))
    list(generation.prefill())
    controller = BudgetedGeneration(
        backend,
        generation,
        SamplingParams(max_answer_tokens=24),
        Budget(min_thinking=8, max_thinking=32),
        thinking_open=True,
    )
    deltas = list(controller.run())
    reasoning = "".join(d.text for d in deltas if d.kind == "thinking")
    answer = "".join(d.text for d in deltas if d.kind == "answer")
    assert reasoning.strip() and answer.strip()
    assert 8 <= controller.counts.reasoning_tokens <= 35
    assert "</think>" not in answer and "<think>" not in answer


def test_family_and_presets_come_from_metadata_not_the_file_name(tmp_path):
    copy = tmp_path / "renamed-smollm.gguf"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gguf.scripts.gguf_new_metadata",
            str(bundled_llm_path()),
            str(copy),
            "--general-name",
            "DeepSeek-R1-Distill-Qwen-1.5B",
            "--chat-template",
            R1_TEMPLATE,
            "--force",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    info = gguf_info(copy)
    assert family(info) == "r1" and family(gguf_info(bundled_llm_path())) == "default"
    assert (sampling("r1").temperature, sampling("r1").top_p) == (0.6, 0.95)
    r1 = LlamaCppBackend(copy, n_ctx=1024, n_threads=2)
    assert r1.family == "r1"
    assert r1.chat_prompt("hi").endswith("<｜Assistant｜><think>\n")


def test_bad_model_files_give_clear_errors(tmp_path, monkeypatch):
    with pytest.raises(ModelError, match="not found"):
        LlamaCppBackend(tmp_path / "missing.gguf")
    fake = tmp_path / "notes.gguf"
    fake.write_text("not a model")
    with pytest.raises(ModelError, match="not a GGUF"):
        LlamaCppBackend(fake)
    monkeypatch.setattr(llama_backend, "memory_available", lambda: 50 * 2**20)
    with pytest.raises(ModelError, match="needs about .* GB of memory"):
        LlamaCppBackend(bundled_llm_path(), n_ctx=8192)


def test_chinese_streams_whole_characters_through_the_real_model(backend):
    """Token pieces that split a character's UTF-8 bytes are held until the character is
    whole: no U+FFFD in any delta, of the answer or of a trace, and the deltas add up."""
    ask = "请把这句话重复一遍：营业收入增长百分之十八，净利润为十二亿元。"
    params = SamplingParams(max_answer_tokens=48, temperature=0.0)
    for thinking in (False, True):
        prompt = backend.chat_prompt(ask, "用中文回答。") + ("<think>\n" if thinking else "")
        generation = backend.start(backend.tokenize(prompt), params)
        list(generation.prefill())
        budget = Budget(max_thinking=24) if thinking else Budget()
        recording = _Pieces(backend)
        controller = BudgetedGeneration(recording, generation, params, budget, thinking)
        deltas = list(controller.run())
        assert deltas and all("\ufffd" not in d.text for d in deltas)
        text = "".join(d.text for d in deltas)
        assert sum(ch >= "\u4e00" for ch in text) >= 5, text  # it did write Chinese
        split = [p for p in recording.pieces if not _whole_utf8(p)]
        assert split, "no token split a character: the case was not exercised"


class _Pieces:
    """The backend, recording the bytes of every token the generation decodes."""

    def __init__(self, backend):
        self.backend = backend
        self.pieces: list[bytes] = []

    def __getattr__(self, name):
        return getattr(self.backend, name)

    def token_bytes(self, token: int) -> bytes:
        piece = self.backend.token_bytes(token)
        self.pieces.append(piece)
        return piece


def _whole_utf8(piece: bytes) -> bool:
    try:
        piece.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
