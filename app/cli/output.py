"""Terminal output shared by the commands: JSON on stdout, paths as stored, one-line errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def emit(data: Any) -> None:
    """Print data as JSON on stdout."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def absolute(path: str) -> str:
    """The resolved absolute path of a file argument (how documents are stored)."""
    return str(Path(path).expanduser().resolve())


def error(message: str) -> None:
    """One clear line on stderr."""
    print(f"thinkdesk: error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    """A warning line on stderr (the command goes on)."""
    print(f"thinkdesk: warning: {message}", file=sys.stderr)
