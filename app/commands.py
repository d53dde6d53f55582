"""The CLI's command handlers: each takes parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

from app.cli import absolute, emit
from app.formatting import format_bytes, format_location
from app.home import resolve_home
from models.discovery import ModelError
from retrieval.store import LibraryError

HANDLED = (LibraryError, ModelError, sqlite3.DatabaseError, OSError)


def _workspace(args: argparse.Namespace) -> Any:
    from app.workspace import Workspace

    return Workspace(resolve_home(args.home))


def ingest(args: argparse.Namespace) -> int:
    """Add files and folders; exit 1 when there is no supported file at all."""
    from app.indexing import ingest as run_ingest
    from app.progress import ProgressPrinter

    workspace = _workspace(args)
    try:
        summary = run_ingest(
            workspace,
            args.kb,
            [absolute(p) for p in args.paths],
            args.prune,
            ProgressPrinter(quiet=args.quiet or False),
        )
    finally:
        workspace.close()
    if args.json:
        emit(summary.to_json())
    else:
        _print_ingest(summary)
    if summary.supported == 0 and not summary.removed:
        print(
            "thinkdesk: error: no supported files (pdf, docx, pptx, xlsx, txt, md, csv) found",
            file=sys.stderr,
        )
        return 1
    return 0


def _print_ingest(summary: Any) -> None:
    print(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"removed {summary.removed}: {summary.chunks} chunks in {summary.seconds:.1f} s"
    )
    for file, reason in summary.failed:
        print(f"  failed   {file}: {reason}")
    for file, reason in summary.skipped:
        print(f"  skipped  {file}: {reason}")


def search(args: argparse.Namespace) -> int:
    """Hybrid retrieval without the LLM."""
    if args.k < 1:
        print("thinkdesk: error: -k must be at least 1", file=sys.stderr)
        return 2
    if not any(ch.isalnum() for ch in args.query):
        print("thinkdesk: error: the query has no words to search for", file=sys.stderr)
        return 2
    workspace = _workspace(args)
    try:
        passages = workspace.search(args.kb, args.query, args.k)
    finally:
        workspace.close()
    if args.json:
        emit([p.to_json() for p in passages])
        return 0
    if not passages:
        print("no passage matches", file=sys.stderr)
    for p in passages:
        print(
            f"[{p.rank}] {Path(p.file).name}, {format_location(p.location)}  (score {p.score:.3f})"
        )
        print("    " + p.text.replace("\n", "\n    ") + "\n")
    return 0


def ask(args: argparse.Namespace) -> int:
    """Answer a question with the local model (app/ask_command.py)."""
    from app.ask_command import ask as run_ask

    return run_ask(args)


def status(args: argparse.Namespace) -> int:
    """Knowledge bases with counts, model, index size and failed files (no torch)."""
    from app.workspace import Workspace

    home = resolve_home(args.home)
    if not (home / "library.sqlite").exists():
        data: dict[str, Any] = {"knowledge_bases": []}
    else:
        workspace = Workspace(home)
        try:
            data = {
                "knowledge_bases": [
                    _kb_status(workspace, kb) for kb in workspace.library.knowledge_bases()
                ]
            }
        finally:
            workspace.library.close()
    if args.json:
        emit(data)
        return 0
    print(f"library: {home}")
    if not data["knowledge_bases"]:
        print("no knowledge bases yet: `thinkdesk ingest PATH` creates one")
    for kb in data["knowledge_bases"]:
        print(
            f"{kb['name']}: {kb['documents']} documents, {kb['chunks']} chunks, "
            f"{kb['embedding_model'] or 'no model yet'} ({kb['dimension'] or '-'} dims), "
            f"index {format_bytes(kb['index_bytes'])}, {len(kb['failed'])} failed"
        )
        for failure in kb["failed"]:
            print(f"  failed  {failure['file']}: {failure['reason']}")
    return 0


def _kb_status(workspace: Any, kb: Any) -> dict[str, Any]:
    documents = workspace.library.documents(kb)
    index = workspace.index_path(kb)
    return {
        "name": kb.name,
        "documents": sum(d.status == "indexed" for d in documents),
        "chunks": workspace.library.chunk_count(kb),
        "embedding_model": kb.embedding_model,
        "dimension": kb.dimension,
        "index_bytes": index.stat().st_size if index.exists() else 0,
        "failed": [{"file": d.path, "reason": d.reason} for d in documents if d.status == "failed"],
    }


def docs(args: argparse.Namespace) -> int:
    """The documents of a knowledge base."""
    workspace = _workspace(args)
    try:
        kb = workspace.library.knowledge_base(args.kb)
        documents = workspace.library.documents(kb)
    finally:
        workspace.library.close()
    rows = [
        {
            "file": d.path,
            "status": d.status,
            "chunks": d.chunks,
            "sha256": d.sha256,
            "size_bytes": d.size,
            "reason": d.reason,
        }
        for d in documents
    ]
    if args.json:
        emit(rows)
        return 0
    for row in rows:
        detail = f"{row['chunks']} chunks" if row["status"] == "indexed" else row["reason"]
        print(f"{row['status']:8} {row['file']}  ({detail})")
    if not rows:
        print(f"knowledge base {kb.name!r} has no documents")
    return 0


def remove(args: argparse.Namespace) -> int:
    """Remove documents (a folder removes every document under it)."""
    workspace = _workspace(args)
    removed: list[str] = []
    not_found: list[str] = []
    try:
        kb = workspace.library.knowledge_base(args.kb)
        known = [d.path for d in workspace.library.documents(kb)]
        for given in (absolute(p) for p in args.paths):
            matches = [p for p in known if p == given or p.startswith(given.rstrip("/") + "/")]
            if not matches:
                not_found.append(given)
            for path in matches:
                ids = workspace.library.remove_document(kb, path)
                if kb.dimension:
                    workspace.index(kb).remove(ids)
                removed.append(path)
    finally:
        workspace.close()
    if args.json:
        emit({"removed": removed, "not_found": not_found})
    else:
        for path in removed:
            print(f"removed {path}")
        for path in not_found:
            print(f"not in {args.kb!r}: {path}", file=sys.stderr)
    return 0 if removed or not not_found else 1


def kb(args: argparse.Namespace) -> int:
    """kb list | create NAME | rename OLD NEW | delete NAME."""
    wanted = {"list": 0, "create": 1, "rename": 2, "delete": 1}[args.action]
    if len(args.names) != wanted:
        print(f"thinkdesk: error: kb {args.action} takes {wanted} name(s)", file=sys.stderr)
        return 2
    workspace = _workspace(args)
    try:
        library = workspace.library
        if args.action == "create":
            library.create_knowledge_base(args.names[0])
        elif args.action == "rename":
            library.rename_knowledge_base(*args.names)
        elif args.action == "delete":
            doomed = library.knowledge_base(args.names[0])
            library.delete_knowledge_base(doomed.name)
            workspace.drop_index(doomed)
        rows = [
            {
                "name": k.name,
                "documents": len(library.documents(k)),
                "chunks": library.chunk_count(k),
            }
            for k in library.knowledge_bases()
        ]
    finally:
        workspace.library.close()
    if args.json:
        emit({"knowledge_bases": rows})
    else:
        for row in rows:
            print(f"{row['name']}: {row['documents']} documents, {row['chunks']} chunks")
    return 0


def models(args: argparse.Namespace) -> int:
    """The LLMs and embedding models Thinkdesk can use."""
    from app.model_catalog import catalog
    from app.settings import Settings

    home = resolve_home(args.home)
    data = catalog(Settings.load(home), home)
    if args.json:
        emit(data)
        return 0
    print("language models:")
    for m in data["llm"]:
        mark = "*" if m["default"] else " "
        print(
            f" {mark} {m['name']} ({m['quantization']}, {format_bytes(m['size_bytes'])}, "
            f"{m['context_length']} ctx, {m['source']})  {m['path']}"
        )
    print("embedding models:")
    for m in data["embedding"]:
        mark = "*" if m["default"] else " "
        print(f" {mark} {m['name']} ({m['dimension']} dims)  {m['path']}")
    return 0


def gui(args: argparse.Namespace) -> int:
    """Start the desktop app."""
    try:
        from app.gui.main import run
    except ImportError as err:
        print(
            f"thinkdesk: error: the desktop app is not available in this build ({err}); "
            "the command line works: thinkdesk --help",
            file=sys.stderr,
        )
        return 1
    return run(resolve_home(args.home))
