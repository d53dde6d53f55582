"""OCR lines put in reading order and joined into a page's text; which PDF pages need OCR."""

from ingest.ocr import Line, Ocr, blank_runs, page_text, reading_order, respace
from ingest.parsers.pdf import PageContent, needs_ocr


def line(text, left, top, right=None, bottom=None, score=0.99):
    right = left + 10 * len(text) if right is None else right
    return Line(text, (left, top, right, top + 20 if bottom is None else bottom), score)


def test_rows_top_to_bottom_and_left_to_right_within_a_row():
    lines = [
        line("second row", 40, 60),
        line("right cell", 300, 12, bottom=30),  # a little higher than its neighbour
        line("left cell", 40, 15),
    ]
    assert [x.text for x in reading_order(lines)] == ["left cell", "right cell", "second row"]


def test_a_row_joins_with_spaces_and_a_wide_gap_starts_a_paragraph():
    lines = [
        line("Freight costs reached", 40, 100),
        line("7.3 million", 300, 100),
        line("dollars in the quarter.", 40, 125),
        line("The depot handled 4,820 containers.", 40, 190),
    ]
    assert page_text(lines) == (
        "Freight costs reached 7.3 million dollars in the quarter.\n\n"
        "The depot handled 4,820 containers."
    )


def test_cjk_lines_rejoin_without_a_space():
    lines = [line("董事会批准向青岛港", 40, 100), line("追加投资八千万元。", 40, 125)]
    assert page_text(lines) == "董事会批准向青岛港追加投资八千万元。"


def test_a_speck_read_as_one_glyph_is_no_text():
    assert page_text([line("山", 500, 300, bottom=700)]) == ""
    assert page_text([]) == ""


def test_the_engine_loads_only_when_an_image_is_read():
    reader = Ocr(threads=0)
    assert not reader.loaded and reader.threads == 1


def test_pages_that_need_ocr():
    blank = PageContent("")
    scan = PageContent("", image_cover=1.0, drawn=True)
    outlined = PageContent("", image_cover=0.0, drawn=True)  # text drawn as paths
    stamped = PageContent("ABC000123", image_cover=0.95, drawn=True)
    figure = PageContent("Figure 3: plant", image_cover=0.3, drawn=True)
    text = PageContent("x" * 40, image_cover=1.0, drawn=True)  # a searchable scan: fast path
    assert [needs_ocr(p.text or "", p) for p in (blank, scan, outlined, stamped, figure, text)] == [
        False,
        True,
        True,
        True,
        False,
        False,
    ]


def test_spaces_the_model_left_out_come_back_where_the_page_is_blank():
    chars = list("basispoints41.57")
    centres = [10.0 * i for i in range(len(chars))]
    gaps = [45.0, 105.0, 125.0]  # after "basis", after "points", between "1" and "5"
    assert respace(chars, centres, gaps) == "basis points 41.57"
    assert respace(list("净利润增长"), [0, 10, 20, 30, 40], [15.0]) == "净利润增长"
    assert respace(list("a b"), [0, 10, 20], [5.0, 15.0]) == "a b"


def test_blank_runs_are_the_wide_gaps_between_inked_columns():
    import numpy as np

    grey = np.full((20, 100), 250.0)
    grey[5:15, 0:20] = 0  # a word
    grey[5:15, 22:40] = 0  # the same word: a narrow gap between letters
    grey[5:15, 60:90] = 0  # the next word after a wide gap
    assert blank_runs(grey, (0, 0, 100, 20)) == [50.0, 95.0]
