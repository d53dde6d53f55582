"""`python -m app.gui.screenshot OUT.png`: the real window at 1280x800, on the sample
documents, after a real question answered by the bundled model, its first cited sentence's
check shown on its card and the PDF viewer open on a cited (or else the best) PDF passage
with that passage highlighted; the whole screen saved as a PNG (run under Xvfb for real
fonts, with a 1280x800 screen), in English or, with --language zh_CN, in Chinese."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.answer import Answer
from app.application import Application
from app.gui import i18n
from app.gui.main_window import MainWindow

ROOT = Path(__file__).parents[2]
DOCS = [ROOT / "tests" / "data" / "good", ROOT / "tests" / "retrieval" / "corpus"]
# Questions whose evidence is on a page of a sample PDF, so the viewer has a passage to show.
QUESTIONS = {
    "en": "What was the gross margin in fiscal 2025?",
    "zh_CN": "宁德新能源2025年净利润增长了多少？",
}
SIZE = (1280, 800)


def main(argv: list[str] | None = None) -> int:
    """Ingest, ask, wait for the answer, save the window."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--question", help="default: one about a sample PDF, in the language")
    parser.add_argument("--language", choices=i18n.LANGUAGES, default="en")
    args = parser.parse_args(argv)
    question = args.question or QUESTIONS.get(args.language, QUESTIONS["en"])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(app, args.language)
    with tempfile.TemporaryDirectory() as home:
        window = MainWindow(Application(Path(home)))
        window.settings.min_thinking_tokens = 24
        window.settings.max_thinking_tokens = 96
        window.setGeometry(0, 0, *SIZE)
        window.show()
        window.ingest_finished.connect(lambda _: window.ask(question))
        window.answer_finished.connect(lambda answer: _save(app, window, args.out, answer))
        QTimer.singleShot(0, lambda: window.start_ingest([str(d) for d in DOCS]))
        code = app.exec()
        window.close()
    return int(code)


def _save(app: QCoreApplication, window: MainWindow, out: Path, answer: Answer | None) -> None:
    if answer is None:
        print("thinkdesk screenshot: the question was not answered", file=sys.stderr)
        app.exit(1)
        return
    window.sources.select(1)
    claims = answer.claims()
    cited = [i for i, claim in enumerate(claims) if claim.cited]
    if cited:  # what a click on its mark shows: the span on the card, the check's words
        window.show_claim(len(window.history) - 1, cited[0])
    print(f"verdict: {answer.verdict}; " + "; ".join(f"{c.status}: {c.text}" for c in claims))
    pdfs = [n for n, p in enumerate(answer.passages, 1) if p.file.lower().endswith(".pdf")]
    shown = next((n for n in pdfs if n in answer.cited), pdfs[0] if pdfs else 0)
    if shown:  # what a double-click on its card shows
        window.sources.select(shown)
        window.open_passage(answer.passages[shown - 1])
        viewer = getattr(window, "viewer", None)
        if viewer is not None:  # in the conversation's empty lower part, the panels visible
            left = window.splitters["main"].sizes()[0] + 24
            viewer.setGeometry(left, 230, 560, SIZE[1] - 330)
        print(f"viewer: [{shown}] {answer.passages[shown - 1].file}")

    def grab() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        screen = QGuiApplication.primaryScreen()
        picture = screen.grabWindow(0) if screen is not None else window.grab()
        if picture.isNull() or picture.width() < SIZE[0]:
            picture = window.grab()  # no real screen (offscreen platform): the window alone
        picture.copy(0, 0, *SIZE).save(str(out))
        print(f"saved {out}")
        app.exit(0)

    QTimer.singleShot(1500, grab)  # let the viewer lay out its pages and the last paint land


if __name__ == "__main__":
    sys.exit(main())
