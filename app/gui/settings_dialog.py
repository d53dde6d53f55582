"""Settings, saved to THINKDESK_HOME/settings.json (shared with the CLI, not QSettings)."""

from __future__ import annotations

from pathlib import Path

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

from app.formatting import format_bytes
from app.settings import Settings
from models.discovery import ModelError, gguf_info


class SettingsDialog(QDialog):
    """Edits a Settings object; accept() writes it to home/settings.json."""

    def __init__(self, settings: Settings, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thinkdesk settings")
        self.settings, self.home = settings, home
        self.llm = self._path_field(settings.llm_model, "GGUF model (*.gguf)")
        self.models_folder = self._path_field(settings.models_folder, None)
        self.embedding = self._path_field(settings.embedding_model, None)
        self.model_facts = QLabel()
        self.model_facts.setWordWrap(True)
        self.llm[0].textChanged.connect(self._describe)
        self.threads = _spin(1, 256, settings.threads)
        self.context = _spin(512, 131072, settings.context_size, step=512)
        self.min_thinking = _spin(0, 32768, settings.min_thinking_tokens)
        self.max_thinking = _spin(0, 32768, settings.max_thinking_tokens or 0)
        self.max_thinking.setSpecialValueText("no cap")
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(-0.05, 2.0)
        self.temperature.setSingleStep(0.05)
        self.temperature.setSpecialValueText("model preset")
        self.temperature.setValue(-0.05 if settings.temperature is None else settings.temperature)
        self.top_k = _spin(1, 50, settings.top_k)
        form = QFormLayout(self)
        form.addRow("Language model (GGUF file; empty: bundled)", self.llm[1])
        form.addRow("", self.model_facts)
        form.addRow("Models folder (scanned for *.gguf)", self.models_folder[1])
        form.addRow("Embedding model folder (empty: bundled MiniLM)", self.embedding[1])
        form.addRow("Threads", self.threads)
        form.addRow("Context size (tokens)", self.context)
        form.addRow("Minimum thinking tokens", self.min_thinking)
        form.addRow("Maximum thinking tokens", self.max_thinking)
        form.addRow("Temperature", self.temperature)
        form.addRow("Passages per question (top-k)", self.top_k)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._describe(self.llm[0].text())

    def _path_field(self, value: str | None, file_filter: str | None) -> tuple[QLineEdit, QWidget]:
        edit = QLineEdit(value or "")
        browse = QPushButton("Browse…")

        def pick() -> None:
            if file_filter:
                chosen, _ = QFileDialog.getOpenFileName(self, "Choose a file", "", file_filter)
            else:
                chosen = QFileDialog.getExistingDirectory(self, "Choose a folder")
            if chosen:
                edit.setText(chosen)

        browse.clicked.connect(pick)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return edit, box

    def _describe(self, path: str) -> None:
        if not path.strip():
            self.model_facts.setText("Bundled SmolLM2-135M-Instruct (Q4_1).")
            return
        try:
            info = gguf_info(Path(path.strip()))
        except ModelError as err:
            self.model_facts.setText(f"<span style='color:#b00'>{err}</span>")
            return
        self.model_facts.setText(
            f"{info.name} · {info.quantization} · {format_bytes(info.size_bytes)} · "
            f"trained context {info.context_length:,} tokens"
        )

    def accept(self) -> None:
        """Copy the fields into the settings and save them."""
        s = self.settings
        s.llm_model = self.llm[0].text().strip() or None
        s.models_folder = self.models_folder[0].text().strip() or None
        s.embedding_model = self.embedding[0].text().strip() or None
        s.threads = self.threads.value()
        s.context_size = self.context.value()
        s.min_thinking_tokens = self.min_thinking.value()
        s.max_thinking_tokens = self.max_thinking.value() or None
        if s.max_thinking_tokens is not None and s.max_thinking_tokens < s.min_thinking_tokens:
            s.max_thinking_tokens = s.min_thinking_tokens  # a cap below the minimum is no cap
        s.temperature = None if self.temperature.value() < 0 else self.temperature.value()
        s.top_k = self.top_k.value()
        s.save(self.home)
        super().accept()


def _spin(low: int, high: int, value: int, step: int = 1) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setValue(value)
    return box
