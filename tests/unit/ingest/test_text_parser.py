"""Text files: encodings (UTF-8, GB18030, Big5) and line numbers."""

from ingest.parsers.text import parse, read_text

TRADITIONAL = "台積電的營業收入成長百分之二十，董事會決議配發現金股利。"
SIMPLIFIED = "宁德新能源的净利润增长百分之十五，董事会建议派发现金红利。"


def test_big5_and_gb18030_files_decode_to_the_right_text(tmp_path):
    big5 = tmp_path / "tw.txt"
    big5.write_bytes(TRADITIONAL.encode("big5"))
    gbk = tmp_path / "cn.txt"
    gbk.write_bytes(SIMPLIFIED.encode("gb18030"))
    assert read_text(big5) == TRADITIONAL
    assert read_text(gbk) == SIMPLIFIED


def test_paragraphs_carry_their_lines(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("one\ntwo\n\nthree\n", encoding="utf-8")
    assert [b.location for b in parse(path)] == [
        {"line_start": 1, "line_end": 2},
        {"line_start": 4, "line_end": 4},
    ]
