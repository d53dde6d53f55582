"""`thinkdesk search` as a fresh process on a large library: wall seconds from launch to exit and
the peak memory, median of --repeat, beside the interpreter's floor (starting Python and
importing numpy and FAISS) and, with --baseline REV, the same command run by that revision's code.

    python -m bench.cli_speed [--chunks 100000] [--repeat 5] [--baseline e5a075c]

The library is bench/search_scale.py's synthetic one (real filings' text redrawn, their
embeddings jittered), built once into --scratch; the first search of each code version builds
its FAISS cache and is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.search_scale import KB, ROOT, checkout

QUESTIONS = [
    "What was the operating margin in FY2022?",
    "How much cash did operating activities provide in 2021?",
    "What were total revenues for the fourth quarter?",
    "What is the company's long-term debt due after five years?",
    "How many shares were repurchased during the year?",
]
FLOOR = "import numpy, faiss"


def timed(argv: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (MB) and exit code of one fresh process."""
    started = time.monotonic()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode and process.stderr:
        sys.stderr.write(process.stderr.read().decode(errors="replace")[-2000:])
    return seconds, usage.ru_maxrss // 1024, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", help="also time this git revision's code")
    parser.add_argument("--scratch", type=Path, help="keep the library here")
    args = parser.parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="thinkdesk-cli-"))
    home = scratch / f"home-{args.chunks}"
    # built in a child: a fork of this process would start every timed child at its size
    build = "import sys; from pathlib import Path; from bench.search_scale import build_synthetic;"
    build += "print(build_synthetic(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))"
    made = subprocess.run(
        [sys.executable, "-c", build, str(home), str(args.chunks), str(scratch / "cache")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    chunks = int(made.stdout.split()[-1])
    versions = {"this code": ROOT}
    if args.baseline:
        versions[f"code of {args.baseline}"] = checkout(args.baseline, scratch / "baseline")

    def search(question: str) -> list[str]:
        run = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
        return [sys.executable, "-c", run, "--home", str(home), "--kb", KB, "search", question]

    runs: dict[str, list[tuple[float, int, int]]] = {name: [] for name in versions}
    runs["floor: python -c '" + FLOOR + "'"] = []
    for code in versions.values():  # each version's first search builds its FAISS cache
        timed([*search(QUESTIONS[0]), "--json"], code)
    for round_ in range(args.repeat):
        question = QUESTIONS[round_ % len(QUESTIONS)]
        for name, code in versions.items():
            runs[name].append(timed([*search(question), "--json"], code))
        runs["floor: python -c '" + FLOOR + "'"].append(timed([sys.executable, "-c", FLOOR], ROOT))
    print(f"Library: {chunks:,} chunks; median of {args.repeat} fresh processes, interleaved.\n")
    print("| command | median s | min s | max s | peak RSS MB | failed |")
    print("|---|---|---|---|---|---|")
    for name, got in runs.items():
        seconds = [s for s, _, _ in got]
        print(
            f"| {name} | {statistics.median(seconds):.2f} | {min(seconds):.2f} | "
            f"{max(seconds):.2f} | {max(m for _, m, _ in got)} | {sum(c != 0 for *_, c in got)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
