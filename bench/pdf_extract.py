"""Compare pypdf and pypdfium2 per-page text extraction: corpus speed, quality on known text."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import logging
import os
import platform
import re
import shlex
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader

DEFAULT_CORPUS = Path("/work/shared/corpora/pdfplumber-tests")
SKIP_FOR_SPEED = {"password-example.pdf"}
EDGE_CASES = ("password-example.pdf", "malformed-from-issue-932.pdf", "empty.pdf")
EMPTY_VS_FULL_CHARS = 50
CID_RE = re.compile(r"\(cid:\d+\)")
WS_RE = re.compile(r"\s+")

ENGLISH_LINES = [
    "Quarterly Research Report: Semiconductor Supply Chains",
    "Revenue grew 12.5% year over year, reaching $4.2 billion in Q3 2024.",
    "Key risks include export controls, capacity constraints and pricing.",
    "Analysts expect margins to stabilise by mid-2025 (base case).",
    "Contact: research@example.com / +1 (555) 010-2030",
]
SIMPLIFIED_LINES = [
    "人工智能行业研究报告摘要",
    "本报告分析了二零二四年第三季度的市场数据。",
    "数据显示，营业收入同比增长百分之十二点五。",
    "主要风险包括出口管制、产能约束以及价格竞争。",
    "我们预计利润率将在明年年中企稳。",
]
TRADITIONAL_LINES = [
    "臺灣半導體產業研究報告",
    "本報告分析了二零二三年度的營運資料。",
    "資料顯示，營收成長率為百分之八點三。",
    "主要風險包括匯率變動與國際貿易關係。",
    "我們維持對該產業的長期樂觀看法。",
]
SYNTHETIC = [  # (label, reportlab font name, CID font to register or None, lines)
    ("English (Helvetica)", "Helvetica", None, ENGLISH_LINES),
    ("Simplified Chinese (STSong-Light)", "STSong-Light", "STSong-Light", SIMPLIFIED_LINES),
    ("Traditional Chinese (MSung-Light)", "MSung-Light", "MSung-Light", TRADITIONAL_LINES),
]
QUIRKS = {  # label -> predicate over a page's text, counted as occurrences
    "`\\r\\n` pairs": lambda t: t.count("\r\n"),
    "lone `\\r`": lambda t: t.count("\r") - t.count("\r\n"),
    "lone `\\n`": lambda t: t.count("\n") - t.count("\r\n"),
    "form feed `\\f`": lambda t: t.count("\f"),
    "tab `\\t`": lambda t: t.count("\t"),
    "U+FFFE (pdfium: hyphen at line end, line break removed)": lambda t: t.count("\ufffe"),
    "U+0002 (older pdfium hyphen marker)": lambda t: t.count("\x02"),
    "U+00AD soft hyphen": lambda t: t.count("\xad"),
    "other C0 controls": lambda t: sum(c < " " and c not in "\r\n\t\f\x02" for c in t),
    "U+00A0 no-break space": lambda t: t.count("\xa0"),
    "ligatures U+FB00-FB06": lambda t: sum("\ufb00" <= c <= "\ufb06" for c in t),
    "U+FEFF": lambda t: t.count("\ufeff"),
    "pages ending in a line break": lambda t: int(t.endswith(("\n", "\r"))),
    "pages ending in whitespace": lambda t: int(t[-1:].isspace()),
}


def pypdf_pages(path: Path) -> list[str]:
    """Extract every page with pypdf, one string per page."""
    reader = PdfReader(path)
    return [page.extract_text() for page in reader.pages]


def pdfium_pages(path: Path) -> list[str]:
    """Extract every page with pypdfium2, closing textpage, page and document."""
    pdf = pdfium.PdfDocument(path)
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


LIBS: dict[str, Callable[[Path], list[str]]] = {"pypdf": pypdf_pages, "pypdfium2": pdfium_pages}


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[list[str]]:
    """Silence pypdf's logger and warnings; yield the list that collects what they said."""
    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(f"{record.levelname}: {record.getMessage()}")

    logger, handler = logging.getLogger("pypdf"), Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield said
        said.extend(f"warning: {w.message}" for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def describe_error(exc: BaseException) -> str:
    """Render an exception as `module.Class: message` for the report."""
    cls = type(exc)
    return f"`{cls.__module__}.{cls.__qualname__}`: {str(exc)!r}"


@dataclass
class Survey:
    """One untimed pass over the corpus: per-file texts per library, and file-level failures."""

    texts: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lib -> file -> pages
    errors: dict[str, dict[str, str]] = field(default_factory=dict)  # lib -> file -> error
    pypdf_logs: dict[str, list[str]] = field(default_factory=dict)  # file -> what pypdf logged

    def speed_set(self) -> list[str]:
        """Files both libraries read without error and with the same page count."""
        a, b = (self.texts[name] for name in LIBS)
        return sorted(f for f in a.keys() & b.keys() if len(a[f]) == len(b[f]))


def survey(paths: list[Path]) -> Survey:
    """Extract every file once with each library, recording failures instead of raising."""
    result = Survey({name: {} for name in LIBS}, {name: {} for name in LIBS})
    for name, extract in LIBS.items():
        for path in paths:
            with quiet_pypdf() as said:
                try:
                    result.texts[name][path.name] = extract(path)
                except Exception as exc:  # record any failure, never raise
                    result.errors[name][path.name] = describe_error(exc)
            if said and name == "pypdf":
                result.pypdf_logs[path.name] = list(dict.fromkeys(said))
    return result


def time_runs(paths: list[Path], repeat: int) -> dict[str, list[float]]:
    """Run each library over all paths `repeat` times, interleaved A,B,A,B; pages/s per run."""
    rates: dict[str, list[float]] = {name: [] for name in LIBS}
    with quiet_pypdf():
        for _ in range(repeat):
            for name, extract in LIBS.items():
                start = time.perf_counter()
                pages = sum(len(extract(path)) for path in paths)
                rates[name].append(pages / (time.perf_counter() - start))
    return rates


def probe_pypdf(path: Path) -> str:
    """Describe what pypdf does with a file: where it fails, its flags and what it logs."""
    with quiet_pypdf() as said:
        try:
            reader = PdfReader(path)
        except Exception as exc:
            return f"open raises {describe_error(exc)}"
        notes = [f"is_encrypted={reader.is_encrypted}"]
        try:
            texts = [page.extract_text() for page in reader.pages]
            notes.append(f"{len(texts)} pages, {sum(map(len, texts))} chars")
        except Exception as exc:
            notes.append(f"extract raises {describe_error(exc)}")
    logged = "; ".join(dict.fromkeys(said))
    return ", ".join(notes) + (f"; logs {logged!r}" if logged else "")


def probe_pdfium(path: Path) -> str:
    """Describe what pypdfium2 does with a file: open error or page/char counts."""
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:
        return f"open raises {describe_error(exc)}"
    pdf.close()
    try:
        texts = pdfium_pages(path)
    except Exception as exc:
        return f"extract raises {describe_error(exc)}"
    return f"opens, {len(texts)} pages, {sum(map(len, texts))} chars"


def normalise(text: str) -> str:
    """Drop all whitespace so only the characters themselves are compared."""
    return WS_RE.sub("", text)


def similarity(got: str, truth: str) -> float:
    """Character-level similarity (SequenceMatcher ratio) ignoring whitespace."""
    return difflib.SequenceMatcher(None, normalise(got), normalise(truth), autojunk=False).ratio()


def make_pdf(path: Path, font: str, cid_font: str | None, lines: list[str]) -> None:
    """Write a one-page PDF with `lines` drawn top to bottom in `font`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if cid_font:
        pdfmetrics.registerFont(UnicodeCIDFont(cid_font))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(font, 12)
    for i, line in enumerate(lines):
        pdf.drawString(72, 770 - 20 * i, line)
    pdf.showPage()
    pdf.save()


def synthetic_quality() -> dict[str, dict[str, float]]:
    """Similarity of each library's output to the ground truth, per generated PDF."""
    scores: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="thinkdesk-bench-") as tmp, quiet_pypdf():
        for label, font, cid_font, lines in SYNTHETIC:
            path = Path(tmp) / f"{font}.pdf"
            make_pdf(path, font, cid_font, lines)
            truth = "\n".join(lines)
            scores[label] = {n: similarity("".join(f(path)), truth) for n, f in LIBS.items()}
    return scores


def garbage_counts(texts: dict[str, list[str]]) -> dict[str, int]:
    """Count U+FFFD, private-use code points and `(cid:NN)` tokens over all pages."""
    joined = "".join(page for pages in texts.values() for page in pages)
    private = sum("\ue000" <= c <= "\uf8ff" or "\U000f0000" <= c <= "\U0010ffff" for c in joined)
    return {
        "U+FFFD": joined.count("\ufffd"),
        "private-use": private,
        "(cid:NN)": len(CID_RE.findall(joined)),
    }


def char_counts(result: Survey, files: list[str]) -> list[tuple[str, int, int, int]]:
    """(file, page number, pypdf chars, pypdfium2 chars) per page, whitespace not counted."""
    a, b = (result.texts[name] for name in LIBS)
    return [
        (f, i + 1, len(normalise(pa)), len(normalise(pb)))
        for f in files
        for i, (pa, pb) in enumerate(zip(a[f], b[f], strict=True))
    ]


def is_lost(mine: int, other: int, keep: float) -> bool:
    """True when I have <= keep x the other's chars and the other has more than 50."""
    return other > EMPTY_VS_FULL_CHARS and mine <= keep * other


def lost_pages(result: Survey, files: list[str], keep: float) -> dict[str, tuple[int, int]]:
    """Per library: (pages lost per is_lost, pages compared); keep=0 counts empty pages."""
    counts = char_counts(result, files)
    a_lost = sum(is_lost(x, y, keep) for _, _, x, y in counts)
    b_lost = sum(is_lost(y, x, keep) for _, _, x, y in counts)
    a_name, b_name = LIBS
    return {a_name: (a_lost, len(counts)), b_name: (b_lost, len(counts))}


def lost_page_lines(result: Survey, files: list[str]) -> list[str]:
    """One bullet per page where either library has <= half the other's characters."""
    a, b = LIBS
    return [
        f"- `{f}` p.{page}: {a} {x} chars, {b} {y} chars (whitespace not counted)"
        for f, page, x, y in char_counts(result, files)
        if is_lost(x, y, 0.5) or is_lost(y, x, 0.5)
    ] or ["- none"]


def agreement(result: Survey, files: list[str]) -> float:
    """Median whitespace-free similarity between the two libraries over non-empty page pairs."""
    a, b = (result.texts[name] for name in LIBS)
    ratios = [
        similarity(pa, pb)
        for f in files
        for pa, pb in zip(a[f], b[f], strict=True)
        if pa.strip() or pb.strip()
    ]
    return statistics.median(ratios) if ratios else float("nan")


def quirk_counts(texts: dict[str, list[str]]) -> dict[str, int]:
    """Occurrences of each special character pattern in QUIRKS over all pages."""
    pages = [page for pages in texts.values() for page in pages]
    return {label: sum(count(p) for p in pages) for label, count in QUIRKS.items()}


def cpu_model() -> str:
    """CPU model name from /proc/cpuinfo, or platform.processor() elsewhere."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def versions() -> str:
    """Library versions, including the PDFium build pypdfium2 bundles."""
    pdfium_build = "?"
    with contextlib.suppress(Exception):
        from pypdfium2.version import PDFIUM_INFO

        pdfium_build = str(PDFIUM_INFO.build)
    return (
        f"pypdf {version('pypdf')}, pypdfium2 {version('pypdfium2')} (PDFium {pdfium_build}), "
        f"reportlab {version('reportlab')}, Python {platform.python_version()}"
    )


def header_lines(args: argparse.Namespace) -> list[str]:
    """Date, machine, versions and the exact command."""
    command = shlex.join(["python", "-m", "bench.pdf_extract", *sys.argv[1:]])
    return [
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {os.cpu_count()} cores, {cpu_model()}, {platform.system()}",
        f"- Versions: {versions()}",
        f"- Command (from the repo root): `{command}`",
        f"- Corpus: `{args.corpus}` (`{'`, `'.join(sorted(SKIP_FOR_SPEED))}` skipped for speed)",
    ]


def fmt_pct(part: int, whole: int) -> str:
    """`part/whole (x.x%)`."""
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "n/a"


def speed_rows(rates: dict[str, list[float]], files: int, pages: int) -> list[tuple]:
    """Table rows: what was timed, median pages/s and the ratio, every run."""
    a, b = LIBS
    med = {n: statistics.median(r) for n, r in rates.items()}
    runs = {n: ", ".join(f"{x:.1f}" for x in r) for n, r in rates.items()}
    return [
        ("Files / pages timed", f"{files} / {pages}", f"{files} / {pages}", ""),
        (f"Median pages/s ({len(rates[a])} runs)", f"{med[a]:.1f}", f"{med[b]:.1f}", ""),
        ("Ratio of medians", "", "", f"{b}/{a} = **{med[b] / med[a]:.2f}x**"),
        ("Each run, pages/s", runs[a], runs[b], "interleaved A,B,A,B"),
    ]


def quality_rows(quality: dict[str, dict[str, float]], result: Survey, files: list[str]):
    """Table rows: synthetic similarity, lost pages and garbage characters on the corpus."""
    a, b = LIBS
    rows: list[tuple[Any, ...]] = [
        (f"Similarity: {lbl}", f"{s[a]:.3f}", f"{s[b]:.3f}", "") for lbl, s in quality.items()
    ]
    empty, short = lost_pages(result, files, 0.0), lost_pages(result, files, 0.5)
    other = f"other >{EMPTY_VS_FULL_CHARS} chars"
    rows.append((f"Pages empty, {other}", fmt_pct(*empty[a]), fmt_pct(*empty[b]), ""))
    rows.append(
        (f"Pages with <=half the chars, {other}", fmt_pct(*short[a]), fmt_pct(*short[b]), "")
    )
    garbage = {n: garbage_counts({f: result.texts[n][f] for f in files}) for n in LIBS}
    rows += [(f"Garbage: {k}", garbage[a][k], garbage[b][k], "") for k in garbage[a]]
    agree = f"{agreement(result, files):.3f}"
    rows.append(("Median per-page similarity pypdf vs pypdfium2", "", "", agree))
    return rows


def markdown(head: list[str], rows: list[tuple]) -> list[str]:
    """Render a Markdown table."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def edge_table(corpus: Path, result: Survey) -> list[str]:
    """How each library reacts to the encrypted, malformed and empty PDFs, plus other failures."""
    rows: list[tuple[str, ...]] = [
        (f"`{n}`", probe_pypdf(corpus / n), probe_pdfium(corpus / n)) for n in EDGE_CASES
    ]
    others = sorted({f for errs in result.errors.values() for f in errs} - set(EDGE_CASES))
    rows += [(f"`{f}`", *(result.errors[n].get(f, "ok") for n in LIBS)) for f in others]
    return markdown(["File", *LIBS], rows)


def pypdf_log_lines(result: Survey) -> list[str]:
    """One bullet per corpus file on which pypdf logged warnings (pypdfium2 never logs)."""
    lines = []
    for name, said in sorted(result.pypdf_logs.items()):
        first = said[0] if len(said[0]) < 120 else said[0][:117] + "..."
        lines.append(f"- `{name}`: {len(said)} distinct message(s), e.g. {first!r}")
    return lines or ["- none"]


def quirk_table(result: Survey, files: list[str]) -> list[str]:
    """Counts of separator / hyphen / control characters each library emits on the corpus."""
    counts = {n: quirk_counts({f: result.texts[n][f] for f in files}) for n in LIBS}
    return markdown(
        ["Characters in output", *LIBS], [(k, *(counts[n][k] for n in LIBS)) for k in QUIRKS]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per library (default 3)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.pdf")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the Markdown report."""
    args = parse_args(argv)
    paths = sorted(args.corpus.glob("*.pdf"))
    result = survey([p for p in paths if p.name not in SKIP_FOR_SPEED])
    files = result.speed_set()
    timed = [args.corpus / f for f in files]
    pages = sum(len(result.texts["pypdf"][f]) for f in files)
    rates = time_runs(timed, args.repeat)
    report = ["## PDF text extraction: pypdf vs pypdfium2", "", *header_lines(args), ""]
    rows = speed_rows(rates, len(files), pages) + quality_rows(synthetic_quality(), result, files)
    report += markdown(["Metric", *LIBS, "Note"], rows)
    report += ["", "Edge cases (exception class and message, or what was returned):", ""]
    report += edge_table(args.corpus, result)
    report += ["", "Pages where one library has at most half the other's text:", ""]
    report += lost_page_lines(result, files)
    report += ["", "pypdf log warnings on the corpus (silenced while timing):", ""]
    report += pypdf_log_lines(result)
    report += ["", "Separator and hyphen characters in the corpus output:", ""]
    report += quirk_table(result, files)
    print("\n".join(report))


if __name__ == "__main__":
    main()
