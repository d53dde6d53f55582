"""The header reader against gguf's own reader: the same scalars and strings, arrays counted,
damaged headers refused."""

import struct

import pytest
from gguf import GGUFReader, GGUFValueType, LlamaFileType

from models.discovery import bundled_llm_path
from models.gguf_header import FILE_TYPES, TENSOR_SIZES, HeaderError, read_checked, read_metadata


def test_the_bundled_models_header_matches_gguf_reader():
    path = bundled_llm_path()
    ours = read_metadata(path)
    theirs = {k: f for k, f in GGUFReader(str(path)).fields.items() if not k.startswith("GGUF.")}
    assert ours.keys() == theirs.keys()
    arrays = 0
    for key, field in theirs.items():
        if field.types[0] == GGUFValueType.ARRAY:
            arrays += 1
            assert ours[key] == len(field.data), key
        else:
            assert ours[key] == pytest.approx(field.contents()), key
    assert arrays >= 2  # the vocabulary and the merges were stepped over


def test_the_file_type_table_is_llama_cpps():
    names = {
        t.value: t.name.removeprefix("MOSTLY_").removeprefix("ALL_")
        for t in LlamaFileType
        if t.name != "GUESSED"
    }
    assert names == FILE_TYPES


def _header(*entries: bytes) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", 3, 0, len(entries)) + b"".join(entries)


def _key(name: str) -> bytes:
    return struct.pack("<Q", len(name)) + name.encode()


def test_a_string_array_is_counted_and_what_follows_is_read(tmp_path):
    words = [b"a", b"bb", b"\xe4\xb8\xad"]
    array = struct.pack("<IIQ", 9, 8, len(words)) + b"".join(
        struct.pack("<Q", len(w)) + w for w in words
    )
    after = struct.pack("<I", 4) + struct.pack("<I", 8192)
    path = tmp_path / "tiny.gguf"
    path.write_bytes(_header(_key("tokens") + array, _key("llama.context_length") + after))
    assert read_metadata(path) == {"tokens": 3, "llama.context_length": 8192}


@pytest.mark.parametrize("cut", [30, 40, 60, 100])  # key, type, array length, last string
def test_a_cut_header_is_refused(tmp_path, cut):
    array = struct.pack("<IIQ", 9, 8, 2) + (struct.pack("<Q", 20) + b"x" * 20) * 2
    data = _header(_key("tokens") + array)
    path = tmp_path / "cut.gguf"
    path.write_bytes(data[:cut])
    with pytest.raises(HeaderError):
        read_metadata(path)


def test_an_unknown_value_type_is_refused(tmp_path):
    path = tmp_path / "odd.gguf"
    path.write_bytes(_header(_key("x") + struct.pack("<I", 99)))
    with pytest.raises(HeaderError, match="unknown GGUF value type 99"):
        read_metadata(path)


def test_the_tensor_size_table_is_ggmls():
    from gguf.constants import GGML_QUANT_SIZES

    assert {int(kind): size for kind, size in GGML_QUANT_SIZES.items()} == TENSOR_SIZES


def test_the_bundled_model_is_whole_and_a_byte_less_is_truncated(tmp_path):
    data = bundled_llm_path().read_bytes()
    assert read_checked(bundled_llm_path()) == read_metadata(bundled_llm_path())
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(data[:-1])
    with pytest.raises(HeaderError) as err:
        read_checked(cut)
    size = len(data)
    assert str(err.value) == (
        f"truncated: its tensors need {size:,} bytes, the file has {size - 1:,} "
        "(an incomplete download?)"
    )


@pytest.mark.parametrize(
    "value",
    [
        struct.pack("<I", 8) + struct.pack("<Q", 2) + b"32",
        struct.pack("<If", 6, float("nan")),
        struct.pack("<II", 4, 48),
    ],
)  # a string, NaN, not a power of two
def test_an_alignment_that_is_no_power_of_two_is_refused(tmp_path, value):
    path = tmp_path / "aligned.gguf"
    path.write_bytes(_header(_key("general.alignment") + value))
    with pytest.raises(HeaderError, match="general.alignment is .*, not a power of two"):
        read_checked(path)
