"""Boilerplate embedded once a batch: a chunk text repeated in a file reuses its vector, and
one repeated across documents shares one vector of the bare text (no document's title)."""

import numpy as np
import pytest

from app.indexing import ingest

DISCLAIMER = "# Disclaimer\n\nThis note is not investment advice and may change without notice.\n"


@pytest.fixture
def embedded(workspace):
    """Every text the embedder was given."""
    texts: list[str] = []
    embedder = workspace.embedder()
    original = embedder.embed_batch
    embedder.embed_batch = lambda batch: texts.extend(batch) or original(batch)
    return texts


def note(folder, name, body):
    path = folder / name
    path.write_text(f"# Results\n\n{body}\n\n{DISCLAIMER}\n# Outlook\n\nSteady.\n\n{DISCLAIMER}")
    return path


def vectors_of(workspace, text):
    kb = workspace.library.knowledge_base("default")
    rows = workspace.library.db.execute(
        "SELECT id FROM chunks WHERE kb_id = ? AND text = ?", (kb.id, text)
    ).fetchall()
    return workspace.library.vectors([r[0] for r in rows], kb.dimension)


def test_a_text_repeated_in_a_file_is_embedded_once(workspace, embedded, tmp_path):
    note(tmp_path, "acme_note.md", "Acme revenue rose 5 percent.")
    summary = ingest(workspace, "default", [str(tmp_path)])
    assert summary.chunks == 4 and summary.reused == 1
    assert len(embedded) == 3 and len(set(embedded)) == 3


def test_boilerplate_across_documents_shares_one_vector_without_a_title(
    workspace, embedded, tmp_path
):
    for name in ("acme_note.md", "beta_note.md", "gamma_note.md"):
        note(tmp_path, name, f"{name} revenue rose.")
    summary = ingest(workspace, "default", [str(tmp_path)])
    assert summary.chunks == 12
    bare = "# Disclaimer\nThis note is not investment advice and may change without notice."
    assert embedded.count(bare) == 1  # the second document's copy, shared by the third
    titled = [t for t in embedded if t.endswith(bare) and t != bare]
    assert len(titled) == 1  # the first document's, with its title
    assert summary.reused == 12 - len(embedded)
    vectors = vectors_of(workspace, bare)
    assert len(vectors) == 6 and len({v.tobytes() for v in vectors}) == 2
    assert all(np.isclose(np.linalg.norm(v), 1.0) for v in vectors)
