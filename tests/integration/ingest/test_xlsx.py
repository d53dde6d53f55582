"""The Excel parser on real files: one atomic block per row with its A1 range, under the
sheet's header row; cached formula values, readable dates, empty rows and columns left out."""

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from ingest.errors import ParseError
from ingest.parsers.xlsx import parse


@pytest.fixture
def book(data_dir):
    return list(parse(data_dir / "good" / "book.xlsx"))


def save(workbook, tmp_path, name="made.xlsx"):
    path = tmp_path / name
    workbook.save(path)
    return path


def test_each_row_is_an_atomic_block_with_its_range_under_the_header(book):
    revenue = [b for b in book if b.location["sheet"] == "Revenue"]
    assert len(revenue) == 60
    first = revenue[0]
    assert first.text == "R001 | 137 | 173 | 310"  # D2 is =B2+C2: its cached value
    assert first.location == {"sheet": "Revenue", "cells": "A2:D2"}
    assert all(b.header == "Region | Q1 | Q2 | Total" and b.atomic for b in revenue)
    assert {b.section for b in revenue} == {("sheet", "Revenue")}


def test_an_empty_row_is_skipped_and_the_next_keeps_its_own_row_number(book):
    cells = [b.location["cells"] for b in book if b.location["sheet"] == "Revenue"]
    assert "A30:D30" not in cells
    by_region = {b.text.split(" | ")[0]: b.location["cells"] for b in book}
    assert (by_region["R028"], by_region["R029"], by_region["R042"]) == (
        "A29:D29",
        "A31:D31",
        "A44:D44",
    )


def test_every_sheet_has_its_own_header_and_section(book):
    cost = [b for b in book if b.location["sheet"] == "成本"]
    assert [b.text for b in cost] == ["原材料 | 1200", "人工 | 800", "物流 | 300"]
    assert all(b.header == "项目 | 金额" and b.section == ("sheet", "成本") for b in cost)


def test_values_are_written_as_a_reader_would(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Amount", "Note", "Time"])
    sheet.append(
        [dt.datetime(2025, 3, 14), 3.0, "  two\n  words ", dt.datetime(2025, 3, 14, 9, 30)]
    )
    sheet.append([dt.date(2025, 3, 15), 2.5, 7, dt.time(9, 30)])
    [first, second] = parse(save(workbook, tmp_path))
    assert first.text == "2025-03-14 | 3 | two words | 2025-03-14 09:30"
    assert second.text == "2025-03-15 | 2.5 | 7 | 09:30:00"


def test_columns_empty_in_the_header_and_the_row_are_dropped_blanks_under_a_name_kept(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["D3"], sheet["E3"] = "Region", "Units", "Note"  # rows 1-2 empty
    sheet["B4"], sheet["E4"] = "North", "new plant"
    sheet["B5"], sheet["D5"] = "South", 950
    sheet["B6"], sheet["C6"] = "West", "unnamed column"  # a value is never dropped
    blocks = list(parse(save(workbook, tmp_path)))
    assert [(b.text, b.location["cells"]) for b in blocks] == [
        ("North |  | new plant", "B4:E4"),
        ("South | 950", "B5:D5"),
        ("West | unnamed column", "B6:C6"),
    ]
    assert {b.header for b in blocks} == {"Region | Units | Note"}


def test_a_sheet_of_one_row_keeps_that_row_and_an_empty_sheet_gives_nothing(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Empty"
    workbook.create_sheet("Lonely").append([None, "Only", "row"])
    [block] = parse(save(workbook, tmp_path))
    assert (block.text, block.location, block.header) == (
        "Only | row",
        {"sheet": "Lonely", "cells": "B1:C1"},
        None,
    )


def test_a_workbook_with_a_wrong_dimension_keeps_all_its_rows(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Region", "Units"])
    for i in range(5):
        sheet.append([f"R{i}", i])
    good = save(book, tmp_path, "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', data)
            dst.writestr(item, data)
    blocks = list(parse(bad))
    assert [b.text for b in blocks] == [f"R{i} | {i}" for i in range(5)]
    assert blocks[-1].location["cells"] == "A6:B6"


def test_a_broken_workbook_fails_with_a_reason(data_dir):
    with pytest.raises(ParseError, match="^corrupt: not a readable Excel workbook"):
        list(parse(data_dir / "bad" / "corrupt.xlsx"))
