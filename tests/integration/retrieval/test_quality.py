"""Retrieval quality on the labelled set (tests/retrieval, look-alike reports included) with
the real embedding model, FAISS and FTS5: the targets of bench/RESULTS.md hold."""

import json

import pytest

from app.indexing import ingest
from app.workspace import Workspace
from bench.retrieval_eval import SET, evaluate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    workspace = Workspace(tmp_path_factory.mktemp("quality"))
    summary = ingest(workspace, "eval", [str(SET / "corpus")])
    assert summary.failed == [] and summary.added == 36
    questions = json.loads((SET / "questions.json").read_text(encoding="utf-8"))
    result = evaluate(workspace, questions)
    workspace.close()
    return result["summary"]


def test_hybrid_meets_the_targets(figures):
    hybrid = figures["hybrid"]
    assert hybrid["all"]["hit@5"] >= 0.90
    assert hybrid["zh"]["hit@5"] >= 0.85


def test_hybrid_beats_each_retriever_alone(figures):
    for group in ("all", "en", "zh"):
        hybrid = figures["hybrid"][group]
        for single in ("dense", "keyword"):
            assert hybrid["mrr"] >= figures[single][group]["mrr"], (group, single)
