"""Generate the hybrid-retrieval evaluation corpus and questions.json (see README.md)."""

# Run from the repository root:  .venv/bin/python tests/retrieval/make_corpus.py [--check]
# Writes tests/retrieval/corpus/ (36 reports: 10 labelled, 26 look-alikes, in PDF, Word,
# PowerPoint and Excel; English, Simplified and Traditional Chinese) and questions.json.
# The output is byte-for-byte deterministic. --check only reads the files back and verifies
# that every answer is at its stated location and nowhere else in the corpus.

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_check import check  # noqa: E402
from corpus_model import DOCS, Doc, build  # noqa: E402
from corpus_questions import QUESTIONS  # noqa: E402
from corpus_text import sections, sheets, subtitle, title  # noqa: E402
from corpus_writers import Locations, write_docx, write_pdf, write_pptx, write_xlsx  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SCRIPTS = {"en": None, "hans": "simplified", "hant": "traditional"}


def write_doc(doc: Doc) -> Locations:
    """Write one report into CORPUS; return where each of its facts is."""
    path = HERE / doc.file
    if doc.fmt == "xlsx":
        return write_xlsx(path, title(doc), sheets(doc))
    chapters = sections(doc)
    if doc.fmt == "pdf":
        return write_pdf(path, doc.lang, title(doc), subtitle(doc), chapters)
    writer = write_docx if doc.fmt == "docx" else write_pptx
    return writer(path, title(doc), subtitle(doc), chapters)


def make_question(number: int, doc: Doc, fact: str, text: str, where: Locations) -> dict[str, Any]:
    values = {"name": doc.name, "year": doc.year, **doc.facts}
    return {
        "id": f"q{number:02d}",
        "lang": "en" if doc.lang == "en" else "zh",
        "script": SCRIPTS[doc.lang],
        "question": text.format(**values),
        "file": doc.file,
        "location": where[fact],
        "format": doc.fmt,
        "answer": doc.facts[fact],
    }


def generate() -> list[dict[str, Any]]:
    """Write the corpus and questions.json; return the questions."""
    build(DOCS)
    shutil.rmtree(CORPUS, ignore_errors=True)
    CORPUS.mkdir()
    places = {doc.stem: write_doc(doc) for doc in DOCS}
    docs = {doc.stem: doc for doc in DOCS}
    questions = [
        make_question(i, docs[stem], fact, text, places[stem])
        for i, (stem, fact, text) in enumerate(QUESTIONS, start=1)
    ]
    text = json.dumps(questions, ensure_ascii=False, indent=2) + "\n"
    (HERE / "questions.json").write_text(text, encoding="utf-8")
    return questions


def summary(questions: list[dict[str, Any]]) -> None:
    files = sorted(CORPUS.iterdir())
    for path in files:
        print(f"{path.relative_to(HERE)}  {path.stat().st_size} bytes")
    total = sum(path.stat().st_size for path in files)
    print(f"{len(files)} files, {total} bytes; {len(questions)} questions")
    print("by language:", dict(Counter(f"{q['lang']}/{q['script']}" for q in questions)))
    print("by format:", dict(Counter(q["format"] for q in questions)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the files, do not write")
    args = parser.parse_args(argv)
    if not args.check:
        summary(generate())
    problems = check(HERE)
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    print("check:", "failed" if problems else "all answers found at their locations only")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
