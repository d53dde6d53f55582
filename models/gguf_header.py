"""A GGUF file's key-value metadata read straight from its header, arrays skipped.

gguf.GGUFReader builds a numpy view of every element of every array, the vocabulary and the
merges included: 6.6 s for the bundled 135M model's 49k tokens, where llama.cpp itself loads the
whole model in 0.2 s. The facts Thinkdesk shows and checks are scalars and strings, so the
arrays are stepped over without being read.
"""

from __future__ import annotations

import mmap
import os
import struct
from pathlib import Path
from typing import Any

MAGIC = b"GGUF"
_STRING, _ARRAY = 8, 9
# Fixed-size value types: GGUF type number -> struct format (little-endian).
_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}


class HeaderError(ValueError):
    """The header is cut short or holds a value type GGUF does not define."""


def read_metadata(path: Path) -> dict[str, Any]:
    """The header's keys and values; an array's value is its element count (not read)."""
    return _read(path, complete=False)


def read_checked(path: Path) -> dict[str, Any]:
    """read_metadata, and HeaderError unless the tensor table after the metadata is whole and
    the file is long enough for every tensor's data (a download cut short is named as such
    before llama.cpp is given the file)."""
    return _read(path, complete=True)


def _read(path: Path, complete: bool) -> dict[str, Any]:
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size < 4:
            raise HeaderError("not a GGUF file")
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
            try:
                header = _Header(m)
                values = header.metadata()
                if complete:
                    header.check_data(values)
                return values
            except (struct.error, IndexError, UnicodeDecodeError) as err:
                raise HeaderError(f"truncated or damaged header ({type(err).__name__})") from None


class _Header:
    """A cursor over the mapped bytes."""

    def __init__(self, data: mmap.mmap) -> None:
        self.data = data
        self.at = 0
        self.tensors = 0

    def metadata(self) -> dict[str, Any]:
        if self.data[:4] != MAGIC:
            raise HeaderError("not a GGUF file")
        self.at = 4
        version = self._unpack("<I")
        if version < 2:  # version 1 counted with 32-bit integers; llama.cpp dropped it too
            raise HeaderError(f"GGUF version {version} is not supported")
        self.tensors = self._unpack("<Q")
        count = self._unpack("<Q")
        values: dict[str, Any] = {}
        for _ in range(count):
            key = self._string()
            values[key] = self._value(self._unpack("<I"))
        return values

    def check_data(self, values: dict[str, Any]) -> None:
        """Read the tensor table (after metadata()); HeaderError when the file ends before
        the data it lists does, or a tensor's shape is impossible."""
        alignment = values.get("general.alignment", 32)
        if (
            not isinstance(alignment, int)
            or isinstance(alignment, bool)
            or not 0 < alignment <= 1 << 16
            or alignment & (alignment - 1)
        ):  # llama.cpp requires a power of two
            raise HeaderError(f"general.alignment is {alignment!r}, not a power of two")
        end = 0  # where the last tensor's data ends, from the start of the data section
        for _ in range(self.tensors):
            self._string()  # its name
            dims = self._unpack("<I")
            if dims > 8:  # ggml tensors have at most 4 dimensions
                raise HeaderError(f"a tensor with {dims} dimensions")
            elements = 1
            for _ in range(dims):
                elements *= self._unpack("<Q")
            kind, offset = self._unpack("<I"), self._unpack("<Q")
            block, size = TENSOR_SIZES.get(kind, (1, 0))  # an unknown type: its start only
            end = max(end, offset + elements // block * size)
        start = -(-self.at // alignment) * alignment
        if start + end > len(self.data):
            raise HeaderError(
                f"truncated: its tensors need {start + end:,} bytes, the file has "
                f"{len(self.data):,} (an incomplete download?)"
            )

    def _unpack(self, fmt: str) -> Any:
        (value,) = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return value

    def _string(self) -> str:
        size = self._unpack("<Q")
        end = self.at + size
        if end > len(self.data):
            raise HeaderError("a string runs past the end of the file")
        text = bytes(self.data[self.at : end]).decode("utf-8")
        self.at = end
        return text

    def _value(self, kind: int) -> Any:
        if kind in _SCALARS:
            return self._unpack(_SCALARS[kind])
        if kind == _STRING:
            return self._string()
        if kind == _ARRAY:
            element, count = self._unpack("<I"), self._unpack("<Q")
            self._skip(element, count)
            return count
        raise HeaderError(f"unknown GGUF value type {kind}")

    def _skip(self, element: int, count: int) -> None:
        if element in _SCALARS:
            self.at += count * struct.calcsize(_SCALARS[element])
        elif element == _STRING:
            data, at, length = self.data, self.at, struct.Struct("<Q")
            for _ in range(count):  # the vocabulary: step from one length to the next
                at += 8 + length.unpack_from(data, at)[0]
            self.at = at
        else:  # arrays of arrays are allowed by the format, unused in practice
            for _ in range(count):
                self._value(element)
        if self.at > len(self.data):
            raise HeaderError("an array runs past the end of the file")


# general.file_type -> quantisation, as llama.h's llama_ftype names them (without MOSTLY_ /
# ALL_): a table rather than gguf.LlamaFileType, whose import costs 0.2 s of every `ask`
# (tests/unit/models/test_gguf_header.py keeps the two equal).
FILE_TYPES = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    36: "TQ1_0",
    37: "TQ2_0",
    38: "MXFP4_MOE",
    39: "NVFP4",
    40: "Q1_0",
}


# ggml tensor type -> (elements per block, bytes per block), as gguf.GGML_QUANT_SIZES gives them
# (tests/unit/models/test_gguf_header.py keeps the two equal).
TENSOR_SIZES = {
    0: (1, 4),
    1: (1, 2),
    2: (32, 18),
    3: (32, 20),
    6: (32, 22),
    7: (32, 24),
    8: (32, 34),
    9: (32, 40),
    10: (256, 84),
    11: (256, 110),
    12: (256, 144),
    13: (256, 176),
    14: (256, 210),
    15: (256, 292),
    16: (256, 66),
    17: (256, 74),
    18: (256, 98),
    19: (256, 50),
    20: (32, 18),
    21: (256, 110),
    22: (256, 82),
    23: (256, 136),
    24: (1, 1),
    25: (1, 2),
    26: (1, 4),
    27: (1, 8),
    28: (1, 8),
    29: (256, 56),
    30: (1, 2),
    34: (256, 54),
    35: (256, 66),
    39: (32, 17),
    40: (64, 36),
    41: (128, 18),
}
