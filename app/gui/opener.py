"""Opening a cited passage at its place: PDFs in the built-in viewer with the passage
highlighted, text files in the text viewer at their lines, Word, PowerPoint and Excel files
in their own application with the place named; and a file's folder, and a passage with its
source for the clipboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QWidget

from app.answer import Passage
from app.gui.i18n import translate
from app.gui.locations import format_location
from app.gui.matching import opening

TEXT_SUFFIXES = {".txt", ".md", ".csv", ".tsv", ".log", ".json", ".xml", ".yaml", ".yml"}
STATUS_MS = 15_000


def open_passage(
    passage: Passage, parent: QWidget, error: Callable[[str], None] | None = None
) -> QWidget | None:
    """Open passage's file at its place; the viewer window opened (a child window of
    parent, reused when it shows the same file already), or None when the file went to its
    application or could not be opened (error is told why, else parent's status bar)."""
    path = Path(passage.file)
    fail = error or (
        lambda message: _status(parent, translate("Opener", "Error: {0}").format(message))
    )
    if not path.is_file():
        fail(translate("Opener", "{0} is no longer at {1}").format(path.name, path.parent))
        return None
    viewer: QWidget | None = None
    if path.suffix.lower() == ".pdf":
        viewer = _pdf(passage, parent)
    elif path.suffix.lower() in TEXT_SUFFIXES or _lines(passage.location)[0]:
        viewer = _text(passage, parent)
    if viewer is not None:
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()
        return viewer
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        fail(
            translate("Opener", "cannot open {0}: no application for this type of file").format(
                path.name
            )
        )
        return None
    place = describe(passage.location)
    _status(parent, translate("Opener", "Opened {0} — look for: {1}").format(path.name, place))
    return None


def _pdf(passage: Passage, parent: QWidget) -> QWidget | None:
    from app.gui.pdf_viewer import PdfViewer  # QtPdf loads with the first PDF opened

    location = passage.location
    first = int(location.get("page", location.get("page_start", 1)))
    last = int(location.get("page_end", first))
    viewer = _reuse(parent, PdfViewer, passage.file) or _window(PdfViewer(parent))
    if viewer.open(passage.file, first, sought(passage), last):
        return viewer
    viewer.close()
    return None  # not a PDF QtPdf reads (encrypted, damaged): its application may


def _text(passage: Passage, parent: QWidget) -> QWidget | None:
    from app.gui.text_viewer import TextViewer

    first, last = _lines(passage.location)
    viewer = _reuse(parent, TextViewer, passage.file) or _window(TextViewer(parent))
    evidence = passage.evidence.text if passage.evidence is not None else ""
    if viewer.open(passage.file, first or 1, last or first or 1, evidence):
        return viewer
    viewer.close()
    return None


def _lines(location: dict[str, Any]) -> tuple[int, int]:
    """The cited lines (first, last) of a text file's location; (0, 0) when it has none."""
    if "line_start" in location:
        return int(location["line_start"]), int(location.get("line_end", location["line_start"]))
    if "line" in location:
        return int(location["line"]), int(location["line"])
    return 0, 0


def sought(passage: Passage) -> str:
    """What to highlight of a passage in its file: its best evidence, else its opening."""
    if passage.evidence is not None and passage.evidence.text.strip():
        return passage.evidence.text
    return opening(passage.text)


def _reuse(parent: QWidget, kind: type[Any], file: str) -> Any:
    """The open viewer of this kind already showing file, if any."""
    for viewer in parent.findChildren(kind):
        if viewer.path == file and viewer.isVisible():
            return viewer
    return None


def _window(viewer: Any) -> Any:
    """A viewer as a window of its own, freed when closed."""
    viewer.setWindowFlag(Qt.WindowType.Window)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return viewer


def describe(location: dict[str, Any]) -> str:
    """A place in a file as a reader looks for it in its application: "slide 4 (speaker
    notes)", "sheet 'Revenue', cells A2:D14", "section 'Risks', paragraph 12"..."""
    if "slide" in location:
        notes = translate("Opener", " (speaker notes)") if location.get("notes") else ""
        return translate("Opener", "slide {0}").format(location["slide"]) + notes
    if "sheet" in location:
        sheet = translate("Opener", "sheet '{0}'").format(location["sheet"])
        cells = location.get("cells")
        return sheet + (translate("Opener", ", cells {0}").format(cells) if cells else "")
    parts = (
        [translate("Opener", "section '{0}'").format(location["heading"])]
        if location.get("heading")
        else []
    )
    if "table" in location:
        rows = ""
        if "row" in location:
            end = location.get("row_end", location["row"])
            rows = translate("Opener", ", rows {0}-{1}").format(location["row"], end)
            rows = translate("Opener", ", row {0}").format(end) if end == location["row"] else rows
        parts.append(translate("Opener", "table {0}").format(location["table"]) + rows)
        if "paragraph" in location:
            parts.append(translate("Opener", "after paragraph {0}").format(location["paragraph"]))
    elif "paragraph" in location:
        parts.append(translate("Opener", "paragraph {0}").format(location["paragraph"]))
    return ", ".join(parts) or format_location(location)


def show_in_folder(file: str, parent: QWidget) -> bool:
    """Open the folder holding file in the system's file manager; False (said in parent's
    status bar) when it cannot be."""
    folder = Path(file).parent
    if folder.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    _status(parent, translate("Opener", "Error: cannot open the folder {0}").format(folder))
    return False


def with_source(passage: Passage, number: int | None = None) -> str:
    """A passage's text followed by where it comes from, for the clipboard."""
    mark = f"[{number}] " if number else ""
    where = f"{Path(passage.file).name}, {format_location(passage.location)}"
    return f"{passage.text.strip()}\n\n— {mark}{where}\n{passage.file}"


def _status(widget: QWidget, message: str) -> None:
    """Show message in the status bar of widget's main window, if it has one."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, STATUS_MS)
