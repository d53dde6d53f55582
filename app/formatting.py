"""Human-readable renderings shared by the CLI and the GUI (locations, sizes)."""

from __future__ import annotations

from typing import Any


def format_location(location: dict[str, Any]) -> str:
    """'page 3', 'pages 2-3', 'slide 2 (notes)', 'Revenue!A2:D14', 'Margins ¶5, table 1'..."""
    if "page" in location:
        return f"page {location['page']}"
    if "page_start" in location:
        return f"pages {location['page_start']}-{location['page_end']}"
    if "slide" in location:
        return f"slide {location['slide']}" + (" (notes)" if location.get("notes") else "")
    if "sheet" in location:
        return f"{location['sheet']}!{location.get('cells', '')}".rstrip("!")
    if "line_start" in location:
        start, end = location["line_start"], location["line_end"]
        return f"line {start}" if start == end else f"lines {start}-{end}"
    parts = [location["heading"]] if location.get("heading") else []
    if "paragraph" in location:
        parts.append(f"¶{location['paragraph']}")
    if "table" in location:
        rows = ""
        if "row" in location:
            rows = f" rows {location['row']}-{location.get('row_end', location['row'])}"
        parts.append(f"table {location['table']}{rows}")
    return ", ".join(parts) or "whole document"


def format_bytes(size: float) -> str:
    """1536 -> '1.5 KB'."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def counted(number: int, noun: str) -> str:
    """'1 passage', '3 passages', '1,204 chunks' (English plural by adding s)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
