"""The settings form is built from the declarations; what it saves the CLI side reads."""

from app.application import Application
from app.gui.settings_dialog import SettingsDialog
from app.settings import Settings, fields
from models.discovery import bundled_llm_path


def test_every_declared_setting_has_an_editor_with_its_limits(qtbot):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == set(fields())
    top_k = dialog.editors["top_k"]
    assert (top_k.minimum(), top_k.maximum(), top_k.value()) == (1, 50, 5)
    assert dialog.value("max_thinking_tokens") is None  # shown as "model preset"
    assert dialog.editors["max_thinking_tokens"].specialValueText() == "model preset"
    assert dialog.value("temperature") is None and dialog.value("llm_model") is None
    assert "Bundled" in dialog.model_facts.text() and "Q4_1" in dialog.model_facts.text()


def test_saved_settings_are_read_back_by_the_cli_side(qtbot, thinkdesk_home):
    app = Application(thinkdesk_home)
    dialog = SettingsDialog(app.settings)
    qtbot.addWidget(dialog)
    dialog.editors["llm_model"].setText(str(bundled_llm_path()))
    assert "Q4_1" in dialog.model_facts.text()
    dialog.editors["min_thinking_tokens"].setValue(16)
    dialog.editors["max_thinking_tokens"].setValue(64)
    dialog.editors["temperature"].setValue(0.4)
    dialog.editors["top_k"].setValue(7)
    dialog.accept()
    assert app.apply_settings(dialog.result_settings())  # a new model file: reload it
    saved = Settings.load(thinkdesk_home)
    assert (saved.min_thinking_tokens, saved.max_thinking_tokens, saved.top_k) == (16, 64, 7)
    assert saved.temperature == 0.4 and saved.llm_model == str(bundled_llm_path())


def test_a_file_that_is_not_a_model_is_named(qtbot, tmp_path):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    fake = tmp_path / "x.gguf"
    fake.write_text("no")
    dialog.editors["llm_model"].setText(str(fake))
    assert "not a GGUF model file" in dialog.model_facts.text()


def test_the_model_server_fields_are_plain_text_and_the_key_is_masked(qtbot, thinkdesk_home):
    from PySide6.QtWidgets import QLineEdit

    app = Application(thinkdesk_home)
    dialog = SettingsDialog(app.settings)
    qtbot.addWidget(dialog)
    endpoint, key = dialog.editors["endpoint"], dialog.editors["api_key"]
    assert isinstance(endpoint, QLineEdit) and endpoint.placeholderText() == "the local model above"
    assert key.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.value("endpoint") is None and dialog.value("endpoint_model") is None
    endpoint.setText(" http://gpu-box:8000/v1 ")
    dialog.editors["endpoint_model"].setText("deepseek-r1-distill-qwen-32b")
    dialog.accept()
    assert app.apply_settings(dialog.result_settings())  # another model answers now
    saved = Settings.load(thinkdesk_home)
    assert saved.endpoint == "http://gpu-box:8000/v1"
    assert saved.endpoint_model == "deepseek-r1-distill-qwen-32b" and saved.api_key is None


def test_the_language_is_picked_from_its_choices_and_saved(qtbot, thinkdesk_home):
    from PySide6.QtWidgets import QComboBox

    app = Application(thinkdesk_home)
    dialog = SettingsDialog(app.settings)
    qtbot.addWidget(dialog)
    menu = dialog.editors["language"]
    assert isinstance(menu, QComboBox)
    items = [(menu.itemData(i), menu.itemText(i)) for i in range(menu.count())]
    assert items == [("auto", "Same as the system"), ("en", "English"), ("zh_CN", "简体中文")]
    assert dialog.value("language") == "auto"
    menu.setCurrentIndex(menu.findData("zh_CN"))
    dialog.accept()
    app.apply_settings(dialog.result_settings())
    assert Settings.load(thinkdesk_home).language == "zh_CN"
    again = SettingsDialog(Settings.load(thinkdesk_home))
    qtbot.addWidget(again)
    assert again.editors["language"].currentText() == "简体中文"
