"""The main window: library sidebar and ingest panel, conversation, reasoning beside sources.

All long work (loading models, ingesting, answering) runs in Worker threads with their own
database connections; the window only applies the events they send.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QSplitter, QVBoxLayout, QWidget

from app.assistant import Assistant
from app.events import AnswerDelta, Done, ModelLoading, PrefillProgress, Retrieved, ThinkingDelta
from app.export import conversation_markdown
from app.gui.chat_view import ChatView
from app.gui.ingest_panel import IngestPanel
from app.gui.library_sidebar import LibrarySidebar
from app.gui.reasoning_panel import ReasoningPanel
from app.gui.settings_dialog import SettingsDialog
from app.gui.sources_panel import SourcesPanel
from app.gui.workers import Worker
from app.indexing import ingest
from app.settings import Settings
from app.workspace import Workspace
from app.workspace import load_embedder as load_configured_embedder
from models.backend import LLMBackend
from models.budget import Budget
from retrieval.embeddings import Embedder
from retrieval.history import add_exchange, exchanges
from retrieval.search import salient_terms
from retrieval.store import LibraryError


class MainWindow(QMainWindow):
    """Thinkdesk's window.

    Signals: ingest_finished(object) with the IngestSummary (None after an error),
    answer_finished(object) with the Answer (None after an error), models_ready().
    """

    ingest_finished = Signal(object)
    answer_finished = Signal(object)
    models_ready = Signal()

    def __init__(
        self,
        home: Path,
        load_embedder: Callable[[], Embedder] | None = None,
        load_backend: Callable[[Settings], LLMBackend] | None = None,
    ) -> None:
        super().__init__()
        self.home = home
        self.workspace = Workspace(home)  # read by the UI thread only
        self.settings = self.workspace.settings
        self._load_embedder = load_embedder or (lambda: load_configured_embedder(self.settings))
        self._load_backend = load_backend or _default_backend
        self._embedder: Embedder | None = None
        self._backend: LLMBackend | None = None
        self._lock = threading.Lock()  # the embedder
        self._llm_lock = threading.Lock()
        self._reload_model = False  # settings changed the model: reload before the next ask
        self._asking_kb = "default"
        self._closing = False
        self.ask_workspace = Workspace(home, self.settings)  # used by one ask thread at a time
        self.assistant = Assistant(self.ask_workspace, self.backend, "language model")
        self._stale = False
        self.workers: dict[str, Worker] = {}
        self._build()
        self.setAcceptDrops(True)
        self.setWindowTitle(f"Thinkdesk — {home}")
        self.resize(1500, 900)
        self.sidebar.refresh()
        self.show_history()

    # models, loaded once and shared by the worker threads

    def embedder(self) -> Embedder:
        """The embedding model (loaded on first use, by whichever thread needs it first)."""
        with self._lock:
            if self._embedder is None:
                self._embedder = self._load_embedder()
            return self._embedder

    def backend(self) -> LLMBackend:
        """The language model (loaded on first use, in a worker thread)."""
        with self._llm_lock:
            if self._backend is None:
                self._backend = self._load_backend(self.settings)
            return self._backend

    def preload(self) -> None:
        """Load both models in the background once the window is up."""
        self.statusBar().showMessage("Loading models…")

        def job(emit: Any, cancelled: Any) -> None:
            self.embedder()
            self.backend()

        self._run("preload", job, lambda _: self._models_loaded(), self._error)

    def _models_loaded(self) -> None:
        self.statusBar().showMessage("Ready", 5000)
        self.models_ready.emit()

    # layout

    def _build(self) -> None:
        self.sidebar = LibrarySidebar(self.workspace.library)
        self.sidebar.kb_selected.connect(lambda _: self.show_history())
        self.sidebar.add_requested.connect(self.add_folder)
        self.ingest_panel = IngestPanel()
        self.ingest_panel.cancel_requested.connect(lambda: self._cancel("ingest"))
        self.chat = ChatView()
        self.chat.ask_requested.connect(self.ask)
        self.chat.stop_requested.connect(lambda: self._cancel("ask"))
        self.reasoning = ReasoningPanel()
        self.sources = SourcesPanel()
        self.chat.citation_clicked.connect(self.sources.select)
        self.reasoning.citation_clicked.connect(self.sources.select)
        self.sources.open_requested.connect(self.open_passage)
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

    def start_ingest(self, paths: list[str]) -> None:
        """Index paths into the current knowledge base in the background."""
        if "ingest" in self.workers:
            self.statusBar().showMessage("Indexing is already running; drop again when done.")
            return
        kb = self.sidebar.current

        def job(emit: Any, cancelled: Any) -> Any:
            workspace = Workspace(self.home, self.settings)
            workspace.use_embedder(self.embedder())
            try:
                return ingest(workspace, kb, paths, listener=emit, cancelled=cancelled)
            finally:
                workspace.close()

        self.ingest_panel.begin()
        self._run(
            "ingest", job, self._ingest_done, self._ingest_error, self.ingest_panel.show_event
        )

    def _ingest_done(self, summary: Any) -> None:
        self.ingest_panel.finish(summary)
        self._stale = True
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
        kb, settings = self.sidebar.current, self.settings
        budget = Budget(settings.min_thinking_tokens, settings.max_thinking_tokens)
        stale, self._stale = self._stale, False

        if self._reload_model:  # no answer is running: the old model can go
            self._reload_model = False
            self._backend = None
            self.assistant = Assistant(self.ask_workspace, self.backend, "language model")

        def job(emit: Any, cancelled: Any) -> None:
            if stale:
                self.ask_workspace.reload_indexes()
            self.ask_workspace.use_embedder(self.embedder())
            for event in self.assistant.ask(
                kb, question, settings.top_k, budget, cancelled, settings.temperature
            ):
                emit(event)

        self.chat.start_answer(question)
        self.reasoning.start()
        self.sources.show_passages([], [])
        self._terms = salient_terms(question)
        self._asking_kb = kb
        self.sidebar.setEnabled(False)  # the answer belongs to this knowledge base
        self._run("ask", job, lambda _: self._ask_ended(), self._ask_error, self._answer_event)

    def _ask_ended(self) -> None:
        self.chat.set_busy(False)
        self.sidebar.setEnabled(True)

    def _answer_event(self, event: object) -> None:
        if isinstance(event, Retrieved):
            self.sources.show_passages(event.passages, self._terms)
        elif isinstance(event, PrefillProgress):
            self.chat.progress.setText(f"Reading sources {event.done:,} / {event.total:,} tokens")
        elif isinstance(event, ThinkingDelta):
            self.reasoning.append(event.text)
        if isinstance(event, ThinkingDelta | AnswerDelta) and self.chat.progress.text():
            self.chat.progress.setText("")
        if isinstance(event, AnswerDelta):
            self.chat.append_answer(event.text)
        elif isinstance(event, ModelLoading):
            self.chat.progress.setText("Loading the language model…")
        elif isinstance(event, Done):
            self._answered(event.answer)

    def _answered(self, answer: Any) -> None:
        data = answer.to_json()
        self.chat.set_answer(answer.answer or "_(no answer)_")
        self.reasoning.finish(answer.reasoning, data["timings"]["reasoning_tokens"])
        self.sources.show_passages(answer.passages, self._terms, set(answer.cited))
        kb = self.workspace.library.knowledge_base(self._asking_kb)
        add_exchange(
            self.workspace.library, kb, answer.question, answer.answer, answer.reasoning, data
        )
        t = data["timings"]
        self.statusBar().showMessage(
            f"First token after {t['first_token_s']:.1f} s · {t['reasoning_tokens']} reasoning "
            f"+ {t['answer_tokens']} answer tokens · {t['total_s']:.1f} s",
            15000,
        )
        self.answer_finished.emit(answer)

    def _ask_error(self, message: str) -> None:
        self.chat.set_answer(f"**Could not answer:** {message}")
        self._ask_ended()
        self._error(message)
        self.answer_finished.emit(None)

    def show_history(self) -> None:
        """Show the current knowledge base's conversation."""
        try:
            kb = self.workspace.library.knowledge_base(self.sidebar.current)
        except LibraryError:
            self.chat.set_exchanges([])
            return
        self.history = exchanges(self.workspace.library, kb)
        self.chat.set_exchanges([(e.question, e.answer) for e in self.history])

    # sources, settings, export

    def open_passage(self, passage: Any) -> None:
        """Open a passage's file at its place: PDFs in the built-in viewer, the rest with the
        system's application."""
        data = passage if isinstance(passage, dict) else passage.to_json()
        location, path = data["location"], data["file"]
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
        before = (self.settings.llm_model, self.settings.context_size, self.settings.threads)
        if SettingsDialog(self.settings, self.home, self).exec():
            after = (self.settings.llm_model, self.settings.context_size, self.settings.threads)
            self._reload_model = self._reload_model or after != before
            self.statusBar().showMessage(
                "Settings saved; a new model loads with the next question"
                if self._reload_model
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
        self.show_history()
        path.write_text(conversation_markdown(self.sidebar.current, self.history), encoding="utf-8")
        self.statusBar().showMessage(f"Exported to {path}", 5000)

    # workers

    def _run(self, name: str, job: Any, done: Any, failed: Any, each: Any = None) -> None:
        worker = Worker(job, self)
        if each is not None:
            worker.yielded.connect(each)
        worker.finished_with.connect(done)
        worker.errored.connect(failed)
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
        if self.workers:  # stop them first; the window closes when the last one ends
            self._closing = True
            for worker in self.workers.values():
                worker.cancel()
            self.hide()
            self.statusBar().showMessage("Stopping background work…")
            event.ignore()
            return
        self.workspace.close()
        self.ask_workspace.close()
        super().closeEvent(event)

    def _worker_ended(self, name: str) -> None:
        self.workers.pop(name, None)
        if self._closing and not self.workers:
            self.close()


def _default_backend(settings: Settings) -> LLMBackend:
    from app.llm import load_backend

    return load_backend(settings)


def start_later(window: MainWindow) -> None:
    """Preload the models once the event loop runs (the window shows first)."""
    QTimer.singleShot(0, window.preload)
