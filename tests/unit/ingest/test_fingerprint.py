"""Content hashes: the sha256 of a file's bytes, however large, from a str or a Path."""

import hashlib

import pytest

from ingest.fingerprint import sha256_file


def test_the_digest_of_known_bytes(tmp_path):
    path = tmp_path / "abc.txt"
    path.write_bytes(b"abc")
    assert sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_file(str(path)) == sha256_file(path)


def test_an_empty_file_has_the_empty_digest(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert sha256_file(path) == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize("size", [(1 << 20) - 1, 1 << 20, (1 << 20) + 1, 5 * (1 << 19) + 7])
def test_files_read_in_blocks_hash_as_their_whole_bytes(tmp_path, size):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_one_changed_byte_changes_the_digest(tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    first.write_bytes(b"revenue 1,234,567")
    second.write_bytes(b"revenue 1,234,568")
    assert sha256_file(first) != sha256_file(second)


def test_a_missing_file_raises_os_error(tmp_path):
    with pytest.raises(OSError):
        sha256_file(tmp_path / "gone.pdf")
