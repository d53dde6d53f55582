"""Where Thinkdesk keeps its data: --home, else THINKDESK_HOME, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from retrieval.durable import write_text

# write_text: a file of THINKDESK_HOME replaced whole and durably, here for the front ends
# too (they never import retrieval themselves).
__all__ = ["keep_caches", "offline", "resolve_home", "write_text"]


def resolve_home(given: str | None = None) -> Path:
    """The data directory; everything Thinkdesk writes goes under it, the caches the libraries
    keep for themselves too (see keep_caches)."""
    if given:
        home = Path(given).expanduser().absolute()
    elif os.environ.get("THINKDESK_HOME"):
        home = Path(os.environ["THINKDESK_HOME"]).expanduser().absolute()
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir("Thinkdesk", appauthor=False))
    keep_caches(home)
    return home


def offline() -> None:
    """Make sure no library reaches for a model hub: everything runs from local files."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def keep_caches(home: Path) -> None:
    """The caches libraries keep for themselves go under home, not to the temp dir, where they
    would outlive the process: jieba's dictionary (home/jieba.cache, 9 MB, written at its first
    use, when the library is already there) and torch's compile cache (made, empty, when torch
    is imported: home/cache/torch). A user's own TORCHINDUCTOR_CACHE_DIR is kept."""
    os.environ.setdefault("TORCHINDUCTOR_CACHE_DIR", str(home / "cache" / "torch"))
    import jieba

    jieba.dt.tmp_dir = str(home)  # default tempfile.gettempdir(); no variable for it
