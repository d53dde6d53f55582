"""A value made once on first use, whichever thread asks first."""

import threading
import time

from app.lazy import Lazy


def test_made_on_first_get_and_kept():
    made = []
    lazy = Lazy(lambda: made.append(1) or len(made))
    assert not lazy.loaded and made == []
    assert lazy.get() == 1 and lazy.get() == 1
    assert lazy.loaded and made == [1]


def test_reset_makes_a_new_value_next_time():
    made = []
    lazy = Lazy(lambda: made.append(1) or len(made))
    lazy.get()
    lazy.reset()
    assert not lazy.loaded
    assert lazy.get() == 2


def test_threads_asking_at_once_share_one_value():
    made = []

    def make():
        time.sleep(0.05)  # long enough for every thread to be waiting
        made.append(object())
        return made[-1]

    lazy = Lazy(make)
    got = []
    threads = [threading.Thread(target=lambda: got.append(lazy.get())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and all(value is made[0] for value in got)


def test_of_holds_a_value_already_made():
    lazy = Lazy.of("model")
    assert lazy.loaded and lazy.get() == "model"
