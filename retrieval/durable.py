"""Files replaced whole and durably: written to a temporary file beside the target, flushed to
disk, renamed over it and the folder flushed, so a crash at any moment leaves either the old
file or the new one, never a torn one (SQLite itself needs none of this)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from retrieval.store import DiskFull, disk_full

TEMPORARY = ".tmp-"  # the infix of a temporary file: `settings.json.tmp-<pid>-<random>`


def replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Make path's new content with write(temporary) and put it in place; DiskFull when the
    disk is full (the old file is kept), any other error as it came."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per writer: two processes saving one file must not share a temporary file.
    temporary = path.with_name(f"{path.name}{TEMPORARY}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        write(temporary)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
        sync_folder(path.parent)
    except BaseException as err:
        temporary.unlink(missing_ok=True)
        if disk_full(err) or "No space left" in str(err) or "File too large" in str(err):
            raise DiskFull(path, err) from None
        raise


def write_text(path: Path, text: str) -> None:
    """Replace a text file (UTF-8) atomically and durably."""
    replace_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk, where the OS allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(handle)


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a crashed writer left in a folder (whoever wrote them is gone when no
    process with that id runs)."""
    found = []
    for path in folder.glob(f"*{TEMPORARY}*"):
        pid = path.name.rsplit(TEMPORARY, 1)[1].split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            found.append(path)
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
