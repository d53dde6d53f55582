"""A sentence-transformers folder exported once to ONNX (mean or CLS pooling and the
normalisation inside the graph), fused for onnxruntime and quantised to int8, so that queries
and, where no faster engine exists, documents are embedded without torch.

The export needs torch, transformers and onnx; it runs at install time for the bundled model
(`python -m retrieval.onnx_export`) or on first use for a folder the user picked, and writes
into a cache folder by write-to-temp and rename. Loading an export needs only onnxruntime."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXPORT_VERSION = 2  # bumped when the graph or its inputs change: older exports are redone
FP32, INT8 = "model.onnx", "model-int8.onnx"
_AGREEMENT = 0.999  # the fp32 graph must give sentence-transformers' own vectors
_SAMPLES = [
    "Revenue grew 12% year over year to $4.2 billion, driven by data-centre demand.",
    "营业收入同比增长12%，主要受数据中心需求推动。",
    "Net cash provided by operating activities",
    "The Company's fiscal year ends on the last Saturday of January.",
    "风险提示：宏观经济下行，行业竞争加剧。",
    "Table 3: Segment operating income (in millions)",
    "a",
    "Q2 FY2023 10-Q quarterly report " * 20,
]


class ExportError(Exception):
    """The folder cannot be exported (an architecture or pooling this graph does not cover,
    or no torch to export with): sentence-transformers embeds it instead."""


@dataclass(frozen=True)
class Export:
    """An exported model: its folder (FP32, INT8, meta.json) and what the export measured."""

    folder: Path
    inputs: tuple[str, ...]  # the graph's input names, in order
    int8_agreement: float  # the lowest cosine of the int8 graph against fp32 on _SAMPLES

    @property
    def fp32(self) -> Path:
        return self.folder / FP32

    @property
    def int8(self) -> Path | None:
        path = self.folder / INT8
        return path if path.is_file() else None


def export_key(model: Path) -> str:
    """What the export depends on: the folder's configuration and weights (by name and
    size), this exporter's version and onnxruntime's minor version."""
    import onnxruntime

    digest = hashlib.sha256(f"v{EXPORT_VERSION}:{onnxruntime.__version__[:4]}".encode())
    for name in ("config.json", "modules.json", "1_Pooling/config.json", "tokenizer.json"):
        path = model / name
        digest.update(name.encode() + (path.read_bytes() if path.is_file() else b"-"))
    for weights in sorted(model.glob("*.safetensors")) + sorted(model.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def shared_cache() -> Path:
    """Where the install step puts the bundled model's export (inside the environment, so
    every THINKDESK_HOME finds it)."""
    return Path(sys.prefix) / "share" / "thinkdesk" / "onnx"


def find_export(model: Path, caches: list[Path]) -> Export | None:
    """The model's export in the first cache folder that has it."""
    key = export_key(model)
    for cache in caches:
        meta = cache / key / "meta.json"
        if meta.is_file() and (cache / key / FP32).is_file():
            try:
                data = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            return Export(cache / key, tuple(data["inputs"]), float(data["int8_agreement"]))
    return None


def export(model: Path, cache: Path) -> Export:
    """Export model into cache/<key>/ (replacing a half-written one), checked against
    sentence-transformers; ExportError when it cannot be."""
    pooling = _pooling(model)
    try:
        import onnx  # noqa: F401
        import torch  # noqa: F401  (the exporter's own requirement, asked for up front)
    except ImportError as err:
        raise ExportError(f"exporting needs {err.name}, which is not installed") from err
    key = export_key(model)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache))
    work.chmod(0o755)  # the shared cache serves every user of the environment
    try:
        with warnings.catch_warnings():  # the exporter's notes on tracing are not the user's
            warnings.simplefilter("ignore")
            inputs, model_type = _export_fp32(model, pooling, work / "raw.onnx")
        _optimise(work / "raw.onnx", work / FP32, model_type, model)
        (work / "raw.onnx").unlink()
        reference = _reference(model)
        fp32 = _agreement(work / FP32, inputs, model, reference)
        if fp32 < _AGREEMENT:
            raise ExportError(f"the ONNX graph disagrees with sentence-transformers ({fp32:.4f})")
        _quantise(work / FP32, work / INT8)
        int8 = _agreement(work / INT8, inputs, model, reference)
        meta = {"inputs": list(inputs), "int8_agreement": round(int8, 5), "fp32_agreement": fp32}
        (work / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        final = cache / key
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Export(final, inputs, int8)


def _pooling(model: Path) -> str:
    modules = _read_json(model / "modules.json")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules] if modules else []
    if kinds and any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
        raise ExportError(f"{model.name}: modules {kinds} are not exported (only plain pooling)")
    config = _read_json(model / "1_Pooling" / "config.json")
    if config.get("pooling_mode_cls_token"):
        return "cls"
    if config.get("pooling_mode_mean_tokens", True) and not config.get("pooling_mode_max_tokens"):
        return "mean"
    raise ExportError(f"{model.name}: its pooling is not exported (only mean or CLS)")


def _export_fp32(model: Path, pooling: str, out: Path) -> tuple[tuple[str, ...], str]:
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    # eager attention: the SDPA path exports its mask as Where/IsNaN over every score, half
    # the graph's time, and hides the attention pattern onnxruntime fuses
    encoder = AutoModel.from_pretrained(str(model), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model))
    inputs = tuple(
        n
        for n in ("input_ids", "attention_mask", "token_type_ids")
        if n in tokenizer.model_input_names
    )

    class Sentence(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            named = dict(zip(inputs, tensors, strict=True))
            hidden = self.encoder(**named).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                weight = named["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weight).sum(1) / weight.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    sample = tokenizer(_SAMPLES[:2], padding=True, return_tensors="pt")
    axes: dict[str, dict[int, str]] = {name: {0: "batch", 1: "tokens"} for name in inputs}
    torch.onnx.export(
        Sentence(),
        tuple(sample[name] for name in inputs),
        str(out),
        input_names=list(inputs),
        output_names=["embedding"],
        dynamic_axes={**axes, "embedding": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    return inputs, str(getattr(encoder.config, "model_type", ""))


def _optimise(raw: Path, out: Path, model_type: str, model: Path) -> None:
    """onnxruntime's transformer fusions (attention, layer norm, GELU) for BERT-like graphs;
    other graphs are kept as exported."""
    config = _read_json(model / "config.json")
    if model_type not in ("bert", "roberta", "xlm-roberta", "distilbert", "mpnet"):
        shutil.copyfile(raw, out)
        return
    from onnxruntime.transformers import optimizer

    optimised = optimizer.optimize_model(
        str(raw),
        model_type="bert",
        num_heads=int(config.get("num_attention_heads", 0)),
        hidden_size=int(config.get("hidden_size", 0)),
    )
    optimised.save_model_to_file(str(out))


def _quantise(fp32: Path, out: Path) -> None:
    """Dynamic int8 weights, per channel, of the matrix products and fused attention, but
    for the first layer's feed-forward output (see _kept_in_fp32)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    kept = _kept_in_fp32(onnx.load(str(fp32)))
    logging.disable(logging.WARNING)  # its advice to pre-process the graph, on the root logger
    try:
        quantize_dynamic(
            str(fp32),
            str(out),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Attention"],
            nodes_to_exclude=kept,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        logging.disable(logging.NOTSET)


def _kept_in_fp32(graph: Any) -> list[str]:
    """The first matrix product that projects down (more rows than columns: the first
    layer's feed-forward output, whose inputs come out of GELU with the widest range). In
    int8 it cost the most agreement: on 192 filing chunks the bundled MiniLM's minimum
    cosine to fp32 was 0.988 with it quantised, 0.991 with it kept, at the same speed."""
    weights = {w.name: tuple(w.dims) for w in graph.graph.initializer}
    for node in graph.graph.node:
        if node.op_type != "MatMul":
            continue
        dims = next((weights[i] for i in node.input if i in weights), ())
        if len(dims) == 2 and dims[0] > dims[1]:
            return [node.name]
    return []


def _reference(model: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(model), device="cpu", local_files_only=True)
    return st.encode(_SAMPLES, normalize_embeddings=True, convert_to_numpy=True)


def _agreement(graph: Path, inputs: tuple[str, ...], model: Path, reference: Any) -> float:
    from retrieval.onnx_engine import OnnxEngine

    engine = OnnxEngine(graph, inputs, model / "tokenizer.json", _max_seq(model), threads=1)
    vectors = engine.embed(_SAMPLES)
    return float((vectors * reference).sum(axis=1).min())


def _max_seq(model: Path) -> int:
    bert = _read_json(model / "sentence_bert_config.json")
    config = _read_json(model / "config.json")
    return int(bert.get("max_seq_length") or config.get("max_position_embeddings") or 512)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def main() -> None:
    """Export a model folder (argument) into the environment's shared cache (make)."""
    model = Path(sys.argv[1])
    done = find_export(model, [shared_cache()]) or export(model, shared_cache())
    print(f"{model} -> {done.folder} (int8 agreement {done.int8_agreement:.4f})")


if __name__ == "__main__":
    main()
