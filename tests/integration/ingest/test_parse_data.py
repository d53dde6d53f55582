"""Every sample document through the real parsers, worker processes and the real tokenizer:
each phrase comes back at its exact location, each bad file with its reason."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.batch import parse_and_chunk, plan
from ingest.limits import Limits
from models.discovery import bundled_embedding_path

DATA = Path(__file__).parents[2] / "data"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
MAX_TOKENS = 254  # all-MiniLM-L6-v2: 256 word pieces less [CLS] and [SEP]


@pytest.fixture(scope="module")
def count_tokens():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(bundled_embedding_path() / "tokenizer.json"))
    tokenizer.no_padding()  # the model's tokenizer.json pads to 128 and truncates
    tokenizer.no_truncation()
    return lambda text: len(tokenizer.encode(text, add_special_tokens=False).ids)


@pytest.fixture(scope="module")
def batch():
    return plan([DATA / "good", DATA / "bad"])


@pytest.fixture(scope="module")
def started():
    """The paths parse_and_chunk announced as a worker took them."""
    return []


@pytest.fixture(scope="module")
def outcome(batch, started, count_tokens):
    outcomes = parse_and_chunk(batch.files, count_tokens, MAX_TOKENS, on_start=started.append)
    files = {str(o.path): o for o in outcomes}
    skipped = {str(p): reason for p, reason in batch.skipped}
    return files, skipped


def _matches(location: dict, entry: dict) -> bool:
    want = entry["location"]
    for key, value in want.items():
        if key == "paragraph":
            if not location.get("paragraph", 0) <= value:
                return False
        elif key in ("line_start", "line_end"):
            if not location["line_start"] <= want["line_start"] <= location["line_end"]:
                return False
        elif location.get(key) != value:
            return False
    if "notes" not in want and location.get("notes"):
        return False
    row = entry.get("row")
    if row and "cells" in location:
        start, end = location["cells"].split(":")
        return (
            int("".join(c for c in start if c.isdigit()))
            <= row
            <= int("".join(c for c in end if c.isdigit()))
        )
    if row and "row" in location:
        return location["row"] <= row <= location.get("row_end", location["row"])
    return True


@pytest.mark.parametrize("entry", EXPECTED["good"], ids=lambda e: f"{e['file']}:{e['phrase']}")
def test_phrase_comes_back_at_its_location(outcome, entry):
    files, _ = outcome
    result = files[str(DATA / entry["file"])]
    assert result.error is None
    wanted = [entry["phrase"], *entry.get("also_contains", [])]
    holding = [c for c in result.chunks if all(w in c.text for w in wanted)]
    assert holding, f"{entry['phrase']!r} not found in any chunk"
    assert any(_matches(c.location, entry) for c in holding), [c.location for c in holding]


@pytest.mark.parametrize("entry", EXPECTED["bad"], ids=lambda e: e["file"])
def test_bad_input_is_named_and_the_batch_goes_on(outcome, entry):
    files, skipped = outcome
    path = str(DATA / entry["file"])
    if entry["expect"] == "failed":
        reason = files[path].error
        assert reason and files[path].chunks == []
    else:
        reason = skipped[path]
    assert entry.get("reason_contains", "") in reason


@pytest.mark.parametrize("path", sorted((DATA / "good").glob("*")), ids=lambda p: p.name)
def test_every_good_file_gives_chunks_within_the_model_limit(outcome, count_tokens, path):
    result = outcome[0][str(path)]
    assert result.error is None and result.chunks
    assert all(count_tokens(c.text) <= MAX_TOKENS for c in result.chunks)


def test_every_planned_file_is_announced_once_and_keeps_its_digest(batch, started, outcome):
    files, _ = outcome
    assert sorted(started) == sorted(str(path) for path, _ in batch.files) == sorted(files)
    for path, digest in batch.files:
        assert files[str(path)].sha256 == digest


def test_the_large_word_table_keeps_rows_in_order_with_its_header(outcome):
    chunks = [
        c for c in outcome[0][str(DATA / "good/report.docx")].chunks if c.location.get("table") == 2
    ]
    assert len(chunks) > 1
    assert all(c.text.startswith("Month | Orders\n") for c in chunks)
    assert [c.location["row"] for c in chunks] == sorted(c.location["row"] for c in chunks)


def test_a_file_over_the_size_limit_fails_with_a_reason(count_tokens):
    batch = plan([DATA / "good" / "deck.pptx"])
    limits = replace(Limits(), max_file_bytes=10_000)
    [result] = parse_and_chunk(batch.files, count_tokens, MAX_TOKENS, limits)
    assert result.error.startswith("too large")
