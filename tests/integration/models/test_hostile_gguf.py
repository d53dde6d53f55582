"""Bad GGUF files against the real backend: cut short anywhere, not a GGUF at all, or the real
bundled model carrying a hostile chat template (rewritten with gguf's own gguf_new_metadata).
Each fails with a clear ModelError before llama.cpp is handed the file, and nothing of the
template runs outside the sandbox."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import llama_cpp
import pytest
from gguf import GGUFReader

from models.discovery import ModelError, bundled_llm_path
from models.llama_backend import LlamaCppBackend

pytestmark = pytest.mark.slow  # each hostile template is a 98 MB copy of the bundled model

MARKER = Path("/tmp/thinkdesk-template-escaped")
ESCAPE = "{{ raise_exception.__globals__['os'].system('touch " + str(MARKER) + "') }}"
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
DAMAGED = "unreadable GGUF file, incomplete or damaged"


@pytest.fixture
def never_loaded(monkeypatch):
    """llama.cpp's loader, replaced by one that records being called."""
    calls = []
    monkeypatch.setattr(llama_cpp, "Llama", lambda *args, **kwargs: calls.append(args))
    return calls


def with_template(folder: Path, name: str, template: str) -> Path:
    out = folder / name
    subprocess.run(
        [sys.executable, "-m", "gguf.scripts.gguf_new_metadata", str(bundled_llm_path()), str(out)]
        + ["--chat-template", template, "--force"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


CUTS = ["in_metadata.gguf", "in_tensor_table.gguf", "one_byte_short.gguf"]


@cache  # gguf's reader takes seconds over the vocabulary: once for the module
def cuts() -> dict[str, tuple[int, str]]:
    """Where the bundled model is cut, and the reason each cut gives."""
    size = bundled_llm_path().stat().st_size
    table = GGUFReader(str(bundled_llm_path())).data_offset - 100
    return {
        "in_metadata.gguf": (1000, f"{DAMAGED} (a string runs past the end of the file)"),
        "in_tensor_table.gguf": (table, f"{DAMAGED} (a string runs past the end of the file)"),
        "one_byte_short.gguf": (
            size - 1,
            f"{DAMAGED} (truncated: its tensors need {size:,} bytes, the file has "
            f"{size - 1:,} (an incomplete download?))",
        ),
    }


@pytest.mark.parametrize("name", CUTS)
def test_a_truncated_model_is_named_as_such(tmp_path, never_loaded, name):
    cut, reason = cuts()[name]
    path = tmp_path / name
    with open(bundled_llm_path(), "rb") as source:
        path.write_bytes(source.read(cut))
    with pytest.raises(ModelError) as err:
        LlamaCppBackend(path)
    assert str(err.value) == f"{name}: {reason}"
    assert never_loaded == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.gguf", b""),
        ("notes.gguf", b"not a model, just notes"),
        ("report.gguf", (Path(__file__).parents[2] / "data/good/report_en.pdf").read_bytes()),
        ("ggml.gguf", b"lmgg" + bytes(64)),  # the older GGML format's magic
    ],
)
def test_a_file_that_is_not_a_gguf_is_named_as_such(tmp_path, never_loaded, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ModelError) as err:
        LlamaCppBackend(path)
    assert str(err.value) == f"{name} is not a GGUF model file"
    assert never_loaded == []


@pytest.mark.parametrize(
    ("name", "template", "reason"),
    [
        (
            "escape.gguf",
            ESCAPE,
            "it tries something the sandbox forbids: access to attribute '__globals__' of "
            "'function' object is unsafe",
        ),
        ("endless.gguf", ENDLESS, "it did not finish within 1 s (an endless or huge loop)"),
    ],
)
def test_a_hostile_chat_template_is_refused_and_nothing_runs(
    tmp_path, never_loaded, name, template, reason
):
    MARKER.unlink(missing_ok=True)
    path = with_template(tmp_path, name, template)
    with pytest.raises(ModelError) as err:
        LlamaCppBackend(path, n_ctx=512, n_threads=1)
    assert str(err.value) == f"{name}: its chat template is refused: {reason}"
    assert never_loaded == [] and not MARKER.exists()
