"""A passage's words are found in a file's own text whatever its wrapping, hyphenation,
spacing and ligatures, and text that is not there is not found."""

from app.gui.matching import locate, opening

PAGE = (
    "We invested in people and in leadership. During the year the executive manage\ufffe"
    "ment team expanded to twelve members. We also opened engineering centres in\r\n"
    "Austin and in Krakow. The backlog was 1,234,\r\n567 units and the ﬁnal dividend rose."
)


def found(text, sought):
    spans, share = locate(text, sought)
    return [text[a:b] for a, b in spans], share


def test_a_sentence_is_found_across_a_hyphenated_line_end_with_its_full_stop():
    spans, share = found(
        PAGE, "During the year the executive management team expanded to twelve members."
    )
    assert spans == [
        "During the year the executive manage\ufffement team expanded to twelve members."
    ]
    assert share == 1.0


def test_wrapped_numbers_ligatures_and_case_do_not_matter():
    assert found(PAGE, "backlog was 1,234,567 units")[0] == ["backlog was 1,234,\r\n567 units"]
    assert found(PAGE, "THE FINAL DIVIDEND")[0] == ["the ﬁnal dividend"]


def test_a_sentence_reworded_in_places_is_found_in_part():
    spans, share = found(
        PAGE, "During the year the executive management board grew to twelve members."
    )
    assert spans == [
        "During the year the executive manage\ufffement team expanded to twelve members"
    ]
    assert 0.6 < share < 1.0


def test_text_that_is_not_there_is_not_found():
    assert locate(PAGE, "Revenue reached 1.82 billion dollars in the year under review.") == (
        [],
        0.0,
    )
    assert locate(PAGE, "") == ([], 0.0)


def test_chinese_is_found_across_a_line_break():
    page = "本年度公司经营稳健，营业收入达到一百二十亿元，\r\n同比增长百分之十八。"
    assert found(page, "营业收入达到一百二十亿元，同比增长百分之十八。")[0] == [
        "营业收入达到一百二十亿元，\r\n同比增长百分之十八。"
    ]


def test_the_opening_is_the_first_sentences():
    text = "Short one. " + "A second sentence that is long enough to pass the mark of chars. " * 2
    assert (
        opening(text, chars=40)
        == "Short one. A second sentence that is long enough to pass the mark of chars."
    )
    assert opening("x" * 1000) == "x" * 400
