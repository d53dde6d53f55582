"""[n] markers in every style, and markers that point at no passage."""

from app.citations import find_markers, remove_dropped


def test_markers_in_every_style_are_found_and_out_of_range_ones_dropped():
    markers = find_markers("A [1], B [2][3], C 【4】, D [1, 5], E [2；3] and [9].", 5)
    assert markers.cited == [1, 2, 3, 4, 5] and markers.dropped == [9]
    assert remove_dropped("x [1][9] y [9, 2]", [9]) == "x [1] y [2]"
