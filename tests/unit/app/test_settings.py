"""settings.json: defaults, round trip, and bad files that never crash a command."""

import json

from app.settings import Settings


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
