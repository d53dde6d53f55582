"""Settings in THINKDESK_HOME/settings.json, read by the CLI and the GUI alike."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def physical_cores() -> int:
    """Cores to compute on (os.cpu_count() counts hyper-threads; half of those, at least 1)."""
    count = os.cpu_count() or 1
    return max(1, count // 2) if count > 4 else count


def _valid(value: Any, default: Any, annotation: Any) -> bool:
    """Whether a value read from settings.json fits the field (None only where allowed)."""
    if value is None:
        return "None" in str(annotation)
    if isinstance(value, bool):
        return isinstance(default, bool)
    if "float" in str(annotation):
        return isinstance(value, int | float)
    if "int" in str(annotation):
        return isinstance(value, int) and value >= 0
    return isinstance(value, str)


@dataclass
class Settings:
    """What a user can change; None means the bundled default."""

    embedding_model: str | None = None  # a sentence-transformers folder
    llm_model: str | None = None  # a GGUF file
    models_folder: str | None = None  # scanned for *.gguf
    threads: int = dataclasses.field(default_factory=physical_cores)
    parse_workers: int | None = None  # None: one per core
    max_file_mb: int = 300
    context_size: int = 4096
    max_thinking_tokens: int | None = None
    min_thinking_tokens: int = 0
    temperature: float | None = None  # None: the model family's preset
    top_k: int = 5

    @classmethod
    def load(cls, home: Path) -> Settings:
        """Settings from home/settings.json; defaults for missing or unreadable values."""
        path = home / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as err:
            log.warning("ignoring unreadable %s: %s", path, err)
            return cls()
        if not isinstance(data, dict):
            log.warning("ignoring %s: not a JSON object", path)
            return cls()
        defaults = cls()
        values = {}
        for item in dataclasses.fields(cls):
            if item.name in data and _valid(
                data[item.name], getattr(defaults, item.name), item.type
            ):
                values[item.name] = data[item.name]
            elif item.name in data:
                log.warning("ignoring %s in %s: %r", item.name, path, data[item.name])
        return cls(**values)

    def save(self, home: Path) -> None:
        """Write home/settings.json atomically."""
        home.mkdir(parents=True, exist_ok=True)
        temporary = home / "settings.json.tmp"
        temporary.write_text(json.dumps(self.to_json(), indent=2), encoding="utf-8")
        os.replace(temporary, home / "settings.json")

    def to_json(self) -> dict[str, Any]:
        """The settings as a JSON object."""
        return dataclasses.asdict(self)
