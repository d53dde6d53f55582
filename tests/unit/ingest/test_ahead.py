"""Reading ahead: the producer runs ahead in its own thread, bounded; its callbacks run on
the consumer's thread, before the item they preceded; leaving stops and closes it."""

import threading
import time

import pytest

from ingest.ahead import ReadAhead


def produce(ahead, n, log, made):
    report = ahead.deferred(lambda i: log.append((f"made {i}", threading.get_ident())))
    try:
        for i in range(n):
            if ahead.stopped():
                return
            made.append(i)
            report(i)
            yield i
    finally:
        log.append(("closed", threading.get_ident()))


def test_items_come_in_order_with_their_reports_first_on_the_consumer_thread():
    log, made = [], []
    ahead = ReadAhead(depth=2)
    with ahead.start(produce(ahead, 5, log, made)) as items:
        got = []
        for item in items:
            got.append(item)
            assert (f"made {item}", threading.get_ident()) in log
    assert got == [0, 1, 2, 3, 4]
    reports = [who for what, who in log if what.startswith("made")]
    assert reports == [threading.get_ident()] * 5
    assert log[-1][0] == "closed"


def test_the_producer_works_ahead_while_the_consumer_is_busy_but_only_depth_ahead():
    log, made = [], []
    ahead = ReadAhead(depth=2)
    with ahead.start(produce(ahead, 50, log, made)) as items:
        iterator = iter(items)
        assert next(iterator) == 0
        deadline = time.monotonic() + 5
        while len(made) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)  # the consumer "embeds"; the producer goes on meanwhile
        time.sleep(0.2)
        # item 0 taken, 2 queued, one more made and waiting for room: never all 50
        assert 3 <= len(made) <= 4


def test_leaving_early_stops_the_producer_and_closes_its_iterator():
    log, made = [], []
    ahead = ReadAhead(depth=1)
    with ahead.start(produce(ahead, 1000, log, made)) as items:
        for item in items:
            if item == 2:
                break
    assert ("closed" in [what for what, _ in log]) and len(made) < 10
    assert ahead.stopped()


def test_a_producer_error_is_raised_to_the_consumer():
    def failing():
        yield 1
        raise ValueError("parser pool broke")

    with ReadAhead().start(failing()) as items, pytest.raises(ValueError, match="pool broke"):
        list(items)
