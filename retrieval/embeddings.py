"""Embedders: sentence-transformers models from a local folder (never the hub), normalised
vectors, and the model's own token counter for the chunker.

LocalEmbedder is the product's: queries go through the model's ONNX export in fp32
(onnxruntime and tokenizers, no torch), documents through the fastest engine this CPU has,
chosen at run time by its features (torch bf16 on AMX, int8 ONNX elsewhere; see
choose_engine and bench/embed_speed.py for the measured reasons)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from retrieval.onnx_engine import OnnxEngine, normalised


class Embedder(Protocol):
    """What indexing and search need from an embedding model."""

    name: str
    dimension: int
    max_tokens: int  # word pieces a text may have before the model truncates it

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        ...

    def count_tokens(self, text: str) -> int:
        """Word pieces in text, special tokens excluded."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a folder on this machine."""

    def __init__(
        self, folder: Path, name: str, threads: int | None = None, bf16: bool = False
    ) -> None:
        """bf16: compute in bfloat16 (autocast), fast where the CPU has AMX tiles."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # stderr belongs to our own progress
        transformers_logging.set_verbosity_error()

        if threads:
            torch.set_num_threads(threads)
        self.model: Any = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.name = name
        self.dimension = int(self.model.get_embedding_dimension() or 0)
        tokenizer = self.model.tokenizer
        self._counter = tokenizer.backend_tokenizer.__class__.from_str(
            tokenizer.backend_tokenizer.to_str()
        )
        self._counter.no_padding()
        self._counter.no_truncation()
        special = tokenizer.num_special_tokens_to_add(pair=False)
        self.max_tokens = int(self.model.max_seq_length or 512) - special
        self.bf16 = bf16

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text, in batches of 32."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vectors = self.model.encode(
                list(texts),
                batch_size=32,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return normalised(np.asarray(vectors, dtype=np.float32))

    def count_tokens(self, text: str) -> int:
        """Word pieces in text as this model's tokenizer cuts it (no special tokens)."""
        return len(self._counter.encode(text, add_special_tokens=False).ids)


def load_token_counter(folder: Path, max_seq_length: int) -> tuple[Any, int] | None:
    """(count_tokens, max_tokens) from a model folder's tokenizer.json alone, without loading
    torch or the weights (chunking needs only this); None when the folder has no such file."""
    path = folder / "tokenizer.json"
    if not path.is_file():
        return None
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()  # the saved tokenizer may pad and truncate: counting needs neither
    tokenizer.no_truncation()
    special = len(tokenizer.encode("", add_special_tokens=True).ids)

    def count_tokens(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    return count_tokens, max_seq_length - special


ENGINES = ("torch-bf16", "onnx-int8", "onnx-fp32", "torch-fp32")


def cpu_flags() -> set[str]:
    """The CPU's feature flags as Linux reports them (empty elsewhere)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def choose_engine(flags: set[str], have_torch: bool, have_int8: bool) -> str:
    """The documents' engine for a CPU. Measured on 2 cores (bench/embed_speed.py): with
    AMX tiles, torch's bfloat16 embeds 2.6x as fast as fp32 at a cosine of 0.9999; without
    them the int8 ONNX graph (VNNI or AVX2 dot products) is the fastest: 3.0x on an EPYC
    with AVX-512 VNNI and BF16, where bfloat16 without AMX made 1.8x."""
    if have_torch and "amx_bf16" in flags:
        return "torch-bf16"
    if have_int8:
        return "onnx-int8"
    return "onnx-fp32" if not have_torch else "torch-fp32"


class LocalEmbedder:
    """A sentence-transformers folder embedded through its ONNX export (found in caches, or
    made into caches[0] on first use) and, for documents, the engine choose_engine picks;
    a folder that cannot be exported is embedded by sentence-transformers alone."""

    def __init__(
        self,
        folder: Path,
        name: str,
        dimension: int,
        max_seq: int,
        threads: int,
        caches: Sequence[Path],
        engine: str = "auto",
    ) -> None:
        self.folder, self.name, self.dimension = folder, name, dimension
        self.max_seq, self.threads, self.caches = max_seq, threads, list(caches)
        counter = load_token_counter(folder, max_seq)
        self._counter = counter
        self.max_tokens = counter[1] if counter else max_seq - 2
        self._requested = os.environ.get("THINKDESK_EMBEDDING_ENGINE", engine)
        self._export: Any = None
        self._engines: dict[str, Any] = {}

    def count_tokens(self, text: str) -> int:
        """Word pieces in text as this model's tokenizer cuts it (no special tokens)."""
        if self._counter is None:
            return self._engine(self.engine).count_tokens(text)
        return int(self._counter[0](text))

    @property
    def engine(self) -> str:
        """The documents' engine ("onnx-int8", "torch-bf16", ...)."""
        if self._requested in ENGINES:
            return self._requested
        import importlib.util

        export = self._exported()
        have_torch = importlib.util.find_spec("torch") is not None
        have_int8 = bool(export and export.int8)
        self._requested = choose_engine(cpu_flags(), have_torch, have_int8)
        return self._requested

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Documents: normalised float32 vectors, one row per text."""
        return self._embed(self.engine, texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions: through the fp32 ONNX graph (exact, and no torch to import)."""
        return self._embed("onnx-fp32" if self._exported() else "torch-fp32", texts)

    def _embed(self, engine: str, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        loaded = self._engine(engine)
        if isinstance(loaded, OnnxEngine):
            return loaded.embed(texts)
        return loaded.embed_batch(texts)

    def _engine(self, engine: str) -> Any:
        if engine.startswith("onnx") and not self._exported():
            engine = "torch-fp32"
        if engine not in self._engines:
            export = self._exported()
            if engine == "onnx-int8" and export.int8 is not None:
                graph = export.int8
            elif engine.startswith("onnx"):
                graph = export.fp32
            else:
                graph = None
            if graph is not None:
                tokenizer = self.folder / "tokenizer.json"
                made: Any = OnnxEngine(graph, export.inputs, tokenizer, self.max_seq, self.threads)
            else:
                made = SentenceTransformerEmbedder(
                    self.folder, self.name, self.threads, bf16=engine == "torch-bf16"
                )
            self._engines[engine] = made
        return self._engines[engine]

    def _exported(self) -> Any:
        """The model's export (made on first use), or False when it cannot be made."""
        if self._export is None:
            from retrieval import onnx_export

            if not (self.folder / "tokenizer.json").is_file():
                self._export = False
                return self._export
            try:
                self._export = onnx_export.find_export(self.folder, self.caches)
                if self._export is None:
                    self._export = onnx_export.export(self.folder, self.caches[0])
            except Exception as err:  # any exporter failure: sentence-transformers embeds it
                import logging

                logging.getLogger(__name__).warning("%s not exported: %s", self.folder, err)
                self._export = False
        return self._export


def query_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Questions' vectors: through the embedder's query path where it has one."""
    embed = getattr(embedder, "embed_queries", None) or embedder.embed_batch
    return np.asarray(embed(texts), dtype=np.float32)
