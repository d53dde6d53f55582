"""Odd input through the real planning and parse workers: files still being written (waited
for and read whole, or failed with the reason, never half-read in silence), symbolic link
loops in a dropped folder, and GBK and Big5 text and CSV read as the Chinese they are."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest.batch import parse_and_chunk, plan
from ingest.stability import CHANGED, STILL_WRITTEN
from ingest.tokens import TokenizerFile
from models.discovery import bundled_embedding_path

GOOD = Path(__file__).parents[2] / "data" / "good"


def tokenizer() -> TokenizerFile:
    return TokenizerFile(str(bundled_embedding_path() / "tokenizer.json"))


def line(number: int) -> str:
    return f"Line {number:05d} of the growing log: revenue rose in the quarter.\n"


@contextmanager
def writer(path: Path, every_s: float, lines: int | None = None) -> Iterator[list[int]]:
    """A thread appending line(n) to path every every_s (lines of them, or until the block
    ends), each line flushed whole; yields the count written so far (a one-item list)."""
    written, stop = [0], threading.Event()

    def run() -> None:
        with open(path, "a", encoding="utf-8") as handle:
            while not stop.is_set() and (lines is None or written[0] < lines):
                handle.write(line(written[0] + 1))
                handle.flush()
                written[0] += 1
                stop.wait(every_s)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    while not written[0]:
        time.sleep(0.005)
    try:
        yield written
    finally:
        stop.set()
        thread.join()


def test_a_file_written_as_the_batch_starts_is_waited_for_and_read_whole(tmp_path):
    log = tmp_path / "growing.txt"
    with writer(log, every_s=0.02, lines=60):  # about 1.2 s of writing
        batch = plan([log, GOOD / "notes.txt"])
    assert batch.failed == []
    (path, digest), _ = batch.files
    assert digest == hashlib.sha256(log.read_bytes()).hexdigest()
    outcome = {o.path.name: o for o in parse_and_chunk(batch.files, tokenizer(), 254)}[log.name]
    text = "\n".join(c.text for c in outcome.chunks)
    assert outcome.error is None
    assert [n for n in range(1, 61) if f"Line {n:05d} " in text] == list(range(1, 61))


def test_a_file_that_never_stops_growing_fails_with_its_reason_and_the_rest_go_on(tmp_path):
    log = tmp_path / "endless.txt"
    with writer(log, every_s=0.02):
        started = time.monotonic()
        batch = plan([log, GOOD / "notes.txt"], settle_wait_s=1.0)
        waited = time.monotonic() - started
    assert batch.failed == [(log, STILL_WRITTEN)]
    assert [p.name for p, _ in batch.files] == ["notes.txt"]
    assert 1.0 <= waited < 3.0  # the wait is bounded


def test_a_file_that_changes_while_its_parser_reads_it_fails_with_its_reason(tmp_path):
    log = tmp_path / "appended.csv"
    log.write_text("Line,Text\n" + "".join(f"{n},{line(n)}" for n in range(1, 100_001)))
    old = time.time() - 60  # written a minute ago: planned at once, no waiting
    os.utime(log, (old, old))
    batch = plan([log, GOOD / "notes.txt"])
    assert [p.name for p, _ in batch.files] == ["appended.csv", "notes.txt"]
    with writer(log, every_s=0.005):  # the writer comes back as the workers read
        outcomes = {o.path.name: o for o in parse_and_chunk(batch.files, tokenizer(), 254)}
    assert outcomes["appended.csv"].error == CHANGED and outcomes["appended.csv"].chunks == []
    assert outcomes["notes.txt"].error is None and outcomes["notes.txt"].chunks


def test_symbolic_link_loops_in_a_folder_are_named_and_the_rest_is_planned(tmp_path):
    folder = tmp_path / "dropped"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "notes.txt").write_bytes((GOOD / "notes.txt").read_bytes())
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: sub/up/sub/up/...
    (folder / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "gone.pdf").symlink_to("nowhere.pdf")
    batch = plan([folder])
    assert [p for p, _ in batch.files] == [folder / "sub" / "notes.txt"]
    loop = "symbolic link loop (the link leads back to itself)"
    assert sorted(batch.skipped) == [
        (folder / "a.txt", loop),
        (folder / "b.txt", loop),
        (folder / "gone.pdf", "broken symbolic link (its target 'nowhere.pdf' does not exist)"),
        (folder / "self.txt", loop),
    ]


# Short texts are the hard case: each encoding accepts most of the other's bytes as valid
# characters, and a file of a few words gives the guess little to go on.
GBK_TEXT = "业务分部\n\n主要用于扩充产能。下游需求呈现结构性分化，严格控制应收账款风险。"
BIG5_TEXT = "董事會決議配發現金股利每股十一元。\n\n台積電的營業收入成長百分之二十。"
GBK_CSV = "公司,营业收入,净利润\n华东精密,1200,150\n恒远能源,980,-20\n"
BIG5_CSV = "公司,營業收入,淨利\n晶昱精密,1200,150\n聯豐電子,870,64\n"


@pytest.mark.parametrize(
    ("name", "text", "encoding"),
    [
        ("gbk.txt", GBK_TEXT, "gbk"),
        ("big5.txt", BIG5_TEXT, "big5"),
        ("gbk.csv", GBK_CSV, "gbk"),
        ("big5.csv", BIG5_CSV, "big5"),
    ],
)
def test_gbk_and_big5_files_are_read_as_their_chinese(tmp_path, name, text, encoding):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    [outcome] = parse_and_chunk(plan([path]).files, tokenizer(), 254)
    assert outcome.error is None
    if name.endswith(".csv"):
        header, *rows = text.strip().split("\n")
        expected = [
            f"{header.replace(',', ' | ')}\n" + "\n".join(r.replace(",", " | ") for r in rows)
        ]
    else:
        expected = ["\n".join(p for p in text.split("\n") if p)]
    assert [c.text for c in outcome.chunks] == expected
