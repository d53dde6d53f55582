"""Terminal output shared by the commands: JSON on stdout, paths as stored, one-line errors."""

from __future__ import annotations

import json
import logging
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


class _OneLine(logging.Formatter):
    """A log record as one warning line: the message, never a traceback (a per-file failure
    is also in the command's own report, with its reason)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"thinkdesk: warning: {record.getMessage()}"


def log_to_stderr() -> None:
    """Warnings and errors of the core reach stderr as one line each (instead of Python's
    last-resort handler, which prints tracebacks)."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, _OneLine) for h in root.handlers):
        return  # main() ran before in this process (tests)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_OneLine())
    root.addHandler(handler)
