"""Settings persist in THINKDESK_HOME/settings.json, shared with the CLI."""

from app.gui.settings_dialog import SettingsDialog
from app.settings import Settings
from models.discovery import bundled_llm_path


def test_saved_settings_are_read_back_by_the_cli_side(qtbot, thinkdesk_home):
    dialog = SettingsDialog(Settings(), thinkdesk_home)
    qtbot.addWidget(dialog)
    dialog.llm[0].setText(str(bundled_llm_path()))
    assert "Q4_1" in dialog.model_facts.text()
    dialog.min_thinking.setValue(16)
    dialog.max_thinking.setValue(64)
    dialog.temperature.setValue(0.4)
    dialog.top_k.setValue(7)
    dialog.accept()
    saved = Settings.load(thinkdesk_home)
    assert (saved.min_thinking_tokens, saved.max_thinking_tokens, saved.top_k) == (16, 64, 7)
    assert saved.temperature == 0.4 and saved.llm_model == str(bundled_llm_path())


def test_a_file_that_is_not_a_model_is_named(qtbot, thinkdesk_home, tmp_path):
    dialog = SettingsDialog(Settings(), thinkdesk_home)
    qtbot.addWidget(dialog)
    fake = tmp_path / "x.gguf"
    fake.write_text("no")
    dialog.llm[0].setText(str(fake))
    assert "not a GGUF model file" in dialog.model_facts.text()
