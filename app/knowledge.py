"""Knowledge bases and their documents: status, listing, removal, create/rename/delete.

The rows come in the docs/cli.md shapes the CLI prints and the GUI's sidebar shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.folders import forget_under
from app.workspace import Workspace
from retrieval.store import Document, KnowledgeBase, LibraryError

__all__ = ["Document", "DocumentChunk", "KnowledgeBase", "LibraryError"]

_LAST = 2**62  # past any chunk position


@dataclass(frozen=True)
class DocumentChunk:
    """One stored chunk of a document: its id, its place among the document's chunks (from
    0), its location (page, slide, sheet and cells, heading...) and its text."""

    id: int
    position: int
    location: dict[str, Any]
    text: str


def kb_status(workspace: Workspace, kb: KnowledgeBase) -> dict[str, Any]:
    """One knowledge base for `thinkdesk status`: counts, model, index size, failures."""
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


def document_rows(documents: list[Document]) -> list[dict[str, Any]]:
    """The documents for `thinkdesk docs`: file, status, chunks, sha256, size and reason."""
    return [
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


def remove_paths(
    workspace: Workspace, kb_name: str, paths: list[str]
) -> tuple[list[str], list[str]]:
    """Remove the documents at these absolute paths (a folder: every document under it) with
    their vectors and keywords; returns (removed, not found)."""
    library = workspace.library
    kb = library.knowledge_base(kb_name)
    known = [d.path for d in library.documents(kb)]
    removed: list[str] = []
    not_found: list[str] = []
    for given in paths:
        matches = [p for p in known if p == given or p.startswith(given.rstrip("/") + "/")]
        if not matches:
            not_found.append(given)
        for path in matches:
            ids = library.remove_document(kb, path)
            if kb.dimension:
                workspace.index(kb).remove(ids)
            removed.append(path)
    forget_under(workspace, kb, paths)  # a removed folder is no longer one of kb's
    return removed, not_found


def kb_rows(workspace: Workspace) -> list[dict[str, Any]]:
    """Every knowledge base with its document and chunk counts (`thinkdesk kb`)."""
    library = workspace.library
    return [
        {"name": k.name, "documents": len(library.documents(k)), "chunks": library.chunk_count(k)}
        for k in library.knowledge_bases()
    ]


def delete_kb(workspace: Workspace, name: str) -> None:
    """Delete a knowledge base, its documents' index and its conversation (not the files)."""
    doomed = workspace.library.knowledge_base(name)
    workspace.library.delete_knowledge_base(doomed.name)
    workspace.drop_index(doomed)


def document_chunks(workspace: Workspace, kb_name: str, path: str) -> list[DocumentChunk]:
    """The chunks of the document at this path, in their order; LibraryError when the
    knowledge base or the document does not exist."""
    library = workspace.library
    document = library.document(library.knowledge_base(kb_name), path)
    if document is None:
        raise LibraryError(f"{path} is not in the knowledge base {kb_name!r}")
    rows = library.chunks_between(document.id, 0, _LAST)
    return [DocumentChunk(r.id, r.position, r.location, r.text) for r in rows]
