"""Where Thinkdesk keeps its data: --home, else THINKDESK_HOME, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path


def resolve_home(given: str | None = None) -> Path:
    """The data directory; everything Thinkdesk writes goes under it."""
    if given:
        return Path(given).expanduser().absolute()
    if os.environ.get("THINKDESK_HOME"):
        return Path(os.environ["THINKDESK_HOME"]).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir("Thinkdesk", appauthor=False))


def offline() -> None:
    """Make sure no library reaches for a model hub: everything runs from local files."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
