"""The CLI's command handlers, `ask` apart (app/cli/ask.py).

Each takes the parsed arguments, drives the application model and returns an exit code."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from app.application import Application
from app.cli.output import absolute, emit, error, shown, warn
from app.cli.progress import ProgressPrinter
from app.errors import HANDLED
from app.formatting import format_bytes, format_location
from app.home import resolve_home
from app.indexing import IngestSummary


def open_app(args: argparse.Namespace, **options: Any) -> Application:
    """The application model of --home, with settings.json's problems shown as warnings."""
    app = Application(resolve_home(args.home), **options)
    for problem in app.settings_problems:
        warn(problem)
    app.on_wait = warn
    if args.command != "check":  # `check` reports its own findings
        try:
            findings = app.recover()
        except HANDLED as err:  # e.g. the disk is still full: the command may free it
            warn(f"could not check the library after an unclean exit: {err}")
            findings = None
        for line in findings.repaired if findings else []:
            warn(f"after an unclean exit, repaired: {line}")
        for line in findings.damaged if findings else []:
            error(f"after an unclean exit, found: {line}; run `thinkdesk check`")
    return app


def check(args: argparse.Namespace) -> int:
    """Check the whole library against itself and mend what can be mended; exit 1 when
    something is damaged beyond repair."""
    app = open_app(args)
    try:
        findings = app.recover(full=True)
        counts = app.check_counts() if findings and findings.ok else []
    finally:
        app.close()
    if findings is None:
        data: dict[str, Any] = {"ok": True, "repaired": [], "damaged": [], "knowledge_bases": []}
    else:
        data = {
            "ok": findings.ok,
            "repaired": findings.repaired,
            "damaged": findings.damaged,
            "knowledge_bases": counts,
        }
    if args.json:
        emit(data)
        return 0 if data["ok"] else 1
    for line in data["repaired"]:
        print(f"repaired  {line}")
    for line in data["damaged"]:
        print(f"damaged   {line}")
    for kb in data["knowledge_bases"]:
        print(
            f"{kb['name']}: {kb['documents']} documents, {kb['chunks']} chunks, "
            f"{kb['vectors']} vectors, {kb['keywords']} keyword entries, "
            f"{kb['cached_vectors']} in the vector cache"
        )
    print("the library is consistent" if data["ok"] else "the library is damaged")
    return 0 if data["ok"] else 1


def ingest(args: argparse.Namespace) -> int:
    """Add files and folders; exit 1 when there is no supported file at all."""
    app = open_app(args)
    progress = ProgressPrinter(quiet=args.quiet or False)
    try:
        summary = app.ingest(args.kb, [absolute(p) for p in args.paths], args.prune, progress)
    finally:
        progress.close()
        app.close()
    if args.json:
        emit(summary.to_json())
    else:
        _print_ingest(summary)
    if summary.supported == 0 and not summary.removed:
        error("no supported files (pdf, docx, pptx, xlsx, txt, md, csv) found")
        return 1
    return 0


def _print_ingest(summary: IngestSummary) -> None:
    print(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"removed {summary.removed}: {summary.chunks} chunks in {summary.seconds:.1f} s"
    )
    for file, reason in summary.failed:
        print(f"  failed   {shown(file)}: {reason}")
    for file, reason in summary.skipped:
        print(f"  skipped  {shown(file)}: {reason}")


def search(args: argparse.Namespace) -> int:
    """Hybrid retrieval without the LLM."""
    if args.k < 1:
        error("-k must be at least 1")
        return 2
    if not any(ch.isalnum() for ch in args.query):
        error("the query has no words to search for")
        return 2
    app = open_app(args)
    try:
        passages = app.search(args.kb, args.query, args.k)
    finally:
        app.close()
    if args.json:
        emit([p.to_json() for p in passages])
        return 0
    if not passages:
        print("no passage matches", file=sys.stderr)
    for p in passages:
        print(
            f"[{p.rank}] {Path(p.file).name}, {format_location(p.location)}  (score {p.score:.3f}"
            f"{', weak match' if p.weak else ''})"
        )
        print("    " + p.text.replace("\n", "\n    ") + "\n")
    return 0


def status(args: argparse.Namespace) -> int:
    """Knowledge bases with counts, model, index size and failed files (no torch)."""
    app = open_app(args)
    try:
        data = {"knowledge_bases": app.status()}
    finally:
        app.close()
    if args.json:
        emit(data)
        return 0
    print(f"library: {app.home}")
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


def docs(args: argparse.Namespace) -> int:
    """The documents of a knowledge base."""
    app = open_app(args)
    try:
        rows = app.document_rows(args.kb)
    finally:
        app.close()
    if args.json:
        emit(rows)
        return 0
    for row in rows:
        detail = f"{row['chunks']} chunks" if row["status"] == "indexed" else row["reason"]
        print(f"{row['status']:8} {row['file']}  ({detail})")
    if not rows:
        print(f"knowledge base {args.kb!r} has no documents")
    return 0


def remove(args: argparse.Namespace) -> int:
    """Remove documents (a folder removes every document under it)."""
    app = open_app(args)
    try:
        removed, not_found = app.remove(args.kb, [absolute(p) for p in args.paths])
    finally:
        app.close()
    if args.json:
        emit({"removed": removed, "not_found": not_found})
    else:
        for path in removed:
            print(f"removed {path}")
        for path in not_found:
            print(f"not in {args.kb!r}: {path}", file=sys.stderr)
    return 0 if removed or not not_found else 1


def kb(args: argparse.Namespace) -> int:
    """kb list | create NAME | rename OLD NEW | delete NAME | folders."""
    wanted = {"list": 0, "create": 1, "rename": 2, "delete": 1, "folders": 0}[args.action]
    if len(args.names) != wanted:
        error(f"kb {args.action} takes {wanted} name(s)")
        return 2
    if args.action == "folders":
        return folders(args)
    app = open_app(args)
    try:
        if args.action == "create":
            app.create_kb(args.names[0])
        elif args.action == "rename":
            app.rename_kb(*args.names)
        elif args.action == "delete":
            app.delete_kb(args.names[0])
        rows = app.kb_rows()
    finally:
        app.close()
    if args.json:
        emit({"knowledge_bases": rows})
    else:
        for row in rows:
            print(f"{row['name']}: {row['documents']} documents, {row['chunks']} chunks")
    return 0


def folders(args: argparse.Namespace) -> int:
    """kb folders: every knowledge base's folders, watched or not, offline or not."""
    app = open_app(args)
    try:
        rows = app.folder_rows()
    finally:
        app.close()
    if args.json:
        emit({"folders": rows})
        return 0
    for row in rows:
        state = "watched" if row["watched"] else "not watched"
        offline = ", offline (documents kept)" if row["offline"] else ""
        print(f"{row['kb']}: {row['path']}  ({state}{offline}, {row['documents']} documents)")
    if not rows:
        print("no folders yet: `thinkdesk ingest FOLDER` or `thinkdesk watch FOLDER` adds one")
    return 0


def models(args: argparse.Namespace) -> int:
    """The LLMs and embedding models Thinkdesk can use."""
    app = open_app(args)
    try:
        data = app.models()
    finally:
        app.close()
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
    """Start the desktop app. It is loaded by name: the terminal front end never imports Qt,
    and a build without PySide6 still has a working CLI."""
    try:
        desktop = importlib.import_module("app.gui.main")
    except ImportError as err:
        error(
            f"the desktop app is not available in this build ({err}); "
            "the command line works: thinkdesk --help"
        )
        return 1
    return int(desktop.run(resolve_home(args.home)))
