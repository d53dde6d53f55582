"""A GGUF file's key-value metadata read straight from its header, arrays skipped.

gguf.GGUFReader builds a numpy view of every element of every array, the vocabulary and the
merges included: 6.6 s for the bundled 135M model's 49k tokens, where llama.cpp itself loads the
whole model in 0.2 s. The facts Thinkdesk shows and checks are scalars and strings, so the
arrays are stepped over without being read.
"""

from __future__ import annotations

import mmap
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
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        try:
            return _Header(m).metadata()
        except (struct.error, IndexError, UnicodeDecodeError) as err:
            raise HeaderError(f"truncated or damaged header ({type(err).__name__})") from None


class _Header:
    """A cursor over the mapped bytes."""

    def __init__(self, data: mmap.mmap) -> None:
        self.data = data
        self.at = 0

    def metadata(self) -> dict[str, Any]:
        if self.data[:4] != MAGIC:
            raise HeaderError("not a GGUF file")
        self.at = 4
        version = self._unpack("<I")
        if version < 2:  # version 1 counted with 32-bit integers; llama.cpp dropped it too
            raise HeaderError(f"GGUF version {version} is not supported")
        self._unpack("<Q")  # tensor count
        count = self._unpack("<Q")
        values: dict[str, Any] = {}
        for _ in range(count):
            key = self._string()
            values[key] = self._value(self._unpack("<I"))
        return values

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
