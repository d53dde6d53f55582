"""The folder watcher's events collected from its thread and waited for by a test's."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

WITHIN_S = 15.0  # "within seconds": 1.5 s to settle, the rest is parsing and embedding


class Reports:
    """The watcher's events, waited for by the test thread."""

    def __init__(self) -> None:
        self.events: list[object] = []
        self.arrived = threading.Condition()

    def __call__(self, event: object) -> None:
        with self.arrived:
            self.events.append(event)
            self.arrived.notify_all()

    def wait_for(self, wanted: Callable[[object], object], timeout: float = WITHIN_S) -> Any:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                found = [e for e in self.events if wanted(e)]
                if found:
                    return found[-1]
                left = deadline - time.monotonic()
                assert left > 0, f"not reported within {timeout} s: {self.events}"
                self.arrived.wait(left)

    def clear(self) -> None:
        with self.arrived:
            self.events.clear()
