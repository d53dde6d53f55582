"""The ingest use case with real parsers and a hashing embedder: incremental by content hash,
duplicates, moves, prune, failures that keep what is indexed."""

import shutil
from pathlib import Path

import pytest
from fakes import HashingEmbedder

from app.indexing import document_title, ingest
from app.workspace import Workspace

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    for name in ("report_en.pdf", "deck.pptx", "notes.txt"):
        shutil.copy(DATA / "good" / name, target / name)
    return target


def test_reingesting_an_unchanged_folder_embeds_nothing(workspace, folder):
    first = ingest(workspace, "default", [str(folder)])
    assert (first.added, first.unchanged, first.failed) == (3, 0, [])
    calls = workspace.embedder().calls  # type: ignore[attr-defined]
    again = ingest(workspace, "default", [str(folder)])
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 3, 0)
    assert workspace.embedder().calls == calls  # type: ignore[attr-defined]


def test_a_changed_file_is_replaced_and_its_old_chunks_go(workspace, folder):
    ingest(workspace, "default", [str(folder)])
    (folder / "notes.txt").write_text("Entirely new text about the Oslo office.\n")
    summary = ingest(workspace, "default", [str(folder)])
    assert (summary.updated, summary.unchanged) == (1, 2)
    hits = workspace.search("default", "Lisbon office closed", k=10)
    assert all("Lisbon office" not in p.text for p in hits)
    assert workspace.search("default", "Oslo office", k=1)[0].file.endswith("notes.txt")


def test_same_bytes_twice_are_indexed_once_and_a_moved_file_keeps_its_chunks(workspace, folder):
    shutil.copy(folder / "notes.txt", folder / "notes_copy.txt")
    summary = ingest(workspace, "default", [str(folder)])
    assert summary.added == 3
    assert summary.skipped == [
        (str(folder / "notes_copy.txt"), f"duplicate of {folder / 'notes.txt'}")
    ]
    (folder / "notes_copy.txt").unlink()
    (folder / "notes.txt").rename(folder / "moved.txt")
    moved = ingest(workspace, "default", [str(folder)])
    assert (moved.added, moved.updated, moved.chunks) == (0, 1, 0)
    kb = workspace.library.knowledge_base("default")
    assert str(folder / "moved.txt") in [d.path for d in workspace.library.documents(kb)]


def test_prune_removes_documents_whose_files_are_gone(workspace, folder):
    ingest(workspace, "default", [str(folder)])
    (folder / "deck.pptx").unlink()
    summary = ingest(workspace, "default", [str(folder)], prune=True)
    assert summary.removed == 1
    kb = workspace.library.knowledge_base("default")
    assert len(workspace.library.documents(kb)) == 2
    assert len(workspace.index(kb)) == workspace.library.chunk_count(kb)


def test_bad_files_are_listed_and_the_batch_goes_on(workspace, folder):
    shutil.copy(DATA / "bad" / "encrypted.pdf", folder / "locked.pdf")
    (folder / "image.png").write_bytes(b"\x89PNG")
    summary = ingest(workspace, "default", [str(folder)])
    assert summary.added == 3
    assert summary.failed == [(str(folder / "locked.pdf"), "encrypted: needs a password")]
    assert (str(folder / "image.png"), "unsupported type (.png)") in summary.skipped
    again = ingest(workspace, "default", [str(folder)])  # not parsed again, still reported
    assert again.failed == summary.failed and again.unchanged == 3


def test_a_file_that_breaks_later_keeps_its_indexed_version(workspace, folder):
    ingest(workspace, "default", [str(folder)])
    (folder / "deck.pptx").write_bytes(b"truncated")
    summary = ingest(workspace, "default", [str(folder)])
    assert summary.failed and "corrupt" in summary.failed[0][1]
    hits = workspace.search("default", "Jakarta plant", k=3)
    assert any(p.file.endswith("deck.pptx") for p in hits)


def test_the_vector_cache_is_rebuilt_from_sqlite_when_lost(workspace, folder, thinkdesk_home):
    ingest(workspace, "default", [str(folder)])
    kb = workspace.library.knowledge_base("default")
    workspace.close()
    workspace.index_path(kb).unlink()
    reopened = Workspace(thinkdesk_home)
    reopened.use_embedder(HashingEmbedder())
    assert len(reopened.index(kb)) == reopened.library.chunk_count(kb) > 0
    reopened.close()


def test_a_failure_is_retried_when_the_limits_change(workspace, folder):
    workspace.settings.max_file_mb = 0
    first = ingest(workspace, "default", [str(folder)])
    assert len(first.failed) == 3 and first.failed[0][1].startswith("too large")
    workspace.settings.max_file_mb = 300
    again = ingest(workspace, "default", [str(folder)])
    assert (again.added, again.failed) == (3, [])


def test_copy_then_edit_indexes_both_and_a_file_turned_twin_loses_its_old_text(workspace, folder):
    shutil.copy(folder / "notes.txt", folder / "old_notes.txt")
    ingest(workspace, "default", [str(folder)])
    (folder / "notes.txt").write_text("The Oslo office opened.\n")
    summary = ingest(workspace, "default", [str(folder)])
    assert (summary.added, summary.updated) == (1, 1)  # old_notes.txt is no longer a twin
    shutil.copy(folder / "old_notes.txt", folder / "notes.txt")  # now equal to old_notes
    summary = ingest(workspace, "default", [str(folder)])
    assert summary.skipped == [
        (str(folder / "notes.txt"), f"duplicate of {folder / 'old_notes.txt'}")
    ]
    kb = workspace.library.knowledge_base("default")
    texts = " ".join(p.text for p in workspace.search("default", "Oslo office opened", k=10))
    assert "Oslo" not in texts
    assert len(workspace.index(kb)) == workspace.library.chunk_count(kb)


def test_paths_are_stored_resolved(workspace, folder):
    odd = str(folder / ".." / folder.name)
    ingest(workspace, "default", [odd])
    kb = workspace.library.knowledge_base("default")
    assert all(".." not in d.path for d in workspace.library.documents(kb))


def test_every_embedded_text_fits_the_model_with_its_title(workspace, tmp_path):
    long_name = tmp_path / ("quarterly_research_report_on_the_acme_robotics_group_" * 4 + ".txt")
    long_name.write_text(" ".join(f"Sentence {i} about margins." for i in range(400)))
    embedder = workspace.embedder()
    texts = []
    original = embedder.embed_batch
    embedder.embed_batch = lambda batch: texts.extend(batch) or original(batch)
    ingest(workspace, "default", [str(long_name)])
    assert texts and all(embedder.count_tokens(t) <= embedder.max_tokens for t in texts)


def test_a_lost_save_of_the_vector_cache_is_repaired_on_open(workspace, folder, thinkdesk_home):
    ingest(workspace, "default", [str(folder)])
    kb = workspace.library.knowledge_base("default")
    saved = workspace.index_path(kb).read_bytes()
    (folder / "notes.txt").write_text("Completely different words about Oslo.\n")
    ingest(workspace, "default", [str(folder)])
    workspace.close()
    workspace.index_path(kb).write_bytes(saved)  # the last save was lost
    reopened = Workspace(thinkdesk_home)
    reopened.use_embedder(HashingEmbedder())
    index = reopened.index(kb)
    ids = reopened.library.chunk_ids(kb)
    assert sorted(index.ids().tolist()) == sorted(ids.tolist())
    stored = reopened.library.vectors(ids, kb.dimension)
    for chunk_id, vector in zip(ids, stored, strict=True):
        assert index.search(vector, 1)[0][0] == chunk_id
    reopened.close()


def test_a_chinese_first_line_puts_its_pinyin_in_the_title():
    # "Hongda Precision" finds 宏達精密 under a name that says nothing
    title = document_title(Path("download (3).docx"), "宏達精密2024年度營運分析報告\n正文")
    assert title.split("\n") == [
        "download (3)",
        "hongda dajing jingmi",  # before the first line, which fit_title cuts first
        "宏達精密2024年度營運分析報告",
    ]
    assert document_title(Path("acme.pdf"), "Acme Robotics FY2025") == "acme\nAcme Robotics FY2025"


def test_a_filings_title_is_its_identity_without_the_cover_pages_first_line():
    head = (
        "UNITED STATES SECURITIES AND EXCHANGE COMMISSION FORM 10-K For the fiscal year ended "
        "January 28, 2023 Commission file number 001-33764 ULTA BEAUTY, INC. (Exact name of "
        "registrant as specified in its charter)"
    )
    title = document_title(Path("download (7).pdf"), head, head)
    assert title.split("\n") == [
        "download (7)",
        "ULTA BEAUTY, INC",
        "10-K fiscal year ended January 28, 2023 FY2022 FY2023",
    ]
