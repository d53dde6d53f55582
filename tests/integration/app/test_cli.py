"""`thinkdesk` end to end with the real parsers, the bundled embedding model and FAISS:
ingest, search with exact locations, incremental re-ingest, status, docs, remove, kb, models."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

DATA = Path(__file__).parents[2] / "data"
GOOD = DATA / "good"


def run(capsys, *argv: str) -> tuple[int, object]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if "--json" in argv and out.strip() else out


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """tests/data indexed once for the module, with the ingest summary; tests never change it."""
    home = tmp_path_factory.mktemp("cli") / "home"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--home", str(home), "ingest", str(GOOD), str(DATA / "bad"), "--json"])
    assert code == 0
    return home, json.loads(out.getvalue())


@pytest.fixture
def home(indexed, tmp_path):
    """A copy of the indexed library of its own for each test, with the ingest summary."""
    original, summary = indexed
    copy = tmp_path / "home"
    shutil.copytree(original, copy)
    return copy, summary


@pytest.mark.slow
def test_scanned_pages_are_searchable_at_their_page_marked_ocr(capsys, tmp_path):
    home = str(tmp_path / "home")
    code, summary = run(capsys, "--home", home, "ingest", str(DATA / "scans"), "--json", "--quiet")
    assert code == 0 and summary["added"] == 2 and summary["failed"] == []
    for query, name, location in (
        ("freight costs diesel prices", "scan_en.pdf", {"page": 2, "ocr": True}),
        ("青岛港仓储中心追加投资", "scan_zh.pdf", {"page": 1, "ocr": True}),
    ):
        code, passages = run(capsys, "--home", home, "search", query, "-k", "1", "--json")
        assert code == 0 and Path(passages[0]["file"]).name == name
        assert passages[0]["location"] == location


def test_ingest_reports_counts_failures_and_skips(home):
    _, summary = home
    assert summary["added"] == 9 and summary["chunks"] > 20
    failed = {Path(f["file"]).name: f["reason"] for f in summary["failed"]}
    assert failed["encrypted.pdf"] == "encrypted: needs a password"
    assert failed["scanned.pdf"].startswith("no text layer")
    assert "zip bomb" in failed["bomb.docx"]
    skipped = {Path(f["file"]).name: f["reason"] for f in summary["skipped"]}
    assert skipped["duplicate_of_report_en.pdf"].startswith("duplicate of")
    assert set(summary) >= {
        "added",
        "updated",
        "unchanged",
        "removed",
        "chunks",
        "seconds",
        "failed",
        "skipped",
    }


@pytest.mark.parametrize(
    ("question", "file", "location"),
    [
        ("What gross margin did Acme report for fiscal 2025?", "report_en.pdf", {"page": 3}),
        ("Jakarta plant opening", "deck.pptx", {"slide": 2, "notes": True}),
        ("R042 Q1 revenue", "book.xlsx", {"sheet": "Revenue"}),
        (
            "operating margin 18.2 percent",
            "report.docx",
            {"heading": "Financial performance > Margins"},
        ),
        ("宁德新能源净利润增长", "report_zh.pdf", {"page": 2}),
        ("台積電營業收入成長", "report_zh_tw.pdf", {"page": 1}),
    ],
)
def test_search_finds_each_format_at_its_exact_location(home, capsys, question, file, location):
    code, passages = run(capsys, "--home", str(home[0]), "search", question, "-k", "3", "--json")
    assert code == 0
    top = passages[0]
    assert Path(top["file"]).name == file
    assert top["file"] == str(GOOD / file)
    assert all(top["location"].get(k) == v for k, v in location.items()), top["location"]
    assert set(top) >= {"rank", "score", "file", "location", "text", "chunk_id"}
    assert [p["rank"] for p in passages] == list(range(1, len(passages) + 1))


def test_xlsx_passage_carries_the_cell_range_of_its_rows(home, capsys):
    _, passages = run(capsys, "--home", str(home[0]), "search", "R042 4242", "-k", "1", "--json")
    top = passages[0]
    first, last = top["location"]["cells"].split(":")
    assert int(first[1:]) <= 44 <= int(last[1:])
    assert "R042 | 4242 | 546 | 4788" in top["text"]  # the formula's cached value


def test_reingest_of_an_unchanged_folder_reembeds_nothing(home, capsys):
    code, again = run(capsys, "--home", str(home[0]), "ingest", str(GOOD), "--json")
    assert code == 0
    assert (again["added"], again["updated"], again["unchanged"], again["chunks"]) == (0, 0, 9, 0)


def test_status_docs_remove_and_kb(home, capsys):
    h = str(home[0])
    _, status = run(capsys, "--home", h, "status", "--json")
    [kb] = status["knowledge_bases"]
    assert (kb["name"], kb["documents"], kb["embedding_model"], kb["dimension"]) == (
        "default",
        9,
        "all-MiniLM-L6-v2",
        384,
    )
    assert kb["chunks"] == home[1]["chunks"] and kb["index_bytes"] > 0
    assert len(kb["failed"]) == 8
    _, docs = run(capsys, "--home", h, "docs", "--json")
    assert {d["status"] for d in docs} == {"indexed", "failed"}
    _, removed = run(capsys, "--home", h, "remove", str(GOOD / "deck.pptx"), "--json")
    assert removed["removed"] == [str(GOOD / "deck.pptx")]
    _, status = run(capsys, "--home", h, "status", "--json")
    assert status["knowledge_bases"][0]["documents"] == 8
    _, kbs = run(capsys, "--home", h, "kb", "create", "zh", "--json")
    assert [k["name"] for k in kbs["knowledge_bases"]] == ["default", "zh"]
    _, kbs = run(capsys, "--home", h, "kb", "rename", "zh", "cn", "--json")
    assert [k["name"] for k in kbs["knowledge_bases"]] == ["cn", "default"]
    assert run(capsys, "--home", h, "kb", "create", "cn")[0] == 1  # a clear error, exit 1


def test_models_lists_the_bundled_defaults(capsys):
    code, data = run(capsys, "models", "--json")
    assert code == 0
    [llm] = data["llm"]
    assert llm["default"] and llm["source"] == "bundled" and llm["quantization"] == "Q4_1"
    assert llm["context_length"] == 8192 and llm["size_bytes"] > 50_000_000
    [emb] = data["embedding"]
    assert (emb["name"], emb["dimension"], emb["default"]) == ("all-MiniLM-L6-v2", 384, True)


def test_the_installed_command_exit_codes_and_no_torch_for_status(tmp_path):
    env = {**os.environ, "THINKDESK_HOME": str(tmp_path / "h")}
    exe = Path(sys.executable).with_name("thinkdesk")

    def call(*argv):
        return subprocess.run(
            [str(exe), *argv], capture_output=True, text=True, env=env, timeout=300
        )

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.png").write_bytes(b"png")
    nothing = call("ingest", str(empty), "--json")
    assert nothing.returncode == 1 and "no supported files" in nothing.stderr
    assert "Traceback" not in nothing.stderr
    assert call("search").returncode == 2
    missing = call("--kb", "nope", "search", "x")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from app.cli import main; main(['status', '--json']); "
            "assert 'torch' not in sys.modules, 'status loaded torch'",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    after = call("status", "--json", "--home", str(tmp_path / "h"))  # options after the command
    assert after.returncode == 0 and json.loads(after.stdout)["knowledge_bases"][0]["name"]


def test_models_found_in_the_home_models_folder_are_listed(tmp_path, capsys):
    from models.discovery import bundled_embedding_path, bundled_llm_path

    home = tmp_path / "home"
    (home / "models").mkdir(parents=True)
    (home / "models" / "my-model.gguf").symlink_to(bundled_llm_path())
    shutil.copytree(bundled_embedding_path(), home / "models" / "my-embedder")
    (home / "models" / "broken.gguf").write_text("not a model")
    code, data = run(capsys, "--home", str(home), "models", "--json")
    assert code == 0
    assert [m["source"] for m in data["llm"]] == ["bundled", "folder"]
    assert [m["name"] for m in data["embedding"]] == ["all-MiniLM-L6-v2", "my-embedder"]


def test_a_search_matching_nothing_returns_the_nearest_marked_weak(home, capsys):
    h = str(home[0])
    code, passages = run(capsys, "--home", h, "search", "zqxv wplkj", "-k", "2", "--json")
    assert code == 0
    assert len(passages) == 2 and all(p["weak"] is True for p in passages)
    code, text = run(capsys, "--home", h, "search", "zqxv wplkj", "-k", "1")
    assert code == 0 and "weak match" in text


def _die_holding_the_library(home: Path) -> None:
    from app.recovery import Presence

    Presence(home)
    os._exit(0)


def test_check_finds_a_whole_library_consistent_and_its_counts_equal(home, capsys):
    library, summary = home
    code, data = run(capsys, "--home", str(library), "check", "--json")
    assert code == 0 and data["ok"] and data["repaired"] == [] and data["damaged"] == []
    [kb] = data["knowledge_bases"]
    counted = {
        kb[k] for k in ("recorded_chunks", "chunks", "vectors", "keywords", "cached_vectors")
    }
    assert counted == {summary["chunks"]} and kb["documents"] == summary["added"]


def test_the_first_command_after_an_unclean_exit_repairs_and_says_so(home, capsys):
    import multiprocessing

    library, summary = home
    (library / "faiss" / "1.index").unlink()
    process = multiprocessing.get_context("spawn").Process(
        target=_die_holding_the_library, args=(library,)
    )
    process.start()
    process.join()
    code = main(["--home", str(library), "status", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)["knowledge_bases"][0]["chunks"] == summary["chunks"]
    assert err == (
        "thinkdesk: warning: after an unclean exit, repaired: vector cache of 'default': "
        f"{summary['chunks']} vector(s) added from the library\n"
    )
    assert (library / "faiss" / "1.index").exists()
    main(["--home", str(library), "status", "--json"])
    assert capsys.readouterr().err == ""  # repaired once


def test_check_reports_damage_it_cannot_mend_with_exit_1_and_its_object(home, capsys):
    import sqlite3

    library, _ = home
    db = sqlite3.connect(library / "library.sqlite")
    db.execute("UPDATE chunks SET vector = x'00' WHERE id = (SELECT MIN(id) FROM chunks)")
    db.commit()
    db.close()
    code, data = run(capsys, "--home", str(library), "check", "--json")
    assert code == 1 and not data["ok"] and data["knowledge_bases"] == []
    assert data["damaged"][0].endswith(
        "1 vector(s) of the wrong size; remove the file and index it again"
    )
    code, text = run(capsys, "--home", str(library), "check")
    assert code == 1 and text.rstrip().endswith("the library is damaged")
    assert "Traceback" not in capsys.readouterr().err
