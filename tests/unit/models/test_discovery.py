"""GGUF metadata: quantisation names and the errors for files that are not models."""

import pytest

from models.discovery import ModelError, bundled_llm_path, gguf_info, quantization_name


@pytest.mark.parametrize(
    ("file_type", "name"),
    [
        (0, "F32"),
        (1, "F16"),
        (2, "Q4_0"),
        (3, "Q4_1"),
        (7, "Q8_0"),
        (10, "Q2_K"),
        (12, "Q3_K_M"),
        (15, "Q4_K_M"),
        (18, "Q6_K"),
        (19, "IQ2_XXS"),
        (30, "IQ4_XS"),
        (32, "BF16"),
    ],
)
def test_known_file_types_have_their_short_names(file_type, name):
    assert quantization_name(file_type) == name


@pytest.mark.parametrize("file_type", [4, 999, 1024])
def test_unknown_file_types_are_numbered(file_type):
    # 4 was removed from llama.cpp; 1024 is its "guessed" flag, not a quantisation.
    assert quantization_name(file_type) == f"type {file_type}"


def test_bundled_model_metadata():
    info = gguf_info(bundled_llm_path(), source="bundled", default=True)
    assert info.quantization == "Q4_1"
    assert info.architecture == "llama"
    assert info.context_length > 0
    assert info.layers > 0
    assert info.head_count >= info.head_count_kv > 0
    assert info.size_bytes == bundled_llm_path().stat().st_size


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        gguf_info(tmp_path / "absent.gguf")


def test_file_that_is_not_gguf(tmp_path):
    path = tmp_path / "notes.gguf"
    path.write_text("plain text, not a model")
    with pytest.raises(ModelError, match="not a GGUF model file"):
        gguf_info(path)


def test_truncated_gguf(tmp_path):
    path = tmp_path / "partial.gguf"
    with open(bundled_llm_path(), "rb") as handle:
        path.write_bytes(handle.read(64))
    with pytest.raises(ModelError, match="incomplete or damaged"):
        gguf_info(path)
