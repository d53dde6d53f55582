"""The Chinese interface (issue 13.11): every text a user can see in the window and its dialogs
is translated, the .ts holds a finished translation of every text of the code, and numbers and
dates follow the locale."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox
from shown_texts import english, shown_texts, untranslated

from app.gui import i18n
from app.gui.settings_dialog import SettingsDialog
from app.settings import Settings

TS = i18n.TRANSLATIONS / "thinkdesk_zh_CN.ts"
DATA = Path(__file__).parents[1] / "data"


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


# A Chinese library, so that what the window shows of the documents is Chinese too and every
# English word left is the interface's.
NOTES = "会议纪要\n\n营业收入达到一百二十亿元，同比增长百分之十八。\n储能电池出货量同比翻番。\n"
SCRIPT = [
    "<think>",
    *"先看 [1]：营业收入达到一百二十亿元。",
    "</think>",
    *"营业收入达到一百二十亿元 [1]。毛利率为百分之九十九。",
    "<EOS>",
]


@pytest.fixture
def chinese_docs(tmp_path):
    folder = tmp_path / "报告"
    folder.mkdir()
    shutil.copy(DATA / "good" / "report_zh.pdf", folder / "report_zh.pdf")
    shutil.copy(DATA / "bad" / "encrypted.pdf", folder / "locked.pdf")  # a failed file
    (folder / "纪要.txt").write_text(NOTES, encoding="utf-8")
    return folder


def test_the_whole_window_its_viewers_menus_and_dialogs_are_chinese(
    qtbot, chinese, make_window, chinese_docs
):
    window = make_window(SCRIPT)
    asked: list[str] = []  # every question and message a dialog would have shown
    window.confirm = lambda question, detail="": asked.extend([question, detail]) or False
    window.ask_text = lambda title, label, value="": asked.extend([title, label]) and None
    window.sidebar.confirm = window.confirm
    window.sidebar.ask_text = window.ask_text
    window.sidebar.tell = lambda message, warning=False: asked.append(message)
    window.show()
    problems = untranslated(window)  # before anything is indexed
    with qtbot.waitSignal(window.ingest_finished, timeout=60000):
        window.start_ingest([str(chinese_docs)])
    locked = str(chinese_docs / "locked.pdf")
    assert window.ingest_panel.stage_of(locked) == "失败：已加密：需要密码"
    with qtbot.waitSignal(window.answer_finished, timeout=60000) as done:
        window.chat.ask_requested.emit("营业收入是多少？")
    answer = done.args[0]
    assert answer is not None and answer.passages
    assert "推理" in window.reasoning.header.text()  # the reasoning header
    assert "首个 token" in window.chat.browser.toPlainText()  # the timing line and its links
    problems += untranslated(window)  # the answer, its cards, its trace, the verdict line
    window.show_claim(0, 1)  # a sentence no passage holds: what is missing, in the status bar
    assert window.statusBar().currentMessage().startswith(("无依据", "部分有依据", "未引用"))
    problems += untranslated(window)

    # the viewers, the find bar, the preview, the context menus
    pdf = next(p for p in answer.passages if p.file.endswith(".pdf"))
    notes = next(p for p in answer.passages if p.file.endswith(".txt"))
    window.open_passage(pdf)
    window.viewer.find_bar.field.setText("营业")
    window.viewer.find_bar.find_next()
    window.open_passage(notes)
    window.viewer.find_bar.field.setText("没有的词")
    window.viewer.find_bar.find_next()
    assert window.viewer.find_bar.count.text() == "无匹配"
    window.sources.card_menu(1)
    window.sidebar.document_menu(window.sidebar.selected_paths() or [notes.file])
    assert window.sidebar.preview([notes.file]) is not None
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    problems += untranslated(window)  # the viewers, the preview and the dialog are its children

    # the dialogs' questions
    window.rename_conversation()
    window.delete_conversation()
    window.sidebar.create_kb()
    window.sidebar.delete_kb()
    window.sidebar.remove_documents([notes.file, pdf.file])
    window.sidebar.reindex([str(chinese_docs / "gone.txt")])
    window.sidebar.preview([locked])
    problems += [f"dialog: {text!r} {english(text)}" for text in asked if english(text)]
    assert len(asked) >= 10
    assert "默认" in window.sidebar.kbs.item(0).text()  # the stored name stays "default"
    assert window.sidebar.current == "default"
    assert not problems, "untranslated:\n" + "\n".join(dict.fromkeys(problems))


def test_an_error_from_the_core_is_framed_in_chinese(qtbot, chinese, make_window):
    window = make_window()
    window._error("a disk went away")
    assert window.statusBar().currentMessage() == "出错：a disk went away"
    window._error("no knowledge base named 'reports'")
    assert window.statusBar().currentMessage() == "出错：没有名为 'reports' 的知识库"


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


def test_the_ts_holds_every_text_of_the_code(fresh_texts):
    assert _missing(fresh_texts) == set(), "run `make i18n` and translate the new texts"
    declared = {("Settings", text) for text in i18n.declared_texts()}
    assert declared <= set(_messages(TS)), "each settings label reaches the .ts"


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
