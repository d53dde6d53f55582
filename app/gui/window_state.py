"""What the window remembers between runs (THINKDESK_HOME/window-state.json): its geometry,
its splitter sizes, the knowledge base and the conversation open last.

Not settings: nothing here changes what Thinkdesk computes, and a missing or unreadable file
only means the default layout."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.home import write_text

log = logging.getLogger(__name__)
FILE = "window-state.json"


@dataclass
class WindowState:
    """geometry: Qt's saveGeometry() in base64; splitters: name -> sizes; conversations:
    knowledge base -> the conversation open last in it."""

    geometry: str = ""
    splitters: dict[str, list[int]] = field(default_factory=dict)
    knowledge_base: str = ""
    conversations: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, home: Path) -> WindowState:
        """The state kept in home, or the defaults when there is none or it is unreadable."""
        try:
            data = json.loads((home / FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as err:
            log.warning("%s unreadable, default layout: %s", home / FILE, err)
            return cls()
        return cls(
            geometry=_typed(data, "geometry", str, ""),
            splitters={
                str(name): [int(n) for n in sizes]
                for name, sizes in _typed(data, "splitters", dict, {}).items()
                if isinstance(sizes, list) and all(isinstance(n, int) for n in sizes)
            },
            knowledge_base=_typed(data, "knowledge_base", str, ""),
            conversations={
                str(kb): number
                for kb, number in _typed(data, "conversations", dict, {}).items()
                if isinstance(number, int)
            },
        )

    def save(self, home: Path) -> None:
        """Write the state atomically (a crash leaves the old file or the new one)."""
        write_text(home / FILE, json.dumps(asdict(self), ensure_ascii=False, indent=2))


def _typed(data: Any, key: str, kind: type, default: Any) -> Any:
    value = data.get(key, default) if isinstance(data, dict) else default
    return value if isinstance(value, kind) else default
