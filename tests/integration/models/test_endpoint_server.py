"""The model-server backend against a real OpenAI-compatible server: llama-cpp-python's own
llama_cpp.server with the bundled GGUF, started on 127.0.0.1 for this module and stopped
after it; a real knowledge base, real retrieval, `thinkdesk ask --endpoint`."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app.application import Application, AskOptions
from app.citations import remove_dropped
from app.cli import main
from app.events import AnswerDelta, Done, ModelLoading, Retrieved, ThinkingDelta
from models.discovery import bundled_llm_path

pytestmark = pytest.mark.slow

GOOD = Path(__file__).parents[2] / "data" / "good"
LAUNCHER = Path(__file__).parent / "llama_server.py"
QUESTION = "What gross margin did Acme report for 2025?"
CAP = 3  # below the few tokens the bundled model thinks when left alone


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    """Whether the server answers GET /v1/models (straight to it, never through a proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url + "/v1/models", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def llama_server(log: Path, *extra: str, launcher: bool = False):
    """`python -m llama_cpp.server` on a free port (launcher: through llama_server.py beside
    this file, which adds a chat format); its log goes to a file (a pipe nobody reads would
    fill and stop it)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start = [str(LAUNCHER)] if launcher else ["-m", "llama_cpp.server"]
    argv = [sys.executable, *start, "--model", str(bundled_llm_path())]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--n_threads", "2", "--n_ctx", "4096"]
    with log.open("w") as output:
        process = subprocess.Popen([*argv, *extra], stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not answers(url):
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer in 120 s: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    """The bundled SmolLM2 with its own ChatML template: a model that does not think."""
    with llama_server(tmp_path_factory.mktemp("server") / "plain.log") as url:
        yield url


@pytest.fixture(scope="module")
def thinking_server(tmp_path_factory):
    """The same model served as a reasoning model: an R1-style name, a reply opened by
    <think> (the chat format the launcher registers)."""
    log = tmp_path_factory.mktemp("server") / "thinking.log"
    options = ("--chat_format", "chatml-think", "--model_alias", "r1-distill-smollm2")
    with llama_server(log, *options, launcher=True) as url:
        yield url


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("endpoint") / "home"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--home", str(home), "ingest", str(GOOD), "--quiet"]) == 0
    return home


def ask(home: Path, url: str, stop_after: int = 40, **options) -> list:
    """The events of one answer, stopped (Stop, as in the GUI) after stop_after answer
    pieces: a small model can ramble for hundreds of tokens."""
    app = Application(home, endpoint=url)
    events: list = []

    def enough() -> bool:
        return sum(isinstance(e, AnswerDelta) for e in events) >= stop_after

    try:
        options = AskOptions(k=2, **options)
        for event in app.ask("default", QUESTION, options, enough, record=False):
            events.append(event)
        return events
    finally:
        app.close()


def streamed(events: list, kind: type) -> str:
    return "".join(e.text for e in events if isinstance(e, kind))


def test_a_real_answer_streams_from_the_server(home, plain_server):
    events = ask(home, plain_server)
    assert isinstance(events[0], ModelLoading) and isinstance(events[-1], Done)
    assert isinstance(events[1], Retrieved)
    answer = events[-1].answer
    text = streamed(events, AnswerDelta)
    assert text.strip() and answer.answer == remove_dropped(text, answer.dropped_markers).strip()
    assert answer.model == bundled_llm_path().name and answer.passages
    timings = answer.timings
    assert timings["answer_tokens"] >= 1 and timings["prompt_tokens"] > 100
    assert 0 < timings["first_token_s"] <= timings["total_s"]
    assert timings["reasoning_tokens"] == 0 and timings["reused_prompt_tokens"] == 0


def test_ask_endpoint_json_on_the_command_line(home, plain_server):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        argv = ["--home", str(home), "ask", QUESTION, "-k", "1", "--endpoint", plain_server]
        code = main([*argv, "--json"])
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert data["answer"].strip() and data["model"] == bundled_llm_path().name
    assert data["passages"][0]["file"] == str(GOOD / "report_en.pdf")
    assert set(data["timings"]) >= {"prefill_s", "first_token_s", "total_s", "answer_tokens"}


def test_a_thinking_cap_bounds_the_trace_of_a_reasoning_model(home, thinking_server):
    events = ask(home, thinking_server, max_thinking=CAP)
    answer = events[-1].answer
    trace = streamed(events, ThinkingDelta)
    assert trace.strip() and answer.reasoning == trace.strip()
    timings = answer.timings
    # the first request is cut at the cap; this server cannot continue a prefilled reply, so
    # the answer is asked anew, where the model may think up to the cap once more
    assert 1 <= timings["reasoning_tokens"] <= 2 * CAP
    assert "new request with the trace in the question" in timings["budget_note"]
    assert answer.stop_reason in ("end", "stopped", "max_answer_tokens", "thinking_budget")


def test_a_budget_the_server_cannot_apply_is_said(home, plain_server):
    events = ask(home, plain_server, min_thinking=4, max_thinking=CAP)
    timings = events[-1].answer.timings
    assert timings["reasoning_tokens"] == 0 and events[-1].answer.answer
    assert "cannot open a trace" in timings["budget_note"]
    assert "minimum of 4 thinking tokens was not applied" in timings["budget_note"]


def test_an_unreachable_server_is_one_clear_line(home):
    err = io.StringIO()
    port = free_port()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(
            ["--home", str(home), "ask", QUESTION, "--endpoint", f"http://127.0.0.1:{port}"]
        )
    assert code == 1
    *progress, last = err.getvalue().splitlines()
    assert last == f"thinkdesk: error: cannot reach http://127.0.0.1:{port}: connection refused"
    assert progress == [f"connecting to http://127.0.0.1:{port} ..."]
