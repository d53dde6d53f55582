"""A real watcher (watchdog) on a folder of real documents, with the real parsers, embedding
model and FAISS index: a new, a changed, a deleted and a renamed file are picked up within
seconds, the renamed one keeping its document and chunk ids (a chat citation still finds
its passage); a file still being written is read only once it is whole."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from watch_events import Reports

from app.application import Application
from app.watch import Indexed, Watcher, Watching

pytestmark = pytest.mark.slow
GOOD = Path(__file__).parents[2] / "data" / "good"


@pytest.fixture
def app(thinkdesk_home):
    application = Application(thinkdesk_home)
    yield application
    application.close()


def documents(app: Application) -> dict[str, int]:
    return {Path(d.path).name: d.id for d in app.documents("default")}


def test_new_changed_deleted_and_renamed_files_are_picked_up(app, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy2(GOOD / "notes.txt", folder / "notes.txt")  # there for a while (its mtime)
    shutil.copy2(GOOD / "report_en.pdf", folder / "report_en.pdf")
    app.ingest("default", [str(folder)])
    app.watch_folder("default", str(folder))
    reports = Reports()
    watcher = Watcher(app, reports)
    watcher.start()
    try:
        caught_up = reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        assert caught_up.summary.unchanged == 2 and caught_up.summary.added == 0

        reports.clear()
        begun = time.monotonic()
        shutil.copy(GOOD / "deck.pptx", folder / "deck.pptx")
        new = reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.added)
        print(f"new file indexed after {time.monotonic() - begun:.1f} s")
        assert new.files == (str(folder / "deck.pptx"),) and "deck.pptx" in documents(app)

        reports.clear()
        (folder / "notes.txt").write_text("The Oslo office opened in March.\n", encoding="utf-8")
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.updated)
        assert app.search("default", "Oslo office opened", k=1)[0].file.endswith("notes.txt")

        reports.clear()
        (folder / "notes.txt").unlink()
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.removed)
        assert "notes.txt" not in documents(app)

        before = documents(app)["report_en.pdf"]
        cited = app.search("default", "gross margin", k=1)[0]
        reports.clear()
        (folder / "report_en.pdf").rename(folder / "annual report 2025.pdf")
        moved = reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.updated)
        assert moved.summary.chunks == 0  # nothing parsed or embedded again
        assert documents(app) == {
            "deck.pptx": documents(app)["deck.pptx"],
            "annual report 2025.pdf": before,
        }
        chunks = {
            c.id for c in app.document_chunks("default", str(folder / "annual report 2025.pdf"))
        }
        assert cited.chunk_id in chunks
    finally:
        watcher.stop()


def test_a_file_being_written_is_read_once_whole(app, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    app.watch_folder("default", str(folder))
    reports = Reports()
    watcher = Watcher(app, reports)
    watcher.start()
    try:
        reports.wait_for(lambda e: isinstance(e, Watching))
        whole = (GOOD / "report_en.pdf").read_bytes()
        target = folder / "report_en.pdf"
        with target.open("wb") as out:  # a slow download: a piece every 0.5 s for 3 s
            step = len(whole) // 6 + 1
            for start in range(0, len(whole), step):
                out.write(whole[start : start + step])
                out.flush()
                time.sleep(0.5)
        done = reports.wait_for(lambda e: isinstance(e, Indexed) and e.files)
        assert done.summary.added == 1 and done.summary.failed == []
        runs = [e for e in reports.events if isinstance(e, Indexed) and e.files]
        assert len(runs) == 1  # never read half-written
    finally:
        watcher.stop()
