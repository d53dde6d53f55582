"""Shared fixtures: user data is always isolated in a temporary THINKDESK_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def thinkdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point THINKDESK_HOME at a fresh folder for every test."""
    home = tmp_path / "thinkdesk-home"
    monkeypatch.setenv("THINKDESK_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    return home


@pytest.fixture
def data_dir() -> Path:
    """The checked-in sample documents (tests/data, made by tests/data/make_data.py)."""
    return DATA


@pytest.fixture(scope="session", autouse=True)
def _close_llama_devnull():
    """llama_cpp._utils opens two /dev/null files at import and never closes them, which
    Python reports as ResourceWarnings at exit: close them once the session ends."""
    yield
    import sys

    utils = sys.modules.get("llama_cpp._utils")
    for name in ("outnull_file", "errnull_file"):
        handle = getattr(utils, name, None)
        if handle is not None:
            handle.close()
