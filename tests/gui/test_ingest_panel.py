"""The ingest panel follows each file through its stages, and the batch through its pages
and chunks (issue 13.2: it counted files only, frozen for minutes inside a long filing)."""

import re

from app.events import ChunksEmbedded, FileDone, FileStage, IngestStarted, OcrPage, PagesParsed
from app.gui.ingest_panel import IngestPanel


def make_panel(qtbot):
    panel = IngestPanel()
    qtbot.addWidget(panel)
    panel.begin()
    return panel


def test_stages_and_counts(qtbot):
    panel = make_panel(qtbot)
    assert panel.cancel.isEnabled()
    panel.show_event(IngestStarted(2, ("/a.pdf", "/b.pdf")))
    assert panel.stage_of("/a.pdf") == "queued"
    panel.show_event(FileStage("/a.pdf", "parsing"))
    panel.show_event(OcrPage("/a.pdf", page=4, done=2, total=5))
    assert panel.stage_of("/a.pdf") == "OCR page 2/5"
    panel.show_event(FileStage("/a.pdf", "embedding"))
    assert panel.stage_of("/a.pdf") == "embedding"
    panel.show_event(FileDone("/a.pdf", "indexed", 1, 2, 2.0, chunks=7))
    assert panel.files_left() == 1
    panel.show_event(FileDone("/b.pdf", "failed", 2, 2, 4.0, reason="encrypted"))
    assert panel.stage_of("/a.pdf") == "done: 7 chunks"
    assert panel.stage_of("/b.pdf") == "failed: encrypted"
    assert panel.bar.value() == panel.bar.maximum() and panel.files_left() == 0


def eta_seconds(text):
    """The time left the status line shows, in seconds ('ETA 1 min 10 s' -> 70)."""
    match = re.search(r"ETA (?:(\d+) min )?(\d+) s", text)
    assert match, text
    return int(match.group(1) or 0) * 60 + int(match.group(2))


def test_the_bar_and_the_time_left_move_inside_one_long_filing(qtbot):
    """A 130-page filing of 687 chunks, then two more files: the bar moves while its pages
    are read and while its chunks embed, and the time left comes from their pace."""
    panel = make_panel(qtbot)
    files = ("/r/10k.pdf", "/r/q1.pdf", "/r/q2.pdf")
    panel.show_event(IngestStarted(3, files))
    panel.show_event(FileStage(files[0], "parsing"))
    values = []
    for page in (1, 40, 90, 130):
        panel.show_event(PagesParsed(files[0], page, 130, elapsed_s=page * 0.01))
        values.append(panel.bar.value())
        if page == 40:
            assert "File 1 / 3 · page 40 / 130" in panel.status.text()
            assert panel.stage_of(files[0]) == "reading page 40 / 130"
    assert values[0] < values[-1], "the bar moves while the pages are read"
    panel.show_event(FileStage(files[0], "embedding"))
    panel.show_event(ChunksEmbedded(files[0], 0, 687, elapsed_s=1.3))
    panel.show_event(ChunksEmbedded(files[0], 8, 687, elapsed_s=7.3))  # loads the model
    texts = []
    for done in range(8, 687, 64)[1:]:  # 64 chunks every 4 s: 16 a second
        panel.show_event(ChunksEmbedded(files[0], done, 687, elapsed_s=7.3 + (done - 8) / 16))
        values.append(panel.bar.value())
        texts.append(panel.status.text())
    assert values == sorted(values) and values[-1] > values[4], "the bar moves inside a file"
    assert panel.stage_of(files[0]) == "embedding 648 / 687 chunks"
    last = texts[-1]
    assert last.startswith("File 1 / 3 · 648 / 687 chunks embedded · ETA ")
    # what is left: 39 chunks of this file, and two more files of about 130 pages each,
    # read at 0.01 s a page and embedded at 687 chunks in 130 pages, 1/16 s a chunk
    left = 39 / 16 + 2 * (130 * 0.01 + 687 / 16)
    assert abs(eta_seconds(last) - left) <= 1
    assert eta_seconds(texts[0]) > eta_seconds(last)
    panel.show_event(FileDone(files[0], "indexed", 1, 3, 50.0, chunks=687))
    assert panel.status.text().startswith("File 2 / 3")
    assert panel.files_left() == 2


def test_the_time_left_counts_down_between_reports(qtbot):
    panel = make_panel(qtbot)
    panel.show_event(IngestStarted(1, ("/r/10k.pdf",)))
    panel.show_event(PagesParsed("/r/10k.pdf", 130, 130, elapsed_s=1.0))
    panel.show_event(ChunksEmbedded("/r/10k.pdf", 0, 100, elapsed_s=1.0))
    panel.show_event(ChunksEmbedded("/r/10k.pdf", 10, 100, elapsed_s=2.0))
    panel.show_event(ChunksEmbedded("/r/10k.pdf", 20, 100, elapsed_s=12.0))  # 1 s a chunk
    assert panel.ticker.isActive()
    before = eta_seconds(panel.status.text())
    assert before == 80
    qtbot.waitUntil(lambda: eta_seconds(panel.status.text()) < before, timeout=3000)


def test_a_long_failure_reason_is_there_whole_and_the_columns_keep_their_widths(qtbot):
    panel = make_panel(qtbot)
    panel.resize(500, 300)
    panel.show()
    widths = [panel.table.columnWidth(0), panel.table.columnWidth(1)]
    narrowest = panel.minimumSizeHint().width()
    reason = (
        "could not be indexed (RuntimeError: the embedding model ran out of memory while "
        "reading page 212 of this annual report; try a smaller file or more memory)"
    )
    path = "/reports/a very long file name of an annual report for fiscal 2025.pdf"
    panel.show_event(IngestStarted(1, (path,)))
    panel.show_event(FileDone(path, "failed", 1, 1, 3.0, reason=reason))
    item = panel.table.item(0, 1)
    assert reason in item.toolTip()
    assert [panel.table.columnWidth(0), panel.table.columnWidth(1)] == widths
    panel.show_event(IngestStarted(1, (path,)))
    panel.show_event(ChunksEmbedded(path, 123456, 654321, elapsed_s=1.0))
    assert panel.minimumSizeHint().width() == narrowest  # the status line wraps instead


def test_the_stage_column_keeps_room_in_a_narrow_panel_and_a_dragged_width_stays(qtbot):
    from app.gui.ingest_panel import IngestPanel

    panel = IngestPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 300)  # the sidebar's width in a 1280 px window
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(1) > 80)  # the stage is readable, not "…"
    assert header.sectionSize(0) > 80
    panel.resize(500, 300)
    qtbot.waitUntil(lambda: header.sectionSize(0) > 200)  # the share follows the width
    header.resizeSection(0, 150)  # the user drags the handle
    panel.resize(420, 300)
    qtbot.wait(20)
    assert header.sectionSize(0) == 150
