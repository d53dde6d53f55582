"""The application model both front ends drive: one Qt-free object per data directory.

Like napari's ViewerModel, it owns the workspace, the one loaded embedder and language model,
the stale-index and model-reload state, the running ingest and ask jobs, and the history
every answer is recorded in.

The GUI displays it and adapts its generators and callbacks to signals; the CLI drives the
same object, so an answer asked in either lands in the same history."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import folders, history, knowledge, recovery
from app.answer import Passage
from app.assistant import Assistant
from app.events import AskEvent, Done, IngestEvent
from app.export import conversation_markdown
from app.home import offline
from app.indexing import IngestSummary, ingest, warm_up
from app.knowledge import Document, LibraryError
from app.lazy import Lazy
from app.llm import Backend, load_backend, model_path, uses_endpoint
from app.model_catalog import catalog
from app.recovery import Findings, Presence, recover, unclean_exits
from app.settings import Settings
from app.workspace import Workspace, load_embedder
from models.budget import Budget
from retrieval.durable import write_text
from retrieval.embeddings import Embedder

WARM_UP_TEXT = "Thinkdesk"  # embedded once by preload, so that indexing finds its engine loaded

EmbedderLoader = Callable[[Settings], Embedder]
BackendLoader = Callable[[Settings, "str | None"], Backend]
# What changes the loaded language model: a new one loads before the next question.
_MODEL_FIELDS = ("llm_model", "context_size", "threads", "endpoint", "endpoint_model", "api_key")


UNFINISHED = "unfinished-ingest.json"  # the batch being indexed, removed when it finishes


class Busy(LibraryError):
    """A job of this kind is already running (one ingest and one answer at a time)."""


@dataclass(frozen=True)
class AskOptions:
    """How to answer one question: passages to read, thinking budget, temperature."""

    k: int = 5
    min_thinking: int = 0
    max_thinking: int | None = None
    temperature: float | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        k: int | None = None,
        min_thinking: int | None = None,
        max_thinking: int | None = None,
        temperature: float | None = None,
    ) -> AskOptions:
        """The settings' values, each replaced by the one given where that is not None."""
        return cls(
            k=settings.top_k if k is None else k,
            min_thinking=settings.min_thinking_tokens if min_thinking is None else min_thinking,
            max_thinking=settings.max_thinking_tokens if max_thinking is None else max_thinking,
            temperature=settings.temperature if temperature is None else temperature,
        )


class Application:
    """Thinkdesk's state for one data directory, shared by the CLI and the GUI."""

    def __init__(
        self,
        home: Path,
        settings: Settings | None = None,
        *,
        model: str | None = None,
        endpoint: str | None = None,
        embedder_loader: EmbedderLoader | None = None,
        backend_loader: BackendLoader = load_backend,
    ) -> None:
        """model: a GGUF file used instead of the settings' one (`thinkdesk ask --model`);
        endpoint: a model server's URL used instead of the settings' (`--endpoint`)."""
        offline()
        self.home = home
        self.settings_problems: list[str] = []
        if settings is None:
            settings, self.settings_problems = Settings.read(home)
        self.settings = settings
        self.model = model
        self.endpoint = endpoint
        loader = embedder_loader or (lambda settings: load_embedder(settings, home))
        self._embedder: Lazy[Embedder] = Lazy(lambda: loader(self.settings))
        self._own_embedder = embedder_loader is not None
        self._backend: Lazy[Backend] = Lazy(
            lambda: backend_loader(self.model_settings(), self.model)
        )
        self._jobs: set[str] = set()
        self._lock = threading.Lock()
        self._stale = False  # an ingest changed the library: the ask side reloads its indexes
        self._reload_model = False  # the settings changed the model: reload before next ask
        self._workspace: Workspace | None = None  # the caller's thread (the GUI's UI thread)
        self._ask_workspace: Workspace | None = None  # the one ask job at a time
        self._presence: Presence | None = None  # held while a library connection is open
        self._seen_version: int | None = None  # the library's data_version last looked at
        # Told when a write waits for another process's; any thread (the GUI marshals it).
        self.on_wait: Callable[[str], None] = lambda message: None

    # models, loaded once and shared by every job

    def embedder(self) -> Embedder:
        """The embedding model, loaded by whichever thread needs it first."""
        return self._embedder.get()

    def backend(self) -> Backend:
        """The language model, loaded (or its server reached) on first use and kept."""
        return self._backend.get()

    def model_settings(self) -> Settings:
        """The settings the language model is loaded with (--endpoint in place)."""
        if self.endpoint:
            return dataclasses.replace(self.settings, endpoint=self.endpoint)
        return self.settings

    def uses_server(self) -> bool:
        """Whether answers come from a model server rather than a GGUF file."""
        return uses_endpoint(self.model_settings(), self.model)

    def model_file(self) -> Path:
        """The GGUF file answers use; ModelError when it is missing or not GGUF."""
        return model_path(self.settings, self.model)

    def model_label(self) -> str:
        """What answers are asked of: the GGUF file's name or the server's URL (checked:
        ModelError when the file is missing or not GGUF)."""
        if self.uses_server():
            return str(self.model_settings().endpoint)
        return self.model_file().name

    def preload(self) -> None:
        """Load both models now, and what the first ingest would load on first use (the GUI
        does it in the background at start): each of those loads holds the GIL for 0.1-2 s
        at a time, a frozen window were it done in the ingest thread (issue 10). The
        embedder's documents engine loads on its first batch; the pinyin and jieba
        dictionaries at the first Chinese title and chunk (app/indexing.py warm_up)."""
        self.embedder().embed_batch([WARM_UP_TEXT])
        warm_up()  # before the language model, whose file may be missing: indexing needs none
        self.backend()

    # the library

    @property
    def workspace(self) -> Workspace:
        """The library opened for the caller's thread (opened on first use)."""
        if self._workspace is None:
            self._workspace = self._open()
        return self._workspace

    def has_library(self) -> bool:
        """Whether this data directory holds a library yet (status never creates one)."""
        return (self.home / "library.sqlite").exists()

    def knowledge_base_names(self) -> list[str]:
        """The knowledge bases, by name."""
        return [kb.name for kb in self.workspace.library.knowledge_bases()]

    def documents(self, kb_name: str) -> list[Document]:
        """A knowledge base's documents; LibraryError when it does not exist."""
        library = self.workspace.library
        return library.documents(library.knowledge_base(kb_name))

    def chunk_count(self, kb_name: str) -> int:
        """How many chunks a knowledge base holds."""
        library = self.workspace.library
        return library.chunk_count(library.knowledge_base(kb_name))

    def status(self) -> list[dict[str, Any]]:
        """Every knowledge base for `thinkdesk status` (no torch, no library created)."""
        if not self.has_library():
            return []
        workspace = self.workspace
        return [knowledge.kb_status(workspace, kb) for kb in workspace.library.knowledge_bases()]

    def document_rows(self, kb_name: str) -> list[dict[str, Any]]:
        """A knowledge base's documents in the `thinkdesk docs --json` shape."""
        return knowledge.document_rows(self.documents(kb_name))

    def create_kb(self, name: str) -> None:
        """A new, empty knowledge base; LibraryError when the name is taken or empty."""
        self.workspace.library.create_knowledge_base(name)

    def rename_kb(self, old: str, new: str) -> None:
        """Rename a knowledge base (its index and conversation go with it)."""
        self.workspace.library.rename_knowledge_base(old, new)

    def delete_kb(self, name: str) -> None:
        """Delete a knowledge base with its index and conversation (never the files)."""
        knowledge.delete_kb(self.workspace, name)
        self._changed()

    def kb_rows(self) -> list[dict[str, Any]]:
        """Every knowledge base with its counts, for `thinkdesk kb`."""
        return knowledge.kb_rows(self.workspace)

    # folders (app/folders.py); the watcher that keeps them in step is app/watch.py

    def folder_rows(self) -> list[dict[str, Any]]:
        """Every knowledge base's folders, watched or not, online or not (`kb folders`)."""
        return folders.folder_rows(self.workspace) if self.has_library() else []

    def watch_folder(self, kb_name: str, path: str, on: bool = True) -> folders.Folder:
        """Watch a folder of a knowledge base (both created when new), or stop watching it
        (LibraryError when it is not one of the knowledge base's folders)."""
        return folders.watch(self.workspace, kb_name, path, on)

    def remove(self, kb_name: str, paths: list[str]) -> tuple[list[str], list[str]]:
        """Remove documents (absolute paths; a folder removes all under it)."""
        removed = knowledge.remove_paths(self.workspace, kb_name, paths)
        self._changed()
        return removed

    def document_chunks(self, kb_name: str, path: str) -> list[knowledge.DocumentChunk]:
        """A document's chunks in their order, with their locations; LibraryError when the
        knowledge base or the document does not exist."""
        return knowledge.document_chunks(self.workspace, kb_name, path)

    def search(self, kb_name: str, query: str, k: int = 5) -> list[Passage]:
        """Hybrid retrieval without the language model."""
        return self.workspace.search(kb_name, query, k)

    def models(self) -> dict[str, Any]:
        """The language and embedding models Thinkdesk can use (`thinkdesk models`)."""
        return catalog(self.settings, self.home)

    # jobs: each runs in the caller's thread (the GUI calls them from a worker thread)

    @contextmanager
    def _job(self, name: str) -> Iterator[None]:
        with self._lock:
            if name in self._jobs:
                raise Busy(f"{name} is already running")
            self._jobs.add(name)
        try:
            yield
        finally:
            with self._lock:
                self._jobs.discard(name)

    def running(self, name: str) -> bool:
        """Whether the ingest or ask job is running now."""
        return name in self._jobs

    def ingest(
        self,
        kb_name: str,
        paths: list[str],
        prune: bool = False,
        listener: Callable[[IngestEvent], None] = lambda event: None,
        cancelled: Callable[[], bool] = lambda: False,
        force: bool = False,
        mark: bool = True,
    ) -> IngestSummary:
        """Index files and folders into a knowledge base (created on first use), with its
        own connection so the caller may run it in any thread; force: parse and embed them
        again even when unchanged (re-index); mark: record the batch, to be offered again
        when it is cut short (not for the watcher's runs: its catch-up does that)."""
        with self._job("ingest"):
            if self._own_embedder:  # not the configured folder: only the model knows its name
                self.embedder()
            workspace = self._open()
            if mark:
                self._mark_batch(kb_name, paths)
            try:
                summary = ingest(workspace, kb_name, paths, prune, listener, cancelled, force)
            finally:
                workspace.close()
                self._changed()
            if mark and not summary.cancelled:
                self.forget_unfinished()
            return summary

    def remove_gone(self, kb_name: str, paths: list[str]) -> list[str]:
        """Remove the documents at these paths (files gone from a watched folder) as a job
        of its own, on its own connection, like an ingest; returns those removed. Busy while
        an ingest runs."""
        with self._job("ingest"):
            workspace = self._open()
            try:
                removed, _ = knowledge.remove_paths(workspace, kb_name, paths)
            finally:
                workspace.close()
                self._changed()
            return removed

    # a batch cut short (quit, cancel, crash) is offered again at the next start

    def _mark_batch(self, kb_name: str, paths: list[str]) -> None:
        batch = {"kb": kb_name, "paths": [str(Path(p).resolve()) for p in paths]}
        write_text(self.home / UNFINISHED, json.dumps(batch, ensure_ascii=False))

    def unfinished(self) -> tuple[str, list[str]] | None:
        """The knowledge base and paths of the last batch when it did not finish (re-running
        it skips what was indexed, by sha256), else None."""
        try:
            batch = json.loads((self.home / UNFINISHED).read_text(encoding="utf-8"))
            return str(batch["kb"]), [str(p) for p in batch["paths"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def forget_unfinished(self) -> None:
        """The last batch need not be offered again."""
        (self.home / UNFINISHED).unlink(missing_ok=True)

    def ask(
        self,
        kb_name: str,
        question: str,
        options: AskOptions | None = None,
        should_stop: Callable[[], bool] = lambda: False,
        record: bool = True,
        conversation: int | None = None,
    ) -> Iterator[AskEvent]:
        """Answer a question; the finished answer is recorded in the knowledge base's
        history (in conversation, or the one used last when None) unless record is False.
        Raises LibraryError or ModelError."""
        options = options or AskOptions.from_settings(self.settings)
        with self._job("ask"):
            label = self.model_label()  # a missing model fails before anything is read
            workspace = self._prepare_ask()
            assistant = Assistant(workspace, self._backend.get, lambda: self._backend.loaded, label)
            budget = Budget(options.min_thinking, options.max_thinking)
            for event in assistant.ask(
                kb_name, question, options.k, budget, should_stop, options.temperature
            ):
                if isinstance(event, Done) and record:
                    kb = workspace.library.knowledge_base(kb_name)
                    history.record(workspace.library, kb, event.answer, conversation)
                yield event

    def _prepare_ask(self) -> Workspace:
        if self._reload_model:  # no answer is running (one at a time): the old model can go
            self._reload_model = False
            self._backend.reset()
        with self._lock:  # an ingest may finish in another thread meanwhile
            stale, self._stale = self._stale, False
        if self._ask_workspace is None:
            self._ask_workspace = self._open()
        elif stale:
            self._ask_workspace.reload_indexes()
        return self._ask_workspace

    def _changed(self) -> None:
        """Another connection changed the library: the ask side reloads its indexes."""
        with self._lock:
            self._stale = True

    # settings and history

    def apply_settings(self, changed: Settings) -> bool:
        """Save new settings and use them; True when the language model will be reloaded
        before the next question. ValueError names the values that do not fit."""
        problems = changed.problems()
        if problems:
            raise ValueError("; ".join(problems))
        before = [getattr(self.settings, name) for name in _MODEL_FIELDS]
        for name, value in vars(changed).items():
            setattr(self.settings, name, value)  # the workspaces share this object
        self.settings.save(self.home)
        if [getattr(self.settings, name) for name in _MODEL_FIELDS] != before:
            self._reload_model = True
        return self._reload_model

    def conversation(self, kb_name: str, conversation: int | None = None) -> list[history.Exchange]:
        """A conversation's exchanges (all of the knowledge base's when None), oldest first;
        none for an unknown knowledge base."""
        library = self.workspace.library
        try:
            kb = library.knowledge_base(kb_name)
        except LibraryError:
            return []
        return history.conversation(library, kb, conversation)

    def conversations(self, kb_name: str) -> list[history.Conversation]:
        """A knowledge base's conversations, the one used last first (none for an unknown
        knowledge base)."""
        library = self.workspace.library
        try:
            kb = library.knowledge_base(kb_name)
        except LibraryError:
            return []
        return history.conversations(library, kb)

    def new_conversation(self, kb_name: str, title: str = "") -> history.Conversation:
        """A new conversation in a knowledge base (created with it when it is new)."""
        library = self.workspace.library
        return history.create_conversation(
            library, library.knowledge_base(kb_name, create=True), title
        )

    def rename_conversation(self, kb_name: str, conversation: int, title: str) -> None:
        """Give a conversation its own title. Raises LibraryError."""
        library = self.workspace.library
        kb = library.knowledge_base(kb_name)
        history.rename_conversation(library, kb, conversation, title)

    def delete_conversation(self, kb_name: str, conversation: int) -> None:
        """Forget a conversation and its exchanges. Raises LibraryError."""
        library = self.workspace.library
        kb = library.knowledge_base(kb_name)
        history.delete_conversation(library, kb, conversation)

    def forget_exchange(self, kb_name: str, exchange: int) -> None:
        """Forget one exchange (its answer was regenerated). Raises LibraryError."""
        library = self.workspace.library
        history.delete_exchange(library, library.knowledge_base(kb_name), exchange)

    def export_markdown(self, kb_name: str, conversation: int | None = None) -> str:
        """A conversation (all of the knowledge base's when None) as Markdown with its
        sources."""
        return conversation_markdown(kb_name, self.conversation(kb_name, conversation))

    def close(self) -> None:
        """Save the indexes, close the databases and let the models go (jobs must have
        ended): a language model freed later, by the garbage collector in whatever thread
        allocates next, can stall that thread for most of a second."""
        self._backend.reset()
        try:
            for workspace in (self._workspace, self._ask_workspace):
                if workspace is not None:
                    workspace.close()
        finally:
            self._workspace = self._ask_workspace = None
            if self._presence is not None:
                self._presence.close()
                self._presence = None

    # crash safety: who has the library open, and a check after a process that did not close

    def _open(self) -> Workspace:
        """A new connection to the library, with this process marked as using it."""
        workspace = Workspace(self.home, self.settings, self._embedder, self._waiting)
        with self._lock:
            if self._presence is None:
                self._presence = Presence(self.home)
        return workspace

    def _waiting(self, message: str) -> None:
        self.on_wait(message)

    def recover(self, full: bool = False) -> Findings | None:
        """When a process ended without closing this library (killed, crashed), check and
        mend it and say what was done; None when there was nothing to check. full: check
        every page of the database even after clean exits (`thinkdesk check`)."""
        if not self.has_library():
            return None
        unclean = unclean_exits(self.home)
        if not unclean and not full:
            return None
        findings = recover(self.workspace, full=full)
        for path in unclean:
            path.unlink(missing_ok=True)
        self._changed()
        return findings

    def library_changed(self) -> bool:
        """Whether another process (or another job's connection) committed to the library
        since the last call; the first call only takes note."""
        if not self.has_library():
            return False
        version = self.workspace.library.data_version()
        changed = self._seen_version is not None and version != self._seen_version
        self._seen_version = version
        return changed

    def check_counts(self) -> list[dict[str, Any]]:
        """What each part of the library holds, per knowledge base (`thinkdesk check`)."""
        return recovery.counts(self.workspace)
