"""The models `thinkdesk models` lists: the bundled defaults, the configured ones, the models
folder of the settings and THINKDESK_HOME/models (GGUF files and embedding-model folders)."""

from __future__ import annotations

import logging
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

log = logging.getLogger(__name__)


def catalog(settings: Settings, home: Path | None = None) -> dict[str, Any]:
    """{"llm": [...], "embedding": [...]} in the docs/cli.md shape; unreadable ones skipped."""
    return {"llm": _llms(settings, home), "embedding": _embeddings(settings, home)}


def _folders(settings: Settings, home: Path | None) -> list[Path]:
    folders = [Path(settings.models_folder)] if settings.models_folder else []
    return folders + ([home / "models"] if home else [])


def _llms(settings: Settings, home: Path | None) -> list[dict[str, Any]]:
    chosen = settings.llm_model
    candidates = [(bundled_llm_path(), "bundled")]
    if chosen:
        candidates.append((Path(chosen), "file"))
    for folder in _folders(settings, home):
        candidates += [(p, "folder") for p in scan_gguf_folder(folder)]
    found: dict[str, dict[str, Any]] = {}
    for path, source in candidates:
        if str(path) in found:
            continue
        is_default = str(path) == chosen if chosen else source == "bundled"
        try:
            found[str(path)] = gguf_info(path, source, is_default).to_json()
        except ModelError as err:
            log.warning("not listing %s: %s", path, err)
    return list(found.values())


def _embeddings(settings: Settings, home: Path | None) -> list[dict[str, Any]]:
    chosen = settings.embedding_model
    candidates = [bundled_embedding_path()]
    if chosen:
        candidates.append(Path(chosen))
    for folder in _folders(settings, home):
        if folder.is_dir():
            candidates += sorted(p.parent for p in folder.glob("*/modules.json"))
    found: dict[str, dict[str, Any]] = {}
    for path in candidates:
        is_default = str(path) == chosen if chosen else path == candidates[0]
        if str(path) in found:
            continue
        try:
            found[str(path)] = embedding_info(path, is_default).to_json()
        except ModelError as err:
            log.warning("not listing %s: %s", path, err)
    return list(found.values())


def llm_facts(path: str | None) -> tuple[dict[str, Any] | None, str]:
    """What the settings dialog says about a GGUF file (None: the bundled model), as values it
    words in the interface language: name, quantization, size_bytes, context_length, bundled;
    or None and why the file is not usable."""
    try:
        info = gguf_info(Path(path) if path else bundled_llm_path())
    except ModelError as err:
        return None, str(err)
    facts = {"bundled": not path, "name": info.name, "quantization": info.quantization}
    return facts | {"size_bytes": info.size_bytes, "context_length": info.context_length}, ""
