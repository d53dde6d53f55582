"""The Office package check: members named outside the package and XML parts with a DOCTYPE
(entity expansion, external entities, external DTDs) are refused before any parser reads them;
pictures that happen to be XML, and a large part's body, are never looked at."""

import io
import zipfile

import pytest

from ingest.errors import ParseError
from ingest.parsers.package import check_member_name, check_package, check_prolog

TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="svg" ContentType="image/svg+xml"/>'
    '<Override PartName="/word/body.dat" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>'
)


def package(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def prolog(xml: str | bytes, part: str = "word/document.xml") -> None:
    check_prolog(io.BytesIO(xml.encode() if isinstance(xml, str) else xml), part)


@pytest.mark.parametrize(
    "name", ["../evil.xml", "word/../../evil.xml", "/etc/evil.xml", "\\evil.xml", "C:/evil.xml"]
)
def test_a_member_named_outside_the_package_is_refused(name):
    with pytest.raises(ParseError, match=r"^refused: zip member named outside the package \("):
        check_member_name(name)


@pytest.mark.parametrize("name", ["word/document.xml", "_rels/.rels", "media/a..b.png"])
def test_members_inside_the_package_pass(name):
    check_member_name(name)


def test_xml_without_a_doctype_passes():
    prolog('<?xml version="1.0"?><!-- a comment --><w:document xmlns:w="urn:w"/>')


def test_nested_entities_are_refused_at_their_declaration():
    with pytest.raises(ParseError) as err:
        prolog(LAUGHS)
    assert str(err.value) == (
        "refused: XML entity declarations in word/document.xml (possible entity-expansion attack)"
    )


def test_an_external_entity_is_refused_and_named():
    xml = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/shadow">]><r>&x;</r>'
    with pytest.raises(ParseError, match=r"^refused: XML external entity in word/document.xml"):
        prolog(xml)
    with pytest.raises(ParseError, match="'file:///etc/shadow'"):
        prolog(xml)


def test_a_parameter_entity_is_refused_too():
    xml = '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]><r/>'
    with pytest.raises(ParseError, match=r"^refused: XML external entity"):
        prolog(xml)


def test_a_doctype_with_an_external_dtd_is_refused():
    with pytest.raises(ParseError, match=r"^refused: XML DOCTYPE in .*external DTD"):
        prolog('<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>')


def test_an_empty_doctype_is_refused():
    with pytest.raises(ParseError, match=r"^refused: XML DOCTYPE in .*never carry one"):
        prolog("<!DOCTYPE r []><r/>")


def test_a_utf16_part_is_read_in_its_encoding():
    with pytest.raises(ParseError, match="entity declarations"):
        prolog(LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"))


def test_a_part_cut_off_before_its_root_is_corrupt():
    with pytest.raises(ParseError, match=r"^corrupt: unreadable XML in word/document.xml"):
        prolog('<?xml version="1.0"?><!-- never ')


class Counting(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.read_bytes += len(data)
        return data


def test_only_the_prolog_of_a_large_part_is_read():
    body = b"<sheetData>" + b"<row><c><v>1</v></c></row>" * 200_000 + b"</sheetData>"
    stream = Counting(b'<?xml version="1.0"?><worksheet>' + body + b"</worksheet>")
    check_prolog(stream, "xl/worksheets/sheet1.xml")
    assert stream.read_bytes <= 64 * 1024


def test_a_package_names_the_part_that_declares_entities(tmp_path):
    path = package(tmp_path / "a.docx", {"word/document.xml": "<r/>", "word/styles.xml": LAUGHS})
    with pytest.raises(ParseError, match="in word/styles.xml"):
        check_package(path)


def test_a_part_renamed_away_from_xml_is_still_checked(tmp_path):
    path = package(tmp_path / "a.docx", {"word/body.dat": LAUGHS})
    with pytest.raises(ParseError, match="in word/body.dat"):
        check_package(path)


def test_a_svg_picture_with_its_dtd_and_binary_media_are_not_xml_parts(tmp_path):
    svg = (
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    members = {"word/document.xml": "<r/>", "word/media/a.svg": svg, "word/media/b.png": "<\0"}
    check_package(package(tmp_path / "a.docx", members))


def test_a_slipping_member_is_refused_in_a_package(tmp_path):
    path = package(tmp_path / "a.xlsx", {"xl/workbook.xml": "<r/>", "../../x.txt": "x"})
    with pytest.raises(ParseError, match=r"\('\.\./\.\./x\.txt'\)$"):
        check_package(path)


def test_a_file_that_is_not_a_zip_is_left_to_its_parser(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"not a zip")
    check_package(path)


def test_a_member_that_cannot_be_unpacked_is_corrupt(tmp_path):
    path = package(tmp_path / "a.docx", {"word/document.xml": "<r>" + "x" * 5000 + "</r>"})
    data = bytearray(path.read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start] = 0xFF  # the member's first deflate block: an invalid block type
    path.write_bytes(bytes(data))
    with pytest.raises(ParseError, match=r"^corrupt: cannot unpack word/document.xml \("):
        check_package(path)
