"""The model-server settings: declared like every other one, a URL checked as a URL, the
API key kept out of sight in the form's declaration."""

import json

from app.settings import Settings, fields


def test_the_server_settings_are_declared_with_what_empty_means():
    declared = fields()
    endpoint, model, key = (declared[n][0] for n in ("endpoint", "endpoint_model", "api_key"))
    assert endpoint.kind == "url" and endpoint.none_label == "the local model above"
    assert model.kind == "text" and key.kind == "text" and key.secret
    assert "THINKDESK_API_KEY" in key.none_label
    assert Settings().endpoint is None


def test_an_endpoint_must_be_an_http_url(thinkdesk_home):
    assert Settings(endpoint="http://gpu-box:8000/v1").problems() == []
    assert Settings(endpoint="gpu-box:8000").problems() == [
        "endpoint is 'gpu-box:8000', must start with http:// or https://"
    ]
    assert Settings(endpoint_model=3).problems() == ["endpoint_model must be a string, not 3"]
    thinkdesk_home.mkdir(parents=True)
    (thinkdesk_home / "settings.json").write_text(
        json.dumps({"endpoint": "ftp://x", "endpoint_model": "r1-32b"})
    )
    settings, problems = Settings.read(thinkdesk_home)
    assert settings.endpoint is None and settings.endpoint_model == "r1-32b"
    assert problems and "must start with http://" in problems[0]


def test_server_settings_round_trip(thinkdesk_home):
    Settings(endpoint="https://team.example:8443", api_key="k").save(thinkdesk_home)
    saved = Settings.load(thinkdesk_home)
    assert (saved.endpoint, saved.api_key) == ("https://team.example:8443", "k")
