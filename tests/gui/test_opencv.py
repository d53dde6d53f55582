"""OpenCV (RapidOCR's image library) beside PySide6: only the headless build is installed, since
opencv-python's bundled Qt plugins break Qt's, and a window still opens after cv2 is loaded."""

import os
import subprocess
import sys
from importlib import metadata

import pytest


def test_only_the_headless_opencv_is_installed():
    assert metadata.version("opencv-python-headless")
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("opencv-python")


def test_qt_shows_a_window_after_cv2_is_imported():
    # A fresh process: cv2 must be imported before Qt starts, as in a worker-less parse.
    script = (
        "import os, cv2, rapidocr_onnxruntime\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel('ok'); label.show(); app.processEvents()\n"
        "assert label.isVisible(), 'no window'\n"
        "assert 'cv2' not in os.environ.get('QT_QPA_PLATFORM_PLUGIN_PATH', ''), 'cv2 plugins'\n"
        "print(app.platformName())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "offscreen"
