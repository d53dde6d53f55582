"""GUI tests run offscreen with deterministic fakes for the models (one test uses the real
chain); every widget is registered with qtbot."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def docs(tmp_path):
    """A folder with a PDF, a deck, a workbook and a text file."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("report_en.pdf", "deck.pptx", "book.xlsx", "notes.txt"):
        shutil.copy(DATA / "good" / name, folder / name)
    shutil.copy(DATA / "bad" / "encrypted.pdf", folder / "locked.pdf")
    return folder


@pytest.fixture
def make_window(qtbot, thinkdesk_home, monkeypatch):
    """A MainWindow on a temporary home with a hashing embedder and a scripted model, which
    gets no trace opened for it by default (its scripts open their own, or none)."""
    from fakes import HashingEmbedder, ScriptedBackend

    from app.application import Application
    from app.gui.main_window import MainWindow

    monkeypatch.setattr("app.assistant.thinking_budget", lambda family, budget, **_: budget)

    def make(script=None, **kwargs):
        backend = ScriptedBackend(script or ["<EOS>"], **kwargs)
        app = Application(
            thinkdesk_home,
            embedder_loader=lambda settings: HashingEmbedder(),
            backend_loader=lambda settings, model: backend,
        )
        window = MainWindow(app)
        window.confirm = lambda question, detail="": True  # a modal dialog would hang a test
        qtbot.addWidget(window)
        window.fake_backend = backend
        return window

    return make
