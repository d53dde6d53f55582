"""Which language model answers (--model, --endpoint, else settings, else the bundled one)
and loading it: a GGUF file run in process, or a model on an OpenAI-compatible server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from app.settings import Settings
from models.discovery import ModelError, bundled_llm_path, gguf_info
from models.endpoint import EndpointBackend


class Backend(Protocol):
    """What every language model offers the assistant: a token-level LLMBackend run here,
    or an EndpointBackend, a server that samples by itself (the assistant tells them apart)."""

    name: str
    family: str
    n_ctx: int


def model_path(settings: Settings, override: str | None = None) -> Path:
    """The GGUF file to use; ModelError (from gguf_info) when it is missing or not GGUF."""
    chosen = override or settings.llm_model
    path = Path(chosen).expanduser() if chosen else bundled_llm_path()
    gguf_info(path)  # fail early, with a clear message, before llama.cpp prints its own
    return path


def uses_endpoint(settings: Settings, override: str | None = None) -> bool:
    """Whether answers come from the model server: its URL is set and no --model given."""
    return bool(settings.endpoint) and not override


def load_backend(settings: Settings, override: str | None = None) -> Backend:
    """The model server when its URL is set (a --model file wins over it), else the
    llama.cpp backend for the chosen model, with the settings' threads and context."""
    if uses_endpoint(settings, override):
        return load_endpoint(settings)
    from models.llama_backend import LlamaCppBackend

    return LlamaCppBackend(model_path(settings, override), settings.context_size, settings.threads)


def load_endpoint(settings: Settings) -> EndpointBackend:
    """The server's model; the key from settings, else env THINKDESK_API_KEY. The only
    network Thinkdesk uses is this URL, which the user set."""
    if not settings.endpoint:
        raise ModelError("no model server URL is set")
    key = settings.api_key or os.environ.get("THINKDESK_API_KEY") or None
    return EndpointBackend(
        settings.endpoint, settings.endpoint_model, key, n_ctx=settings.context_size
    )
