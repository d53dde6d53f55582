"""The assistant with real parsing and storage, a hashing embedder and a scripted model:
events in order, passages fitted to the context, citations mapped, budgets applied."""

import shutil
from pathlib import Path

import pytest
from fakes import END, HashingEmbedder, ScriptedBackend

from app.assistant import Assistant
from app.events import AnswerDelta, Done, ModelLoading, PrefillProgress, Retrieved, ThinkingDelta
from app.indexing import ingest
from app.workspace import Workspace
from models.budget import Budget
from retrieval.store import LibraryError

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def workspace(thinkdesk_home, tmp_path):
    ws = Workspace(thinkdesk_home)
    ws.use_embedder(HashingEmbedder())
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("report_en.pdf", "deck.pptx", "report_zh.pdf"):
        shutil.copy(DATA / "good" / name, folder / name)
    ingest(ws, "default", [str(folder)])
    yield ws
    ws.close()


def ask(
    workspace,
    script,
    question="What was the gross margin in fiscal 2025?",
    family="default",
    n_ctx=4096,
    **kwargs,
):
    backend = ScriptedBackend(script, family=family, n_ctx=n_ctx)
    if family != "r1":  # most scripts are plain answers: no trace unless a test asks for one
        kwargs.setdefault("budget", Budget(max_thinking=0))
    loaded = []
    assistant = Assistant(workspace, lambda: loaded.append(1) or backend, lambda: bool(loaded))
    events = list(assistant.ask("default", question, **kwargs))
    return events, backend


def chars(text):
    return list(text)


def test_events_come_in_order_and_citations_map_to_passages(workspace):
    events, _ = ask(workspace, [*chars("Gross margin was 41.7 percent [1]."), END])
    kinds = [type(e) for e in events]
    assert kinds[0] is ModelLoading and kinds[1] is Retrieved and kinds[-1] is Done
    assert PrefillProgress in kinds and AnswerDelta in kinds and ThinkingDelta not in kinds
    answer = events[-1].answer
    data = answer.to_json()
    assert data["answer"] == "Gross margin was 41.7 percent [1]."
    assert data["unsupported"] is False
    [citation] = data["citations"]
    assert citation["n"] == 1
    first = data["passages"][0]
    assert {k: citation[k] for k in ("file", "location", "text")} == {
        k: first[k] for k in ("file", "location", "text")
    }
    assert [p["rank"] for p in data["passages"]] == list(range(1, len(data["passages"]) + 1))
    assert set(data["timings"]) >= {
        "retrieve_s",
        "prefill_s",
        "first_token_s",
        "total_s",
        "prompt_tokens",
        "reasoning_tokens",
        "answer_tokens",
    }


def test_a_marker_without_a_passage_is_dropped_and_reported(workspace):
    events, _ = ask(workspace, [*chars("True [1][9]. Also [12]."), END], k=3)
    data = events[-1].answer.to_json()
    assert data["dropped_markers"] == [9, 12]
    assert data["answer"] == "True [1]. Also ."
    assert [c["n"] for c in data["citations"]] == [1]


def test_an_answer_without_citations_is_flagged(workspace):
    events, _ = ask(workspace, [*chars("No idea."), END])
    assert events[-1].answer.to_json()["unsupported"] is True


def test_a_minimum_opens_a_trace_for_any_model_and_max_bounds_it(workspace):
    script = [*chars("The margin is on page 3, " * 3), *chars("which says 41.7 percent. " * 3)]
    script += [*chars("Answer: 41.7% [2]"), END]
    events, backend = ask(workspace, script, budget=Budget(min_thinking=4, max_thinking=32))
    prompt = backend.text(backend.generations[0].prompt)
    assert prompt.endswith("<assistant>Reasoning:")  # a trace in words for a plain model
    assert "in at most 20 words" in prompt
    data = events[-1].answer.to_json()
    assert data["reasoning"] and data["timings"]["reasoning_tokens"] <= 35
    assert data["answer"]  # the answer phase started after the cap


def test_by_default_a_plain_model_writes_a_bounded_trace_then_answers(workspace):
    script = [
        *chars(" The sources say 41.7 percent [1]. "),
        *chars("Answer: 41.7 percent [1]."),
        END,
    ]
    events, backend = ask(workspace, script, budget=Budget())
    prompt = backend.text(backend.generations[0].prompt)
    assert prompt.endswith("<assistant>Reasoning:") and "in at most 80 words" in prompt
    data = events[-1].answer.to_json()
    assert data["reasoning"] == "The sources say 41.7 percent [1]."
    assert data["answer"] == "41.7 percent [1]."
    assert any(isinstance(e, ThinkingDelta) for e in events)


def test_a_default_trace_that_never_ends_is_capped_and_the_answer_forced(workspace):
    words = [f"step {n} checks source {n % 5 + 1}; " for n in range(60)]
    events, backend = ask(workspace, [*chars("".join(words)), END], budget=Budget())
    context = backend.text(backend.generations[0].context)
    data = events[-1].answer.to_json()
    assert data["timings"]["reasoning_tokens"] == 160 and data["answer"]
    assert context.count("\n\nAnswer:") == 1  # the cap wrote the answer marker


def test_a_minimum_with_no_maximum_is_bounded_and_says_so(workspace):
    words = [f"step {n} checks source {n % 5 + 1}; " for n in range(200)]
    events, _ = ask(workspace, [*chars("".join(words)), END], budget=Budget(min_thinking=48))
    timings = events[-1].answer.to_json()["timings"]
    assert timings["reasoning_tokens"] == 304 and events[-1].answer.answer
    assert "implies a maximum of 304" in timings["budget_note"]


def test_a_maximum_of_zero_gives_a_plain_model_no_trace(workspace):
    events, backend = ask(workspace, [*chars("Plain [1]"), END], budget=Budget(max_thinking=0))
    prompt = backend.text(backend.generations[0].prompt)
    assert not prompt.endswith(("<think>\n", "Reasoning:")) and "Reasoning" not in prompt
    assert events[-1].answer.to_json()["reasoning"] == ""


def test_r1_family_gets_no_system_prompt_and_an_open_trace(workspace):
    events, backend = ask(
        workspace, [*chars("hmm"), "</think>", *chars("Yes [1]"), END], family="r1"
    )
    prompt = backend.text(backend.generations[0].prompt)
    assert "<sys>" not in prompt and prompt.endswith("<think>\n")
    assert prompt.index("Answer the question using only") < prompt.index("[1] ")
    data = events[-1].answer.to_json()
    assert (data["reasoning"], data["answer"]) == ("hmm", "Yes [1]")


def test_chinese_questions_get_chinese_instructions(workspace):
    _, backend = ask(
        workspace, [*chars("百分之十五[1]"), END], question="宁德新能源净利润增长多少？"
    )
    assert "请只根据下面编号的资料回答问题" in backend.text(backend.generations[0].prompt)


def test_passages_are_fitted_into_the_context_budget(workspace):
    events, backend = ask(workspace, [*chars("ok [1]"), END], n_ctx=1400, k=10)
    shown = events[1].passages
    assert 1 <= len(shown) < 10
    assert len(backend.generations[0].prompt) + 256 <= 1400


def test_an_empty_knowledge_base_is_a_clear_error(thinkdesk_home):
    ws = Workspace(thinkdesk_home)
    ws.use_embedder(HashingEmbedder())
    ws.library.create_knowledge_base("empty")
    assistant = Assistant(ws, lambda: ScriptedBackend([END]))
    with pytest.raises(LibraryError, match="empty"):
        list(assistant.ask("empty", "anything?"))
    ws.close()
