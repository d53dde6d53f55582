"""The models `thinkdesk models` lists: bundled defaults, the configured ones, a models folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.settings import Settings
from models.discovery import (
    ModelError,
    bundled_embedding_path,
    bundled_llm_path,
    embedding_info,
    gguf_info,
    scan_gguf_folder,
)


def catalog(settings: Settings) -> dict[str, Any]:
    """{"llm": [...], "embedding": [...]} in the CONTRACT.md shape; unreadable ones skipped."""
    llms: list[Any] = []
    chosen = settings.llm_model
    candidates = [(bundled_llm_path(), "bundled")]
    if chosen:
        candidates.append((Path(chosen), "file"))
    if settings.models_folder:
        candidates += [(p, "folder") for p in scan_gguf_folder(Path(settings.models_folder))]
    seen: set[str] = set()
    for path, source in candidates:
        if str(path) in seen:
            continue
        seen.add(str(path))
        is_default = str(path) == chosen if chosen else source == "bundled"
        try:
            llms.append(gguf_info(path, source, is_default).to_json())
        except ModelError:
            continue
    embeddings = [embedding_info(bundled_embedding_path(), not settings.embedding_model)]
    if settings.embedding_model:
        embeddings.append(embedding_info(Path(settings.embedding_model), default=True))
    return {"llm": llms, "embedding": [e.to_json() for e in embeddings]}
