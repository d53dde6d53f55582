"""Worker processes: a crashing or hanging parser costs its own file, never the batch."""

from dataclasses import replace

from crash_parser import parse as scripted_parse

from ingest.limits import Limits
from ingest.workers import parse_file, parse_files


def test_a_crash_and_a_hang_fail_their_files_and_the_rest_go_on(tmp_path):
    names = ["a.txt", "crash.txt", "b.txt", "hang.txt", "c.txt", "d.txt"]
    limits = replace(Limits(), timeout_s=3)
    results = {
        r.path.rsplit("/", 1)[-1]: r
        for r in parse_files([tmp_path / n for n in names], limits, workers=2, parse=scripted_parse)
    }
    assert set(results) == set(names)
    assert "crashed" in results["crash.txt"].error and "139" in results["crash.txt"].error
    assert results["hang.txt"].error.startswith("timed out")
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        assert results[name].error is None and results[name].blocks[0].text == name


def test_ocr_pages_reach_the_parent_and_keep_a_slow_scan_alive(tmp_path):
    pages = []
    limits = replace(Limits(), timeout_s=1)  # the scan takes 1.8 s, 0.6 s a page
    [result] = parse_files(
        [tmp_path / "scan.pdf"],
        limits,
        workers=1,
        parse=scripted_parse,
        on_ocr_page=lambda *page: pages.append(page),
    )
    assert result.error is None
    assert pages == [(str(tmp_path / "scan.pdf"), n, n, 3) for n in (1, 2, 3)]


def test_cancel_stops_the_batch(tmp_path):
    calls = iter(range(100))
    results = list(
        parse_files(
            [tmp_path / f"f{i}.txt" for i in range(20)],
            workers=1,
            parse=scripted_parse,
            cancelled=lambda: next(calls) >= 3,
        )
    )
    assert len(results) < 20


def test_parse_file_reports_size_limit_and_never_raises(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("x" * 5000)
    result = parse_file(big, replace(Limits(), max_file_bytes=1000))
    assert result.error.startswith("too large") and result.blocks == []
    odd = tmp_path / "odd.pdf"
    odd.write_bytes(b"%PDF-1.7\n garbage")
    assert "corrupt" in parse_file(odd).error
