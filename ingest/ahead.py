"""Reading ahead: an iterator run in a background thread a few items ahead of its consumer,
so the parse workers keep working while the parent embeds; the callbacks it makes are run
on the consumer's thread, in order, never on the background one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_END = object()
_POLL_S = 0.05  # how often a blocked side looks whether the other stopped


class ReadAhead(Generic[T]):
    """Items of an iterator produced up to depth ahead (bounded: memory stays flat however
    many files a batch has). Use as a context manager: leaving it stops the producer and
    closes its iterator (the parse workers stop with it).

    The producer's callbacks go through deferred(): queued, and run on the consumer's thread
    when it calls pump() or waits for the next item."""

    def __init__(self, depth: int = 2) -> None:
        self._items: queue.Queue[Any] = queue.Queue(maxsize=max(1, depth))
        self._calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def stopped(self) -> bool:
        """Whether the consumer has left (the producer should end)."""
        return self._stop.is_set()

    def deferred(self, callback: Callable[..., None]) -> Callable[..., None]:
        """callback, queued to run on the consumer's thread with the same arguments."""

        def defer(*args: Any) -> None:
            self._calls.put(lambda: callback(*args))

        return defer

    def start(self, items: Iterator[T]) -> ReadAhead[T]:
        """Produce items in a background thread (the iterator is made by the caller with
        this object's deferred() callbacks and stopped() in its cancel check)."""
        self._thread = threading.Thread(target=self._produce, args=(items,), daemon=True)
        self._thread.start()
        return self

    def _produce(self, items: Iterator[T]) -> None:
        try:
            for item in items:
                if not self._put(("item", item)):
                    return
        except BaseException as err:  # handed to the consumer, raised there
            self._put(("error", err))
            return
        finally:
            close = getattr(items, "close", None)
            if close is not None:  # a generator: its finally stops the workers
                close()
        self._put(("end", _END))

    def _put(self, entry: tuple[str, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._items.put(entry, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def pump(self) -> None:
        """Run the callbacks the producer has made so far, here."""
        while True:
            try:
                call = self._calls.get_nowait()
            except queue.Empty:
                return
            call()

    def __iter__(self) -> Iterator[T]:
        while True:
            self.pump()
            try:
                kind, value = self._items.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            self.pump()  # what the producer reported before this item comes first
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value

    def __enter__(self) -> ReadAhead[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, timeout_s: float = 10.0) -> None:
        """Stop the producer and wait for its iterator to close (the workers to stop)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout_s)
