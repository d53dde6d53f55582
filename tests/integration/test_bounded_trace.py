"""The bundled SmolLM2-135M (no reasoning of its own) through llama-cpp-python: by default it
writes a short trace it is asked for, bounded, and then answers; a minimum with no maximum
ends with an answer within the cap it implies (issue 13.4: it wrote 1,788 tokens of "Wait")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakes import HashingEmbedder

from app.assistant import Assistant
from app.events import Done, ThinkingDelta
from app.indexing import ingest
from app.workspace import Workspace
from models.budget import Budget, implied_max
from models.discovery import bundled_llm_path
from models.llama_backend import LlamaCppBackend
from models.presets import OPENED_TRACE_TOKENS

DATA = Path(__file__).parents[1] / "data"
QUESTION = "What gross margin did Acme report for fiscal 2025?"


@pytest.fixture(scope="module")
def backend():
    return LlamaCppBackend(bundled_llm_path(), n_ctx=2048, n_threads=2)


@pytest.fixture
def workspace(thinkdesk_home, tmp_path):
    ws = Workspace(thinkdesk_home)
    ws.use_embedder(HashingEmbedder())  # the model is the real part here
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DATA / "good" / "report_en.pdf", folder / "report_en.pdf")
    ingest(ws, "default", [str(folder)])
    yield ws
    ws.close()


def ask(workspace, backend, budget):
    assistant = Assistant(workspace, lambda: backend)
    events = list(assistant.ask("default", QUESTION, k=2, budget=budget))
    assert isinstance(events[-1], Done)
    return events, events[-1].answer, assistant


def test_by_default_the_bundled_model_shows_a_bounded_trace_and_answers(workspace, backend):
    events, answer, assistant = ask(workspace, backend, Budget())
    prompt = b"".join(backend.token_bytes(t) for t in assistant.last_prompt).decode()
    assert prompt.endswith("<|im_start|>assistant\nReasoning:")
    assert answer.reasoning and any(isinstance(e, ThinkingDelta) for e in events)
    assert 0 < answer.timings["reasoning_tokens"] <= OPENED_TRACE_TOKENS
    assert answer.answer
    assert "Reasoning:" not in answer.answer and not answer.answer.startswith("Answer:")


def test_a_minimum_with_no_maximum_ends_with_an_answer_within_its_implied_cap(workspace, backend):
    _, answer, _ = ask(workspace, backend, Budget(min_thinking=48))
    cap = implied_max(48)  # 304
    wait_tokens = len(backend.tokenize("\nWait"))
    assert answer.reasoning and answer.answer
    assert answer.timings["reasoning_tokens"] <= cap + wait_tokens
    assert answer.stop_reason in ("end", "max_answer_tokens", "repetition")
