"""The main window: library sidebar and ingest panel, conversation, reasoning beside sources.

Widgets and wiring only: the state (models, jobs, history, settings) is the application
model's (app/application.py); its long jobs run in Worker threads and their events are
applied here.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, assert_never

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.answer import Answer, Passage, salient_terms
from app.application import Application
from app.events import (
    AnswerDelta,
    AskEvent,
    Done,
    ModelLoading,
    PrefillProgress,
    Retrieved,
    ThinkingDelta,
)
from app.formatting import counted
from app.gui.chat_view import ChatView
from app.gui.ingest_panel import IngestPanel
from app.gui.library_sidebar import LibrarySidebar
from app.gui.markdown import escape_markdown
from app.gui.reasoning_panel import ReasoningPanel
from app.gui.settings_dialog import SettingsDialog
from app.gui.sources_panel import SourcesPanel
from app.gui.workers import Job, Worker
from app.history import Exchange
from app.indexing import IngestSummary
from app.trace_links import TraceLinks

log = logging.getLogger(__name__)
QUIT_GRACE_MS = 4000  # after Quit, background work has this long to stop


class MainWindow(QMainWindow):
    """Thinkdesk's window over one application model.

    Signals: ingest_finished(object) with the IngestSummary (None after an error),
    answer_finished(object) with the Answer (None after an error), models_ready().
    """

    ingest_finished = Signal(object)
    answer_finished = Signal(object)
    models_ready = Signal()

    def __init__(self, app: Application) -> None:
        super().__init__()
        self.app = app
        self.settings = app.settings
        self.workers: dict[str, Worker] = {}
        self.history: list[Exchange] = []
        self._terms: list[str] = []
        self._closing = False
        self._build()
        self.setAcceptDrops(True)
        self.setWindowTitle(f"Thinkdesk — {app.home}")
        self.resize(1500, 900)
        self.sidebar.refresh()
        self.show_history()
        self._settings_warning(app.settings_problems)

    def _settings_warning(self, problems: list[str]) -> None:
        """A lasting note in the status bar while settings.json holds values left unused."""
        for problem in problems:
            log.warning("%s", problem)
        count = len(problems)
        self.settings_warning.setText(
            f"settings.json: {count} value{'s' if count != 1 else ''} ignored" if count else ""
        )
        self.settings_warning.setToolTip("\n".join(problems))
        self.settings_warning.setVisible(bool(count))

    def preload(self) -> None:
        """Load both models in the background once the window is up."""
        self.statusBar().showMessage("Loading models…")
        self._run("preload", lambda emit, cancelled: self.app.preload(), self._models_loaded)

    def _models_loaded(self, _: object) -> None:
        self.statusBar().showMessage("Ready", 5000)
        self.models_ready.emit()

    # layout

    def _build(self) -> None:
        self.sidebar = LibrarySidebar(self.app)
        self.sidebar.kb_selected.connect(lambda _: self.show_history())
        self.sidebar.add_requested.connect(self.add_folder)
        self.ingest_panel = IngestPanel()
        self.ingest_panel.cancel_requested.connect(lambda: self._cancel("ingest"))
        self.chat = ChatView()
        self.chat.ask_requested.connect(self.ask)
        self.chat.stop_requested.connect(lambda: self._cancel("ask"))
        self.reasoning = ReasoningPanel()
        self.sources = SourcesPanel()
        self.chat.citation_clicked.connect(self.show_citation)
        self.reasoning.citation_clicked.connect(self.show_citation)
        self.chat.claim_clicked.connect(self.show_claim)
        self.sources.open_requested.connect(self.open_passage)
        self.sources.card_selected.connect(self.reasoning.focus)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.sidebar)
        left.addWidget(self.ingest_panel)
        right = QSplitter(Qt.Orientation.Horizontal)
        right.addWidget(self.reasoning)
        right.addWidget(self.sources)
        main = QSplitter(Qt.Orientation.Horizontal)
        for widget in (left, self.chat, right):
            main.addWidget(widget)
        main.setSizes([300, 500, 700])
        central = QWidget()
        QVBoxLayout(central).addWidget(main)
        self.setCentralWidget(central)
        self.settings_warning = QLabel()
        self.settings_warning.setStyleSheet("color: #b35c00")
        self.statusBar().addPermanentWidget(self.settings_warning)
        self._menus()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for text, keys, slot in (
            ("Add &folder…", QKeySequence("Ctrl+Shift+O"), self.add_folder),
            ("&Add files…", QKeySequence.StandardKey.Open, self.add_files),
            ("&Export conversation…", QKeySequence("Ctrl+E"), self.export_conversation),
            ("&Settings…", QKeySequence("Ctrl+,"), self.edit_settings),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        focus = QAction("Ask a question", self)
        focus.setShortcut(QKeySequence("Ctrl+L"))
        focus.triggered.connect(lambda: self.chat.box.setFocus())
        self.addAction(focus)

    # ingestion

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_ingest(paths)

    def add_folder(self) -> None:
        """File > Add folder."""
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of reports")
        if folder:
            self.start_ingest([folder])

    def add_files(self) -> None:
        """File > Add files."""
        files, _ = QFileDialog.getOpenFileNames(
            self, "Add reports", "", "Reports (*.pdf *.docx *.pptx *.xlsx *.txt *.md *.csv)"
        )
        if files:
            self.start_ingest(files)

    def start_ingest(self, paths: list[str], kb_name: str | None = None) -> None:
        """Index paths into the current knowledge base (or kb_name) in the background."""
        if "ingest" in self.workers:
            self.statusBar().showMessage("Indexing is already running; drop again when done.")
            return
        kb = kb_name or self.sidebar.current

        def job(emit: Any, cancelled: Any) -> IngestSummary:
            return self.app.ingest(kb, paths, listener=emit, cancelled=cancelled)

        self.ingest_panel.begin()
        self._run(
            "ingest", job, self._ingest_done, self._ingest_error, self.ingest_panel.show_event
        )

    def _ingest_done(self, summary: IngestSummary) -> None:
        self.ingest_panel.finish(summary)
        self.sidebar.refresh()
        self.ingest_finished.emit(summary)

    def _ingest_error(self, message: str) -> None:
        self.ingest_panel.finish(None, message)
        self._error(message)
        self.ingest_finished.emit(None)

    # questions

    def ask(self, question: str) -> None:
        """Answer a question about the current knowledge base in the background."""
        if "ask" in self.workers:
            return
        kb = self.sidebar.current
        if not self._has_documents(kb):  # say it in the window's words, not the CLI's
            busy = (
                " Indexing is under way: ask once its first files are done."
                if ("ingest" in self.workers)
                else ""
            )
            self.chat.progress.setText(
                "Add documents first: drop files or folders on the window, or use "
                f"“Add files or folders…” (Ctrl+O).{busy}"
            )
            self.chat.box.setPlainText(question)
            self.sidebar.add_button.setFocus()
            return

        def job(emit: Any, cancelled: Any) -> None:
            for event in self.app.ask(kb, question, should_stop=cancelled):
                emit(event)

        self.chat.start_answer(question)
        self.reasoning.start()
        self.sources.show_passages([], [])
        self._terms = salient_terms(question)
        self._shown = len(self.history)  # where this answer will be kept
        self.sidebar.setEnabled(False)  # the answer belongs to this knowledge base
        self._run("ask", job, lambda _: self._ask_ended(), self._ask_error, self._answer_event)

    def _has_documents(self, kb: str) -> bool:
        if not self.app.has_library() or kb not in self.app.knowledge_base_names():
            return False
        return self.app.chunk_count(kb) > 0

    def _ask_ended(self) -> None:
        self.chat.set_busy(False)
        self.sidebar.setEnabled(True)

    def _answer_event(self, event: AskEvent) -> None:
        progress = self.chat.progress
        match event:
            case ModelLoading():
                progress.setText("Loading the language model…")
            case Retrieved(passages=passages):
                self.sources.show_passages(passages, self._terms)
            case PrefillProgress(done=done, total=total):
                progress.setText(f"Reading sources {done:,} / {total:,} tokens")
            case ThinkingDelta(text=text):
                progress.setText("")
                self.reasoning.append(text)
            case AnswerDelta(text=text):
                progress.setText("")
                self.chat.append_answer(text)
            case Done(answer=answer):
                self._answered(answer)
            case _:
                assert_never(event)

    def _answered(self, answer: Answer) -> None:
        links = answer.trace_links()
        self.chat.set_answer(_answer_text(answer), answer.claims())
        self.reasoning.finish(answer.reasoning, answer.timings["reasoning_tokens"], links)
        self._show_sources(answer, links)
        self.history = self.app.conversation(self.sidebar.current)  # the application kept it
        t = answer.timings
        self.statusBar().showMessage(
            f"{_verdict_text(answer.verdict)} · First token after {t['first_token_s']:.1f} s · "
            f"{t['reasoning_tokens']} reasoning + {t['answer_tokens']} answer tokens · "
            f"{t['total_s']:.1f} s",
            15000,
        )
        self.answer_finished.emit(answer)

    def _ask_error(self, message: str) -> None:
        self.chat.fail_answer(f"**Could not answer:** {escape_markdown(message)}")
        self._ask_ended()
        self._error(message)
        self.answer_finished.emit(None)

    def show_history(self) -> None:
        """Show the current knowledge base's conversation (the last answer's sources)."""
        self.history = self.app.conversation(self.sidebar.current)
        self.chat.set_exchanges(
            [(e.question, _answer_text(e.answer)) for e in self.history],
            [e.answer.claims() for e in self.history],
        )
        self._shown = -1
        if self.history:
            self.show_exchange(len(self.history) - 1)
        else:
            self.sources.show_passages([], [])
            self.reasoning.show_trace("", 0)

    def show_exchange(self, number: int) -> None:
        """Show an earlier exchange's reasoning and its own passages (0 is the oldest)."""
        answer = self.history[number].answer
        self._terms = salient_terms(answer.question)
        links = answer.trace_links()
        self._show_sources(answer, links)
        tokens = answer.timings.get("reasoning_tokens", 0)
        self.reasoning.show_trace(answer.reasoning, tokens, links)
        self._shown = number

    def _show_sources(self, answer: Answer, links: TraceLinks) -> None:
        unread = links.not_considered if answer.reasoning else []
        self.sources.show_passages(answer.passages, self._terms, set(answer.cited), unread)

    def show_claim(self, exchange: int, index: int) -> None:
        """A sentence's check mark clicked: its spans shaded on the cards it cites, and what
        was found or is missing in the status bar."""
        if exchange not in (-1, self._shown) and 0 <= exchange < len(self.history):
            if "ask" in self.workers:
                return
            self.show_exchange(exchange)
        position = self._shown if self._shown >= 0 else len(self.history) - 1
        if not 0 <= position < len(self.history):
            return
        claims = self.history[position].answer.claims()
        if not 0 <= index < len(claims):
            return
        claim = claims[index]
        spans: dict[int, list[tuple[int, int]]] = {}
        for span in claim.spans:
            spans.setdefault(span.n, []).append((span.start, span.end))
        self.sources.show_claim_spans(spans)
        if not spans and claim.cited:
            self.sources.select(claim.cited[0])
        detail = "; ".join(claim.missing) or (
            "found in " + ", ".join(f"[{n}]" for n in spans) if spans else "cites no passage"
        )
        self.statusBar().showMessage(f"{_STATUS_WORDS[claim.status]}: {detail}", 20000)

    def show_citation(self, exchange: int, number: int) -> None:
        """[n] clicked in an answer (exchange) or in the trace shown (-1): select its card."""
        if exchange not in (-1, self._shown) and 0 <= exchange < len(self.history):
            if "ask" in self.workers:
                return  # the sources panel belongs to the answer being written
            self.show_exchange(exchange)
        self.sources.select(number)

    # sources, settings, export

    def open_passage(self, passage: Passage) -> None:
        """Open a passage's file at its place: PDFs in the built-in viewer, the rest with the
        system's application."""
        location, path = passage.location, passage.file
        if path.lower().endswith(".pdf"):
            from app.gui.pdf_viewer import PdfViewer

            self.pdf_viewer = PdfViewer()
            page = location.get("page", location.get("page_start", 1))
            if self.pdf_viewer.open(path, page):
                self.pdf_viewer.show()
                return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self._error(f"cannot open {path}")

    def edit_settings(self) -> None:
        """Show the settings dialog; a new model is loaded on the next question."""
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            try:
                reload = self.app.apply_settings(dialog.result_settings())
            except ValueError as err:
                self._error(f"settings not saved: {err}")
                return
            self._settings_warning([])  # the file now holds only values that fit
            self.statusBar().showMessage(
                "Settings saved; a new model loads with the next question"
                if reload
                else "Settings saved",
                5000,
            )

    def export_conversation(self) -> None:
        """Save the conversation with its citations as Markdown."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Export conversation", "conversation.md", "Markdown (*.md)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the current conversation to path."""
        path.write_text(self.app.export_markdown(self.sidebar.current), encoding="utf-8")
        self.statusBar().showMessage(f"Exported to {path}", 5000)

    # workers

    def _run(self, name: str, job: Job, done: Any, failed: Any = None, each: Any = None) -> None:
        worker = Worker(job, self)
        if each is not None:
            worker.yielded.connect(each)
        worker.finished_with.connect(done)
        worker.errored.connect(failed or self._error)
        worker.finished.connect(lambda: self._worker_ended(name))
        self.workers[name] = worker
        worker.start()

    def _cancel(self, name: str) -> None:
        worker = self.workers.get(name)
        if worker is not None:
            worker.cancel()
            self.statusBar().showMessage("Stopping…")

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(f"Error: {message}", 15000)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # Still indexing: the batch has not reported its end (its thread may linger a moment).
        indexing = "ingest" in self.workers and self.ingest_panel.cancel.isEnabled()
        if indexing and not self._closing:
            bar = self.ingest_panel.bar
            left = bar.maximum() - bar.value()
            what = f"Indexing {counted(left, 'file')}" if left > 0 else "Indexing"
            if not self.confirm(
                f"{what}: stop and quit?", "The rest is offered at the next start."
            ):
                event.ignore()
                return
        if self.workers:  # stop them first; the window closes when the last one ends
            self._closing = True
            for worker in self.workers.values():
                worker.cancel()
            self.hide()
            self.statusBar().showMessage("Stopping background work…")
            QTimer.singleShot(QUIT_GRACE_MS, self._force_quit)
            event.ignore()
            return
        self.app.close()
        super().closeEvent(event)

    def confirm(self, question: str, detail: str = "") -> bool:
        """Yes or no from the user (a dialog; tests answer it themselves)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Thinkdesk", question, parent=self)
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _force_quit(self) -> None:
        """A job that does not stop within the grace time (a long embedding batch, a parser
        deep in a file) must not keep a hidden process alive for minutes: the library is safe
        to leave at any moment (SQLite's journal), so the process ends here."""
        if self._closing and self.workers:
            log.warning("quitting with %s still running", ", ".join(self.workers))
            logging.shutdown()
            os._exit(0)

    def offer_resume(self) -> None:
        """At start: a batch cut short last time (quit, cancel, crash) is offered again."""
        batch = self.app.unfinished()
        if batch is None:
            return
        kb, paths = batch
        names = ", ".join(Path(p).name for p in paths[:3]) + (" …" if len(paths) > 3 else "")
        if self.confirm(
            f"The last indexing into “{kb}” did not finish. Resume it?",
            f"{names}: files already indexed are skipped.",
        ):
            self.start_ingest(paths, kb)
        else:
            self.app.forget_unfinished()

    def _worker_ended(self, name: str) -> None:
        self.workers.pop(name, None)
        if self._closing and not self.workers:
            self.close()


def start_later(window: MainWindow) -> None:
    """Preload the models once the event loop runs (the window shows first), then offer an
    unfinished batch again."""
    QTimer.singleShot(0, window.preload)
    QTimer.singleShot(0, window.offer_resume)


_STATUS_WORDS = {
    "supported": "Supported",
    "partial": "Partly supported",
    "unsupported": "Not supported",
    "uncited": "Cites no passage",
}


def _verdict_text(verdict: str) -> str:
    """The status bar's word on a whole answer."""
    return {
        "supported": "Checked: every statement is in its sources",
        "partial": "Checked: some statements are not in their sources",
        "unsupported": "Checked: the statements are not in the sources they cite",
        "uncited": "Cites no source",
        "empty": "No answer",
    }.get(verdict, verdict)


# How an answer that did not end by itself is marked, in the conversation and its history.
_ENDINGS = {
    "stopped": "stopped by you",
    "max_answer_tokens": "cut at the answer length limit",
    "context_full": "cut: the model's context is full",
    "repetition": "stopped: the model was repeating itself",
    "thinking_budget": "no answer: the model was still thinking at the budget's end",
}


def _answer_text(answer: Answer) -> str:
    """An answer as the conversation shows it: flagged when it cites no passage, marked when
    it was stopped or cut before its end (live and after a restart alike)."""
    ending = _ENDINGS.get(answer.stop_reason)
    if not answer.answer:
        return f"_({ending})_" if ending else "_(no answer)_"
    text = answer.answer + (f" … *({ending})*" if ending else "")
    if answer.unsupported:
        return f"{text}\n\n*(cites no source: check it against the passages)*"
    return text
