"""The ingest panel follows each file through its stages."""

from app.events import FileDone, FileStage, IngestStarted, OcrPage
from app.gui.ingest_panel import IngestPanel


def test_stages_counts_and_rate(qtbot):
    panel = IngestPanel()
    qtbot.addWidget(panel)
    panel.begin()
    assert panel.cancel.isEnabled()
    panel.show_event(IngestStarted(2, ("/a.pdf", "/b.pdf")))
    assert panel.stage_of("/a.pdf") == "queued"
    panel.show_event(FileStage("/a.pdf", "parsing"))
    panel.show_event(OcrPage("/a.pdf", page=4, done=2, total=5))
    assert panel.stage_of("/a.pdf") == "OCR page 2/5"
    panel.show_event(FileStage("/a.pdf", "embedding"))
    assert panel.stage_of("/a.pdf") == "embedding"
    panel.show_event(FileDone("/a.pdf", "indexed", 1, 2, 2.0, chunks=7))
    panel.show_event(FileDone("/b.pdf", "failed", 2, 2, 4.0, reason="encrypted"))
    assert panel.stage_of("/a.pdf") == "done: 7 chunks"
    assert panel.stage_of("/b.pdf") == "failed: encrypted"
    assert panel.bar.value() == 2 and "2.0 s/file" in panel.status.text()
