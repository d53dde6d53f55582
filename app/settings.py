"""Settings in THINKDESK_HOME/settings.json, read by the CLI and the GUI alike.

Each field is declared once with its type (the annotation), limits and label; the loader
checks values against that declaration and the settings dialog builds its form from it
(qutebrowser's configdata idea)."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from retrieval.durable import write_text

log = logging.getLogger(__name__)


def physical_cores() -> int:
    """Cores to compute on: physical ones (hyper-threads slow llama.cpp and ONNX down)."""
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


@dataclass(frozen=True)
class Spec:
    """How a setting is shown and checked: label, limits, and what None means.

    kind is "number", "file" (with file_filter), "folder", "url" (http:// or https://),
    "text" (secret: shown masked) or "choice" (one of choices, (value, label) pairs);
    none_label, when set, says what an empty value means (None is allowed only then). The
    texts are English; the GUI translates them (app/gui/i18n.py collects them for lupdate)."""

    label: str
    kind: str = "number"
    low: float | None = None
    high: float | None = None
    step: float = 1
    none_label: str | None = None
    file_filter: str = ""
    secret: bool = False
    choices: tuple[tuple[str, str], ...] = ()

    def problem(self, value: Any, hint: Any) -> str | None:
        """Why value does not fit this setting of type hint, or None when it does."""
        if value is None:
            return None if self.none_label is not None else "must not be empty"
        if self.kind == "choice":
            values = [choice for choice, _ in self.choices]
            if value in values:
                return None
            return f"is {json.dumps(value)}, must be one of {', '.join(values)}"
        if self.kind in ("url", "text"):
            if not isinstance(value, str):
                return f"must be a string, not {json.dumps(value)}"
            if self.kind == "url" and not value.startswith(("http://", "https://")):
                return f"is {value!r}, must start with http:// or https://"
            return None
        if self.kind != "number":
            return None if isinstance(value, str) else "must be a path (a string)"
        number = int if value_type(hint) is int else float
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number, not {json.dumps(value)}"
        if number is int and not isinstance(value, int):
            return f"must be a whole number, not {value}"
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            return f"is {value}, must be from {_plain(self.low)} to {_plain(self.high)}"
        return None


def setting(default: Any = None, *, factory: Callable[[], Any] | None = None, **spec: Any) -> Any:
    """A Settings field with its Spec (a dataclasses.field carrying it in metadata)."""
    metadata = {"spec": Spec(**spec)}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass
class Settings:
    """What a user can change; None means the bundled default (or what none_label says)."""

    language: str = setting(
        "auto",
        label="Interface language",
        kind="choice",
        # each language named in itself, as a language menu does
        choices=(("auto", "Same as the system"), ("en", "English"), ("zh_CN", "简体中文")),
    )
    llm_model: str | None = setting(
        label="Language model (GGUF file)",
        kind="file",
        file_filter="GGUF model (*.gguf)",
        none_label="the bundled SmolLM2-135M-Instruct",
    )
    endpoint: str | None = setting(
        label="Model server URL (OpenAI-compatible)",
        kind="url",
        none_label="the local model above",
    )
    endpoint_model: str | None = setting(
        label="Model on the server", kind="text", none_label="the first it serves"
    )
    api_key: str | None = setting(
        label="Server API key", kind="text", secret=True, none_label="env THINKDESK_API_KEY"
    )
    models_folder: str | None = setting(
        label="Models folder (scanned for *.gguf)", kind="folder", none_label="none"
    )
    embedding_model: str | None = setting(
        label="Embedding model folder", kind="folder", none_label="the bundled MiniLM"
    )
    threads: int = setting(factory=physical_cores, label="Threads", low=1, high=256)
    parse_workers: int | None = setting(
        label="Parsing processes", low=1, high=64, none_label="one per core"
    )
    max_file_mb: int = setting(300, label="Largest file to index (MB)", low=1, high=100_000)
    context_size: int = setting(4096, label="Context size (tokens)", low=512, high=131072, step=512)
    min_thinking_tokens: int = setting(0, label="Minimum thinking tokens", low=0, high=32768)
    max_thinking_tokens: int | None = setting(
        label="Maximum thinking tokens", low=0, high=32768, none_label="model preset"
    )
    temperature: float | None = setting(
        label="Temperature", low=0.0, high=2.0, step=0.05, none_label="model preset"
    )
    top_k: int = setting(5, label="Passages per question (top-k)", low=1, high=50)

    @classmethod
    def load(cls, home: Path) -> Settings:
        """Settings from home/settings.json; a value that does not fit is logged and left at
        its default (read() returns the messages)."""
        settings, problems = cls.read(home)
        for problem in problems:
            log.warning("%s", problem)
        return settings

    @classmethod
    def read(cls, home: Path) -> tuple[Settings, list[str]]:
        """Settings and a clear message for each value of settings.json left at its default."""
        path = home / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(), []
        except OSError as err:
            return cls(), [f"{path}: unreadable, using the defaults ({err})"]
        except ValueError as err:  # torn or garbage: kept aside, so that a save cannot lose it
            return cls(), [f"{path}: not valid JSON ({err}); {_set_aside(path)}"]
        if not isinstance(data, dict):
            return cls(), [f"{path}: not a JSON object; {_set_aside(path)}"]
        values, problems = {}, []
        defaults, declared = cls(), fields()
        for name, (spec, hint) in declared.items():
            if name not in data:
                continue
            problem = spec.problem(data[name], hint)
            if problem is None:
                values[name] = data[name]
            else:
                kept = getattr(defaults, name)
                problems.append(f"{path}: {name} {problem}; using {json.dumps(kept)}")
        unknown = sorted(data.keys() - declared.keys())
        problems += [f"{path}: unknown setting {name!r} ignored" for name in unknown]
        return cls(**values), problems

    def problems(self) -> list[str]:
        """Messages for the values that do not fit their declaration (set from code)."""
        found = []
        for name, (spec, hint) in fields().items():
            problem = spec.problem(getattr(self, name), hint)
            if problem:
                found.append(f"{name} {problem}")
        return found

    def save(self, home: Path) -> None:
        """Write home/settings.json atomically and durably (DiskFull when the disk is full)."""
        write_text(home / "settings.json", json.dumps(self.to_json(), indent=2))

    def to_json(self) -> dict[str, Any]:
        """The settings as a JSON object."""
        return dataclasses.asdict(self)


def fields() -> dict[str, tuple[Spec, Any]]:
    """Every setting's Spec and type hint, in declaration order."""
    hints = typing.get_type_hints(Settings)
    return {f.name: (f.metadata["spec"], hints[f.name]) for f in dataclasses.fields(Settings)}


def value_type(hint: Any) -> Any:
    """int for `int | None`, float for `float`."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if args else hint


def _set_aside(path: Path) -> str:
    """Rename a settings file that cannot be read beside itself; says where it went."""
    aside = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError as err:
        return f"using the defaults (could not keep it aside: {err})"
    return f"kept it as {aside.name} and using the defaults"


def _plain(number: float | None) -> str:
    if number is None:
        return "any"
    return str(int(number)) if float(number).is_integer() else str(number)
