"""Events, not strings: the GUI and the CLI consume the same streams, handled with `match`.

IngestEvent and AskEvent are closed unions: a front end that matches on them covers every
case (mypy checks it with assert_never)."""

from __future__ import annotations

from dataclasses import dataclass

from app.answer import Answer, Passage


@dataclass(frozen=True)
class IngestStarted:
    """Files to parse in this batch (unchanged ones are not counted)."""

    total: int
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileStage:
    """A file moved on: stage is parsing or embedding."""

    path: str
    stage: str


@dataclass(frozen=True)
class OcrPage:
    """OCR started on a page of a file without a usable text layer there: page is the page
    number, the done-th of the total pages of this file that OCR reads."""

    path: str
    page: int
    done: int
    total: int


@dataclass(frozen=True)
class PagesParsed:
    """A worker has parsed done of the total pages of a PDF (other formats report none),
    elapsed_s into the batch. Sent now and then, always for the last page."""

    path: str
    done: int
    total: int
    elapsed_s: float = 0.0


@dataclass(frozen=True)
class ChunksEmbedded:
    """done of a file's total chunks are embedded, elapsed_s into the batch: sent with done 0
    as its embedding starts, then after each batch of chunks (about every second)."""

    path: str
    done: int
    total: int
    elapsed_s: float = 0.0


@dataclass(frozen=True)
class FileDone:
    """One file finished: status is indexed, failed, unchanged, moved or skipped."""

    path: str
    status: str
    done: int
    total: int
    elapsed_s: float
    chunks: int = 0
    reason: str | None = None


IngestEvent = IngestStarted | FileStage | OcrPage | PagesParsed | ChunksEmbedded | FileDone


@dataclass(frozen=True)
class ModelLoading:
    """The language model is being loaded (the first question only)."""

    name: str


@dataclass(frozen=True)
class Retrieved:
    """The passages the model will read, numbered from 1 in this order."""

    passages: list[Passage]


@dataclass(frozen=True)
class PrefillProgress:
    """Prompt tokens the model has read so far."""

    done: int
    total: int


@dataclass(frozen=True)
class ThinkingDelta:
    """More of the reasoning trace."""

    text: str


@dataclass(frozen=True)
class AnswerDelta:
    """More of the answer."""

    text: str


@dataclass(frozen=True)
class Done:
    """The finished answer: text, trace, citations and timings."""

    answer: Answer


AskEvent = ModelLoading | Retrieved | PrefillProgress | ThinkingDelta | AnswerDelta | Done
