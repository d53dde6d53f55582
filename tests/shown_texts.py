"""What a window shows a user, and which of it is English: the checker of the Chinese
interface's tests (issue 13.11)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolBar,
    QToolButton,
    QTreeView,
    QWidget,
)

# Words a Chinese interface keeps: the product, model and format names, terms of art that
# Chinese software writes in Latin letters, key names, and the language picker's "English".
KEPT = {
    "thinkdesk",
    "minilm",
    "smollm",
    "openai",
    "deepseek",
    "token",
    "tokens",
    "top-k",
    "english",
    "markdown",
    "word",
    "excel",
    "powerpoint",
    "office",
    "ctrl",
    "shift",
    "esc",
    "enter",
    "alt",
}
# A file name is one token with the Chinese letters and the zero-width spaces in it: 纪要.txt
_TOKEN = re.compile(r"[A-Za-z0-9_.\-/\\:*+~'’\u200b\u4e00-\u9fff]+")


def english(text: str) -> list[str]:
    """The English words of a text, leaving out what a Chinese interface shows as it is:
    names with digits (Q4_1, SmolLM2-135M-Instruct, A2:D14), paths, file names and URLs,
    short capitals (MB, GGUF, API, PDF), environment variables, single letters (mnemonics)."""
    found = []
    for token in _TOKEN.findall(text):
        word = token.strip(".:-'’")
        if (
            len(re.sub(r"[^A-Za-z]", "", word)) < 2
            or re.search(r"\d|[/\\*+]|\w\.\w", word)
            or re.fullmatch(r"[A-Z][A-Z_]{1,5}|[A-Z][A-Z0-9]*_[A-Z0-9_]+", word)
            or word.lower() in KEPT
        ):
            continue
        found.append(word)
    return found


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text of root and its children a user can be shown: titles,
    labels, buttons, placeholders, tooltips, menu entries, headers, combo items, spin-box
    texts, read-only text views, status messages."""
    texts: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
        texts += [(f"{where}.{what}", text) for what, text in _widget_texts(widget)]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _headers(widget, where) + _items(widget, where)
    texts += [(f"QAction:{a.text()!r}.{what}", t) for a, what, t in _action_texts(root)]
    return [(where, text) for where, text in texts if text]


def _widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    texts = [("toolTip", widget.toolTip())]
    if widget.isWindow():
        texts.append(("windowTitle", widget.windowTitle()))
    if isinstance(widget, QLabel):
        texts.append(("text", html.unescape(re.sub(r"<[^>]+>", "", widget.text()))))
    if isinstance(widget, QAbstractButton):
        texts.append(("text", widget.text()))
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        texts.append(("placeholderText", widget.placeholderText()))
    if isinstance(widget, QPlainTextEdit | QTextEdit) and widget.isReadOnly():
        texts.append(("text", widget.toPlainText()))
    if isinstance(widget, QComboBox):
        texts += [("item", widget.itemText(i)) for i in range(widget.count())]
    if isinstance(widget, QAbstractSpinBox) and hasattr(widget, "prefix"):
        texts.append(("specialValueText", widget.specialValueText()))
        texts.append(("prefix/suffix", widget.prefix() + widget.suffix()))
    if isinstance(widget, QGroupBox):
        texts.append(("title", widget.title()))
    if isinstance(widget, QTabBar):
        texts += [("tab", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QMenu):
        texts.append(("title", widget.title()))
    if isinstance(widget, QStatusBar):
        texts.append(("message", widget.currentMessage()))
    return texts


def _headers(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    """The column headers of a table or tree (a list has none; row headers are numbers)."""
    if not isinstance(view, QTableView | QTreeView):
        return []
    model, horizontal = view.model(), Qt.Orientation.Horizontal
    values = [
        model.headerData(section, horizontal, Qt.ItemDataRole.DisplayRole)
        for section in range(model.columnCount(QModelIndex()))
    ]
    return [(f"{where}.header", value) for value in values if isinstance(value, str)]


def _items(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    """The texts and tooltips of a list's or table's rows (the top level of a tree)."""
    model, texts = view.model(), []
    tabular = isinstance(view, QTableView | QTreeView)  # a list model hides its columnCount
    for row in range(model.rowCount(QModelIndex())):
        for column in range(model.columnCount(QModelIndex()) if tabular else 1):
            index = model.index(row, column, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append((f"{where}.item", value))
    return texts


def _action_texts(root: QWidget) -> list[tuple[QAction, str, str]]:
    """The text and tooltip of each action shown in a menu, menu bar, tool bar or button."""
    shown = (QMenu, QMenuBar, QToolBar, QToolButton)
    out = []
    for action in root.findChildren(QAction):
        if any(isinstance(o, shown) for o in action.associatedObjects()):
            out += [(action, "text", action.text()), (action, "toolTip", action.toolTip())]
    return out


def untranslated(root: QWidget) -> list[str]:
    """'where: text [words]' for each shown text with English words in it."""
    return [
        f"{where}: {text!r} {words}"
        for where, text in shown_texts(root)
        if (words := english(text))
    ]
