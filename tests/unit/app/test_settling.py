"""Changed paths held until their size and mtime stay put, on a fake clock and fake files."""

from app.settling import HOLD_GONE_S, Settling


class Files:
    """Paths to (size, mtime) signatures; a missing key is a missing file."""

    def __init__(self) -> None:
        self.signatures: dict[str, tuple[int, int]] = {}

    def look(self, path: str):
        return self.signatures.get(path)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def settling():
    files, clock = Files(), Clock()
    return Settling(quiet=1.5, clock=clock, look=files.look), files, clock


def test_a_new_file_is_ready_once_it_has_been_quiet_long_enough():
    held, files, clock = settling()
    files.signatures["/r/a.pdf"] = (10, 1)
    held.report("/r/a.pdf")
    clock.now += 1.4
    assert held.settled() == ([], [])
    clock.now += 0.1
    assert held.settled() == (["/r/a.pdf"], [])
    assert not held and held.settled() == ([], [])


def test_a_file_still_being_written_waits_until_it_stops_growing():
    held, files, clock = settling()
    files.signatures["/r/big.pdf"] = (100, 1)
    held.report("/r/big.pdf")
    for size in range(200, 1000, 100):  # a slow copy: a little more each second
        clock.now += 1.0
        files.signatures["/r/big.pdf"] = (size, size)
        assert held.settled() == ([], [])
    clock.now += 1.0
    assert held.settled() == ([], [])  # quiet for 1 s only
    clock.now += 0.5
    assert held.settled() == (["/r/big.pdf"], [])


def test_a_new_report_starts_the_wait_again_even_with_the_same_signature():
    held, files, clock = settling()
    files.signatures["/r/a.txt"] = (5, 5)
    held.report("/r/a.txt")
    clock.now += 1.0
    held.report("/r/a.txt")  # written again within the same mtime tick
    clock.now += 1.0
    assert held.settled() == ([], [])
    clock.now += 0.5
    assert held.settled() == (["/r/a.txt"], [])


def test_a_gone_path_waits_for_the_present_ones_so_a_rename_is_seen_as_a_move():
    held, files, clock = settling()
    files.signatures["/r/new.pdf"] = (7, 7)  # renamed from old.pdf
    held.report("/r/old.pdf")
    clock.now += 1.0
    held.report("/r/new.pdf")  # the rename's new name reported a second later
    clock.now += 0.6
    assert held.settled() == ([], [])  # the old name is quiet, but the new one is not yet
    clock.now += 1.0
    assert held.settled() == (["/r/new.pdf"], ["/r/old.pdf"])


def test_a_deleted_file_is_ready_alone_and_a_file_deleted_while_held_becomes_gone():
    held, files, clock = settling()
    files.signatures["/r/a.txt"] = (1, 1)
    held.report("/r/a.txt")
    held.report("/r/b.txt")  # deleted: no signature
    clock.now += 1.0
    del files.signatures["/r/a.txt"]  # deleted before it settled
    clock.now += 0.6
    assert held.settled() == ([], ["/r/b.txt"])
    clock.now += 1.5
    assert held.settled() == ([], ["/r/a.txt"])
    assert held.pending() == []


def test_gone_paths_wait_while_another_folder_settles_but_not_for_ever():
    held, files, clock = settling()
    held.report("/a/notes.txt")  # moved to a watched folder of its own Settling
    clock.now += 2.0
    assert held.settled(hold_gone=True) == ([], [])
    assert held.settled(hold_gone=False) == ([], ["/a/notes.txt"])
    held.report("/a/old.txt")
    clock.now += 1.5 + HOLD_GONE_S
    assert held.settled(hold_gone=True) == ([], ["/a/old.txt"])  # a file written for hours


def test_settling_present_says_whether_a_present_path_is_held():
    held, files, clock = settling()
    held.report("/a/gone.txt")
    assert not held.settling_present()
    files.signatures["/a/new.txt"] = (1, 1)
    held.report("/a/new.txt")
    assert held.settling_present()
