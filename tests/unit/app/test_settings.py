"""settings.json: defaults, round trip, and bad files that never crash a command."""

import dataclasses
import json

import pytest

from app.settings import Settings, fields


def test_round_trip(thinkdesk_home):
    Settings(top_k=9, temperature=0.5, llm_model="/m.gguf").save(thinkdesk_home)
    loaded = Settings.load(thinkdesk_home)
    assert (loaded.top_k, loaded.temperature, loaded.llm_model) == (9, 0.5, "/m.gguf")


def test_bad_values_fall_back_to_defaults(thinkdesk_home):
    thinkdesk_home.mkdir(parents=True)
    (thinkdesk_home / "settings.json").write_text(
        json.dumps({"max_file_mb": "big", "top_k": 4, "threads": None, "unknown": 1})
    )
    loaded = Settings.load(thinkdesk_home)
    assert (loaded.max_file_mb, loaded.top_k) == (Settings().max_file_mb, 4)
    assert loaded.threads == Settings().threads
    (thinkdesk_home / "settings.json").write_text("[1, 2]")
    assert Settings.load(thinkdesk_home) == Settings()
    (thinkdesk_home / "settings.json").write_text("{not json")
    assert Settings.load(thinkdesk_home) == Settings()


def test_values_outside_their_limits_are_rejected_with_a_clear_message(thinkdesk_home):
    thinkdesk_home.mkdir(parents=True)
    path = thinkdesk_home / "settings.json"
    path.write_text(
        json.dumps({"top_k": 0, "temperature": 3, "context_size": 1024.5, "threads": True})
    )
    settings, problems = Settings.read(thinkdesk_home)
    assert settings.top_k == 5 and settings.temperature is None
    assert problems == [
        f"{path}: threads must be a number, not true; using {Settings().threads}",
        f"{path}: context_size must be a whole number, not 1024.5; using 4096",
        f"{path}: temperature is 3, must be from 0 to 2; using null",
        f"{path}: top_k is 0, must be from 1 to 50; using 5",
    ]


def test_unknown_and_unreadable_files_are_reported(thinkdesk_home):
    thinkdesk_home.mkdir(parents=True)
    path = thinkdesk_home / "settings.json"
    path.write_text(json.dumps({"top_k": 8, "colour": "blue"}))
    settings, problems = Settings.read(thinkdesk_home)
    assert settings.top_k == 8
    assert problems == [f"{path}: unknown setting 'colour' ignored"]
    path.write_text("{not json")
    settings, [problem] = Settings.read(thinkdesk_home)
    assert settings == Settings() and problem.startswith(f"{path}: not valid JSON (")


@pytest.mark.parametrize("content", ['{"top_k": 8, "thr', "\0" * 64, "[1, 2]"])
def test_a_torn_or_garbage_file_is_kept_aside_and_the_defaults_used(thinkdesk_home, content):
    thinkdesk_home.mkdir(parents=True)
    path = thinkdesk_home / "settings.json"
    path.write_text(content)
    settings, [problem] = Settings.read(thinkdesk_home)
    [aside] = thinkdesk_home.glob("settings.json.bad-*")
    assert settings == Settings() and not path.exists()
    assert aside.read_text() == content
    assert problem.endswith(f"kept it as {aside.name} and using the defaults")
    Settings(top_k=7).save(thinkdesk_home)  # the next save leaves the bad file where it is
    assert aside.read_text() == content and Settings.read(thinkdesk_home)[0].top_k == 7


def test_a_save_leaves_no_temporary_file_and_replaces_the_old_one_whole(thinkdesk_home):
    Settings(top_k=9).save(thinkdesk_home)
    Settings(top_k=3).save(thinkdesk_home)
    assert [p.name for p in thinkdesk_home.iterdir()] == ["settings.json"]
    assert json.loads((thinkdesk_home / "settings.json").read_text())["top_k"] == 3


def test_a_missing_file_is_the_defaults_without_a_problem(thinkdesk_home):
    assert Settings.read(thinkdesk_home) == (Settings(), [])


def test_every_setting_is_declared_once_with_a_label_and_its_defaults_fit():
    declared = fields()
    assert list(declared) == [f.name for f in dataclasses.fields(Settings)]
    assert all(spec.label for spec, _ in declared.values())
    assert Settings().problems() == []
    assert Settings(top_k=0, llm_model=None, embedding_model=3).problems() == [
        "embedding_model must be a path (a string)",
        "top_k is 0, must be from 1 to 50",
    ]


def test_none_is_allowed_only_where_it_means_something():
    assert Settings(max_thinking_tokens=None, parse_workers=None).problems() == []
    assert Settings(top_k=None).problems() == ["top_k must not be empty"]


def test_the_language_is_one_of_its_choices(thinkdesk_home):
    assert Settings().language == "auto"
    assert Settings(language="zh_CN").problems() == []
    assert Settings(language="fr").problems() == [
        'language is "fr", must be one of auto, en, zh_CN'
    ]
    thinkdesk_home.mkdir(parents=True)
    path = thinkdesk_home / "settings.json"
    path.write_text(json.dumps({"language": "zh_CN"}))
    assert Settings.load(thinkdesk_home).language == "zh_CN"
    path.write_text(json.dumps({"language": None}))
    settings, problems = Settings.read(thinkdesk_home)
    assert settings.language == "auto"
    assert problems == [f'{path}: language must not be empty; using "auto"']
