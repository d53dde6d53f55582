"""The picklable token counter counts as the model's own tokenizer does (the bundled MiniLM's
tokenizer.json: no special tokens, no truncation, no padding)."""

import pickle
from pathlib import Path

import pytest

from ingest.tokens import TokenizerFile

try:
    from models.discovery import bundled_embedding_path

    TOKENIZER = Path(bundled_embedding_path()) / "tokenizer.json"
except Exception:  # the bundled model package is not installed
    TOKENIZER = Path("/nonexistent/tokenizer.json")

needs_model = pytest.mark.skipif(not TOKENIZER.is_file(), reason="bundled model missing")


@needs_model
def test_it_counts_word_pieces_without_special_tokens_or_truncation():
    count = TokenizerFile(str(TOKENIZER))
    assert count("") == 0
    assert count("gross margin") == 2
    assert count("word " * 1000) == 1000  # the saved tokenizer truncates at 128: not here
    assert count.special_tokens() == 2  # [CLS] and [SEP]


@needs_model
def test_it_survives_pickling_as_a_worker_receives_it():
    count = pickle.loads(pickle.dumps(TokenizerFile(str(TOKENIZER))))
    assert count("Acme Robotics raised its dividend.") == TokenizerFile(str(TOKENIZER))(
        "Acme Robotics raised its dividend."
    )


@needs_model
def test_it_counts_as_the_embedding_code_counts():
    from retrieval.embeddings import load_token_counter

    theirs, max_tokens = load_token_counter(TOKENIZER.parent, 256)
    ours = TokenizerFile(str(TOKENIZER))
    for text in ("", "Gross margin rose to 41.7 percent.", "宏達精密 2024 年營收", "x" * 3000):
        assert ours(text) == theirs(text)
    assert 256 - ours.special_tokens() == max_tokens
