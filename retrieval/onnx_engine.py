"""A model's ONNX export run by onnxruntime with its tokenizer.json: embeddings without torch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


def normalised(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class OnnxEngine:
    """A model's ONNX export run by onnxruntime, its text cut by the model's tokenizer.json:
    no torch. Texts are embedded shortest first, MIN_ROWS a batch or more short ones while
    the padded batch holds at most _BATCH_TOKENS word pieces, so little is padded and a
    batch's activations stay in the cores' caches: on a 2-core EPYC (1 MB of L2 each) the
    int8 graph took 3.6 s for 192 filing chunks (170 word pieces on average) in batches of
    up to 8,192 word pieces, 2.4 s in batches of 8 chunks (bench/embed_speed.py's chunks)."""

    _BATCH_TOKENS, MIN_ROWS = 2048, 8

    def __init__(
        self, graph: Path, inputs: Sequence[str], tokenizer: Path, max_seq: int, threads: int
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle threads sleep rather than spin: the parse workers share these cores while
        # documents are embedded (no loss of throughput alone, measured on 192 chunks).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self.inputs = tuple(inputs)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_seq)
        pad = next((t for t in ("[PAD]", "<pad>") if self.tokenizer.token_to_id(t) is not None), "")
        self.pad_id = self.tokenizer.token_to_id(pad) if pad else 0
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        start = 0
        while start < len(order):
            end = min(start + self.MIN_ROWS, len(order))
            # the batch is as wide as its last (longest) text
            while (
                end < len(order) and (end - start + 1) * len(ids[order[end]]) <= self._BATCH_TOKENS
            ):
                end += 1
            batch = order[start:end]
            out[batch] = self._run([ids[i] for i in batch])
            start = end
        return normalised(out)

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        width = max(len(r) for r in rows)
        input_ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            input_ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": mask * 0}
        return np.asarray(self.session.run(None, {n: feed[n] for n in self.inputs})[0])
