"""The library: SQLite is the source of truth for knowledge bases, documents, chunks, their
vectors (float32 blobs) and the keyword index; one transaction per document."""

from __future__ import annotations

import errno
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.blocks import Chunk
from retrieval.keywords import index_text
from retrieval.migrations import SchemaError, migrate, refuse_newer

log = logging.getLogger(__name__)


class LibraryError(Exception):
    """A library operation that cannot be done; str() is the message for the user."""


class DiskFull(LibraryError):
    """The disk holding the library (or a file beside it) is full: the write was rolled
    back and nothing more can be stored until space is freed."""

    def __init__(self, path: Path, detail: object = "") -> None:
        super().__init__(
            f"disk full: cannot write to {path} ({detail}); free some space and run it again, "
            "nothing already indexed is lost"
        )


BUSY_TIMEOUT_S = 30.0  # any other statement: how long it waits for a lock
WAIT_NOTICE_S = 0.5  # how long a write waits for another process before the user is told
WAIT_LIMIT_S = 600.0  # and how long in all before it gives up


def _busy(err: sqlite3.Error) -> bool:
    """Another connection holds the lock (SQLITE_BUSY or SQLITE_LOCKED and their variants)."""
    name = getattr(err, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def disk_full(err: BaseException) -> bool:
    """Whether an error means the disk is full (SQLite's SQLITE_FULL, or ENOSPC/EFBIG/EDQUOT)."""
    if isinstance(err, sqlite3.Error):
        return getattr(err, "sqlite_errorname", "") == "SQLITE_FULL"
    if isinstance(err, OSError):
        return err.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    return False


@dataclass(frozen=True)
class KnowledgeBase:
    """A named collection of documents embedded with one model."""

    id: int
    name: str
    embedding_model: str | None
    dimension: int | None


@dataclass(frozen=True)
class Document:
    """A file in a knowledge base: indexed with its chunk count, or failed with a reason."""

    id: int
    path: str
    sha256: str
    size: int
    mtime: float
    status: str
    reason: str | None
    chunks: int


@dataclass(frozen=True)
class ChunkRow:
    """A stored chunk with the path of its document."""

    id: int
    document_id: int
    path: str
    text: str
    location: dict[str, Any]
    title: str = ""
    position: int = 0  # its place among its document's chunks, from 0


class Library:
    """The library database at a path (created and migrated on open)."""

    def __init__(self, path: Path, on_wait: Callable[[str], None] | None = None) -> None:
        """on_wait(message): told once per write that waits for another process's."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.on_wait = on_wait or (lambda message: log.info("%s", message))
        try:
            self.db = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=30
            )
            self._set_busy_timeout(BUSY_TIMEOUT_S)
            refuse_newer(self.db)
            self._use_wal()
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            migrate(self.db)
        except sqlite3.DatabaseError as err:
            if disk_full(err):
                raise DiskFull(path, err) from None
            raise LibraryError(f"cannot open the library {path}: {err}") from None
        except SchemaError as err:
            raise LibraryError(str(err)) from None

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def data_version(self) -> int:
        """A number that changes whenever another connection (another process, or another
        thread's library) has committed a change since this one last looked."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; waits while another process
        writes (telling on_wait once), and raises DiskFull when the disk is full."""
        self._begin()
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as err:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if disk_full(err):
                raise DiskFull(self.path, err) from None
            raise

    def write(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement in a transaction of its own (so it waits like any write); its rows."""
        with self.transaction() as db:
            return db.execute(sql, parameters).fetchall()

    def _begin(self) -> None:
        """Take the write lock: a short try first, so that a wait is reported, then up to
        WAIT_LIMIT_S (one writer at a time; readers never wait in WAL mode)."""
        try:
            self._set_busy_timeout(WAIT_NOTICE_S)
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if not _busy(err):
                    raise
            self.on_wait("waiting for the library: another Thinkdesk process is writing to it")
            self._set_busy_timeout(WAIT_LIMIT_S)
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                if _busy(err):
                    raise LibraryError(
                        f"the library {self.path} is still being written by another process "
                        f"after {WAIT_LIMIT_S:.0f} s; close the other Thinkdesk and try again"
                    ) from None
                raise
        finally:
            self._set_busy_timeout(BUSY_TIMEOUT_S)

    def _use_wal(self) -> None:
        """Switch a new library to WAL mode. The switch needs every other connection out of
        the file and SQLite does not wait for that (no busy handler), so it is retried."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as err:
                if not _busy(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _set_busy_timeout(self, seconds: float) -> None:
        self.db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    # knowledge bases

    def knowledge_bases(self) -> list[KnowledgeBase]:
        """All knowledge bases, by name."""
        rows = self.db.execute(
            "SELECT id, name, embedding_model, dimension FROM knowledge_bases ORDER BY name"
        )
        return [KnowledgeBase(*row) for row in rows]

    def knowledge_base(self, name: str, create: bool = False) -> KnowledgeBase:
        """The knowledge base called name; created when create is true, else LibraryError."""
        row = self.db.execute(
            "SELECT id, name, embedding_model, dimension FROM knowledge_bases WHERE name = ?",
            (name,),
        ).fetchone()
        if row:
            return KnowledgeBase(*row)
        if not create:
            raise LibraryError(f"no knowledge base named {name!r}")
        # Another process may create it at the same moment: the first insert wins.
        self.write(
            "INSERT INTO knowledge_bases (name, created) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (name, time.time()),
        )
        return self.knowledge_base(name)

    def create_knowledge_base(self, name: str) -> KnowledgeBase:
        """A new, empty knowledge base; LibraryError when the name is taken or blank."""
        name = name.strip()
        if not name:
            raise LibraryError("a knowledge base needs a name")
        try:
            self.write(
                "INSERT INTO knowledge_bases (name, created) VALUES (?, ?)", (name, time.time())
            )
        except sqlite3.IntegrityError:
            raise LibraryError(f"a knowledge base named {name!r} already exists") from None
        return self.knowledge_base(name)

    def rename_knowledge_base(self, old: str, new: str) -> KnowledgeBase:
        """Rename a knowledge base (its documents and vectors stay)."""
        new = new.strip()
        if not new:
            raise LibraryError("a knowledge base needs a name")
        kb = self.knowledge_base(old)
        try:
            self.write("UPDATE knowledge_bases SET name = ? WHERE id = ?", (new, kb.id))
        except sqlite3.IntegrityError:
            raise LibraryError(f"a knowledge base named {new!r} already exists") from None
        return self.knowledge_base(new)

    def delete_knowledge_base(self, name: str) -> None:
        """Delete a knowledge base with all its documents, chunks and keywords."""
        kb = self.knowledge_base(name)
        with self.transaction():
            self.db.execute("DELETE FROM chunks WHERE kb_id = ?", (kb.id,))
            self.db.execute("DELETE FROM knowledge_bases WHERE id = ?", (kb.id,))

    def bind_model(self, kb: KnowledgeBase, model: str, dimension: int) -> KnowledgeBase:
        """Record the embedding model of a knowledge base; refuse a different one."""
        if kb.embedding_model is None or not self.chunk_count(kb):
            self.write(
                "UPDATE knowledge_bases SET embedding_model = ?, dimension = ? WHERE id = ?",
                (model, dimension, kb.id),
            )
            return self.knowledge_base(kb.name)
        if (kb.embedding_model, kb.dimension) != (model, dimension):
            raise LibraryError(
                f"knowledge base {kb.name!r} was indexed with {kb.embedding_model} "
                f"({kb.dimension} dimensions), not {model} ({dimension}): re-index needed "
                f"(create a new knowledge base, or delete this one and ingest again)"
            )
        return kb

    # documents

    def documents(self, kb: KnowledgeBase) -> list[Document]:
        """The documents of a knowledge base, by path."""
        rows = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE kb_id = ? ORDER BY path", (kb.id,)
        )
        return [Document(*row) for row in rows]

    def document(self, kb: KnowledgeBase, path: str) -> Document | None:
        """The document stored for a path, or None."""
        row = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE kb_id = ? AND path = ?", (kb.id, path)
        ).fetchone()
        return Document(*row) if row else None

    def documents_with_hash(self, kb: KnowledgeBase, sha256: str) -> list[Document]:
        """Indexed documents whose bytes have this sha256."""
        rows = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE kb_id = ? AND sha256 = ? "
            "AND status = 'indexed'",
            (kb.id, sha256),
        )
        return [Document(*row) for row in rows]

    def replace_document(
        self,
        kb: KnowledgeBase,
        path: str,
        sha256: str,
        stat: tuple[int, float],
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        title: str = "",
    ) -> tuple[list[int], list[int]]:
        """Store a document's chunks, vectors and keywords in one transaction, replacing any
        earlier version; returns (removed chunk ids, added chunk ids). The title's words are
        indexed with every chunk: a slide that never names its company still belongs to it."""
        if len(chunks) != len(vectors):
            raise ValueError("one vector per chunk")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self.transaction():
            removed = self._delete_chunks_of(kb, path)
            doc_id = self._upsert_document(kb, path, sha256, stat, "indexed", None, len(chunks))
            self.db.execute("UPDATE documents SET title = ? WHERE id = ?", (title, doc_id))
            added = [
                self._insert_chunk(kb, doc_id, c, v, title)
                for c, v in zip(chunks, vectors, strict=True)
            ]
        return removed, added

    def record_failure(
        self, kb: KnowledgeBase, path: str, sha256: str, stat: tuple[int, float], reason: str
    ) -> None:
        """Record a file that could not be indexed; an indexed earlier version is kept, with
        the reason its update failed."""
        existing = self.document(kb, path)
        with self.transaction():
            if existing and existing.status == "indexed":
                self.db.execute(
                    "UPDATE documents SET reason = ? WHERE id = ?",
                    (f"update failed, earlier version kept: {reason}", existing.id),
                )
            else:
                self._upsert_document(kb, path, sha256, stat, "failed", reason, 0)

    def move_document(self, document: Document, new_path: str, mtime: float, title: str) -> None:
        """A file moved (same bytes, new path): keep its chunks and vectors; its new name
        becomes its title, in the keyword index too."""
        with self.transaction():
            self.db.execute(
                "UPDATE documents SET path = ?, mtime = ?, updated = ?, title = ? WHERE id = ?",
                (new_path, mtime, time.time(), title, document.id),
            )
            rows = self.db.execute(
                "SELECT id, text FROM chunks WHERE document_id = ?", (document.id,)
            ).fetchall()
            for chunk_id, text in rows:
                self.db.execute(
                    "UPDATE chunk_fts SET tokens = ? WHERE rowid = ?",
                    (index_text(f"{title}\n{text}"), chunk_id),
                )

    def remove_document(self, kb: KnowledgeBase, path: str) -> list[int]:
        """Remove a document with its chunks and keywords; returns the removed chunk ids."""
        with self.transaction():
            removed = self._delete_chunks_of(kb, path)
            self.db.execute("DELETE FROM documents WHERE kb_id = ? AND path = ?", (kb.id, path))
        return removed

    def _upsert_document(
        self,
        kb: KnowledgeBase,
        path: str,
        sha256: str,
        stat: tuple[int, float],
        status: str,
        reason: str | None,
        chunks: int,
    ) -> int:
        row = self.db.execute(
            "INSERT INTO documents (kb_id, path, sha256, size, mtime, status, reason, chunks, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kb_id, path) DO UPDATE SET "
            "sha256 = excluded.sha256, size = excluded.size, mtime = excluded.mtime, "
            "status = excluded.status, reason = excluded.reason, chunks = excluded.chunks, "
            "updated = excluded.updated RETURNING id",
            (kb.id, path, sha256, stat[0], stat[1], status, reason, chunks, time.time()),
        ).fetchone()
        return int(row[0])

    def _delete_chunks_of(self, kb: KnowledgeBase, path: str) -> list[int]:
        rows = self.db.execute(
            "DELETE FROM chunks WHERE document_id IN "
            "(SELECT id FROM documents WHERE kb_id = ? AND path = ?) RETURNING id",
            (kb.id, path),
        ).fetchall()
        return [row[0] for row in rows]

    def _insert_chunk(
        self, kb: KnowledgeBase, doc_id: int, chunk: Chunk, vector: Any, title: str
    ) -> int:
        location = json.dumps(chunk.location, ensure_ascii=False)
        row = self.db.execute(
            "INSERT INTO chunks (document_id, kb_id, position, text, location, tokens, vector) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (doc_id, kb.id, chunk.index, chunk.text, location, chunk.tokens, vector.tobytes()),
        ).fetchone()
        chunk_id = int(row[0])
        self.db.execute(
            "INSERT INTO chunk_fts (rowid, tokens) VALUES (?, ?)",
            (chunk_id, index_text(f"{title}\n{chunk.text}")),
        )
        return chunk_id

    # chunks

    def chunk_count(self, kb: KnowledgeBase) -> int:
        """How many chunks a knowledge base holds."""
        return int(
            self.db.execute("SELECT count(*) FROM chunks WHERE kb_id = ?", (kb.id,)).fetchone()[0]
        )

    def counts(self, kb: KnowledgeBase) -> dict[str, int]:
        """What each part holds for a knowledge base, read in one snapshot: documents indexed,
        the chunks they record, chunks stored, vectors of the right size, keyword entries."""
        width = 4 * (kb.dimension or 0)
        with self.snapshot():
            documents, recorded = self.db.execute(
                "SELECT COUNT(*), COALESCE(SUM(chunks), 0) FROM documents "
                "WHERE kb_id = ? AND status = 'indexed'",
                (kb.id,),
            ).fetchone()
            chunks, vectors = self.db.execute(
                "SELECT COUNT(*), COALESCE(SUM(length(vector) = ?), 0) FROM chunks WHERE kb_id = ?",
                (width, kb.id),
            ).fetchone()
            keywords = self.db.execute(
                "SELECT COUNT(*) FROM chunk_fts WHERE rowid IN "
                "(SELECT id FROM chunks WHERE kb_id = ?)",
                (kb.id,),
            ).fetchone()[0]
        return {
            "documents": documents,
            "recorded_chunks": recorded,
            "chunks": chunks,
            "vectors": vectors,
            "keywords": keywords,
        }

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one state of the library (a read transaction; writers go on)."""
        self.db.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def chunk_ids(self, kb: KnowledgeBase) -> np.ndarray:
        """The ids of a knowledge base's chunks (int64)."""
        rows = self.db.execute("SELECT id FROM chunks WHERE kb_id = ?", (kb.id,)).fetchall()
        return np.array([r[0] for r in rows], dtype=np.int64)

    def vectors(self, ids: Sequence[int] | np.ndarray, dimension: int) -> np.ndarray:
        """The stored vectors of these chunks, in the order given."""
        out = np.empty((len(ids), dimension), dtype=np.float32)
        for start in range(0, len(ids), 500):
            part = [int(i) for i in ids[start : start + 500]]
            marks = ",".join("?" * len(part))
            found = dict(
                self.db.execute(f"SELECT id, vector FROM chunks WHERE id IN ({marks})", part)
            )
            for offset, chunk_id in enumerate(part):
                out[start + offset] = np.frombuffer(found[chunk_id], dtype=np.float32)
        return out

    def chunks(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        """Stored chunks by id (missing ids are left out)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"{_CHUNK_SELECT} WHERE c.id IN ({marks})", [int(i) for i in ids])
        return {r[0]: _chunk_row(r) for r in rows}

    def chunks_between(self, document_id: int, first: int, last: int) -> list[ChunkRow]:
        """A document's chunks from position first to last (inclusive), in order."""
        rows = self.db.execute(
            f"{_CHUNK_SELECT} WHERE c.document_id = ? AND c.position BETWEEN ? AND ? "
            "ORDER BY c.position",
            (document_id, first, last),
        )
        return [_chunk_row(r) for r in rows]

    def texts_between(
        self, document_id: int, ranges: Sequence[tuple[int, int]], anchor: tuple[int, int]
    ) -> list[tuple[str, dict[str, Any]]]:
        """(text, location) of a document's chunks in these position ranges (inclusive, in
        order, not overlapping), in order of position; anchor: (id, position) of one of its
        chunks. A document stored in one transaction holds consecutive ids in order of
        position: the ranges are then read by id, else in one pass over its chunks."""
        if not ranges:
            return []
        first, last, count, _ = self._id_ranges([document_id]).get(document_id, (0, -1, 0, 0))
        offset = anchor[0] - anchor[1]  # the id of position 0, if in order
        if last - first + 1 == count and first == offset:
            spans = [(max(a, 0) + offset, min(b, count - 1) + offset) for a, b in ranges]
            spans = [(a, b) for a, b in spans if a <= b]
            where = " OR ".join("id BETWEEN ? AND ?" for _ in spans) or "0"
            rows = self.db.execute(
                f"SELECT text, location, id - position FROM chunks WHERE {where} ORDER BY id",
                [bound for span in spans for bound in span],
            ).fetchall()
            if all(row[2] == offset for row in rows):
                return [(text, json.loads(location)) for text, location, _ in rows]
        where = " OR ".join("position BETWEEN ? AND ?" for _ in ranges)
        found = self.db.execute(
            f"SELECT text, location FROM chunks WHERE document_id = ? AND ({where}) "
            "ORDER BY position",
            [document_id, *(bound for span in ranges for bound in span)],
        )
        return [(text, json.loads(location)) for text, location in found]

    def chunk_ids_of(self, document_ids: Sequence[int]) -> np.ndarray:
        """The chunk ids of these documents (int64)."""
        if not document_ids:
            return np.array([], dtype=np.int64)
        marks = ",".join("?" * len(document_ids))
        rows = self.db.execute(
            f"SELECT id FROM chunks WHERE document_id IN ({marks})", [int(d) for d in document_ids]
        ).fetchall()
        return np.array([r[0] for r in rows], dtype=np.int64)

    def titles(self, kb: KnowledgeBase) -> dict[int, str]:
        """The title of every indexed document of a knowledge base, by document id."""
        rows = self.db.execute(
            "SELECT id, title FROM documents WHERE kb_id = ? AND status = 'indexed'", (kb.id,)
        )
        return {int(r[0]): r[1] for r in rows}

    def keyword_search(
        self,
        kb: KnowledgeBase,
        match: str,
        limit: int,
        documents: Sequence[int] | None = None,
    ) -> list[tuple[int, float]]:
        """(chunk id, bm25 score: higher is better) for an FTS5 MATCH expression; documents:
        only the chunks of these document ids.

        FTS5 ranks without a join first (a join with chunks for every match costs twice as
        much on a 100k-chunk library); the knowledge base's own hits among the first
        OVERFETCH * limit are its best ones, and only when other knowledge bases crowd them
        out is the joined query run. A document's chunks are searched by their id range."""
        if documents is not None:
            return self._keyword_search_in(match, limit, documents)
        over = OVERFETCH * limit
        rows = self.db.execute(
            "SELECT rowid, -bm25(chunk_fts) AS score FROM chunk_fts WHERE chunk_fts MATCH ? "
            "ORDER BY score DESC LIMIT ?",
            (match, over),
        ).fetchall()
        ours = self._chunks_where("kb_id", kb.id, [int(r[0]) for r in rows])
        hits = [(int(r[0]), float(r[1])) for r in rows if int(r[0]) in ours]
        if len(hits) >= limit or len(rows) < over:
            return hits[:limit]
        rows = self.db.execute(
            "SELECT c.id, -bm25(chunk_fts) AS score FROM chunk_fts "
            "JOIN chunks c ON c.id = chunk_fts.rowid "
            "WHERE chunk_fts MATCH ? AND c.kb_id = ? ORDER BY score DESC LIMIT ?",
            (match, kb.id, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def _keyword_search_in(
        self, match: str, limit: int, documents: Sequence[int]
    ) -> list[tuple[int, float]]:
        """The best hits among these documents' chunks, by their rowid ranges (FTS5 reads only
        that part of its index). Documents whose ranges lie close together are searched in
        one query: FTS5 reads every phrase's whole posting list once a query to weigh it (8 ms
        on a 100k-chunk library), and a chunk's bm25 does not depend on the range asked."""
        order = list(dict.fromkeys(int(d) for d in documents))
        spans = self._id_ranges(order)
        place = {document_id: n for n, document_id in enumerate(order)}
        hits: list[tuple[float, int, int, int]] = []  # -score, document's place, rank, id
        for group in _close_groups(sorted(spans.values())):
            first, last = group[0][0], max(g[1] for g in group)
            single = len(group) == 1 and group[0][1] - group[0][0] + 1 == group[0][2]
            rows = self.db.execute(
                "SELECT rowid, -bm25(chunk_fts) AS score FROM chunk_fts WHERE chunk_fts MATCH ? "
                "AND rowid BETWEEN ? AND ? ORDER BY score DESC LIMIT ?",
                (match, first, last, limit if single else -1),
            ).fetchall()
            owner = self._owners(group, [int(r[0]) for r in rows])
            taken: dict[int, int] = {}
            for chunk_id, score in rows:
                document_id = owner.get(int(chunk_id))
                if document_id is None or taken.get(document_id, 0) >= limit:
                    continue
                taken[document_id] = taken.get(document_id, 0) + 1
                hits.append((-float(score), place[document_id], len(hits), int(chunk_id)))
        hits.sort()
        return [(chunk_id, -score) for score, _, _, chunk_id in hits[:limit]]

    def _id_ranges(self, documents: list[int]) -> dict[int, tuple[int, int, int, int]]:
        """(first id, last id, chunk count, document id) of each document with chunks."""
        if not documents:
            return {}
        marks = ",".join("?" * len(documents))
        rows = self.db.execute(
            "SELECT document_id, min(id), max(id), count(*) FROM chunks "
            f"WHERE document_id IN ({marks}) GROUP BY document_id",
            documents,
        ).fetchall()
        return {int(r[0]): (int(r[1]), int(r[2]), int(r[3]), int(r[0])) for r in rows}

    def _owners(self, group: list[tuple[int, int, int, int]], ids: list[int]) -> dict[int, int]:
        """The document (of this group) of each of these chunk ids; others are left out."""
        if all(g[1] - g[0] + 1 == g[2] for g in group):  # each document's ids contiguous
            return {i: g[3] for i in ids for g in group if g[0] <= i <= g[1]}
        owner: dict[int, int] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            wanted = [g[3] for g in group]
            rows = self.db.execute(
                f"SELECT id, document_id FROM chunks WHERE id IN ({marks}) "
                f"AND document_id IN ({','.join('?' * len(wanted))})",
                [*part, *wanted],
            )
            owner.update((int(r[0]), int(r[1])) for r in rows)
        return owner

    def _chunks_where(self, column: str, value: int, ids: list[int]) -> set[int]:
        """Those of ids whose chunk has this document_id or kb_id."""
        marks = ",".join("?" * len(ids)) or "NULL"
        rows = self.db.execute(
            f"SELECT id FROM chunks WHERE {column} = ? AND id IN ({marks})", [value, *ids]
        )
        return {int(r[0]) for r in rows}


def _close_groups(
    spans: list[tuple[int, int, int, int]],
) -> list[list[tuple[int, int, int, int]]]:
    """Id ranges (sorted by first id) grouped while a group's span holds at most twice the
    chunks of its documents (one query then scores few chunks of other documents)."""
    groups: list[list[tuple[int, int, int, int]]] = []
    for span in spans:
        if groups:
            group = groups[-1]
            reach = max(span[1], max(g[1] for g in group)) - group[0][0] + 1
            if reach <= 2 * (span[2] + sum(g[2] for g in group)):
                group.append(span)
                continue
        groups.append([span])
    return groups


OVERFETCH = 4  # FTS5 hits read per hit wanted before the knowledge base is checked


_CHUNK_SELECT = (
    "SELECT c.id, c.document_id, d.path, c.text, c.location, d.title, c.position FROM chunks c "
    "JOIN documents d ON d.id = c.document_id"
)


def _chunk_row(row: tuple[Any, ...]) -> ChunkRow:
    return ChunkRow(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], row[6])


_DOC_COLUMNS = "id, path, sha256, size, mtime, status, reason, chunks"
