"""The naive peer on a tiny generated corpus, with the real parsers and the real fp32 model;
and the ingest benchmark's process-tree memory sampling."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bench.corpus import generate, plan
from bench.ingest_speed import measure
from bench.naive_peer import MAX_SEQ, embedded_lengths, index_folder, truncation

pytestmark = pytest.mark.slow  # loads sentence-transformers and torch


def test_the_peer_reads_every_format_and_reports_what_it_cut(tmp_path: Path) -> None:
    reports = plan(6)  # pdf docx pdf pptx pdf xlsx, the second in Chinese
    generate(tmp_path, 6)
    result = index_folder(tmp_path)
    assert result["files"] == 6
    expected = sum(
        1 if r.fmt == "docx" else r.pages + (r.fmt == "pptx" and r.broker is not None)
        for r in reports
    )
    assert expected <= result["pages"] <= expected + len(reports)  # a PDF may run a page over
    assert result["chunks"] == sum(len(chunks) for _text, *chunks in result["split"])
    cut = truncation(result["split"])
    # Chinese is about a token a character: its 1,000-character chunks are always cut
    assert cut["truncated_chunks"] > 0
    assert 0.3 < cut["embedded_share"] < 1.0
    assert 0.3 < cut["text_coverage"] < 1.0


def test_embedded_lengths_stop_at_the_models_window() -> None:
    english = "Revenue rose on higher volumes. " * 10
    chinese = "营业收入同比增长" * 100  # 800 characters, one token each
    short, cut = embedded_lengths([english, chinese])
    assert short == len(english)
    assert cut == MAX_SEQ - 2  # [CLS] and [SEP] take two of the window's tokens
    (with_title,) = embedded_lengths([chinese], ["年度报告"])
    assert with_title == MAX_SEQ - 2 - 4  # the title's four characters come first


def test_measure_sums_the_process_trees_memory(tmp_path: Path) -> None:
    child = (
        "b = bytearray(300_000_000); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(1)"
    )
    parent = (
        "import subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True); "
        "print('{\"ok\": true}')"
    )
    run = measure([sys.executable, "-c", parent], dict(os.environ))
    assert run.result == {"ok": True}
    assert run.peak_rss > 300_000_000
    assert run.seconds >= 1.0
