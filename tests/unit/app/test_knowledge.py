"""Knowledge bases and their documents in the shapes the CLI prints and the sidebar shows."""

import shutil
from pathlib import Path

import pytest
from fakes import HashingEmbedder

from app import knowledge
from app.indexing import ingest
from app.workspace import Workspace

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def workspace(thinkdesk_home, tmp_path):
    ws = Workspace(thinkdesk_home)
    ws.use_embedder(HashingEmbedder())
    folder = tmp_path / "reports"
    (folder / "deck").mkdir(parents=True)
    shutil.copy(DATA / "good" / "report_en.pdf", folder / "report_en.pdf")
    shutil.copy(DATA / "good" / "deck.pptx", folder / "deck" / "deck.pptx")
    shutil.copy(DATA / "bad" / "encrypted.pdf", folder / "locked.pdf")
    ingest(ws, "default", [str(folder)])
    ws.folder = folder
    yield ws
    ws.close()


def test_status_counts_indexed_documents_and_names_failures(workspace):
    kb = workspace.library.knowledge_base("default")
    status = knowledge.kb_status(workspace, kb)
    assert status["name"] == "default" and status["documents"] == 2
    assert status["chunks"] == workspace.library.chunk_count(kb) > 0
    assert (status["embedding_model"], status["dimension"]) == ("hashing-fake", 64)
    assert status["index_bytes"] == workspace.index_path(kb).stat().st_size > 0
    [failed] = status["failed"]
    assert failed["file"] == str(workspace.folder / "locked.pdf")
    assert "encrypted" in failed["reason"]


def test_document_rows_carry_status_size_hash_and_reason(workspace):
    kb = workspace.library.knowledge_base("default")
    rows = {
        Path(r["file"]).name: r for r in knowledge.document_rows(workspace.library.documents(kb))
    }
    assert set(rows) == {"report_en.pdf", "deck.pptx", "locked.pdf"}
    report = rows["report_en.pdf"]
    assert report["status"] == "indexed" and report["chunks"] > 0 and report["reason"] is None
    assert report["size_bytes"] == (DATA / "good" / "report_en.pdf").stat().st_size
    assert len(report["sha256"]) == 64
    assert rows["locked.pdf"]["status"] == "failed" and rows["locked.pdf"]["chunks"] == 0


def test_removing_a_folder_removes_every_document_under_it_with_its_vectors(workspace):
    kb = workspace.library.knowledge_base("default")
    before = len(workspace.index(kb))
    folder = workspace.folder
    removed, missing = knowledge.remove_paths(
        workspace, "default", [str(folder / "deck"), str(folder / "nothing.pdf")]
    )
    assert removed == [str(folder / "deck" / "deck.pptx")]
    assert missing == [str(folder / "nothing.pdf")]
    assert len(workspace.index(kb)) < before
    assert len(workspace.index(kb)) == workspace.library.chunk_count(kb)
    # a name that only starts like the folder is not under it
    assert knowledge.remove_paths(workspace, "default", [str(folder / "dec")]) == (
        [],
        [str(folder / "dec")],
    )


def test_kb_rows_and_delete(workspace):
    workspace.library.create_knowledge_base("empty")
    rows = {r["name"]: r for r in knowledge.kb_rows(workspace)}
    assert rows["empty"] == {"name": "empty", "documents": 0, "chunks": 0}
    assert rows["default"]["documents"] == 3
    index = workspace.index_path(workspace.library.knowledge_base("default"))
    knowledge.delete_kb(workspace, "default")
    assert [r["name"] for r in knowledge.kb_rows(workspace)] == ["empty"]
    assert not index.exists()


def test_document_chunks_come_in_order_with_their_locations(workspace):
    deck = str(workspace.folder / "deck" / "deck.pptx")
    chunks = knowledge.document_chunks(workspace, "default", deck)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert chunks[0].location["slide"] == 1 and "Acme Robotics Investor Day" in chunks[0].text
    kb = workspace.library.knowledge_base("default")
    assert len(chunks) == workspace.library.document(kb, deck).chunks
    with pytest.raises(knowledge.LibraryError, match="not in the knowledge base"):
        knowledge.document_chunks(workspace, "default", str(workspace.folder / "nothing.pdf"))


def test_a_forced_ingest_parses_and_embeds_an_unchanged_file_again(workspace):
    deck = str(workspace.folder / "deck" / "deck.pptx")
    before = knowledge.document_chunks(workspace, "default", deck)
    assert ingest(workspace, "default", [deck]).unchanged == 1
    summary = ingest(workspace, "default", [deck], force=True)
    assert (summary.updated, summary.unchanged, summary.chunks) == (1, 0, len(before))
    after = knowledge.document_chunks(workspace, "default", deck)
    assert not {c.id for c in before} & {c.id for c in after}
    assert [c.text for c in after] == [c.text for c in before]
