"""The Chinese interface (issue 13.11): every text a user can see in the window and its dialogs
is translated, the .ts holds a finished translation of every text of the code, and numbers and
dates follow the locale."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
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
    QMessageBox,
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

from app.gui import i18n
from app.gui.settings_dialog import SettingsDialog
from app.settings import Settings

TS = i18n.TRANSLATIONS / "thinkdesk_zh_CN.ts"
# The contexts of the files translated in full so far; the others follow (phase 2).
DONE = {"Settings", "SettingsDialog", "i18n", "main"}

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
    "ctrl",
    "shift",
    "esc",
    "enter",
    "alt",
}
_TOKEN = re.compile(r"[A-Za-z0-9_.\-/\\:*+~'’]+")


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
            texts += _headers(widget, where)
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


@pytest.fixture
def chinese(qapp):
    """The interface in Simplified Chinese for the test (English again after it)."""
    translators = i18n.install(qapp, "zh_CN")
    assert len(translators) == 2, "Qt's and Thinkdesk's translations are both loaded"
    yield
    i18n.remove(qapp, translators)


def test_the_checker_names_english_and_lets_names_and_numbers_pass():
    assert english("Thinkdesk 设置") == []
    assert english("内置：SmolLM2-135M-Instruct · Q4_1 · 100.5 MB · 训练上下文 8,192 token") == []
    assert english("文件(&F)  report_en.pdf  A2:D14  THINKDESK_API_KEY  [3]") == []
    assert english("Settings saved; 已保存") == ["Settings", "saved"]
    assert english("第 3 页 (notes)") == ["notes"]


def test_the_settings_dialog_is_all_chinese(qtbot, chinese):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Thinkdesk 设置"
    texts = [text for _, text in shown_texts(dialog)]
    assert "保存" in texts and "取消" in texts  # Qt's own buttons, from qtbase_zh_CN.qm
    assert "内置：" in dialog.model_facts.text()
    problems = untranslated(dialog)
    assert not problems, "untranslated:\n" + "\n".join(problems)


def test_the_settings_dialog_is_english_without_a_translator(qtbot, qapp):
    translators = i18n.install(qapp, "en")
    assert translators == []
    try:
        dialog = SettingsDialog(Settings())
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Thinkdesk settings"
        assert "Bundled: " in dialog.model_facts.text()
        assert "trained context 8,192 tokens" in dialog.model_facts.text()  # en_US digits
    finally:
        i18n.remove(qapp, translators)


def test_qt_standard_dialogs_speak_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "Thinkdesk", "?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "是(&Y)"


@pytest.mark.xfail(strict=False, reason="phase 2: the window's files are not all wrapped yet")
def test_the_whole_window_and_its_menus_are_chinese(qtbot, chinese, make_window):
    window = make_window()
    window.show()
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    problems = untranslated(window)  # the dialog, a child, is walked too
    assert not problems, "untranslated:\n" + "\n".join(problems)


# the translation source


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_text_of_the_ts_is_translated_with_its_placeholders():
    problems = []
    for (context, source), message in _messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            problems.append(f"{context}: {source!r} not translated")
            continue
        wanted = sorted(re.findall(r"%L?\d+|%n|\{\w*\}", source))
        for form in forms:
            if sorted(re.findall(r"%L?\d+|%n|\{\w*\}", form or "")) != wanted:
                problems.append(f"{context}: {source!r} -> {form!r} changes the placeholders")
    assert problems == []


@pytest.fixture(scope="module")
def fresh_texts(tmp_path_factory) -> set[tuple[str, str]]:
    """The (context, text) pairs lupdate finds in the code now."""
    copy = tmp_path_factory.mktemp("ts") / TS.name
    shutil.copy(TS, copy)
    i18n.update(copy)
    return set(_messages(copy))


def _missing(fresh: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return fresh - set(_messages(TS))


def test_the_ts_holds_every_text_of_the_translated_files(fresh_texts):
    assert {(c, s) for c, s in _missing(fresh_texts) if c in DONE} == set()
    declared = {("Settings", text) for text in i18n.declared_texts()}
    assert declared <= set(_messages(TS)), "each settings label reaches the .ts"


@pytest.mark.xfail(strict=False, reason="phase 2: other files add texts while being edited")
def test_the_ts_holds_every_text_of_the_code(fresh_texts):
    assert _missing(fresh_texts) == set()


# language choice and formatting


def test_the_language_follows_the_setting_then_the_system():
    chinese_system, german_system = QLocale("zh_TW"), QLocale("de_DE")
    assert i18n.resolve("auto", chinese_system) == "zh_CN"
    assert i18n.resolve("auto", german_system) == "en"
    assert i18n.resolve("en", chinese_system) == "en"
    assert i18n.resolve("zh_CN", german_system) == "zh_CN"
    assert i18n.format_locale("zh_CN", chinese_system).name() == "zh_TW"
    assert i18n.format_locale("zh_CN", german_system).name() == "zh_CN"
    assert i18n.format_locale("en", german_system).name() == "en_US"


def test_thinkdesk_lang_overrides_the_setting(monkeypatch):
    from app.gui.main import interface_language

    monkeypatch.setenv("THINKDESK_LANG", "zh_CN")
    assert interface_language(Settings(language="en")) == "zh_CN"
    monkeypatch.delenv("THINKDESK_LANG")
    assert interface_language(Settings(language="en")) == "en"


def test_numbers_dates_and_durations_follow_the_locale(chinese):
    moment = datetime(2025, 12, 3, 14, 5)
    assert i18n.date_time(moment) == "2025/12/3 14:05"
    assert i18n.day(date(2025, 12, 3)) == "2025年12月3日星期三"
    assert i18n.number(1234567) == "1,234,567" and i18n.number(0.4567, 2) == "0.46"
    assert i18n.data_size(1536 * 1024) == "1.5 MB"
    assert [i18n.duration(s) for s in (17, 125, 3900)] == ["17 秒", "2 分 5 秒", "1 小时 5 分"]


def test_english_dates_and_durations(qapp):
    translators = i18n.install(qapp, "en")
    assert translators == []
    try:
        assert i18n.date_time(datetime(2025, 12, 3, 14, 5)) in (
            "12/3/25 2:05\u202fPM",
            "12/3/25 2:05 PM",
        )
        assert [i18n.duration(s) for s in (17, 125, 3900)] == ["17 s", "2 min 5 s", "1 h 5 min"]
    finally:
        i18n.remove(qapp, translators)


def test_a_missing_qm_is_built_from_the_ts(tmp_path, monkeypatch):
    shutil.copy(TS, tmp_path / TS.name)
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    built = i18n.catalog("zh_CN")
    assert built == tmp_path / "thinkdesk_zh_CN.qm" and built.stat().st_size > 1000
    assert i18n.catalog("fr") is None
