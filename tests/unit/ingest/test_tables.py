"""Table rows as Blocks: row text, the header row, row numbers."""

from ingest.parsers.tables import row_text, table_blocks


def test_row_text_collapses_whitespace_and_joins_cells():
    text = row_text(["Region", " Revenue\n 2024 ", "营业收入"])
    assert text == "Region | Revenue 2024 | 营业收入"


def test_row_text_keeps_empty_cells_between_others():
    assert row_text(["East", "", "12"]) == "East |  | 12"


def test_an_empty_row_has_no_text():
    assert row_text(["", " ", "\n"]) == ""
    assert row_text([]) == ""


def test_rows_under_the_first_non_empty_row_as_header():
    rows = ["", "Region | Revenue", "East | 12", "", "West | 9"]
    blocks = list(table_blocks(rows, {"paragraph": 3, "table": 1}, ("table", 1), numbered=True))
    assert [b.text for b in blocks] == ["East | 12", "West | 9"]
    assert [b.location for b in blocks] == [
        {"paragraph": 3, "table": 1, "row": 3},
        {"paragraph": 3, "table": 1, "row": 5},
    ]
    assert all(b.header == "Region | Revenue" for b in blocks)
    assert all(b.atomic and b.section == ("table", 1) for b in blocks)


def test_a_single_row_is_its_own_block_without_header():
    [block] = table_blocks(["", "Only | row"], {"slide": 2}, ("slide-table", 2, 1))
    assert (block.text, block.location, block.header) == ("Only | row", {"slide": 2}, None)


def test_unnumbered_rows_get_their_own_copy_of_the_location():
    where = {"slide": 4}
    blocks = list(table_blocks(["A | B", "1 | 2", "3 | 4"], where, ("slide-table", 4, 1)))
    assert [b.location for b in blocks] == [{"slide": 4}, {"slide": 4}]
    assert all(b.location is not where for b in blocks)
    assert blocks[0].location is not blocks[1].location


def test_an_empty_table_gives_nothing():
    assert list(table_blocks(["", ""], {"slide": 1}, ("slide-table", 1, 1))) == []
    assert list(table_blocks([], {"slide": 1}, ("slide-table", 1, 1))) == []
