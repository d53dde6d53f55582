"""The interface language: Qt translators for Thinkdesk's texts and Qt's own (standard buttons),
chosen from the setting or the system locale, and numbers and dates written for the locale.

Texts of a QObject subclass go through self.tr(); texts elsewhere in app/gui through
translate(context, text); the labels declared in app/settings.py reach the .ts through
declared_texts() (context "Settings"). `python -m app.gui.i18n` (`make i18n`) runs lupdate
over all of them into translations/*.ts; `make` builds the .qm files with lrelease, and
catalog() builds a missing or outdated one at first use."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from app.settings import fields

log = logging.getLogger(__name__)

LANGUAGES = ("en", "zh_CN")  # English is the language of the source texts
TRANSLATIONS = Path(__file__).with_name("translations")
SOURCES = Path(__file__).parent  # lupdate reads every app/gui/*.py
SETTINGS_CONTEXT = "Settings"


def resolve(choice: str | None, system: QLocale | None = None) -> str:
    """The interface language for a setting: "en" or "zh_CN" as chosen; "auto" (or anything
    else) follows the system locale. Any Chinese locale gets the Simplified Chinese interface
    (the only Chinese one), which a Traditional Chinese reader reads better than English."""
    if choice in LANGUAGES:
        return str(choice)
    locale = system if system is not None else QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def format_locale(language: str, system: QLocale | None = None) -> QLocale:
    """The locale numbers and dates are written in: the system's when it speaks the interface
    language (a zh_TW system keeps its dates under the zh_CN interface), else the language's."""
    system = system if system is not None else QLocale.system()
    wanted = QLocale(language)
    return system if system.language() == wanted.language() else wanted


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Make language the interface language of app (before any window is built: texts are
    translated when a widget is made) and QLocale() its formatting locale; returns the
    translators installed (owned by app), for remove()."""
    QLocale.setDefault(format_locale(language))
    if language == "en":
        return []
    installed = []
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_folder):
        installed.append(qt)
    else:
        log.warning("no Qt translation for %s in %s", language, qt_folder)
    ours = QTranslator(app)
    compiled = catalog(language)
    if compiled is not None and ours.load(str(compiled)):
        installed.append(ours)
    else:
        log.warning("no Thinkdesk translation for %s: the interface stays in English", language)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo install(): the texts of windows built afterwards are English again."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """text in the interface language, outside a QObject subclass (lupdate reads a call to
    translate("Context", "literal text") like self.tr in class Context)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def setting_text(text: str) -> str:
    """A label, choice or empty-value text declared in app/settings.py, translated."""
    return QCoreApplication.translate(SETTINGS_CONTEXT, text)


# formatting


def number(value: float, decimals: int | None = None) -> str:
    """1234567 -> '1,234,567' (in the formatting locale); a float with decimals places."""
    locale = QLocale()
    if decimals is None and isinstance(value, int):
        return locale.toString(value)
    return locale.toString(float(value), "f", 1 if decimals is None else decimals)


def data_size(size_bytes: int) -> str:
    """1572864 -> '1.5 MB' (1024-based, the units Thinkdesk shows everywhere)."""
    traditional = QLocale.DataSizeFormat.DataSizeTraditionalFormat
    return QLocale().formattedDataSize(size_bytes, 1, traditional)


def date_time(moment: datetime | float) -> str:
    """A moment (datetime or Unix time) in the locale's short form: '2025/12/3 14:05'."""
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment)
    qt = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
    return QLocale().toString(qt, QLocale.FormatType.ShortFormat)


def day(value: date) -> str:
    """A date in the locale's long form: '2025年12月3日星期三', 'Wednesday, December 3, 2025'."""
    qt = QDate(value.year, value.month, value.day)
    return QLocale().toString(qt, QLocale.FormatType.LongFormat)


def duration(seconds: float) -> str:
    """17 -> '17 s', 125 -> '2 min 5 s', 3900 -> '1 h 5 min' (an ETA or a timing)."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return translate("i18n", "{h} h {min} min").format(h=hours, min=minutes)
    if minutes:
        return translate("i18n", "{min} min {s} s").format(min=minutes, s=secs)
    return translate("i18n", "{s} s").format(s=secs)


# the translation files


def catalog(language: str) -> Path | None:
    """The compiled translation of a language (translations/thinkdesk_<language>.qm), built
    from its .ts when missing or older than it (a clone where `make` has not run); None
    when there is neither."""
    source = TRANSLATIONS / f"thinkdesk_{language}.ts"
    compiled = source.with_suffix(".qm")
    stale = not compiled.exists() or (
        source.exists() and compiled.stat().st_mtime < source.stat().st_mtime
    )
    if stale and source.exists():
        try:
            release(source, compiled)
        except (OSError, subprocess.CalledProcessError) as err:
            log.warning("cannot build %s: %s", compiled, err)
    return compiled if compiled.exists() else None


def release(source: Path, compiled: Path) -> None:
    """Build compiled (.qm) from source (.ts) with lrelease, atomically."""
    temporary = compiled.with_name(f"{compiled.stem}.{os.getpid()}.tmp.qm")
    try:
        _tool("lrelease", str(source), "-qm", str(temporary))
        os.replace(temporary, compiled)
    finally:
        temporary.unlink(missing_ok=True)


def update(ts: Path) -> None:
    """Add the texts of app/gui/*.py and of the settings declarations to ts (lupdate keeps the
    translations there and drops the texts no longer used)."""
    sources = sorted(str(p) for p in SOURCES.glob("*.py"))
    with tempfile.TemporaryDirectory() as folder:
        declared = Path(folder) / "settings_texts.py"
        declared.write_text(
            "".join(f"translate({SETTINGS_CONTEXT!r}, {text!r})\n" for text in declared_texts()),
            encoding="utf-8",
        )
        language = ts.stem.removeprefix("thinkdesk_")
        _tool(
            "lupdate",
            *sources,
            str(declared),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(ts),
        )


def declared_texts() -> Iterator[str]:
    """Every text of the settings declarations a user sees (labels, empty-value texts, file
    filters, choices), once each."""
    seen: set[str] = set()
    for spec, _ in fields().values():
        texts = [spec.label, spec.none_label, spec.file_filter]
        texts += [label for _, label in spec.choices]
        for text in texts:
            if text and text not in seen:
                seen.add(text)
                yield text


def _tool(name: str, *args: str) -> None:
    """Run one of the Qt tools that ship inside PySide6 (lupdate, lrelease)."""
    folder = Path(PySide6.__file__).parent
    program = folder / (f"{name}.exe" if sys.platform == "win32" else name)
    subprocess.run([str(program), *args], check=True, capture_output=True, text=True)


if __name__ == "__main__":
    for ts in sorted(TRANSLATIONS.glob("thinkdesk_*.ts")) or [TRANSLATIONS / "thinkdesk_zh_CN.ts"]:
        update(ts)
        print(f"updated {ts}")
