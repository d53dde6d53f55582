"""The application model without Qt: one embedder and one model shared by every job,
history recorded for every answer, stale indexes and model reloads handled between jobs."""

import json
import shutil
from pathlib import Path

import pytest
from fakes import END, HashingEmbedder, ScriptedBackend

from app.application import Application, AskOptions, Busy
from app.events import Done, Retrieved
from app.settings import Settings

DATA = Path(__file__).parents[2] / "data"
ANSWER = [*"Gross margin was 41.7 percent [1].", END]


class Loaders:
    """Counts how often the application loads each model."""

    def __init__(self) -> None:
        self.embedders: list[HashingEmbedder] = []
        self.backends: list[ScriptedBackend] = []

    def embedder(self, settings):
        self.embedders.append(HashingEmbedder())
        return self.embedders[-1]

    def backend(self, settings, model):
        self.backends.append(ScriptedBackend(ANSWER))
        return self.backends[-1]


@pytest.fixture
def loaders():
    return Loaders()


@pytest.fixture
def application(thinkdesk_home, loaders, monkeypatch):
    # the script is an answer: no trace is opened for the scripted model by default
    monkeypatch.setattr("app.assistant.thinking_budget", lambda family, budget, **_: budget)
    app = Application(
        thinkdesk_home, embedder_loader=loaders.embedder, backend_loader=loaders.backend
    )
    yield app
    app.close()


def folder_with(tmp_path, *names):
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(DATA / "good" / name, folder / name)
    return folder


def answer(app, question="What was the gross margin in fiscal 2025?", **kwargs):
    events = list(app.ask("default", question, **kwargs))
    assert isinstance(events[-1], Done)
    return events


def test_an_answer_is_recorded_with_its_own_passages(application, tmp_path):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    done = answer(application)[-1]
    [exchange] = application.conversation("default")
    assert exchange.question == "What was the gross margin in fiscal 2025?"
    assert exchange.answer.answer == "Gross margin was 41.7 percent [1]."
    stored, live = exchange.answer.passages, done.answer.passages
    assert [p.to_json() for p in stored] == [p.to_json() for p in live]
    assert exchange.answer.passages[0].file.endswith("report_en.pdf")


def test_an_answer_asked_without_recording_leaves_no_history(application, tmp_path):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    answer(application, record=False)
    assert application.conversation("default") == []
    assert application.conversation("no such base") == []


def test_a_second_application_on_the_same_home_sees_the_history(
    application, thinkdesk_home, loaders, tmp_path
):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    answer(application)
    application.close()
    other = Application(
        thinkdesk_home, embedder_loader=loaders.embedder, backend_loader=loaders.backend
    )
    try:
        assert [e.question for e in other.conversation("default")] == [
            "What was the gross margin in fiscal 2025?"
        ]
        assert "41.7 percent" in other.export_markdown("default")
    finally:
        other.close()


def test_models_load_once_and_are_shared_by_ingest_and_ask(application, loaders, tmp_path):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    answer(application)
    answer(application)
    application.ingest("default", [str(folder_with(tmp_path, "deck.pptx"))])
    assert len(loaders.embedders) == 1 and len(loaders.backends) == 1
    assert len(loaders.backends[0].generations) == 2


def test_one_answer_at_a_time(application, tmp_path):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    first = application.ask("default", "gross margin?")
    next(first)  # the job has started
    assert application.running("ask")
    with pytest.raises(Busy, match="ask is already running"):
        next(application.ask("default", "revenue?"))
    list(first)
    assert not application.running("ask")
    answer(application)  # free again


def test_an_ingest_after_an_answer_is_searched_by_the_next_one(application, tmp_path):
    folder = folder_with(tmp_path, "report_en.pdf")
    application.ingest("default", [str(folder)])
    answer(application)
    shutil.copy(DATA / "good" / "deck.pptx", folder / "deck.pptx")
    application.ingest("default", [str(folder)])
    events = answer(application, "roadmap slide deck", options=AskOptions(k=8))
    [retrieved] = [e for e in events if isinstance(e, Retrieved)]
    assert any(p.file.endswith("deck.pptx") for p in retrieved.passages)


def test_removed_documents_are_not_searched_by_the_next_answer(application, tmp_path):
    folder = folder_with(tmp_path, "report_en.pdf", "deck.pptx")
    application.ingest("default", [str(folder)])
    answer(application, "roadmap slide deck")
    removed, missing = application.remove("default", [str(folder / "deck.pptx")])
    assert (removed, missing) == ([str(folder / "deck.pptx")], [])
    events = answer(application, "roadmap slide deck")  # only the report is left: weak matches
    [retrieved] = [e for e in events if isinstance(e, Retrieved)]
    assert retrieved.passages and all(p.weak for p in retrieved.passages)
    assert all(p.file.endswith("report_en.pdf") for p in retrieved.passages)
    events = answer(application, options=AskOptions(k=8))
    [retrieved] = [e for e in events if isinstance(e, Retrieved)]
    assert retrieved.passages and all(p.file.endswith("report_en.pdf") for p in retrieved.passages)


def test_changing_the_model_settings_reloads_the_model_before_the_next_answer(
    application, loaders, thinkdesk_home, tmp_path
):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    answer(application)
    unchanged = Settings(**{**vars(application.settings), "top_k": 7})
    assert application.apply_settings(unchanged) is False
    answer(application)
    assert len(loaders.backends) == 1
    faster = Settings(**{**vars(application.settings), "threads": application.settings.threads + 1})
    with pytest.raises(ValueError, match="top_k is 0, must be from 1 to 50"):
        application.apply_settings(Settings(**{**vars(application.settings), "top_k": 0}))
    assert application.apply_settings(faster) is True
    assert Settings.load(thinkdesk_home).top_k == 7  # saved
    answer(application)
    assert len(loaders.backends) == 2


def test_ask_options_default_to_the_settings():
    settings = Settings(top_k=3, min_thinking_tokens=16, max_thinking_tokens=64, temperature=0.2)
    assert AskOptions.from_settings(settings) == AskOptions(3, 16, 64, 0.2)
    assert AskOptions.from_settings(settings, k=9, temperature=0.0) == AskOptions(9, 16, 64, 0.0)


def test_bad_settings_are_reported_and_left_at_their_defaults(thinkdesk_home, loaders):
    thinkdesk_home.mkdir(parents=True)
    (thinkdesk_home / "settings.json").write_text(json.dumps({"top_k": 0}))
    app = Application(thinkdesk_home, embedder_loader=loaders.embedder)
    assert app.settings.top_k == Settings().top_k
    [problem] = app.settings_problems
    assert "top_k is 0, must be from 1 to 50; using 5" in problem


def test_status_never_creates_a_library(application, thinkdesk_home):
    assert application.status() == []
    assert not application.has_library()
    assert not (thinkdesk_home / "library.sqlite").exists()


def test_knowledge_bases_can_be_created_renamed_and_deleted(application, tmp_path):
    application.ingest("default", [str(folder_with(tmp_path, "report_en.pdf"))])
    answer(application)
    application.create_kb("spare")
    application.rename_kb("default", "reports")
    assert sorted(application.knowledge_base_names()) == ["reports", "spare"]
    assert len(application.conversation("reports")) == 1
    application.delete_kb("reports")
    assert application.knowledge_base_names() == ["spare"]
    assert application.conversation("reports") == []
    application.close()  # the ask side read the deleted index: it must not write it back
    assert list((application.home / "faiss").glob("*.index")) == []
