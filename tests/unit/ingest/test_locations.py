"""Merging the locations of a chunk's pieces."""

from ingest.locations import cell_range, merge


def test_cell_range_names_both_corners():
    assert cell_range(1, 2, 4, 14) == "A2:D14"
    assert cell_range(28, 5, 28, 5) == "AB5:AB5"
    assert cell_range(703, 1, 703, 1) == "AAA1:AAA1"


def test_merge_pages_gives_a_span_only_when_pages_differ():
    assert merge([{"page": 3}, {"page": 3}]) == {"page": 3}
    assert merge([{"page": 2}, {"page": 3}]) == {"page_start": 2, "page_end": 3}


def test_merge_cells_gives_the_bounding_range():
    cells = [{"sheet": "S", "cells": "A2:D2"}, {"sheet": "S", "cells": "B5:C5"}]
    assert (
        merge(cells)
        == {"sheet": "S", "cells": cell_range(1, 2, 4, 5)}
        == {
            "sheet": "S",
            "cells": "A2:D5",
        }
    )


def test_merge_cells_across_wide_columns():
    cells = [{"cells": "Z3:AB3"}, {"cells": "AA7:AC7"}, {"cells": "Y9:Y9"}]
    assert merge(cells) == {"cells": "Y3:AC9"}


def test_merge_lines_and_rows():
    assert merge([{"line_start": 3, "line_end": 4}, {"line_start": 6, "line_end": 9}]) == {
        "line_start": 3,
        "line_end": 9,
    }
    rows = merge([{"table": 1, "row": 2}, {"table": 1, "row": 5}])
    assert rows == {"table": 1, "row": 2, "row_end": 5}


def test_merge_keeps_ocr_when_any_piece_was_read_from_an_image():
    assert merge([{"page": 2}, {"page": 3, "ocr": True}]) == {
        "page_start": 2,
        "page_end": 3,
        "ocr": True,
    }
    assert merge([{"page": 2}, {"page": 2}]) == {"page": 2}
