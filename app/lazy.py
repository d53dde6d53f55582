"""A value made on first use, once, whichever thread asks first (the loaded models)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """make() runs on the first get(); reset() forgets the value (a new model next time)."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._value: T | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, value: T) -> Lazy[T]:
        """A Lazy that already holds value."""
        lazy = cls(lambda: value)
        lazy._value = value
        return lazy

    def get(self) -> T:
        """The value, made now if it was not yet."""
        with self._lock:
            if self._value is None:
                self._value = self._make()
            return self._value

    @property
    def loaded(self) -> bool:
        """Whether get() returns at once."""
        return self._value is not None

    def reset(self) -> None:
        """Forget the value; the next get() makes a new one."""
        with self._lock:
            self._value = None
