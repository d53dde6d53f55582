"""Checks before parsing: empty and oversized files, Office files that are not zips or that
would unpack to too much (in total, or one member at a bomb-like ratio)."""

import os
import random
import zipfile
from dataclasses import replace

import pytest

from ingest.errors import ParseError
from ingest.limits import Limits, check_size, check_zip

MB = 1024 * 1024


def sized(path, size):
    path.write_bytes(b"x" * size)
    return path


def zipped(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_check_size_gives_the_size_of_a_file_within_the_limit(tmp_path):
    limits = replace(Limits(), max_file_bytes=MB)
    assert check_size(sized(tmp_path / "a.pdf", 1234), limits) == 1234
    assert check_size(sized(tmp_path / "b.pdf", MB), limits) == MB  # the limit itself is allowed


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(ParseError, match=r"^empty file \(0 bytes\)$"):
        check_size(sized(tmp_path / "a.pdf", 0), Limits())


def test_a_file_over_the_limit_is_refused_with_both_sizes(tmp_path):
    path = sized(tmp_path / "a.pdf", 3 * MB // 2)
    with pytest.raises(ParseError) as err:
        check_size(path, replace(Limits(), max_file_bytes=MB))
    assert str(err.value) == "too large: 1.5 MB is over the 1 MB limit"


def test_a_real_office_file_passes(data_dir):
    for name in ("report.docx", "deck.pptx", "book.xlsx"):
        check_zip(data_dir / "good" / name, Limits(), "Office")


def test_a_file_that_is_not_a_zip_is_named_corrupt(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"this is not a word document")
    with pytest.raises(ParseError, match=r"^corrupt: not a valid Word file \(bad zip archive"):
        check_zip(path, Limits(), "Word")


def test_members_unpacking_to_more_than_the_limit_are_a_zip_bomb(tmp_path):
    members = {"a.bin": os.urandom(MB // 2), "b.bin": os.urandom(MB // 2 + 1)}
    path = zipped(tmp_path / "a.xlsx", members, zipfile.ZIP_STORED)
    with pytest.raises(ParseError, match=r"^zip bomb: unpacks to 1 MB, over the 1 MB limit$"):
        check_zip(path, replace(Limits(), max_uncompressed_bytes=MB), "Excel")
    check_zip(path, replace(Limits(), max_uncompressed_bytes=2 * MB), "Excel")


def test_a_large_member_compressed_beyond_the_ratio_is_a_zip_bomb(tmp_path, data_dir):
    path = zipped(tmp_path / "a.docx", {"word/media/padding.bin": bytes(4 * MB)})
    with pytest.raises(ParseError, match=r"^zip bomb: word/media/padding\.bin compresses \d+:1"):
        check_zip(path, Limits(), "Word")
    with pytest.raises(ParseError, match="zip bomb"):
        check_zip(data_dir / "bad" / "bomb.docx", Limits(), "Word")


def test_a_member_under_one_mib_may_compress_at_any_ratio(tmp_path):
    path = zipped(tmp_path / "a.docx", {"word/document.xml": bytes(MB - 1)})
    with zipfile.ZipFile(path) as archive:
        [member] = archive.infolist()
    assert member.file_size / member.compress_size > Limits().max_compression_ratio
    check_zip(path, Limits(), "Word")


def test_the_ratio_limit_is_a_setting(tmp_path):
    data = bytes(random.Random(0).choices(range(4), k=2 * MB))  # packs about 4:1
    path = zipped(tmp_path / "a.pptx", {"ppt/media/image.bin": data})
    with zipfile.ZipFile(path) as archive:
        [member] = archive.infolist()
    ratio = member.file_size / member.compress_size
    assert 1 < ratio < 100
    check_zip(path, Limits(), "PowerPoint")
    with pytest.raises(ParseError, match="zip bomb"):
        check_zip(path, replace(Limits(), max_compression_ratio=ratio / 2), "PowerPoint")
