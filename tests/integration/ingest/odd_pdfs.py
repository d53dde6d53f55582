"""Hostile PDFs written object by object at test time (a valid cross-reference table, so each
reader takes them at their word): a page tree nested 100,000 levels deep, an object of arrays
nested 100,000 deep, a page tree that claims millions of pages it does not have, and one that
has millions of pages, every leaf the same page object (a few kilobytes on disk)."""

from __future__ import annotations

from pathlib import Path

TEXT = "Nested tree survivor page"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _content(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """objects[0] is object 1, the catalog; a classic xref table and trailer after them."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def _page(parent: int, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> %s>>" % (parent, extra)
    )


def deep_page_tree(path: Path, depth: int) -> Path:
    """Catalog -> Pages -> Pages -> ... (depth levels, one kid each) -> one page of text."""
    # 1 catalog, 2 the page, 3 its content, 4 the font, 5.. the Pages nodes, 5 the root
    first = 5
    nodes = []
    for level in range(depth):
        number = first + level
        kid = number + 1 if level < depth - 1 else 2
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        nodes.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, kid))
    catalog = b"<< /Type /Catalog /Pages %d 0 R >>" % first
    leaf = _page(first + depth - 1)
    return write_pdf(path, [catalog, leaf, _content(TEXT), _FONT, *nodes])


def deep_array(path: Path, depth: int) -> Path:
    """One page of text whose /Thinkdesk entry is an array nested depth levels deep."""
    nested = b"[" * depth + b"0" + b"]" * depth
    catalog = b"<< /Type /Catalog /Pages 5 0 R >>"
    pages = b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"
    leaf = _page(5, b"/Thinkdesk 6 0 R ")
    return write_pdf(path, [catalog, leaf, _content(TEXT), _FONT, pages, nested])


def claimed_pages(path: Path, count: int) -> Path:
    """One real page under a root whose /Count says count pages."""
    catalog = b"<< /Type /Catalog /Pages 5 0 R >>"
    pages = b"<< /Type /Pages /Kids [2 0 R] /Count %d >>" % count
    return write_pdf(path, [catalog, _page(5), _content(TEXT), _FONT, pages])


def many_pages(path: Path, fan_out: int) -> Path:
    """fan_out ** 2 pages: the root's fan_out kids are one node whose fan_out kids are all
    the same page object (a page tree is not required to be a tree)."""
    catalog = b"<< /Type /Catalog /Pages 5 0 R >>"
    root = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join([b"6 0 R"] * fan_out),
        fan_out * fan_out,
    )
    middle = b"<< /Type /Pages /Parent 5 0 R /Kids [%s] /Count %d >>" % (
        b" ".join([b"2 0 R"] * fan_out),
        fan_out,
    )
    return write_pdf(path, [catalog, _page(6), _content(TEXT), _FONT, root, middle])


def distinct_pages(path: Path, count: int) -> Path:
    """count separate page objects (all showing the same content stream) under one root."""
    kids = b" ".join(b"%d 0 R" % (6 + n) for n in range(count))
    root = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)
    catalog = b"<< /Type /Catalog /Pages 5 0 R >>"
    leaves = [_page(5) for _ in range(count)]
    return write_pdf(path, [catalog, _page(5), _content(TEXT), _FONT, root, *leaves])
