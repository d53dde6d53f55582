"""Settings, saved to THINKDESK_HOME/settings.json (shared with the CLI, not QSettings); the
form is built from the declarations in app/settings.py (label, limits, what empty means)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
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

from app.model_catalog import describe_llm
from app.settings import Settings, Spec, fields, value_type


class SettingsDialog(QDialog):
    """Edits a copy of the settings; after accept(), result() holds the new ones."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thinkdesk settings")
        self.settings = dataclasses.replace(settings)
        self.editors: dict[str, Any] = {}
        form = QFormLayout(self)
        for name, (spec, hint) in fields().items():
            editor, row = _editor(self, spec, hint, getattr(settings, name))
            self.editors[name] = editor
            label = spec.label + (f" (empty: {spec.none_label})" if spec.kind != "number" else "")
            form.addRow(label, row)
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

    def _describe(self, path: str) -> None:
        facts, ok = describe_llm(path.strip() or None)
        self.model_facts.setText(facts if ok else f"<span style='color:#b00'>{facts}</span>")

    def value(self, name: str) -> Any:
        """The value a field's editor holds now (None where it shows "empty")."""
        editor = self.editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text().strip() or None
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
    if spec.kind in ("url", "text"):
        edit = QLineEdit(value or "")
        edit.setPlaceholderText(spec.none_label or "")
        if spec.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit, edit
    is_int = value_type(hint) is int
    box: QSpinBox | QDoubleSpinBox = QSpinBox() if is_int else QDoubleSpinBox()
    low = spec.low if spec.low is not None else 0
    high = spec.high if spec.high is not None else 1e9
    if spec.none_label is not None:  # one step below the minimum stands for "empty"
        low -= spec.step
        box.setSpecialValueText(spec.none_label)
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
    edit.setPlaceholderText(spec.none_label or "")
    browse = QPushButton("Browse…")

    def pick() -> None:
        if spec.kind == "file":
            chosen, _ = QFileDialog.getOpenFileName(dialog, "Choose a file", "", spec.file_filter)
        else:
            chosen = QFileDialog.getExistingDirectory(dialog, "Choose a folder")
        if chosen:
            edit.setText(str(Path(chosen)))

    browse.clicked.connect(pick)
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return edit, box
