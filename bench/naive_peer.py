"""The tutorial recipe Thinkdesk's ingest is measured against (issue 10): pypdf text per page,
1,000-character chunks with 200 characters of overlap, fp32 MiniLM, a flat FAISS index.

    python -m bench.naive_peer DIR [--json]

Word, PowerPoint and Excel files are read with python-docx (one text per file), python-pptx
(one per slide) and openpyxl (one per sheet, rows tab-separated). Texts are split as LangChain's
RecursiveCharacterTextSplitter does by default (written out here, not installed), each page on
its own; the chunks are embedded by sentence-transformers from the bundled all-MiniLM-L6-v2
folder in batches of 32 with max_seq_length 256, so a chunk's text past 256 tokens is never
embedded; the report counts those chunks and the share of the text the vectors cover.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SUFFIXES = (".pdf", ".docx", ".pptx", ".xlsx")
CHUNK_SIZE, CHUNK_OVERLAP = 1000, 200
SEPARATORS = ("\n\n", "\n", " ", "")
BATCH, MAX_SEQ = 32, 256
SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- loading


def _pdf_pages(path: Path) -> Iterator[str]:
    from pypdf import PdfReader

    for page in PdfReader(path).pages:
        yield page.extract_text() or ""


def _docx_pages(path: Path) -> Iterator[str]:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend("\t".join(cell.text for cell in row.cells) for row in table.rows)
    yield "\n".join(texts)


def _pptx_pages(path: Path) -> Iterator[str]:
    from pptx import Presentation

    for slide in Presentation(str(path)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False):
                rows = shape.table.rows
                texts.extend("\t".join(c.text for c in row.cells) for row in rows)
        yield "\n".join(texts)


def _xlsx_pages(path: Path) -> Iterator[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        yield "\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    workbook.close()


READERS = {".pdf": _pdf_pages, ".docx": _docx_pages, ".pptx": _pptx_pages, ".xlsx": _xlsx_pages}


def files(folder: Path) -> list[Path]:
    """The supported files under folder, recursively, in name order."""
    found = (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return sorted(p for p in found if not p.name.startswith(("~$", ".")))


def pages(path: Path) -> list[str]:
    """A file's texts: one per PDF page, slide or sheet, one for a Word file."""
    return list(READERS[path.suffix.lower()](path))


# ---------------------------------------------------------------- splitting


def _split_keep(text: str, separator: str) -> list[str]:
    """Split on separator, each separator kept at the start of the piece that follows it."""
    if not separator:
        return list(text)
    parts = re.split(f"({re.escape(separator)})", text)
    pieces = [parts[0], *(parts[i] + parts[i + 1] for i in range(1, len(parts) - 1, 2))]
    return [p for p in pieces if p]


def _merge(splits: list[str]) -> list[str]:
    """Greedily join pieces up to CHUNK_SIZE, carrying up to CHUNK_OVERLAP into the next."""
    chunks: list[str] = []
    current: list[str] = []
    total = 0
    for piece in splits:
        if total + len(piece) > CHUNK_SIZE and current:
            chunks.append("".join(current).strip())
            while total > CHUNK_OVERLAP or (total + len(piece) > CHUNK_SIZE and total > 0):
                total -= len(current.pop(0))
        current.append(piece)
        total += len(piece)
    if current:
        chunks.append("".join(current).strip())
    return [c for c in chunks if c]


def split_text(text: str, separators: tuple[str, ...] = SEPARATORS) -> list[str]:
    """RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_text."""
    index = next(i for i, s in enumerate(separators) if s == "" or s in text)
    separator, finer = separators[index], separators[index + 1 :]
    chunks: list[str] = []
    good: list[str] = []
    for piece in _split_keep(text, separator):
        if len(piece) < CHUNK_SIZE:
            good.append(piece)
            continue
        if good:
            chunks.extend(_merge(good))
            good = []
        chunks.extend(split_text(piece, finer) if finer else [piece])
    if good:
        chunks.extend(_merge(good))
    return chunks


# ---------------------------------------------------------------- embedding and index


def model_folder() -> Path:
    """The bundled all-MiniLM-L6-v2 folder (found as retrieval.embeddings' callers find it)."""
    from models.discovery import bundled_embedding_path

    return bundled_embedding_path()


def index_folder(folder: Path) -> dict[str, Any]:
    """Run the recipe on every file under folder: the counts, the seconds, and under "split"
    each page's text followed by its chunks."""
    import faiss
    import torch
    from sentence_transformers import SentenceTransformer

    started = time.perf_counter()
    torch.set_num_threads(os.cpu_count() or 1)
    paths = files(folder)
    split = [[text, *split_text(text)] for path in paths for text in pages(path)]
    chunks = [chunk for _text, *page_chunks in split for chunk in page_chunks]
    model = SentenceTransformer(str(model_folder()), device="cpu", local_files_only=True)
    model.max_seq_length = MAX_SEQ
    vectors = model.encode(chunks, batch_size=BATCH, normalize_embeddings=True)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    seconds = time.perf_counter() - started
    return {
        "files": len(paths),
        "pages": len(split),
        "chunks": index.ntotal,
        "seconds": round(seconds, 3),
        "split": split,
    }


# ---------------------------------------------------------------- what the vectors cover


def embedded_lengths(chunks: list[str], prefixes: list[str] | None = None) -> list[int]:
    """Per chunk, how many of its characters fall inside MAX_SEQ tokens ([CLS] and [SEP]
    included, as sentence-transformers truncates); a prefix embedded before a chunk's text
    (Thinkdesk's title line) uses up tokens but is not counted."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_folder() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    heads = prefixes or [""] * len(chunks)
    lengths = []
    for head, chunk in zip(heads, chunks, strict=True):
        text = f"{head}\n{chunk}" if head else chunk
        encoding = tokenizer.encode(text)
        if len(encoding.ids) <= MAX_SEQ:
            lengths.append(len(chunk))
            continue
        end = encoding.offsets[MAX_SEQ - 2][1]  # the last token kept before [SEP]
        lengths.append(max(0, min(len(chunk), end - len(text) + len(chunk))))
    return lengths


def _solid(text: str) -> int:
    return len(SPACE.sub("", text))


def coverage(pages: list[list[str]], lengths: list[int]) -> float:
    """The share of the pages' non-space characters inside some chunk's embedded part;
    pages holds each page's text followed by its chunks."""
    covered = total = 0
    given = iter(lengths)
    for text, *chunks in pages:
        total += _solid(text)
        spans: list[tuple[int, int]] = []
        for chunk in chunks:
            length = next(given)
            start = text.find(chunk, spans[-1][0] + 1 if spans else 0)
            if start >= 0:
                spans.append((start, start + length))
        end = 0
        for start, stop in spans:
            covered += _solid(text[max(start, end) : stop]) if stop > end else 0
            end = max(end, stop)
    return covered / total if total else 1.0


def truncation(pages: list[list[str]]) -> dict[str, Any]:
    """Chunks cut at MAX_SEQ tokens, and the shares of characters their vectors cover, from
    each page's text followed by its chunks."""
    chunks = [chunk for _text, *page_chunks in pages for chunk in page_chunks]
    lengths = embedded_lengths(chunks)
    total = sum(len(c) for c in chunks)
    return {
        "truncated_chunks": sum(1 for n, c in zip(lengths, chunks, strict=True) if n < len(c)),
        "embedded_share": round(sum(lengths) / total, 4) if total else 1.0,
        "text_coverage": round(coverage(pages, lengths), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = index_folder(args.folder)
    # The wall-clock end of the recipe: ingest_speed.py times it from the process's launch,
    # so the truncation analysis below is not counted.
    result["finished_at"] = time.time()
    result.update(truncation(result.pop("split")))
    if args.json:
        print(json.dumps(result))
    else:
        print(", ".join(f"{k} {v}" for k, v in result.items() if k != "finished_at"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
