"""Checks made before a parser opens a file: size limits and zip bombs."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ParseError

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a single file may cost; a file over a limit fails with a reason, not a crash."""

    max_file_bytes: int = 300 * _MB
    max_uncompressed_bytes: int = 1024 * _MB  # the sum of an Office file's zip members
    max_compression_ratio: float = 100.0  # for a member over 1 MiB unpacked
    timeout_s: float = 300.0  # a parser this long without a result (or an OCR page) is stopped
    # a worker whose resident memory passes this is stopped, its file failed: one file never
    # takes the machine's memory (checked as the parent polls, about every 0.5 s)
    max_memory_bytes: int = 2048 * _MB


def check_size(path: Path, limits: Limits) -> int:
    """The file's size in bytes; ParseError when it is empty or over the limit."""
    size = os.stat(path).st_size
    if size == 0:
        raise ParseError("empty file (0 bytes)")
    if size > limits.max_file_bytes:
        raise ParseError(
            f"too large: {size / _MB:.1f} MB is over the {limits.max_file_bytes / _MB:.0f} MB limit"
        )
    return size


def check_zip(path: Path, limits: Limits, kind: str) -> None:
    """Refuse an Office file that is not a zip, or whose members would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as err:
        raise ParseError(f"corrupt: not a valid {kind} file (bad zip archive: {err})") from None
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise ParseError(
            f"zip bomb: unpacks to {total / _MB:.0f} MB, over the "
            f"{limits.max_uncompressed_bytes / _MB:.0f} MB limit"
        )
    for member in members:
        if member.file_size > _MB and member.compress_size > 0:
            ratio = member.file_size / member.compress_size
            if ratio > limits.max_compression_ratio:
                raise ParseError(
                    f"zip bomb: {member.filename} compresses {ratio:.0f}:1 "
                    f"(limit {limits.max_compression_ratio:.0f}:1)"
                )
