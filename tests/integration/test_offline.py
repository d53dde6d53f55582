"""Nothing goes over the network and nothing is written outside THINKDESK_HOME: the real
`thinkdesk ingest`, `search`, `ask --json` and the desktop app run in subprocesses under a socket
guard (offline_guard/sitecustomize.py) that refuses and reports any connection or name lookup
leaving the machine, and again in a network namespace with no interfaces where the kernel
allows; HOME, the XDG folders and the temp dir are fresh folders that hold nothing new after
each process has ended."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

GUARD = Path(__file__).parent / "offline_guard"
GOOD = Path(__file__).parents[1] / "data" / "good"
BIN = Path(sys.executable).parent
QUESTION = "What gross margin did Acme report for fiscal 2025?"
GUI_SECONDS = 40  # at most: the window closes a second after its models have loaded

pytestmark = pytest.mark.slow

Snapshot = dict[str, tuple[bool, int, int]]


class Box:
    """A fresh HOME, XDG folders, temp dir, documents and THINKDESK_HOME under one root; the
    guard's reports beside it, outside what is compared."""

    def __init__(self, base: Path) -> None:
        self.root = base / "box"
        self.reports = base / "guard"
        self.home = self.root / "thinkdesk-home"
        self.docs = self.root / "docs"
        self.tmp = self.root / "tmp"
        self.reports.mkdir(parents=True)
        for name in ("home", "tmp", "xdg/cache", "xdg/config", "xdg/data", "xdg/state"):
            (self.root / name).mkdir(parents=True)
        (self.root / "xdg/runtime").mkdir(mode=0o700)  # Qt insists on 0700
        shutil.copytree(GOOD, self.docs)
        # One thread: llama.cpp's OpenMP threads spin at every barrier, and on a busy two-core
        # machine (CI, a benchmark beside) two of them answer over ten times slower than one.
        self.home.mkdir()
        (self.home / "settings.json").write_text('{"threads": 1}', "utf-8")
        self.before = self.snapshot()

    def env(self, step: str) -> dict[str, str]:
        """Only what a session has: nothing of the test process's own (HF_HUB_OFFLINE and the
        like must come from the app itself)."""
        xdg = self.root / "xdg"
        return {
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "LANG": "C.UTF-8",
            "HOME": str(self.root / "home"),
            "XDG_CACHE_HOME": str(xdg / "cache"),
            "XDG_CONFIG_HOME": str(xdg / "config"),
            "XDG_DATA_HOME": str(xdg / "data"),
            "XDG_STATE_HOME": str(xdg / "state"),
            "XDG_RUNTIME_DIR": str(xdg / "runtime"),
            "TMPDIR": str(self.tmp),
            "THINKDESK_HOME": str(self.home),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(GUARD),
            "THINKDESK_NETWORK_LOG": str(self.reports / f"{step}.jsonl"),
        }

    def run(self, step: str, argv: list[str], prefix: tuple[str, ...] = ()) -> str:
        """Run one process to its end; its stdout. Fails on a network attempt (with the address
        and the traceback), a non-zero exit, or anything left in the temp dir."""
        done = subprocess.run(
            [*prefix, *argv],
            capture_output=True,
            text=True,
            env=self.env(step),
            cwd=self.root / "home",
            timeout=240,
        )
        records = [
            json.loads(line)
            for line in (self.reports / f"{step}.jsonl").read_text("utf-8").splitlines()
        ]
        attempts = [r for r in records if r["event"] == "network"]
        assert not attempts, f"{step}: network attempts:\n" + "\n".join(
            f"{r['call']} {r['address']} (pid {r['pid']}, {r['argv']}):\n{r['traceback']}"
            for r in attempts
        )
        assert any(r["event"] == "loaded" for r in records), f"{step}: the guard was not loaded"
        assert done.returncode == 0, f"{step}: exit {done.returncode}\n{done.stderr[-3000:]}"
        left = sorted(str(p.relative_to(self.tmp)) for p in self.tmp.rglob("*"))
        assert not left, f"{step} left in the temp dir: {left}"
        return done.stdout

    def snapshot(self) -> Snapshot:
        """Every folder and file under the root but THINKDESK_HOME: kind, size and mtime (a
        folder's changes when a file is made in it and removed again; the temp dir's may)."""
        found: Snapshot = {}
        for folder, dirs, files in os.walk(self.root):
            here = Path(folder)
            if here == self.root and self.home.name in dirs:
                dirs.remove(self.home.name)
            for name in dirs + files:
                path = here / name
                info = path.lstat()
                moved = 0 if path == self.tmp else info.st_mtime_ns
                found[str(path.relative_to(self.root))] = (path.is_dir(), info.st_size, moved)
        return found

    def assert_nothing_written_outside_home(self) -> None:
        after = self.snapshot()
        new = sorted(set(after) - set(self.before))
        changed = sorted(p for p in set(after) & set(self.before) if after[p] != self.before[p])
        gone = sorted(set(self.before) - set(after))
        assert (new, changed, gone) == ([], [], []), (
            f"written outside THINKDESK_HOME: new {new}, changed {changed}, removed {gone}"
        )
        assert (self.home / "library.sqlite").is_file()


def ingest_search_ask(box: Box, prefix: tuple[str, ...] = ()) -> None:
    """The three commands on the sample documents, each checked for a real result."""
    thinkdesk = str(BIN / "thinkdesk")
    summary = json.loads(
        box.run("ingest", [thinkdesk, "ingest", str(box.docs), "--json", "--quiet"], prefix)
    )
    assert summary["added"] == len(list(GOOD.iterdir())) and summary["failed"] == []
    passages = json.loads(
        box.run("search", [thinkdesk, "search", "gross margin fiscal 2025", "--json"], prefix)
    )
    assert Path(passages[0]["file"]) == box.docs / "report_en.pdf"
    ask = [thinkdesk, "ask", QUESTION, "-k", "2", "--min-thinking-tokens", "8"]
    answer = json.loads(box.run("ask", [*ask, "--max-thinking-tokens", "24", "--json"], prefix))
    assert answer["question"] == QUESTION and answer["answer"].strip()
    assert answer["passages"] and answer["timings"]["answer_tokens"] > 0


@cache
def no_network_prefix() -> tuple[str, ...] | None:
    """`unshare -n` (as root), else `unshare -rn` (in a user namespace), where the kernel
    allows: a network namespace whose only interface is the loopback, down."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (("unshare", "-n", "--"), ("unshare", "-rn", "--")):
        probe = subprocess.run(
            [*prefix, "cat", "/proc/net/dev"], capture_output=True, text=True, timeout=30
        )
        if probe.returncode == 0:
            interfaces = {line.split(":")[0].strip() for line in probe.stdout.splitlines()[2:]}
            assert interfaces == {"lo"}, f"{prefix} leaves interfaces: {interfaces}"
            return prefix
    return None


def test_the_guard_reports_and_refuses_a_connection_off_the_machine(tmp_path):
    box = Box(tmp_path)
    code = (
        "import socket\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
        "except OSError as error:\n    print(error)\n"
    )
    with pytest.raises(AssertionError, match=r"getaddrinfo '192\.0\.2\.1'.*\n.*<string>"):
        box.run("probe", [sys.executable, "-c", code])


def test_ingest_search_ask_and_the_desktop_app_stay_offline_and_in_their_home(tmp_path):
    box = Box(tmp_path)
    ingest_search_ask(box)
    out = box.run("gui", [sys.executable, str(GUARD / "gui_session.py"), str(GUI_SECONDS)])
    assert "models ready" in out, "the window closed before its models had loaded"
    assert (box.home / "logs" / "thinkdesk.log").is_file()
    box.assert_nothing_written_outside_home()


def test_ingest_search_ask_without_any_network_interface(tmp_path):
    prefix = no_network_prefix()
    if prefix is None:
        pytest.skip("no network namespace here: `unshare -n` and `unshare -rn` both fail")
    box = Box(tmp_path)
    ingest_search_ask(box, prefix)
    box.assert_nothing_written_outside_home()
