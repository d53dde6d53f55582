"""A passage's place in its file in the interface language: the GUI's wording of the location
dicts that app/formatting.py's format_location writes in English for the CLI."""

from __future__ import annotations

from typing import Any

from app.gui.i18n import translate


def format_location(location: dict[str, Any]) -> str:
    """'page 3', 'pages 2-3', 'slide 2 (notes)', 'Revenue!A2:D14', 'Margins ¶5, table 1'...
    (the same keys and, in English, the same words as app.formatting.format_location)."""
    if "page" in location:
        return translate("Location", "page {page}").format(page=location["page"])
    if "page_start" in location:
        return translate("Location", "pages {first}-{last}").format(
            first=location["page_start"], last=location["page_end"]
        )
    if "slide" in location:
        if location.get("notes"):
            return translate("Location", "slide {slide} (notes)").format(slide=location["slide"])
        return translate("Location", "slide {slide}").format(slide=location["slide"])
    if "sheet" in location:
        return f"{location['sheet']}!{location.get('cells', '')}".rstrip("!")
    if "line_start" in location:
        start, end = location["line_start"], location["line_end"]
        if start == end:
            return translate("Location", "line {line}").format(line=start)
        return translate("Location", "lines {first}-{last}").format(first=start, last=end)
    parts = [location["heading"]] if location.get("heading") else []
    if "paragraph" in location:
        parts.append(f"¶{location['paragraph']}")
    if "table" in location:
        if "row" in location:
            parts.append(
                translate("Location", "table {table} rows {first}-{last}").format(
                    table=location["table"],
                    first=location["row"],
                    last=location.get("row_end", location["row"]),
                )
            )
        else:
            parts.append(translate("Location", "table {table}").format(table=location["table"]))
    return ", ".join(parts) or translate("Location", "whole document")
