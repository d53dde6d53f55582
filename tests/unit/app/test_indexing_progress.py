"""Progress inside a file: chunks embedded in batches with a report after each, the vectors
the same as one call gives, and Cancel heard between batches (issue 13.2)."""

import numpy as np
from fakes import HashingEmbedder

from app.events import ChunksEmbedded, FileDone
from app.indexing import FIRST_BATCH, embed_in_batches, ingest


def test_batches_keep_the_order_of_the_texts_and_report_each_step():
    embedder = HashingEmbedder()
    texts = [f"{'word ' * (i % 7)}text number {i} about margins" for i in range(100)]
    reports: list[int] = []
    vectors = embed_in_batches(embedder.embed_batch, texts, reports.append)
    assert np.allclose(vectors, embedder.embed_batch(texts))
    assert reports[0] == FIRST_BATCH and reports[-1] == len(texts)
    assert reports == sorted(set(reports)) and len(reports) >= 2


def test_no_texts_no_vectors():
    embedder = HashingEmbedder()
    assert embed_in_batches(embedder.embed_batch, [], lambda done: None).shape == (0, 64)


def long_text(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(
        "\n\n".join(f"Paragraph {i} says the margin was {i} percent." for i in range(900))
    )
    return path


def test_each_batch_of_a_long_file_is_reported(workspace, tmp_path):
    events = []
    summary = ingest(workspace, "default", [str(long_text(tmp_path))], listener=events.append)
    chunks = [e for e in events if isinstance(e, ChunksEmbedded)]
    assert chunks[0].done == 0 and chunks[-1].done == summary.chunks
    assert len(chunks) >= 3 and all(e.total == summary.chunks for e in chunks)


def test_cancel_is_heard_between_batches_and_the_file_is_left_out(workspace, tmp_path):
    events = []
    stop = []

    def listen(event):
        events.append(event)
        if isinstance(event, ChunksEmbedded) and event.done:
            stop.append(True)  # Cancel pressed after the first batch

    summary = ingest(
        workspace,
        "default",
        [str(long_text(tmp_path))],
        listener=listen,
        cancelled=lambda: bool(stop),
    )
    assert summary.cancelled and summary.added == 0 and summary.failed == []
    assert not any(isinstance(e, FileDone) for e in events)
    assert [e.done for e in events if isinstance(e, ChunksEmbedded)] == [0, FIRST_BATCH]
    kb = workspace.library.knowledge_base("default")
    assert workspace.library.documents(kb) == []
