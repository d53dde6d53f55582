"""Background workers: events, results and errors arrive as signals; emitting leaks nothing."""

import sys

from app.gui.workers import Worker


def test_a_job_reports_its_events_and_result(qtbot):
    def job(emit, cancelled):
        for i in range(3):
            emit(i)
        return "done"

    worker = Worker(job)
    seen = []
    worker.yielded.connect(seen.append)
    with qtbot.waitSignal(worker.finished_with) as done:
        worker.start()
    worker.wait()
    assert done.args == ["done"] and seen == [0, 1, 2]


def test_an_error_is_one_message(qtbot):
    def job(emit, cancelled):
        raise ValueError("no such file")

    worker = Worker(job)
    with qtbot.waitSignal(worker.errored) as failed:
        worker.start()
    worker.wait()
    assert failed.args == ["no such file"]


def test_emitting_does_not_release_a_reference_to_true(qtbot):
    # PySide6 6.12.0 decrements True's refcount on every Signal.emit; a long answer streams
    # thousands of events, and the interpreter then aborts (bool_dealloc). 6.11.3 is pinned.
    worker = Worker(lambda emit, cancelled: None)
    worker.yielded.connect(lambda event: None)
    before = sys.getrefcount(True)
    for _ in range(500):
        worker.yielded.emit(1)
    assert sys.getrefcount(True) >= before - 5
