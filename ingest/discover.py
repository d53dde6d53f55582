"""Walk dropped files and folders: keep supported files, list everything else as skipped."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".pptx", ".xlsx", ".txt", ".md", ".csv"})
_TEMP_SUFFIXES = frozenset({".tmp", ".temp", ".part", ".crdownload", ".swp", ".bak"})


@dataclass
class Discovery:
    """Supported files in the order found, and (path, reason) for each file passed over."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def skip_reason(path: Path) -> str | None:
    """Why a file is not parsed (hidden, lock or temporary file, unsupported type), or None."""
    name = path.name
    if name.startswith("~$"):
        return "Office lock file"
    if name.startswith("."):
        return "hidden file"
    if name.endswith("~") or path.suffix.lower() in _TEMP_SUFFIXES:
        return "temporary file"
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"unsupported type ({path.suffix or 'no suffix'})"
    return None


def discover(paths: Iterable[str | os.PathLike[str]]) -> Discovery:
    """Expand files and folders (recursively, each real folder once) into files to parse."""
    found = Discovery()
    seen_files: set[Path] = set()
    seen_dirs: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser().resolve()
        if path.is_dir():
            _walk(path, found, seen_files, seen_dirs)
        elif path.is_file():
            _add(path, found, seen_files)
        else:
            found.skipped.append((path, "not found"))
    return found


def _walk(root: Path, found: Discovery, seen_files: set[Path], seen_dirs: set[Path]) -> None:
    real = root.resolve()
    if real in seen_dirs:  # a symlink loop or a folder given twice
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        found.skipped.append((root, f"cannot read folder: {err.strerror}"))
        return
    for entry in entries:
        if entry.is_symlink() and not os.path.exists(entry.path):
            found.skipped.append((Path(entry.path), _dead_link(entry.path)))
            continue
        path = Path(entry.path).resolve() if entry.is_symlink() else Path(entry.path)
        if entry.name.startswith(".") and entry.is_dir():
            continue  # hidden folders (.git, .cache) are never documents
        if entry.is_dir():
            _walk(path, found, seen_files, seen_dirs)
        elif entry.is_file():
            _add(path, found, seen_files)


def _dead_link(link: str) -> str:
    """Why a symbolic link leads nowhere: a loop (it names itself, directly or not) or a
    target that is gone."""
    try:
        os.stat(link)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
    return f"broken symbolic link (its target {os.readlink(link)!r} does not exist)"


def _add(path: Path, found: Discovery, seen_files: set[Path]) -> None:
    real = path.resolve()
    if real in seen_files:
        return
    seen_files.add(real)
    reason = skip_reason(path)
    if reason:
        found.skipped.append((path, reason))
    else:
        found.files.append(path)
