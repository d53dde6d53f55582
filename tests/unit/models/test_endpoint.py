"""The model-server backend against a scripted server on 127.0.0.1: reasoning_content and
<think> traces, the budget cut and extended from outside, usage counts, clear errors, Stop."""

import socket
import time

import pytest
from fake_server import FakeServer, chunk, pieces

from models.backend import SamplingParams
from models.budget import Budget
from models.discovery import ModelError
from models.endpoint import EndpointBackend, estimate_tokens

PARAMS = SamplingParams(max_answer_tokens=64)


@pytest.fixture
def serve():
    servers = []

    def make(kind="openai", model="DeepSeek-R1-Distill-Qwen-7B", streams=()):
        server = FakeServer(kind, model)
        server.streams = [list(s) for s in streams]
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def run(server, budget=None, thinking_open=None, params=PARAMS, stop=lambda: False, **kw):
    budget = budget or Budget()
    backend = EndpointBackend(server.url, **kw)
    if thinking_open is None:
        thinking_open = backend.family == "r1"
    chat = backend.chat("Be brief.", "Question?", params, budget, thinking_open, 4000, stop)
    deltas = list(chat.run())
    text = {
        kind: "".join(d.text for d in deltas if d.kind == kind) for kind in ("thinking", "answer")
    }
    return text, chat.counts, deltas


def test_reasoning_content_is_the_trace_and_usage_replaces_the_chunk_counts(serve):
    usage = {
        "prompt_tokens": 120,
        "completion_tokens": 9,
        "completion_tokens_details": {"reasoning_tokens": 5},
    }
    stream = [
        *pieces("Let", " me", " see.", reasoning=True, finish=None)[:-1],
        *pieces("Margin", " was", " 41.7% [1]."),
        chunk(usage=usage),
    ]
    server = serve("vllm", streams=[stream])
    text, counts, _ = run(server)
    assert text == {"thinking": "Let me see.", "answer": "Margin was 41.7% [1]."}
    assert (counts.reasoning_tokens, counts.answer_tokens, counts.prompt_tokens) == (5, 4, 120)
    assert counts.stop_reason == "end" and not counts.budget_note
    body = server.requests[0]
    assert body["stream"] is True and body["messages"][0] == {
        "role": "system",
        "content": "Be brief.",
    }
    assert body["repetition_penalty"] == PARAMS.repeat_penalty  # vLLM's name for it


@pytest.mark.parametrize("opened", ["<think>", ""], ids=["model-opens", "template-opens"])
def test_think_tags_in_the_content_split_the_trace_from_the_answer(serve, opened):
    stream = pieces(*([opened] if opened else []), "Page", " 3", "</think>", "41.7%", " [1].")
    text, counts, _ = run(serve(streams=[stream]))
    assert text == {"thinking": "Page 3", "answer": "41.7% [1]."}
    assert (counts.reasoning_tokens, counts.answer_tokens) == (2, 2)  # delimiters not counted


def test_a_plain_model_answers_without_a_trace_and_its_name_is_the_file(serve):
    server = serve(model="/models/SmolLM2-135M-Instruct.Q4_1.gguf", streams=[pieces("Paris.")])
    backend = EndpointBackend(server.url + "/v1/")
    assert (backend.name, backend.family) == ("SmolLM2-135M-Instruct.Q4_1.gguf", "default")
    text, counts, _ = run(server)
    assert text == {"thinking": "", "answer": "Paris."} and counts.reasoning_tokens == 0


def test_the_cap_closes_the_stream_and_a_prefilled_reply_asks_for_the_answer(serve):
    long_trace = pieces(*[f" t{i}" for i in range(300)], reasoning=True)
    server = serve("llama.cpp", streams=[long_trace, pieces("41.7%", " [1].")])
    server.delay = 0.005
    text, counts, _ = run(server, Budget(max_thinking=4))
    assert text == {"thinking": " t0 t1 t2 t3", "answer": "41.7% [1]."}
    assert counts.capped and counts.reasoning_tokens == 4 and counts.answer_tokens == 2
    assert server.written[0] < 100  # the first stream was cut, not read to its end
    follow = server.requests[1]["messages"]
    assert follow[-1] == {"role": "assistant", "content": "<think>\n t0 t1 t2 t3\n</think>\n\n"}
    assert not counts.budget_note


def test_without_prefill_the_trace_goes_back_in_the_question_and_the_note_says_so(serve):
    trace = pieces("<think>", *[f" t{i}" for i in range(50)])
    server = serve("openai", streams=[trace, pieces("<think>", "again", "</think>", "Yes [1].")])
    text, counts, _ = run(server, Budget(max_thinking=3))
    assert text == {"thinking": " t0 t1 t2again", "answer": "Yes [1]."}
    assert counts.capped and counts.reasoning_tokens == 4
    user = server.requests[1]["messages"][-1]
    assert user["role"] == "user" and "t0 t1 t2" in user["content"]
    assert "new request" in counts.budget_note and "thought again" in counts.budget_note


def test_a_model_that_keeps_thinking_after_the_cap_gets_the_cap_once_more(serve):
    endless = pieces(*[f" t{i}" for i in range(40)])
    server = serve("openai", streams=[endless, endless])
    text, counts, _ = run(server, Budget(max_thinking=5))
    assert counts.reasoning_tokens == 10 and not text["answer"]
    assert counts.stop_reason == "thinking_budget" and "no answer" in counts.budget_note


def test_a_short_trace_is_extended_with_wait_where_the_server_continues_a_reply(serve):
    first = pieces("<think>", "Hm", "</think>", "Too", " early")
    second = pieces(" more", " thought", "</think>", "Done [1].")
    server = serve("llama.cpp", streams=[first, second])
    text, counts, _ = run(server, Budget(min_thinking=4))
    assert text == {"thinking": "Hm\nWait more thought", "answer": "Done [1]."}
    assert counts.waits == 1 and counts.reasoning_tokens == 1 + 2 + 2
    assert server.requests[1]["messages"][-1]["content"] == "<think>\nHm\nWait"


def test_a_minimum_the_server_cannot_apply_is_said(serve):
    server = serve("openai", streams=[pieces("<think>", "Hm", "</think>", "Answer.")])
    text, counts, _ = run(server, Budget(min_thinking=50))
    assert text["answer"] == "Answer." and counts.waits == 0
    assert "minimum of 50 thinking tokens was not applied" in counts.budget_note


def test_a_plain_model_is_made_to_think_by_a_prefilled_reply_on_vllm(serve):
    server = serve("vllm", model="Qwen2.5-7B-Instruct", streams=[pieces("a", "</think>", "B")])
    text, _, _ = run(server, Budget(max_thinking=16), thinking_open=True)
    assert text == {"thinking": "a", "answer": "B"}
    body = server.requests[0]
    assert body["messages"][-1] == {"role": "assistant", "content": "<think>\n"}
    assert body["continue_final_message"] is True and body["add_generation_prompt"] is False
    opened = serve("openai", model="Qwen2.5-7B-Instruct", streams=[pieces("B")])
    _, counts, _ = run(opened, Budget(max_thinking=16), thinking_open=True)
    assert "cannot open a trace" in counts.budget_note


def test_the_answer_stops_at_max_answer_tokens(serve):
    server = serve(model="plain", streams=[pieces(*["w "] * 40)])
    text, counts, _ = run(server, params=SamplingParams(max_answer_tokens=5))
    assert text["answer"] == "w " * 5 and counts.stop_reason == "max_answer_tokens"


def test_stop_aborts_a_slow_stream_promptly(serve):
    server = serve(model="plain", streams=[pieces(*["w "] * 100)])
    server.delay = 0.5
    seen = []
    started = time.monotonic()
    backend = EndpointBackend(server.url)
    chat = backend.chat(None, "q", PARAMS, Budget(), False, 4000, lambda: bool(seen))
    for delta in chat.run():
        seen.append(delta)
    assert time.monotonic() - started < 2 and len(seen) == 1
    assert chat.counts.stop_reason == "stopped"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_errors_name_the_url(serve):
    port = free_port()
    with pytest.raises(
        ModelError, match=rf"cannot reach http://127.0.0.1:{port}: connection refused"
    ):
        EndpointBackend(f"http://127.0.0.1:{port}")
    with pytest.raises(ModelError, match="not a server URL"):
        EndpointBackend("127.0.0.1:8000")
    server = serve()
    with pytest.raises(ModelError, match=r"has no model 'other'; it has DeepSeek-R1"):
        EndpointBackend(server.url, model="other")
    server.models_status = 401
    with pytest.raises(ModelError, match="refused the API key"):
        EndpointBackend(server.url)


def test_a_refused_or_failed_stream_is_a_model_error(serve):
    server = serve()
    server.status, server.error = 400, {"error": {"message": "context too long"}}
    with pytest.raises(ModelError, match=rf"{server.url} answered 400: context too long"):
        run(server)
    failing = serve(streams=[[chunk(content="a"), {"error": {"message": "out of memory"}}]])
    with pytest.raises(ModelError, match="out of memory"):
        run(failing)
    broken = serve(streams=[["{not json"]])
    with pytest.raises(ModelError, match="broken event"):
        run(broken)


def test_the_api_key_is_sent_as_a_bearer_token(serve):
    server = serve()
    run(server, api_key="s3cret")
    assert server.headers[0]["Authorization"] == "Bearer s3cret"


def test_tokens_are_counted_by_the_server_where_it_can_else_estimated(serve):
    assert EndpointBackend(serve("llama-cpp-python").url).count_tokens("one two three") == 3
    assert EndpointBackend(serve("llama.cpp").url).count_tokens("one two three") == 3
    plain = EndpointBackend(serve("openai").url)
    assert plain.server.kind == "openai" and plain.count_tokens("abcdefgh") == 2
    assert estimate_tokens("毛利率 was") == 3 + 1 and estimate_tokens("") == 0
