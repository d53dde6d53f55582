"""Settings, saved to THINKDESK_HOME/settings.json (shared with the CLI, not QSettings); the
form is built from the declarations in app/settings.py (label, limits, what empty means)."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.gui.i18n import data_size, number, setting_text, translate
from app.model_catalog import llm_facts
from app.settings import Settings, Spec, fields, value_type


class SettingsDialog(QDialog):
    """Edits a copy of the settings; after accept(), result() holds the new ones."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thinkdesk settings"))
        self.settings = dataclasses.replace(settings)
        self.editors: dict[str, Any] = {}
        form = QFormLayout(self)
        for name, (spec, hint) in fields().items():
            editor, row = _editor(self, spec, hint, getattr(settings, name))
            self.editors[name] = editor
            form.addRow(self._label(spec), row)
            if name == "language":
                note = QLabel(self.tr("The new language shows when Thinkdesk starts again."))
                note.setStyleSheet("color: #666")
                form.addRow("", note)
            if name == "llm_model":
                self.model_facts = QLabel()
                self.model_facts.setWordWrap(True)
                form.addRow("", self.model_facts)
                editor.textChanged.connect(self._describe)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._describe(self.editors["llm_model"].text())

    def _label(self, spec: Spec) -> str:
        label = setting_text(spec.label)
        if spec.kind in ("number", "choice") or spec.none_label is None:
            return label  # a spin box shows what empty means itself
        meaning = setting_text(spec.none_label)
        return self.tr("{setting} (empty: {meaning})").format(setting=label, meaning=meaning)

    def _describe(self, path: str) -> None:
        facts, error = llm_facts(path.strip() or None)
        if facts is None:
            self.model_facts.setText(f"<span style='color:#b00'>{html.escape(error)}</span>")
            return
        line = self.tr("{name} · {quantization} · {size} · trained context {context} tokens")
        line = line.format(
            name=facts["name"],
            quantization=facts["quantization"],
            size=data_size(facts["size_bytes"]),
            context=number(facts["context_length"]),
        )
        self.model_facts.setText(
            self.tr("Bundled: {model}").format(model=line) if facts["bundled"] else line
        )

    def value(self, name: str) -> Any:
        """The value a field's editor holds now (None where it shows "empty")."""
        editor = self.editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text().strip() or None
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if editor.value() == editor.minimum() and editor.specialValueText():
            return None
        return editor.value()

    def accept(self) -> None:
        """Copy the fields into the settings (saving is the caller's: apply_settings)."""
        for name in self.editors:
            setattr(self.settings, name, self.value(name))
        s = self.settings
        if s.max_thinking_tokens is not None and s.max_thinking_tokens < s.min_thinking_tokens:
            s.max_thinking_tokens = s.min_thinking_tokens  # a cap below the minimum is no cap
        super().accept()

    def result_settings(self) -> Settings:
        """The settings as the user left them."""
        return self.settings


def _editor(dialog: QDialog, spec: Spec, hint: Any, value: Any) -> tuple[Any, QWidget]:
    """The editor for one setting and the widget to put in the form."""
    if spec.kind in ("file", "folder"):
        return _path_field(dialog, value, spec)
    if spec.kind == "choice":
        menu = QComboBox()
        for choice, label in spec.choices:
            menu.addItem(setting_text(label), choice)
        menu.setCurrentIndex(max(0, menu.findData(value)))
        return menu, menu
    if spec.kind in ("url", "text"):
        edit = QLineEdit(value or "")
        edit.setPlaceholderText(setting_text(spec.none_label or ""))
        if spec.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit, edit
    is_int = value_type(hint) is int
    box: QSpinBox | QDoubleSpinBox = QSpinBox() if is_int else QDoubleSpinBox()
    low = spec.low if spec.low is not None else 0
    high = spec.high if spec.high is not None else 1e9
    if spec.none_label is not None:  # one step below the minimum stands for "empty"
        low -= spec.step
        box.setSpecialValueText(setting_text(spec.none_label))
    if isinstance(box, QSpinBox):
        box.setRange(int(low), int(high))
        box.setSingleStep(int(spec.step))
        box.setValue(int(low if value is None else value))
    else:
        box.setRange(low, high)
        box.setSingleStep(spec.step)
        box.setValue(low if value is None else value)
    return box, box


def _path_field(dialog: QDialog, value: str | None, spec: Spec) -> tuple[QLineEdit, QWidget]:
    edit = QLineEdit(value or "")
    edit.setPlaceholderText(setting_text(spec.none_label or ""))
    browse = QPushButton(translate("SettingsDialog", "Browse…"))

    def pick() -> None:
        if spec.kind == "file":
            title = translate("SettingsDialog", "Choose a file")
            kinds = setting_text(spec.file_filter)
            chosen, _ = QFileDialog.getOpenFileName(dialog, title, "", kinds)
        else:
            title = translate("SettingsDialog", "Choose a folder")
            chosen = QFileDialog.getExistingDirectory(dialog, title)
        if chosen:
            edit.setText(str(Path(chosen)))

    browse.clicked.connect(pick)
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return edit, box
