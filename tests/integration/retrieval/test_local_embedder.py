"""The product's embedder on the real bundled model: its ONNX export (made here into a fresh
cache), every engine agreeing with fp32 sentence-transformers on real report text, queries
without torch, and a folder the exporter does not cover falling back to sentence-transformers."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.chunking import chunk
from ingest.parsers import parser_for
from models.discovery import bundled_embedding_path
from retrieval.embeddings import (
    ENGINES,
    LocalEmbedder,
    SentenceTransformerEmbedder,
    load_token_counter,
)
from retrieval.onnx_export import export, find_export

CORPUS = Path(__file__).parents[2] / "retrieval" / "corpus"
FILES = [
    "acme_robotics_fy2025_annual_report.pdf",
    "bei_chen_semi_2025_investor_deck.pptx",
    "acme_robotics_asia_fy2025_research_note.docx",
]


@pytest.fixture(scope="module")
def folder():
    return bundled_embedding_path()


@pytest.fixture(scope="module")
def cache(tmp_path_factory, folder):
    """A fresh export of the bundled model (the same code the install step runs)."""
    cache = tmp_path_factory.mktemp("onnx")
    export(folder, cache)
    return cache


@pytest.fixture(scope="module")
def texts(folder):
    """Chunks of real reports (English and Chinese) as the chunker cuts them."""
    count, max_tokens = load_token_counter(folder, 256)
    out = []
    for name in FILES:
        parse = parser_for(CORPUS / name)
        out += [c.text for c in chunk(list(parse(CORPUS / name)), count, max_tokens)]
    return out


@pytest.fixture(scope="module")
def reference(folder, texts):
    return SentenceTransformerEmbedder(folder, "ref", threads=2).embed_batch(texts)


def test_the_export_is_found_again_with_what_it_measured(folder, cache):
    found = find_export(folder, [cache])
    assert found is not None and found.fp32.is_file() and found.int8 is not None
    assert found.inputs == ("input_ids", "attention_mask", "token_type_ids")
    assert found.int8_agreement > 0.97
    assert json.loads((found.folder / "meta.json").read_text())["fp32_agreement"] > 0.999


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_agrees_with_fp32_sentence_transformers(
    folder, cache, texts, reference, engine
):
    embedder = LocalEmbedder(folder, "all-MiniLM-L6-v2", 384, 256, 2, [cache], engine=engine)
    vectors = embedder.embed_batch(texts)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    cosines = (vectors * reference).sum(axis=1)
    assert len(texts) > 40
    assert cosines.mean() >= 0.99 and cosines.min() >= 0.97
    if engine in ("onnx-fp32", "torch-fp32"):
        assert cosines.min() > 0.9999


def test_a_vector_does_not_depend_on_its_batch(folder, cache, texts):
    embedder = LocalEmbedder(folder, "m", 384, 256, 2, [cache], engine="onnx-fp32")
    together = embedder.embed_batch(texts[:12])
    alone = np.vstack([embedder.embed_batch([t]) for t in texts[:12]])
    assert np.allclose(together, alone, atol=1e-4)


def test_queries_are_embedded_without_importing_torch(folder, cache):
    code = (
        "import sys; from pathlib import Path; from retrieval.embeddings import LocalEmbedder;"
        f"e = LocalEmbedder(Path({str(folder)!r}), 'm', 384, 256, 1, [Path({str(cache)!r})]);"
        "v = e.embed_queries(['What was the operating margin in FY2025?', '营业收入是多少']);"
        "assert v.shape == (2, 384), v.shape;"
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_folder_the_exporter_does_not_cover_is_embedded_by_sentence_transformers(
    tmp_path, folder, texts
):
    odd = tmp_path / "max-pooled"
    shutil.copytree(folder, odd)
    pooling = odd / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_max_tokens=True)
    pooling.write_text(json.dumps(config))
    embedder = LocalEmbedder(odd, "odd", 384, 256, 2, [tmp_path / "cache"])
    vectors = embedder.embed_batch(texts[:6])
    queries = embedder.embed_queries(texts[:2])
    assert embedder.engine in ("torch-fp32", "torch-bf16")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())
    expected = SentenceTransformerEmbedder(odd, "odd", threads=2).embed_batch(texts[:6])
    assert (vectors * expected).sum(axis=1).min() > 0.999
    assert np.allclose(queries, expected[:2], atol=1e-4)
