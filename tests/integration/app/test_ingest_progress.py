"""Progress inside a file with the real parser and the real embedding model: a worker
reports the pages it reads and the embedder each batch of chunks, so a long PDF is never
silent for its whole length (issue 13.2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.events import ChunksEmbedded, FileDone, IngestEvent, PagesParsed
from app.indexing import ingest
from app.progress import BatchProgress
from app.workspace import Workspace

pytestmark = pytest.mark.slow
PAGES = 12

SENTENCES = [
    "Revenue of the display segment rose {n} percent on demand for large panels.",
    "Gross margin in quarter {n} reached forty one percent after price increases.",
    "The company repurchased {n} million shares and raised its dividend again.",
    "Operating expenses grew more slowly than sales in region {n} of the group.",
]


def long_report(path: Path) -> Path:
    """A PDF of PAGES pages, each full of distinct sentences (a few chunks a page)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, PAGES + 1):
        pdf.setFont("Helvetica", 10)
        y = 800
        for line in range(40):
            n = page * 100 + line
            pdf.drawString(40, y, SENTENCES[line % len(SENTENCES)].format(n=n))
            y -= 12
        pdf.showPage()
    pdf.save()
    return path


def test_pages_and_chunks_are_reported_as_a_long_pdf_is_indexed(
    tmp_path, thinkdesk_home, monkeypatch
):
    # Batches are sized by the embedder's pace to take BATCH_S each: in a process where the
    # model is warm, this report's ~45 chunks fit in two. A shorter target keeps the count of
    # progress reports independent of how fast this machine embeds.
    monkeypatch.setattr("app.indexing.BATCH_S", 0.02)
    report = long_report(tmp_path / "annual_report.pdf")
    events: list[IngestEvent] = []
    progress = BatchProgress()

    def listen(event: IngestEvent) -> None:
        events.append(event)
        progress.update(event)

    workspace = Workspace(thinkdesk_home)
    try:
        summary = ingest(workspace, "default", [str(report)], listener=listen)
    finally:
        workspace.close()
    assert summary.added == 1 and summary.failed == []
    pages = [e for e in events if isinstance(e, PagesParsed)]
    assert pages[0].done == 1 and pages[-1].done == PAGES
    assert all(e.total == PAGES for e in pages)
    assert [e.done for e in pages] == sorted({e.done for e in pages})
    chunks = [e for e in events if isinstance(e, ChunksEmbedded)]
    assert chunks[0].done == 0 and chunks[-1].done == chunks[-1].total == summary.chunks
    assert len(chunks) >= 4, "the chunks were embedded in one call, with no progress inside"
    assert [e.done for e in chunks] == sorted({e.done for e in chunks})
    assert [e.elapsed_s for e in chunks] == sorted(e.elapsed_s for e in chunks)
    assert isinstance(events[-1], FileDone) and events[-1].chunks == summary.chunks
    assert progress.fraction() == 1.0 and progress.chunk_s and progress.page_s
