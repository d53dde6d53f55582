"""The main window: library sidebar and ingest panel, conversation, reasoning beside sources.

Widgets and wiring only: the state (models, jobs, history, settings) is the application
model's (app/application.py); its long jobs run in Worker threads and their events are
applied here.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from pathlib import Path
from typing import Any, assert_never

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.answer import Answer, Passage, salient_terms
from app.application import Application, Busy
from app.errors import HANDLED
from app.events import (
    AnswerDelta,
    AskEvent,
    Done,
    ModelLoading,
    PrefillProgress,
    Retrieved,
    ThinkingDelta,
)
from app.export import answer_with_sources
from app.gui import i18n, vocabulary
from app.gui.chat_view import ChatView
from app.gui.conversation_bar import ConversationBar
from app.gui.folder_watch import FolderWatch
from app.gui.i18n import translate
from app.gui.ingest_panel import IngestPanel
from app.gui.library_sidebar import LibrarySidebar
from app.gui.markdown import escape_markdown
from app.gui.reasoning_panel import ReasoningPanel
from app.gui.settings_dialog import SettingsDialog
from app.gui.sources_panel import SourcesPanel
from app.gui.window_state import WindowState
from app.gui.workers import Job, Worker
from app.history import Exchange
from app.indexing import IngestSummary
from app.recovery import Findings
from app.trace_links import TraceLinks
from app.watch import Indexed, Offline, WatchEvent, WatchFailed, Watching

log = logging.getLogger(__name__)
QUIT_GRACE_MS = 4000  # after Quit, background work has this long to stop
MINIMUM_SIZE = (1024, 640)  # the smallest window every panel still works in
LIBRARY_POLL_MS = 2000  # how often the window looks for changes made by another process
STACKED_BELOW = 1400  # narrower than this, reasoning sits above the sources, not beside


class MainWindow(QMainWindow):
    """Thinkdesk's window over one application model.

    Signals: ingest_finished(object) with the IngestSummary (None after an error),
    answer_finished(object) with the Answer (None after an error), models_ready().
    """

    ingest_finished = Signal(object)
    answer_finished = Signal(object)
    models_ready = Signal()
    library_waiting = Signal(str)

    def __init__(self, app: Application) -> None:
        super().__init__()
        self.app = app
        self.settings = app.settings
        self.workers: dict[str, Worker] = {}
        self.history: list[Exchange] = []
        self.conversation = 0  # the id of the conversation shown (0: none yet)
        self._regenerating: Exchange | None = None  # whose answer the running one replaces
        self._answer: Answer | None = None  # the answer just done, announced once its job ends
        self._conversation_kb: str | None = None  # the knowledge base self.conversation is of
        self._terms: list[str] = []
        self._closing = False
        self._pending_ingest: tuple[list[str], str, bool] | None = None  # waits for preload
        self.state = WindowState.load(app.home)
        self.folder_watch = FolderWatch(app, self)  # started once the models are loaded
        self.folder_watch.reported.connect(self._watch_reported)
        self._build()
        self.setAcceptDrops(True)
        self.setWindowTitle(f"Thinkdesk — {app.home}")
        self.setMinimumSize(*MINIMUM_SIZE)
        if not (
            self.state.geometry
            and self.restoreGeometry(QByteArray.fromBase64(self.state.geometry.encode("ascii")))
        ):
            self.resize(1280, 800)
        if self.state.knowledge_base:
            self.sidebar.current = self.state.knowledge_base  # refresh() checks it still exists
        try:
            self._library_note(app.recover())
        except HANDLED as err:  # the window still opens; the next start tries again
            log.error("could not check the library after an unclean exit: %s", err)
            self._error(str(err))
        self.sidebar.refresh()
        self.show_history()
        self._settings_warning(app.settings_problems)
        # Writes that wait for another process say so (called in a job's thread).
        self.library_waiting.connect(self._show_waiting)
        app.on_wait = self.library_waiting.emit
        self._watch_library = QTimer(self, interval=LIBRARY_POLL_MS)
        self._watch_library.timeout.connect(self._library_poll)
        self._watch_library.start()

    def _library_note(self, findings: Findings | None) -> None:
        """After an unclean exit: a lasting note in the status bar of what was repaired (or
        found damaged), the details in its tooltip and the log."""
        if findings is None or not (findings.repaired or findings.damaged):
            return
        for line in findings.repaired:
            log.warning("after an unclean exit, repaired: %s", line)
        for line in findings.damaged:
            log.error("after an unclean exit, found: %s", line)
        self.library_note.setText(
            self.tr("Library repaired after an unclean exit")
            if findings.ok
            else self.tr("Library damaged: run “thinkdesk check”")
        )
        self.library_note.setToolTip("\n".join(findings.repaired + findings.damaged))
        self.library_note.setVisible(True)

    def _show_waiting(self, _: str) -> None:
        self.statusBar().showMessage(
            self.tr("Waiting for the library: another Thinkdesk is writing to it…"), 5000
        )

    def _library_poll(self) -> None:
        """Another process (the command line, a second window) changed the library: show its
        documents. The window's own indexing refreshes the list when it ends."""
        if self.app.library_changed() and "ingest" not in self.workers:
            self.sidebar.refresh()

    def _settings_warning(self, problems: list[str]) -> None:
        """A lasting note in the status bar while settings.json holds values left unused."""
        for problem in problems:
            log.warning("%s", problem)
        count = len(problems)
        text = (
            self.tr("settings.json: 1 value ignored")
            if count == 1
            else self.tr("settings.json: {0} values ignored").format(i18n.number(count))
        )
        self.settings_warning.setText(text if count else "")
        self.settings_warning.setToolTip("\n".join(problems))
        self.settings_warning.setVisible(bool(count))

    def preload(self) -> None:
        """Load both models in the background once the window is up; a drop meanwhile
        starts indexing once they are loaded."""
        self.statusBar().showMessage(self.tr("Loading models…"))
        self._run("preload", lambda emit, cancelled: self._load_models(), self._models_loaded)

    def _load_models(self) -> None:
        self.app.preload()  # also what the first drop would load in the ingest thread

    def _models_loaded(self, _: object) -> None:
        # What is loaded now (the models, jieba's dictionary, the lexicon, Qt's wrappers) lives
        # as long as the window: out of the collector's sight, a full collection no longer
        # walks it while holding the interpreter, which paused the event loop for 300 ms.
        gc.collect()
        gc.freeze()
        self.statusBar().showMessage(self.tr("Ready"), 5000)
        self.models_ready.emit()

    def _build(self) -> None:
        self.sidebar = LibrarySidebar(self.app)
        self.sidebar.kb_selected.connect(lambda _: self.show_history())
        self.sidebar.add_requested.connect(self.add_folder)
        self.sidebar.reindex_requested.connect(lambda paths: self.start_ingest(paths, force=True))
        self.sidebar.folders_changed.connect(self.folder_watch.refresh)
        self.ingest_panel = IngestPanel()
        self.ingest_panel.cancel_requested.connect(lambda: self._cancel("ingest"))
        self.chat = ChatView()
        self.chat.ask_requested.connect(self.ask)
        self.chat.stop_requested.connect(lambda: self._cancel("ask"))
        self.chat.exchange_action.connect(self._exchange_action)
        self.conversations = ConversationBar()
        self.conversations.selected.connect(self._conversation_chosen)
        self.conversations.new_requested.connect(self.new_conversation)
        self.conversations.rename_requested.connect(self.rename_conversation)
        self.conversations.delete_requested.connect(self.delete_conversation)
        self.reasoning = ReasoningPanel()
        self.sources = SourcesPanel()
        self.chat.citation_clicked.connect(self.show_citation)
        self.reasoning.citation_clicked.connect(self.show_citation)
        self.chat.claim_clicked.connect(self.show_claim)
        self.sources.open_requested.connect(self.open_passage)
        self.sources.card_selected.connect(self.reasoning.focus)
        self.reasoning.toggle.toggled.connect(lambda _: self._arrange())
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.sidebar)
        left.addWidget(self.ingest_panel)
        chat_column = QWidget()
        column = QVBoxLayout(chat_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.conversations)
        column.addWidget(self.chat, 1)
        right = QSplitter(Qt.Orientation.Horizontal)
        right.addWidget(self.reasoning)
        right.addWidget(self.sources)
        main = QSplitter(Qt.Orientation.Horizontal)
        for widget in (left, chat_column, right):
            main.addWidget(widget)
        self.splitters = {"main": main, "left": left, "right": right}
        for name, splitter in self.splitters.items():
            splitter.setObjectName(f"{name}Splitter")
            splitter.setChildrenCollapsible(False)
            if name != "right":  # its orientation follows the window's width
                splitter.splitterMoved.connect(lambda *_, n=name: self._remember_sizes(n))
        main.setStretchFactor(1, 3)
        main.setStretchFactor(2, 2)
        for widget in (self.sidebar, self.ingest_panel, self.reasoning, self.sources):
            widget.setMinimumWidth(180)
        chat_column.setMinimumWidth(320)
        self._sizes = {"main": [260, 560, 460], "left": [480, 260]}
        for name, sizes in self.state.splitters.items():
            if len(sizes) == len(self._sizes.get(name, ())) and min(sizes) > 0:
                self._sizes[name] = sizes
        central = QWidget()
        QVBoxLayout(central).addWidget(main)
        self.setCentralWidget(central)
        self.settings_warning = QLabel()
        self.settings_warning.setStyleSheet("color: #b35c00")
        self.statusBar().addPermanentWidget(self.settings_warning)
        self.library_note = QLabel()
        self.library_note.setStyleSheet("color: #b35c00")
        self.library_note.setVisible(False)
        self.statusBar().addPermanentWidget(self.library_note)
        self._menus()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, keys, slot in (
            (self.tr("Add &folder…"), QKeySequence("Ctrl+Shift+O"), self.add_folder),
            (self.tr("&Add files…"), QKeySequence.StandardKey.Open, self.add_files),
            (
                self.tr("&Export conversation…"),
                QKeySequence("Ctrl+E"),
                self.export_conversation,
            ),
            (self.tr("&Settings…"), QKeySequence("Ctrl+,"), self.edit_settings),
            (self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        focus = QAction(self.tr("Ask a question"), self)
        focus.setShortcut(QKeySequence("Ctrl+L"))
        focus.triggered.connect(lambda: self.chat.box.setFocus())
        self.addAction(focus)
        new = QAction(self.tr("New conversation"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.new_conversation)
        self.addAction(new)

    # layout

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        for name, splitter in self.splitters.items():
            if name != "right":
                splitter.setSizes(self._sizes[name])
        self._arrange()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Reasoning beside the sources on a wide window, above them on a narrow one, and a
        hidden trace leaves only its header: the sources take the room."""
        right = self.splitters["right"]
        hidden = self.reasoning.toggle.isChecked()
        stacked = hidden or self.width() < STACKED_BELOW
        orientation = Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal
        if right.orientation() != orientation or hidden != getattr(self, "_hidden", None):
            right.setOrientation(orientation)
            total = right.height() if stacked else right.width()
            if hidden:
                header = self.reasoning.toggle.sizeHint().height() + 12
                right.setSizes([header, max(total - header, header)])
            else:
                right.setSizes([max(total // 2, 1)] * 2)
        self._hidden = hidden

    def _remember_sizes(self, name: str) -> None:
        self._sizes[name] = self.splitters[name].sizes()

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
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of reports"))
        if folder:
            self.start_ingest([folder])

    def add_files(self) -> None:
        """File > Add files."""
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add reports"),
            "",
            self.tr("Reports (*.pdf *.docx *.pptx *.xlsx *.txt *.md *.csv)"),
        )
        if files:
            self.start_ingest(files)

    def start_ingest(
        self, paths: list[str], kb_name: str | None = None, force: bool = False
    ) -> None:
        """Index paths into the current knowledge base (or kb_name) in the background;
        force: parse and embed them again even when unchanged (re-index)."""
        if "ingest" in self.workers or self._pending_ingest is not None:
            self.statusBar().showMessage(
                self.tr("Indexing is already running; drop again when done.")
            )
            return
        kb = kb_name or self.sidebar.current
        if "preload" in self.workers:  # indexing would load the same model meanwhile
            self._pending_ingest = (paths, kb, force)
            self.ingest_panel.begin()
            return

        def job(emit: Any, cancelled: Any) -> IngestSummary:
            while True:
                try:
                    return self.app.ingest(
                        kb, paths, listener=emit, cancelled=cancelled, force=force
                    )
                except Busy:  # a watched folder's run: this batch follows it
                    if cancelled():
                        return IngestSummary(cancelled=True)
                    time.sleep(0.2)

        self.ingest_panel.begin()
        self._run(
            "ingest", job, self._ingest_done, self._ingest_error, self.ingest_panel.show_event
        )

    def _ingest_done(self, summary: IngestSummary) -> None:
        self.ingest_panel.finish(summary)
        self.sidebar.refresh()
        self.ingest_finished.emit(summary)

    def _ingest_error(self, message: str) -> None:
        self.ingest_panel.finish(None, vocabulary.error(message))
        self._error(message)
        self.ingest_finished.emit(None)

    # questions

    def ask(self, question: str) -> None:
        """Answer a question about the current knowledge base in the background."""
        if "ask" in self.workers:
            return
        kb = self.sidebar.current
        if not self._has_documents(kb):  # say it in the window's words, not the CLI's
            text = self.tr(
                "Add documents first: drop files or folders on the window, or use "
                "“Add files or folders…” (Ctrl+O)."
            )
            if "ingest" in self.workers:
                text += self.tr(" Indexing is under way: ask once its first files are done.")
            self.chat.progress.setText(text)
            self.chat.box.setPlainText(question)
            self.sidebar.add_button.setFocus()
            return

        conversation = self.conversation or None

        def job(emit: Any, cancelled: Any) -> None:
            for event in self.app.ask(
                kb, question, should_stop=cancelled, conversation=conversation
            ):
                emit(event)

        self.chat.start_answer(question)
        self.reasoning.start()
        self.sources.show_passages([], [])
        self._terms = salient_terms(question)
        self._shown = len(self.history)  # where this answer will be kept
        self.chat.set_shown(self._shown)
        # The answer belongs to this knowledge base and conversation: the rest stays usable.
        self.sidebar.kbs.setEnabled(False)
        self.conversations.setEnabled(False)
        self._run("ask", job, lambda _: self._ask_done(), self._ask_error, self._answer_event)

    def _has_documents(self, kb: str) -> bool:
        if not self.app.has_library() or kb not in self.app.knowledge_base_names():
            return False
        return self.app.chunk_count(kb) > 0

    def _ask_done(self) -> None:
        """The job ended: the window is usable again before answer_finished is told."""
        self._ask_ended()
        answer, self._answer = self._answer, None
        if answer is not None:
            self.answer_finished.emit(answer)

    def _ask_ended(self) -> None:
        self.chat.set_busy(False)
        self.sidebar.kbs.setEnabled(True)
        self.conversations.setEnabled(True)
        self._regenerating = None
        self.chat.redraw()  # the last answer may now be regenerated

    def _answer_event(self, event: AskEvent) -> None:
        progress = self.chat.progress
        match event:
            case ModelLoading():
                progress.setText(self.tr("Loading the language model…"))
            case Retrieved(passages=passages):
                self.sources.show_passages(passages, self._terms)
            case PrefillProgress(done=done, total=total):
                progress.setText(
                    self.tr("Reading sources {0} / {1} tokens").format(
                        i18n.number(done), i18n.number(total)
                    )
                )
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
        kb = self.sidebar.current
        if not self.conversation:  # the application kept it in a new conversation
            latest = self.app.conversations(kb)
            self.conversation = latest[0].id if latest else 0
        if self._regenerating is not None:  # the new answer replaces the old one
            self.app.forget_exchange(kb, self._regenerating.id)
            self._regenerating = None
            self.show_history()
        else:
            self.history = self.app.conversation(kb, self.conversation)
            self.chat.set_footer(len(self.history) - 1, _footer_text(answer))
            self._refresh_conversations()
        t = answer.timings
        self.statusBar().showMessage(
            self.tr(
                "{verdict} · First token after {first} s · {reasoning} reasoning + {answer} "
                "answer tokens · {total} s"
            ).format(
                verdict=_verdict_text(answer.verdict),
                first=i18n.number(t["first_token_s"], 1),
                reasoning=i18n.number(t["reasoning_tokens"]),
                answer=i18n.number(t["answer_tokens"]),
                total=i18n.number(t["total_s"], 1),
            ),
            15000,
        )
        self._answer = answer

    def _ask_error(self, message: str) -> None:
        why = escape_markdown(vocabulary.error(message))
        self.chat.fail_answer(self.tr("**Could not answer:** {0}").format(why))
        self._ask_ended()
        self._error(message)
        self.answer_finished.emit(None)

    def show_history(self) -> None:
        """Show the current knowledge base's conversation (the one open there last time, or
        the one used last), with the last answer's sources and reasoning."""
        kb, before = self.sidebar.current, self._conversation_kb
        if before != kb and before is not None and self.conversation:
            self.state.conversations[before] = self.conversation  # for when it comes back
        known = [c.id for c in self.app.conversations(kb)]
        if before != kb or self.conversation not in known:
            remembered = self.state.conversations.get(kb, 0)
            self.conversation = remembered if remembered in known else next(iter(known), 0)
        self._conversation_kb = kb
        self._refresh_conversations()
        self.history = self.app.conversation(kb, self.conversation) if self.conversation else []
        self.chat.set_exchanges(
            [(e.question, _answer_text(e.answer)) for e in self.history],
            [e.answer.claims() for e in self.history],
            [_footer_text(e.answer) for e in self.history],
        )
        self._shown = -1
        if self.history:
            self.show_exchange(len(self.history) - 1)
        else:
            self.chat.set_shown(-1)
            self.sources.show_passages([], [])
            self.reasoning.show_trace("", 0)

    def _refresh_conversations(self) -> None:
        self.conversations.show_conversations(
            self.app.conversations(self.sidebar.current), self.conversation
        )

    def _conversation_chosen(self, conversation: int) -> None:
        if conversation != self.conversation:
            self.conversation = conversation
            self.show_history()

    def new_conversation(self) -> None:
        """Start a new conversation in the current knowledge base (Ctrl+N); an empty one
        open already is kept for it."""
        if "ask" in self.workers:
            return
        current = next(
            (c for c in self.conversations.conversations if c.id == self.conversation), None
        )
        if current is None or current.exchanges:
            self.conversation = self.app.new_conversation(self.sidebar.current).id
        self.show_history()
        self.chat.box.setFocus()

    def rename_conversation(self) -> None:
        """Give the current conversation a title of its own."""
        if not self.conversation:
            return
        title = self.ask_text(
            self.tr("Rename the conversation"),
            self.tr("Title:"),
            self.conversations.current_title(),
        )
        if title and title.strip():
            self.app.rename_conversation(self.sidebar.current, self.conversation, title)
            self._refresh_conversations()

    def delete_conversation(self) -> None:
        """Forget the current conversation after asking."""
        if not self.conversation or "ask" in self.workers:
            return
        title = self.conversations.current_title()
        if self.confirm(
            self.tr("Delete the conversation “{}”?").format(title),
            self.tr("Its questions and answers are forgotten; the documents stay."),
        ):
            self.app.delete_conversation(self.sidebar.current, self.conversation)
            self.conversation = 0
            self.state.conversations.pop(self.sidebar.current, None)
            self.show_history()

    def ask_text(self, title: str, label: str, value: str = "") -> str | None:
        """A line of text from the user, None when cancelled (tests answer it themselves)."""
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, value)
        return text if ok else None

    def _exchange_action(self, action: str, number: int) -> None:
        """A link under an answer: show its sources and reasoning, copy it, regenerate it."""
        if not 0 <= number < len(self.history):
            return
        exchange = self.history[number]
        if action == "copy":
            QGuiApplication.clipboard().setText(answer_with_sources(exchange.answer))
            self.statusBar().showMessage(self.tr("Answer copied with its sources"), 5000)
        elif "ask" in self.workers:
            self.statusBar().showMessage(self.tr("Still answering: press Esc to stop first."))
        elif action == "show":
            self.show_exchange(number)
        elif action == "regenerate" and number == len(self.history) - 1:
            self.history.pop()
            self.chat.set_exchanges(
                [(e.question, _answer_text(e.answer)) for e in self.history],
                [e.answer.claims() for e in self.history],
                [_footer_text(e.answer) for e in self.history],
            )
            self.ask(exchange.question)
            if "ask" in self.workers:
                self._regenerating = exchange
            else:  # it could not start: the old answer stays
                self.show_history()

    def show_exchange(self, number: int) -> None:
        """Show an earlier exchange's reasoning and its own passages (0 is the oldest)."""
        answer = self.history[number].answer
        self._terms = salient_terms(answer.question)
        links = answer.trace_links()
        self._show_sources(answer, links)
        tokens = answer.timings.get("reasoning_tokens", 0)
        self.reasoning.show_trace(answer.reasoning, tokens, links)
        self._shown = number
        self.chat.set_shown(number)

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
        found = ", ".join(f"[{n}]" for n in spans)
        detail = "; ".join(vocabulary.missing(m) for m in claim.missing) or (
            self.tr("found in {0}").format(found) if spans else self.tr("cites no passage")
        )
        self.statusBar().showMessage(
            self.tr("{0}: {1}").format(vocabulary.status(claim.status), detail), 20000
        )

    def show_citation(self, exchange: int, number: int) -> None:
        """[n] clicked in an answer (exchange) or in the trace shown (-1): select its card."""
        if exchange not in (-1, self._shown) and 0 <= exchange < len(self.history):
            if "ask" in self.workers:
                return  # the sources panel belongs to the answer being written
            self.show_exchange(exchange)
        self.sources.select(number)

    # sources, settings, export

    def open_passage(self, passage: Passage) -> None:
        """Open a passage's file at its place (app/gui/opener.py): PDFs and text files in a
        viewer with the passage highlighted, the rest in their application."""
        from app.gui.opener import open_passage

        self.viewer = open_passage(passage, self, self._error)

    def edit_settings(self) -> None:
        """Show the settings dialog; a new model is loaded on the next question."""
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            try:
                reload = self.app.apply_settings(dialog.result_settings())
            except ValueError as err:
                self._error(self.tr("settings not saved: {0}").format(err))
                return
            self._settings_warning([])  # the file now holds only values that fit
            self.statusBar().showMessage(
                self.tr("Settings saved; a new model loads with the next question")
                if reload
                else self.tr("Settings saved"),
                5000,
            )

    def export_conversation(self) -> None:
        """Save the conversation with its citations as Markdown."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export conversation"),
            self.tr("conversation") + ".md",
            self.tr("Markdown (*.md)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the current conversation to path."""
        markdown = self.app.export_markdown(self.sidebar.current, self.conversation or None)
        path.write_text(markdown, encoding="utf-8")
        self.statusBar().showMessage(self.tr("Exported to {0}").format(path), 5000)

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
        if name == "ingest" and self._pending_ingest is not None:  # cancelled before it began
            self._pending_ingest = None
            summary = IngestSummary(cancelled=True)
            self.ingest_panel.finish(summary)
            self.ingest_finished.emit(summary)
            return
        worker = self.workers.get(name)
        if worker is not None:
            worker.cancel()
            self.statusBar().showMessage(self.tr("Stopping…"))

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Error: {0}").format(vocabulary.error(message)), 15000)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # Still indexing: the batch has not reported its end (its thread may linger a moment).
        indexing = "ingest" in self.workers and self.ingest_panel.cancel.isEnabled()
        if indexing and not self._closing:
            left = self.ingest_panel.files_left()  # the bar counts work, not files
            question = (
                self.tr("Indexing: stop and quit?")
                if left <= 0
                else self.tr("Indexing 1 file: stop and quit?")
                if left == 1
                else self.tr("Indexing {0} files: stop and quit?").format(i18n.number(left))
            )
            if not self.confirm(question, self.tr("The rest is offered at the next start.")):
                event.ignore()
                return
        self.folder_watch.request_stop()  # quitting now: a watched folder's run stops too
        if self.workers:  # stop them first; the window closes when the last one ends
            self._closing = True
            for worker in self.workers.values():
                worker.cancel()
            self.hide()
            self.statusBar().showMessage(self.tr("Stopping background work…"))
            QTimer.singleShot(QUIT_GRACE_MS, self._force_quit)
            event.ignore()
            return
        self.hide()  # gone at once, while a watched folder's run ends between two files
        self.folder_watch.stop()
        self._save_state()
        self.app.close()
        super().closeEvent(event)

    def _save_state(self) -> None:
        """Remember the layout and what was open for the next start."""
        self.state.geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.state.splitters = {name: list(sizes) for name, sizes in self._sizes.items()}
        self.state.knowledge_base = self.sidebar.current
        if self.conversation:
            self.state.conversations[self.sidebar.current] = self.conversation
        try:
            self.state.save(self.app.home)
        except HANDLED as err:  # the layout is a comfort: never a reason not to quit (full disk)
            log.warning("window state not saved: %s", err)

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
            self.tr("The last indexing into “{0}” did not finish. Resume it?").format(
                vocabulary.kb_name(kb)
            ),
            self.tr("{0}: files already indexed are skipped.").format(names),
        ):
            self.start_ingest(paths, kb)
        else:
            self.app.forget_unfinished()

    def _worker_ended(self, name: str) -> None:
        self.workers.pop(name, None)
        if self._closing and not self.workers:
            self.close()
        elif name == "preload" and not self._closing:
            if self._pending_ingest is not None:
                (paths, kb, force), self._pending_ingest = self._pending_ingest, None
                self.start_ingest(paths, kb, force)
            self.folder_watch.start()  # after the models: its catch-up needs the embedder

    def _watch_reported(self, event: WatchEvent) -> None:
        """A watched folder changed, went offline or came back: the sidebar shows it."""
        name = Path(event.folder).name or event.folder
        if isinstance(event, Watching):
            self.sidebar.show_folders()
        elif isinstance(event, Offline):
            self.sidebar.show_folders()
            self.statusBar().showMessage(
                self.tr("{0} is offline: its documents are kept").format(name), 10000
            )
        elif isinstance(event, WatchFailed):
            self._error(event.message)
        elif isinstance(event, Indexed):
            s = event.summary
            if s.added or s.updated or s.removed or s.failed:
                self.sidebar.refresh()
                self.statusBar().showMessage(
                    self.tr("Watched folder {0}: {1} added, {2} updated, {3} removed").format(
                        name, i18n.number(s.added), i18n.number(s.updated), i18n.number(s.removed)
                    ),
                    10000,
                )


def start_later(window: MainWindow) -> None:
    """Preload the models once the event loop runs (the window shows first), then offer an
    unfinished batch again."""
    QTimer.singleShot(0, window.preload)
    QTimer.singleShot(0, window.offer_resume)


def _verdict_text(verdict: str) -> str:
    """The status bar's word on a whole answer."""
    return vocabulary.verdict(verdict)


def _footer_text(answer: Answer) -> str:
    """The timing line under an answer, live and after a restart."""
    t = answer.timings
    if not t:
        return ""
    parts = []
    if "first_token_s" in t:
        first = i18n.number(t["first_token_s"], 1)
        parts.append(translate("MainWindow", "first token after {0} s").format(first))
    if "reasoning_tokens" in t or "answer_tokens" in t:
        parts.append(
            translate("MainWindow", "{0} reasoning + {1} answer tokens").format(
                i18n.number(t.get("reasoning_tokens", 0)), i18n.number(t.get("answer_tokens", 0))
            )
        )
    if "total_s" in t:
        parts.append(translate("MainWindow", "{0} s").format(i18n.number(t["total_s"], 1)))
    return " · ".join(parts)


def _answer_text(answer: Answer) -> str:
    """An answer as the conversation shows it: flagged when it cites no passage, marked when
    it was stopped or cut before its end (live and after a restart alike)."""
    ending = vocabulary.ending(answer.stop_reason)
    if not answer.answer:
        return "_({})_".format(ending or translate("MainWindow", "no answer"))
    text = answer.answer + (f" … *({ending})*" if ending else "")
    if answer.unsupported:
        note = translate("MainWindow", "cites no source: check it against the passages")
        return f"{text}\n\n*({note})*"
    return text
