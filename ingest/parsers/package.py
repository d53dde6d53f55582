"""An Office file's zip package checked before its parser reads it: every member named inside
the package, and no XML part with a DOCTYPE, where entity expansion and external entities live."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree import ElementTree
from xml.parsers import expat

from ingest.errors import ParseError

_CHUNK = 64 * 1024
_XML_NAME = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
_TYPES = "[Content_Types].xml"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class _Prolog(Exception):
    """The parser reached the root element: the prolog held no DOCTYPE."""


def check_package(path: Path) -> None:
    """ParseError when a member is named outside the package (absolute, or climbing out with
    ".."), or when an XML part has a DOCTYPE: Office never writes one, and its entity
    declarations are how a file expands to gigabytes or reads other files. Only the prolog
    before each part's root element is read, so a large sheet costs one chunk."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return  # not a zip at all: the parser's own open names it
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        for member in members:
            check_member_name(member.filename)
        xml_types = _xml_parts(archive, {m.filename for m in members})
        for member in members:
            if _XML_NAME.search(member.filename) or member.filename in xml_types:
                with _opened(archive, member.filename) as stream:
                    check_prolog(stream, member.filename)


@contextmanager
def _opened(archive: zipfile.ZipFile, name: str) -> Iterator[IO[bytes]]:
    """A member's stream; a member that cannot be unpacked is a corrupt file."""
    try:
        with archive.open(name) as stream:
            yield stream
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as err:
        raise ParseError(f"corrupt: cannot unpack {name} ({err})") from None


def check_member_name(name: str) -> None:
    """ParseError for a zip member whose name points outside the package."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
        raise ParseError(f"refused: zip member named outside the package ({name!r})")


def check_prolog(stream: IO[bytes], part: str) -> None:
    """ParseError when the XML in stream has a DOCTYPE; reading stops at the root element.
    A DOCTYPE is refused at its first entity declaration, before anything is expanded."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = lambda name, system, public, internal: _dtd(part, system)
    parser.EntityDeclHandler = lambda name, pe, value, base, system, *rest: _entity(part, system)
    parser.EndDoctypeDeclHandler = lambda: _doctype(part)
    parser.StartElementHandler = _root
    try:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Prolog:
        return
    except expat.ExpatError as err:
        raise ParseError(f"corrupt: unreadable XML in {part} ({err})") from None


# Each reason is one whole sentence: the window words them again (app/gui/vocabulary.py).
def _dtd(part: str, system: str | None) -> None:
    if system is not None:
        raise ParseError(
            f"refused: XML DOCTYPE in {part} (an external DTD, SYSTEM {system[:100]!r}, never read)"
        )


def _doctype(part: str) -> None:
    raise ParseError(f"refused: XML DOCTYPE in {part} (Office files never carry one)")


def _entity(part: str, system: str | None) -> None:
    if system is not None:
        raise ParseError(
            f"refused: XML external entity in {part} (SYSTEM {system[:100]!r}: possible "
            "disclosure of another file, never read)"
        )
    raise ParseError(
        f"refused: XML entity declarations in {part} (possible entity-expansion attack)"
    )


def _root(name: str, attributes: object) -> None:
    raise _Prolog


def _xml_parts(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """Members that [Content_Types].xml says hold XML under another extension (a renamed part
    is still parsed as XML); image types (SVG) are pictures, never parsed."""
    if _TYPES not in names:
        return set()
    with _opened(archive, _TYPES) as stream:
        check_prolog(stream, _TYPES)
    xml_extensions, parts = set(), set()
    with _opened(archive, _TYPES) as stream:
        for element in _elements(stream):
            content = element.get("ContentType", "")
            if not content.endswith("xml") or content.startswith("image/"):
                continue
            if element.tag == f"{_TYPES_NS}Default":
                xml_extensions.add(element.get("Extension", "").lower())
            elif element.tag == f"{_TYPES_NS}Override":
                parts.add(element.get("PartName", "").lstrip("/"))
    by_extension = {n for n in names if n.rsplit(".", 1)[-1].lower() in xml_extensions}
    return (parts & names) | by_extension


def _elements(stream: IO[bytes]) -> Iterator[ElementTree.Element]:
    """The content-type entries, streamed (its prolog was checked: no DOCTYPE)."""
    try:
        for _, element in ElementTree.iterparse(stream):
            yield element
            element.clear()
    except ElementTree.ParseError as err:
        raise ParseError(f"corrupt: unreadable XML in {_TYPES} ({err})") from None
