"""The assistant answering through a model server (a scripted one on 127.0.0.1): the same
events and Answer as with a local model, passages fitted by the server's token counts, the
budget's limits on that server said in the timings."""

import shutil
from pathlib import Path

import pytest
from fake_server import FakeServer, chunk, pieces
from fakes import HashingEmbedder

from app.application import Application, AskOptions
from app.assistant import Assistant
from app.events import AnswerDelta, Done, PrefillProgress, Retrieved, ThinkingDelta
from app.indexing import ingest
from app.settings import Settings
from app.workspace import Workspace
from models.budget import Budget
from models.discovery import ModelError
from models.endpoint import EndpointBackend

DATA = Path(__file__).parents[2] / "data"
QUESTION = "What was the gross margin in fiscal 2025?"


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("report_en.pdf", "deck.pptx"):
        shutil.copy(DATA / "good" / name, folder / name)
    return folder


@pytest.fixture
def workspace(thinkdesk_home, docs):
    ws = Workspace(thinkdesk_home)
    ws.use_embedder(HashingEmbedder())
    ingest(ws, "default", [str(docs)])
    yield ws
    ws.close()


@pytest.fixture
def server():
    fake = FakeServer("llama-cpp-python", "DeepSeek-R1-Distill-Qwen-7B")
    yield fake
    fake.close()


def ask(workspace, backend, **kwargs):
    assistant = Assistant(workspace, lambda: backend, model_label=backend.url)
    return list(assistant.ask("default", QUESTION, **kwargs))


def test_the_same_events_and_answer_as_a_local_model(workspace, server):
    server.streams = [
        [
            *pieces("Page", " 3", " says", "</think>", finish=None)[:-1],
            *pieces("Gross", " margin", " was", " 41.7", " percent", " [1]."),
        ]
    ]
    events = ask(workspace, EndpointBackend(server.url, n_ctx=4096))
    kinds = [type(e) for e in events]
    assert kinds[0] is Retrieved and kinds[-1] is Done and PrefillProgress not in kinds
    answer = events[-1].answer
    streamed = "".join(e.text for e in events if isinstance(e, AnswerDelta))
    trace = "".join(e.text for e in events if isinstance(e, ThinkingDelta))
    assert answer.answer == streamed.strip() == "Gross margin was 41.7 percent [1]."
    assert answer.reasoning == trace.strip() == "Page 3 says"
    data = answer.to_json()
    assert data["model"] == "DeepSeek-R1-Distill-Qwen-7B" and data["citations"][0]["n"] == 1
    timings = data["timings"]
    assert timings["reasoning_tokens"] == 3 and timings["answer_tokens"] == 6
    assert timings["reused_prompt_tokens"] == 0 and timings["prompt_tokens"] > 0
    assert 0 <= timings["prefill_s"] <= timings["first_token_s"] <= timings["total_s"]
    assert "budget_note" not in timings
    [request] = server.requests
    assert [m["role"] for m in request["messages"]] == ["user"]  # R1: no system prompt
    assert "Answer the question using only" in request["messages"][0]["content"]


def test_passages_are_fitted_by_the_servers_token_counts(workspace, server):
    events = ask(workspace, EndpointBackend(server.url, n_ctx=700), k=10)
    shown = events[0].passages
    assert 1 <= len(shown) < 10
    assert server.requests[0]["max_tokens"] <= 700


def test_the_servers_prompt_count_and_the_budget_note_reach_the_timings(workspace, server):
    server.streams = [
        [*pieces(*[f" t{i}" for i in range(30)], finish=None)[:-1], chunk(finish="stop")],
        [*pieces("Yes [1]."), chunk(usage={"prompt_tokens": 321, "completion_tokens": 3})],
    ]
    events = ask(workspace, EndpointBackend(server.url), budget=Budget(max_thinking=4))
    timings = events[-1].answer.timings
    assert timings["reasoning_tokens"] == 4 and timings["prompt_tokens"] == 321
    assert "new request" in timings["budget_note"]


def test_the_application_answers_through_the_endpoint_it_is_given(thinkdesk_home, docs, server):
    server.models = ["Qwen2.5-7B-Instruct"]
    server.streams = [pieces("Gross", " margin", " [1].")]
    app = Application(
        thinkdesk_home, endpoint=server.url, embedder_loader=lambda settings: HashingEmbedder()
    )
    try:
        app.ingest("default", [str(docs)])
        assert app.uses_server() and app.model_label() == server.url
        events = list(app.ask("default", QUESTION, AskOptions(k=3)))
        assert events[-1].answer.answer == "Gross margin [1]."
        assert app.conversation("default")[-1].answer.model == "Qwen2.5-7B-Instruct"
        assert server.requests[0]["messages"][0]["role"] == "system"
    finally:
        app.close()


def test_settings_choose_the_server_and_a_model_file_overrides_it(thinkdesk_home, server):
    settings = Settings(endpoint=server.url, endpoint_model="DeepSeek-R1-Distill-Qwen-7B")
    app = Application(thinkdesk_home, settings, model="/models/x.gguf")
    assert not app.uses_server()
    assert Application(thinkdesk_home, settings).uses_server()


def test_an_unreachable_server_is_a_model_error(thinkdesk_home, docs):
    app = Application(
        thinkdesk_home,
        endpoint="http://127.0.0.1:9",
        embedder_loader=lambda settings: HashingEmbedder(),
    )
    try:
        app.ingest("default", [str(docs)])
        with pytest.raises(ModelError, match="cannot reach http://127.0.0.1:9"):
            list(app.ask("default", QUESTION))
    finally:
        app.close()


def test_the_api_key_comes_from_the_environment_when_settings_have_none(
    thinkdesk_home, server, monkeypatch
):
    from app.llm import load_backend

    monkeypatch.setenv("THINKDESK_API_KEY", "from-env")
    load_backend(Settings(endpoint=server.url))
    load_backend(Settings(endpoint=server.url, api_key="from-settings"))
    keys = [h.get("Authorization") for h in server.request_headers]
    assert keys[0] == "Bearer from-env" and keys[-1] == "Bearer from-settings"
