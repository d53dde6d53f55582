"""Which language model to run (--model, else settings, else the bundled one) and loading it."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings
from models.backend import LLMBackend
from models.discovery import bundled_llm_path, gguf_info


def model_path(settings: Settings, override: str | None = None) -> Path:
    """The GGUF file to use; ModelError (from gguf_info) when it is missing or not GGUF."""
    chosen = override or settings.llm_model
    path = Path(chosen).expanduser() if chosen else bundled_llm_path()
    gguf_info(path)  # fail early, with a clear message, before llama.cpp prints its own
    return path


def load_backend(settings: Settings, override: str | None = None) -> LLMBackend:
    """The llama.cpp backend for the chosen model, with the settings' threads and context."""
    from models.llama_backend import LlamaCppBackend

    return LlamaCppBackend(model_path(settings, override), settings.context_size, settings.threads)
