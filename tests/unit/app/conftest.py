"""The application core's tests: a workspace on a temporary home with the hashing embedder."""

from __future__ import annotations

import pytest
from fakes import HashingEmbedder

from app.workspace import Workspace


@pytest.fixture
def workspace(thinkdesk_home):
    ws = Workspace(thinkdesk_home)
    ws.use_embedder(HashingEmbedder())
    yield ws
    ws.close()
