"""The CLI contract byte for byte: every command's exit code and output on a fresh library
equal what they were before app/ was split into its rooms (golden/contract.json)."""

import json
from pathlib import Path

import pytest
from contract_session import commands, session

GOLDEN = Path(__file__).parent / "golden" / "contract.json"

pytestmark = pytest.mark.slow


def test_every_contract_command_prints_what_it_printed_before(tmp_path):
    golden = json.loads(GOLDEN.read_text("utf-8"))
    results = session(tmp_path.resolve())
    assert [r["argv"] for r in results] == [g["argv"] for g in golden]
    for got, want in zip(results, golden, strict=True):
        assert (got["code"], got["stdout"]) == (want["code"], want["stdout"]), got["argv"]


def test_the_session_covers_every_command_of_the_contract():
    used = {argv[0] if argv[0] != "--kb" else argv[2] for argv in commands(Path("/docs"))}
    assert used >= {"ingest", "search", "ask", "status", "docs", "remove", "kb", "models"}
