"""Search latency at scale: a synthetic 100k-chunk library (or FinanceBench copied), searched
in-process by this code and by a baseline revision in the same run, plus the vector index
alone at 1M vectors with its recall against exact search.

--synthetic builds the library in a few minutes instead of FinanceBench's fifteen: filing text
read straight from a few FinanceBench PDFs (no parsing pipeline), cut into ~120-word chunks,
is the pool of real texts; each chunk of the library is one of them with its figures redrawn,
its vector the pool text's real embedding mixed with another's and jittered (clustered like
real embeddings, which an IVF index needs to be judged fairly). Documents of 500 chunks carry
filing-like titles and pages. The rows are written through retrieval/store.py as ingest writes
them. --home DIR instead copies the FinanceBench library (`python -m bench.financebench
--home DIR`) --copies times, vectors jittered, as before.

The 64 FinanceBench questions are searched through `thinkdesk search`'s in-process path (query
embedding, vector index, FTS5, re-ranking; 10 passages) by one worker process per code version,
alternately, each worker with its own FAISS cache of the same library: this tree and, with
--baseline REV, that revision (`git archive`). Figures: p50, p95, max and the ratio.

    python -m bench.search_scale --synthetic [--chunks 100000] [--vectors 1000000]
        [--baseline REV] [--scratch DIR] [--json]
    python -m bench.search_scale --home FB_HOME [--copies 5] [--baseline REV] [--json]"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import vector_index as vector_bench
from bench.financebench import CORPUS, DEPTH, KB
from ingest.blocks import Chunk
from retrieval.store import Library

ROOT = Path(__file__).resolve().parents[1]
JITTER = 0.01  # per coordinate, on unit vectors: cosine to the original ~0.98
POOL_PDFS = 6  # FinanceBench filings whose text makes the pool
POOL_MAX = 3000  # pool texts embedded
WORDS = 120  # per chunk
PER_DOCUMENT = 500  # chunks
PER_PAGE = 3  # chunks
COMPANIES = (
    "Acme Industrial", "Blue Harbor Foods", "Cedar Point Energy", "Delta Ridge Pharma",
    "Evergreen Retail", "Falcon Aerospace", "Granite Bank", "Harbor Logistics",
    "Ironwood Software", "Juniper Telecom", "Keystone Insurance", "Lakeside Utilities",
    "Meridian Mining", "Northstar Media", "Oakmont Chemicals", "Pioneer Semiconductors",
)  # fmt: skip
FORMS = ("10K", "10Q", "8K", "ANNUAL_REPORT")
_DIGIT = re.compile(r"\d")


# the synthetic library


def pool_texts(corpus: Path, pdfs: int = POOL_PDFS) -> list[str]:
    """~WORDS-word pieces of the text layer of the first pdfs FinanceBench filings."""
    import pypdfium2 as pdfium

    texts: list[str] = []
    for path in sorted((corpus / "pdfs").glob("*.pdf"))[:pdfs]:
        document = pdfium.PdfDocument(str(path))
        try:
            for page in document:
                textpage = page.get_textpage()
                words = textpage.get_text_range().split()
                textpage.close()
                page.close()
                texts.extend(
                    " ".join(words[i : i + WORDS])
                    for i in range(0, len(words), WORDS)
                    if len(words[i : i + WORDS]) > 20
                )
        finally:
            document.close()
    return texts[:POOL_MAX]


def pool(corpus: Path, cache: Path) -> tuple[list[str], np.ndarray, str]:
    """The pool texts, their real embeddings and the model's name (cached in cache)."""
    if (cache / "pool.json").exists():
        saved = json.loads((cache / "pool.json").read_text(encoding="utf-8"))
        return saved["texts"], np.load(cache / "pool.npy"), saved["model"]
    from app.settings import Settings
    from app.workspace import load_embedder

    texts = pool_texts(corpus)
    embedder = load_embedder(Settings.load(cache))
    vectors = np.concatenate(
        [embedder.embed_batch(texts[i : i + 64]) for i in range(0, len(texts), 64)]
    ).astype(np.float32)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(cache / "pool.npy", vectors)
    saved = {"texts": texts, "model": embedder.name}
    (cache / "pool.json").write_text(json.dumps(saved), encoding="utf-8")
    return texts, vectors, embedder.name


def mixed(base: np.ndarray, picks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Unit vectors near base[picks]: each mixed with a random other base vector, jittered."""
    others = rng.integers(0, len(base), len(picks))
    out = base[picks] + rng.uniform(0, 0.4, (len(picks), 1)).astype(np.float32) * base[others]
    out += rng.normal(0, 0.02, out.shape).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out.astype(np.float32)


def redraw(text: str, rng: np.random.Generator) -> str:
    """The text with every digit redrawn (same shapes, other figures)."""
    digits = iter(rng.integers(0, 10, len(text)).tolist())
    return _DIGIT.sub(lambda _: str(next(digits)), text)


def build_synthetic(target: Path, chunks: int, cache: Path) -> int:
    """A library of about this many chunks in target (an existing one is reused); returns its
    chunk count."""
    library = Library(target / "library.sqlite")
    try:
        kb = library.knowledge_base(KB, create=True)
        if library.chunk_count(kb):
            return library.chunk_count(kb)
        texts, base, model = pool(ROOT.parent / "shared" / "corpora" / "financebench-dev", cache)
        kb = library.bind_model(kb, model, base.shape[1])
        rng = np.random.default_rng(11)
        for number in range(max(1, chunks // PER_DOCUMENT)):
            company = COMPANIES[number % len(COMPANIES)]
            kind = number // len(COMPANIES)  # every (company, form, year) once
            form, year = FORMS[kind % len(FORMS)], 2015 + kind // len(FORMS)
            name = f"{company.upper().replace(' ', '')}_{year}_{form}"
            start = int(rng.integers(0, len(texts)))
            picks = (start + np.arange(PER_DOCUMENT)) % len(texts)
            rows = [
                Chunk(redraw(texts[p], rng), {"page": 1 + i // PER_PAGE}, i, WORDS * 4 // 3)
                for i, p in enumerate(picks)
            ]
            path, title = f"/filings/{company}/{name}.pdf", f"{company} {year} {form}"
            stat = (1_000_000 + number, 1.7e9 + number)
            sha = f"synthetic-{number}"
            library.replace_document(kb, path, sha, stat, rows, mixed(base, picks, rng), title)
        return library.chunk_count(kb)
    finally:
        library.close()


def build_copies(source: Path, target: Path, copies: int) -> int:
    """Copy every indexed document of the source library's knowledge base copies times into
    target (once: an existing target is reused); returns the target's chunk count."""
    library = Library(source / "library.sqlite")
    out = Library(target / "library.sqlite")
    try:
        kb = library.knowledge_base(KB)
        scaled = out.knowledge_base(KB, create=True)
        if out.chunk_count(scaled):
            return out.chunk_count(scaled)
        scaled = out.bind_model(scaled, kb.embedding_model or "", kb.dimension or 0)
        rng = np.random.default_rng(7)
        titles = library.titles(kb)
        for document in library.documents(kb):
            if document.status != "indexed":
                continue
            rows = library.chunks_between(document.id, 0, 1 << 30)
            chunks = [Chunk(r.text, r.location, r.position, 0) for r in rows]
            vectors = library.vectors([r.id for r in rows], kb.dimension or 0)
            for copy in range(copies):
                noisy = vectors + rng.normal(0, JITTER, vectors.shape).astype(np.float32)
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                path = str(Path(document.path).parent / f"copy {copy}" / Path(document.path).name)
                stat = (document.size, document.mtime)
                sha = f"{document.sha256}-{copy}"
                out.replace_document(
                    scaled, path, sha, stat, chunks, noisy, titles.get(document.id, "")
                )
        return out.chunk_count(scaled)
    finally:
        library.close()
        out.close()


# timing: one worker process per code version


WORKER = """
import json, sys, time
from pathlib import Path
from app.application import Application
from app.workspace import Workspace
faiss_dir = Path(sys.argv[2])
Workspace.index_path = lambda self, kb: faiss_dir / f"{kb.id}.index"
app = Application(Path(sys.argv[1]))
for line in sys.stdin:
    question = json.loads(line)
    started = time.perf_counter()
    app.search(sys.argv[3], question, int(sys.argv[4]))
    print((time.perf_counter() - started) * 1000, flush=True)
app.close()
"""


def checkout(revision: str, target: Path) -> Path:
    """The code of a revision (app, ingest, models, retrieval) in target, by git archive."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "app", "ingest", "models", "retrieval"],
        check=True,
        capture_output=True,
    ).stdout
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


class Worker:
    """A process searching one library with one code version, one question at a time."""

    def __init__(self, code: Path, home: Path, faiss_dir: Path) -> None:
        faiss_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(home), str(faiss_dir), KB, str(DEPTH)],
            cwd=code,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def search(self, question: str) -> float:
        """Milliseconds the search took in the worker."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(question) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("search worker died")
        return float(line)

    def close(self) -> None:
        """End the worker (it saves its index)."""
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=600)


def measure(workers: dict[str, Worker], questions: list[str], rounds: int) -> dict[str, Any]:
    """Every question searched by every worker in turn, rounds times; p50/p95/max in ms and
    each worker's p50 over the first's (medians of the rounds' p50s)."""
    for worker in workers.values():
        worker.search("warm-up: load the models and the indexes")
    times: dict[str, list[list[float]]] = {name: [] for name in workers}
    for _ in range(rounds):
        run: dict[str, list[float]] = {name: [] for name in workers}
        for question in questions:
            for name, worker in workers.items():
                run[name].append(worker.search(question))
        for name, ms in run.items():
            times[name].append(ms)
    figures = {}
    for name, runs in times.items():
        every = sorted(ms for run in runs for ms in run)
        figures[name] = {
            "p50_ms": round(statistics.median(statistics.median(r) for r in runs), 1),
            "p95_ms": round(every[int(0.95 * (len(every) - 1))], 1),
            "max_ms": round(every[-1], 1),
        }
    first = next(iter(figures.values()))["p50_ms"]
    for values in figures.values():
        values["p50_ratio"] = round(values["p50_ms"] / first, 3)
    return figures


def vectors_alone(base: np.ndarray, sizes: list[int], queries: np.ndarray) -> list[dict[str, Any]]:
    """The chosen vector index against flat at each size, vectors drawn like the library's."""
    rng = np.random.default_rng(5)
    rows = []
    for size in sizes:
        data = mixed(base, rng.integers(0, len(base), size), rng)
        rows.append(vector_bench.compare(data, queries))
        del data
    return rows


# the command


def questions(corpus: Path) -> list[str]:
    """The FinanceBench questions."""
    lines = (corpus / "questions.jsonl").open(encoding="utf-8")
    return [json.loads(line)["question"] for line in lines]


def main(argv: list[str] | None = None) -> int:
    """Print the figures (Markdown, or --json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--synthetic", action="store_true", help="build a synthetic library")
    source.add_argument("--home", type=Path, help="the FinanceBench library to copy")
    parser.add_argument("--chunks", type=int, default=100_000, help="synthetic library size")
    parser.add_argument("--vectors", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--baseline", help="also time this git revision's code")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scratch", type=Path, help="keep the libraries here")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        scratch = args.scratch or Path(temporary)
        report = run(args, scratch)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(markdown(report))
    return 0


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """Build (or reuse) the library, time the searches, then the vectors alone."""
    started = time.perf_counter()
    target = scratch / "library"
    if args.synthetic:
        built = build_synthetic(target, args.chunks, scratch / "pool")
    else:
        built = build_copies(args.home, target, args.copies)
    seconds = round(time.perf_counter() - started)
    print(f"library: {built} chunks ({seconds} s)", file=sys.stderr)
    codes = {}  # the baseline first: the ratios are to it
    if args.baseline:
        codes[f"baseline {args.baseline}"] = checkout(args.baseline, scratch / "baseline-code")
    codes["this tree"] = ROOT
    workers = {
        name: Worker(code, target, scratch / f"faiss-{n}")
        for n, (name, code) in enumerate(codes.items())
    }
    asked = questions(args.corpus)
    try:
        searches = measure(workers, asked, args.rounds)
    finally:
        for worker in workers.values():
            worker.close()
    report: dict[str, Any] = {"chunks": built, "build_s": seconds, "questions": len(asked)}
    report["searches"] = searches
    if args.synthetic and args.vectors:
        texts, base, _ = pool(
            ROOT.parent / "shared" / "corpora" / "financebench-dev", scratch / "pool"
        )
        queries = query_vectors(asked, scratch / "pool", base)
        report["vectors"] = vectors_alone(base, [built, *args.vectors], queries)
    return report


def query_vectors(asked: list[str], cache: Path, base: np.ndarray) -> np.ndarray:
    """The questions' real embeddings, and as many vectors drawn like the library's."""
    from app.settings import Settings
    from app.workspace import load_embedder

    embedder = load_embedder(Settings.load(cache))
    real = np.asarray(embedder.embed_batch(asked), dtype=np.float32)
    rng = np.random.default_rng(9)
    return np.concatenate([real, mixed(base, rng.integers(0, len(base), len(real)), rng)])


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown tables."""
    lines = [
        f"library: {report['chunks']:,} chunks, {report['questions']} questions",
        "",
        "| code | search p50 | p95 | max | p50 ratio |",
        "|---|---|---|---|---|",
    ]
    for name, f in report["searches"].items():
        lines.append(
            f"| {name} | {f['p50_ms']} ms | {f['p95_ms']} ms | {f['max_ms']} ms "
            f"| {f['p50_ratio']} |"
        )
    if "vectors" in report:
        lines += ["", vector_bench.table(report["vectors"])]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
