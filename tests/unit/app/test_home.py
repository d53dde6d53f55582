"""The data directory: --home, else THINKDESK_HOME; the libraries' own caches follow it."""

from __future__ import annotations

import os

import jieba
import pytest

from app.home import resolve_home


@pytest.fixture
def caches(monkeypatch):
    """jieba's cache folder and torch's variable as they were, after the test."""
    monkeypatch.setattr(jieba.dt, "tmp_dir", None)
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", "unset")
    monkeypatch.delenv("TORCHINDUCTOR_CACHE_DIR")


def test_home_is_the_option_else_the_environment(tmp_path, monkeypatch, caches):
    monkeypatch.setenv("THINKDESK_HOME", str(tmp_path / "env"))
    assert resolve_home() == tmp_path / "env"
    assert resolve_home(str(tmp_path / "given")) == tmp_path / "given"


def test_the_libraries_caches_go_under_the_home_not_the_temp_dir(tmp_path, caches):
    home = resolve_home(str(tmp_path / "home"))
    assert jieba.dt.tmp_dir == str(home)
    assert os.environ["TORCHINDUCTOR_CACHE_DIR"] == str(home / "cache" / "torch")
    assert not home.exists()  # resolving the home makes nothing: status creates no library


def test_a_users_own_torch_cache_folder_is_kept(tmp_path, monkeypatch, caches):
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path / "mine"))
    resolve_home(str(tmp_path / "home"))
    assert os.environ["TORCHINDUCTOR_CACHE_DIR"] == str(tmp_path / "mine")
