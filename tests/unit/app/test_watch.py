"""The folder watcher with real watchdog events and parsers and a hashing embedder: an
offline folder keeps its documents and is caught up when it returns, a deleted subfolder
takes its documents, and changes made while another ingest runs wait for it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fakes import END, HashingEmbedder, ScriptedBackend
from watch_events import Reports

from app.application import Application
from app.watch import Indexed, Offline, Watcher, WatchFailed, Watching

GOOD = Path(__file__).parents[2] / "data" / "good"


@pytest.fixture
def app(thinkdesk_home, monkeypatch):
    monkeypatch.setattr("app.assistant.thinking_budget", lambda family, budget, **_: budget)
    script = [*"Gross margin was 41.7 percent [1].", END]
    application = Application(
        thinkdesk_home,
        embedder_loader=lambda settings: HashingEmbedder(),
        backend_loader=lambda settings, model: ScriptedBackend(script),
    )
    yield application
    application.close()


@pytest.fixture
def folder(tmp_path):
    """Two files there for a while (copy2 keeps their mtime: none is being written)."""
    target = tmp_path / "drive" / "reports"
    (target / "2025").mkdir(parents=True)
    shutil.copy2(GOOD / "notes.txt", target / "notes.txt")
    shutil.copy2(GOOD / "summary.md", target / "2025" / "summary.md")
    return target


@contextmanager
def running(watcher: Watcher) -> Iterator[Watcher]:
    """The watcher started, and stopped at the end of the block whatever happens in it."""
    watcher.start()
    try:
        yield watcher
    finally:
        watcher.stop()


def names(app: Application) -> list[str]:
    return sorted(Path(d.path).name for d in app.documents("default"))


def test_an_offline_folder_keeps_its_documents_and_is_caught_up_when_back(app, folder):
    app.ingest("default", [str(folder)])
    app.watch_folder("default", str(folder))
    unplugged = folder.rename(folder.with_name("elsewhere"))
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Offline))
        assert app.folder_rows()[0]["offline"] is True
        time.sleep(0.5)
        assert not [e for e in reports.events if isinstance(e, Indexed)]
        assert names(app) == ["notes.txt", "summary.md"]
        (unplugged / "notes.txt").unlink()  # changed while away
        unplugged.rename(folder)
        back = reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        assert [type(e) for e in reports.events] == [Offline, Watching, Indexed]
        assert back.summary.removed == 1 and names(app) == ["summary.md"]


def test_a_deleted_subfolder_takes_its_documents(app, folder):
    app.ingest("default", [str(folder)])
    app.watch_folder("default", str(folder))
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        shutil.rmtree(folder / "2025")
        gone = reports.wait_for(lambda e: isinstance(e, Indexed) and e.gone)
        assert gone.gone == (str(folder / "2025" / "summary.md"),)
        assert names(app) == ["notes.txt"]


def test_changes_made_while_another_ingest_runs_wait_for_it(app, folder):
    app.watch_folder("default", str(folder))
    reports = Reports()
    watcher = Watcher(app, reports, quiet=0.3, check=0.5)
    with app._job("ingest"):  # a drop on the window being indexed
        watcher.start()
        try:
            shutil.copy(GOOD / "prices.csv", folder / "prices.csv")
            time.sleep(1.0)
            assert not [e for e in reports.events if isinstance(e, Indexed)]
        except BaseException:
            watcher.stop()
            raise
    try:
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        reports.wait_for(lambda e: "prices.csv" in names(app))
    finally:
        watcher.stop()


def test_hidden_temporary_and_unsupported_files_start_no_run(app, folder):
    app.watch_folder("default", str(folder))
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        reports.clear()
        for name in ("~$report.docx", ".hidden.txt", "draft.tmp", "photo.jpg"):
            (folder / name).write_bytes(b"x")
        (folder / "new.txt").write_text("A new note on the Lisbon office.\n", encoding="utf-8")
        run = reports.wait_for(lambda e: isinstance(e, Indexed))
        assert run.files == (str(folder / "new.txt"),)


def test_a_renamed_file_keeps_its_document_and_the_answers_citing_it(app, folder):
    shutil.copy(GOOD / "report_en.pdf", folder / "report_en.pdf")
    app.ingest("default", [str(folder)])
    app.watch_folder("default", str(folder))
    list(app.ask("default", "What was the gross margin in fiscal 2025?"))
    [cited] = app.conversation("default")[0].answer.citations()
    assert cited["file"] == str(folder / "report_en.pdf")
    before = {Path(d.path).name: d.id for d in app.documents("default")}
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        (folder / "report_en.pdf").rename(folder / "2025" / "annual report.pdf")
        moved = reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.updated)
        assert moved.summary.chunks == 0 and moved.summary.removed == 0
    after = {Path(d.path).name: d.id for d in app.documents("default")}
    assert after["annual report.pdf"] == before["report_en.pdf"]
    [exchange] = app.conversation("default")
    new = str(folder / "2025" / "annual report.pdf")
    assert [c["file"] for c in exchange.answer.citations()] == [new]
    assert all(p.file != str(folder / "report_en.pdf") for p in exchange.answer.passages)
    chunk_ids = {c.id for c in app.document_chunks("default", new)}
    [n] = exchange.answer.cited
    assert exchange.answer.passages[n - 1].chunk_id in chunk_ids  # its passage is still there


class RefusingObserver:
    """An observer the system refuses watches to (inotify's watch limit reached)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def join(self, timeout=None) -> None: ...

    def schedule(self, handler, path, recursive=False):
        raise OSError(28, "inotify watch limit reached")


def test_a_folder_the_system_will_not_watch_is_reported_once(app, folder):
    app.watch_folder("default", str(folder))
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, observer=RefusingObserver, check=0.3)) as watcher:
        failed = reports.wait_for(lambda e: isinstance(e, WatchFailed))
        assert "cannot watch it" in failed.message and "watch limit" in failed.message
        time.sleep(1.0)  # checked again meanwhile: not reported again
        assert sum(isinstance(e, WatchFailed) for e in reports.events) == 1
        assert watcher.running()


def test_a_renamed_subfolder_keeps_its_documents(app, folder):
    app.ingest("default", [str(folder)])
    app.watch_folder("default", str(folder))
    before = {Path(d.path).name: d.id for d in app.documents("default")}
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        (folder / "2025").rename(folder / "FY2025")
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.updated)
        time.sleep(1.0)  # the old name's run, if any, comes after: it must remove nothing
    assert sum(e.summary.removed for e in reports.events if isinstance(e, Indexed)) == 0
    documents = {d.path: d.id for d in app.documents("default")}
    assert documents[str(folder / "FY2025" / "summary.md")] == before["summary.md"]


def test_a_file_moved_between_two_watched_folders_keeps_its_document(app, folder, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    app.ingest("default", [str(folder), str(other)])
    app.watch_folder("default", str(folder))
    app.watch_folder("default", str(other))
    before = {Path(d.path).name: d.id for d in app.documents("default")}
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up and e.folder == str(other))
        shutil.move(folder / "notes.txt", other / "notes.txt")
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.summary.updated)
        time.sleep(1.0)
    documents = {d.path: d.id for d in app.documents("default")}
    assert documents[str(other / "notes.txt")] == before["notes.txt"]


def test_a_folder_unplugged_while_watched_is_watched_again_when_back(app, folder):
    app.ingest("default", [str(folder)])
    app.watch_folder("default", str(folder))
    reports = Reports()
    with running(Watcher(app, reports, quiet=0.3, check=0.5)):
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        away = folder.rename(folder.with_name("away"))
        reports.wait_for(lambda e: isinstance(e, Offline))
        time.sleep(0.5)
        assert names(app) == ["notes.txt", "summary.md"]  # nothing deleted meanwhile
        away.rename(folder)
        reports.clear()
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        shutil.copy(GOOD / "prices.csv", folder / "prices.csv")
        reports.wait_for(lambda e: isinstance(e, Indexed) and e.files)
        assert names(app) == ["notes.txt", "prices.csv", "summary.md"]


def test_a_file_still_being_written_when_watching_starts_is_waited_for(app, folder):
    app.watch_folder("default", str(folder))
    growing = folder / "download.txt"
    growing.write_text("The first half of a report", encoding="utf-8")  # written just now
    reports = Reports()
    with running(Watcher(app, reports, quiet=1.0, check=0.5)):
        caught_up = reports.wait_for(lambda e: isinstance(e, Indexed) and e.catch_up)
        assert caught_up.summary.added == 2  # notes.txt and summary.md, not the download
        with growing.open("a", encoding="utf-8") as out:
            out.write(" and its second half, on the Lisbon office.\n")
        run = reports.wait_for(lambda e: isinstance(e, Indexed) and e.files)
        assert run.files == (str(growing),) and run.summary.added == 1
    [chunk] = app.document_chunks("default", str(growing))
    assert "second half" in chunk.text


def test_a_run_cut_short_at_quit_is_left_to_the_next_catch_up(app, folder):
    app.watch_folder("default", str(folder))
    reports = Reports()
    stopped = []

    def quit_at_first_file(event):
        if type(event).__name__ == "FileDone" and not stopped:
            stopped.append(event)
            watcher._stopping.set()  # what stop() does first, from inside the run

    watcher = Watcher(app, reports, quit_at_first_file, quiet=0.3, check=0.5)
    for n in range(6):
        (folder / f"note {n}.txt").write_text(f"Note {n} on the Lisbon office.\n" * 40)
    watcher.start()
    try:
        run = reports.wait_for(lambda e: isinstance(e, Indexed))
    finally:
        watcher.stop()
    assert run.summary.cancelled and len(app.documents("default")) < 8
    assert app.unfinished() is None  # not offered again: the catch-up does the rest
