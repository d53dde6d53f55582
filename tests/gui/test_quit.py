"""Quitting while indexing: asked first, the process does not linger, and the batch that was
cut short is offered again at the next start (issue 13.5)."""

from __future__ import annotations

import shutil

from app.application import UNFINISHED
from tests.gui.test_main_window import drop


def many(docs, count=40):
    for i in range(count):
        shutil.copy(docs / "notes.txt", docs / f"copy{i}.txt")
        (docs / f"copy{i}.txt").write_text(f"note {i}\n" * 50)
    return docs


def test_quit_while_indexing_asks_stops_and_offers_the_rest_next_time(
    qtbot, make_window, docs, thinkdesk_home
):
    window = make_window()
    window.settings.parse_workers = 1
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(question, detail=""):
        asked.append(question)
        return next(answers)

    window.confirm = confirm
    window.show()
    with qtbot.waitSignal(window.ingest_finished, timeout=60000) as blocker:
        drop(window, [many(docs)])
        qtbot.waitUntil(lambda: window.ingest_panel.bar.maximum() > 0, timeout=30000)
        window.close()  # "No": nothing stops
        assert window.isVisible() and "ingest" in window.workers
        window.close()  # "Yes": the batch is cancelled and the window goes
    assert asked[0].startswith("Indexing ") and asked[0].endswith("files: stop and quit?")
    assert blocker.args[0].cancelled
    qtbot.waitUntil(lambda: not window.workers, timeout=30000)
    assert not window.isVisible()
    assert (thinkdesk_home / UNFINISHED).exists()

    again = make_window()
    again.confirm = lambda question, detail="": question.startswith("The last indexing")
    with qtbot.waitSignal(again.ingest_finished, timeout=60000) as resumed:
        again.offer_resume()
    summary = resumed.args[0]
    assert not summary.cancelled and summary.added + summary.unchanged >= 44
    assert not (thinkdesk_home / UNFINISHED).exists()
    third = make_window()
    third.confirm = lambda *args: (_ for _ in ()).throw(AssertionError("asked again"))
    third.offer_resume()  # nothing left to offer: no question


def test_declining_the_resume_forgets_the_batch(qtbot, make_window, thinkdesk_home):
    window = make_window()
    (thinkdesk_home / UNFINISHED).write_text('{"kb": "default", "paths": ["/x"]}')
    window.confirm = lambda *args: False
    window.offer_resume()
    assert not (thinkdesk_home / UNFINISHED).exists() and "ingest" not in window.workers


def test_work_that_does_not_stop_in_time_does_not_keep_the_process(make_window, monkeypatch):
    import app.gui.main_window as main_window

    window = make_window()
    exits: list[int] = []
    monkeypatch.setattr(main_window.os, "_exit", exits.append)
    window._closing, window.workers = True, {"ingest": object()}
    window._force_quit()
    assert exits == [0]
    window.workers = {}
