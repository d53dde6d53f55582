"""Terminal output shared by the commands: JSON on stdout, paths as stored, one-line errors."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def emit(data: Any) -> None:
    """Print data as JSON on stdout."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def absolute(path: str) -> str:
    """The resolved absolute path of a file argument (how documents are stored)."""
    return str(Path(path).expanduser().resolve())


def shown(path: str | Path) -> str:
    """A path as one line of terminal text: a control character in a name (a newline) and
    bytes that are not UTF-8 escaped as Python writes them (\\n, \\xff); --json keeps the
    path as stored."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def error(message: str) -> None:
    """One clear line on stderr."""
    print(f"thinkdesk: error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    """A warning line on stderr (the command goes on)."""
    print(f"thinkdesk: warning: {message}", file=sys.stderr)
