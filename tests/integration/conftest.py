"""Every test under tests/integration is marked `integration`, so `-m "not integration"`
leaves out the real parsers, models and indexes; modules add their own marks (slow) beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A conftest's hook sees every collected item of the session, not only those below it.
    for item in items:
        if item.path.is_relative_to(HERE) and item.get_closest_marker("integration") is None:
            item.add_marker(pytest.mark.integration)
