"""OCR of scanned pages: character error rate per language and pages/s, through the real PDF
parser (pypdfium2 render + RapidOCR) on generated scans of known text.

Each page is the text drawn with a real font onto a grey 200 dpi page, then made to look
scanned (a slight tilt, blur, sensor noise, JPEG compression) and embedded in a PDF as a JPEG
image, with no text layer. Needs fonts-dejavu-core and fonts-noto-cjk.

    python -m bench.ocr [--pages 4] [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ingest.ocr import Ocr
from ingest.parsers import pdf
from ingest.workers import parse_files

FONTS = {
    "en": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    "zh": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
}
DPI = 200
SIZE_PT = {"en": 11, "zh": 12}

EN_SUBJECTS = [
    "Revenue",
    "Gross margin",
    "Operating income",
    "Free cash flow",
    "Capital expenditure",
    "Net debt",
    "Order backlog",
    "Research spending",
]
EN_VERBS = ["rose to", "fell to", "reached", "stood at", "came in at", "was"]
EN_UNITS = ["million dollars", "percent", "billion dollars", "units", "basis points"]
EN_TAILS = [
    "in the fourth quarter",
    "for the fiscal year",
    "compared with a year earlier",
    "as demand for automation grew",
    "despite higher freight costs",
    "after the Jakarta plant opened",
]
ZH_SUBJECTS = ["营业收入", "毛利率", "净利润", "经营活动现金流", "资本开支", "研发投入", "订单储备"]
ZH_VERBS = ["增长至", "下降至", "达到", "约为", "同比增长"]
ZH_UNITS = ["亿元", "万元", "个百分点", "台", "吨"]
ZH_TAILS = [
    "主要受益于海外市场需求回暖。",
    "较上年同期有所改善。",
    "公司将继续加大新产品投入。",
    "宁德基地二期项目已顺利投产。",
    "董事会建议派发末期股息。",
]


def sentence(language: str, rng: random.Random) -> str:
    """One report sentence with a figure in it."""
    figure = f"{rng.randint(1, 999)}.{rng.randint(0, 9)}"
    if language == "en":
        return (
            f"{rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} {figure} "
            f"{rng.choice(EN_UNITS)} {rng.choice(EN_TAILS)}."
        )
    subject, verb, unit = rng.choice(ZH_SUBJECTS), rng.choice(ZH_VERBS), rng.choice(ZH_UNITS)
    return f"{subject}{verb}{figure}{unit}，{rng.choice(ZH_TAILS)}"


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, language: str) -> list[str]:
    """Lines no wider than width: at spaces for English, at any character for Chinese."""
    pieces = text.split(" ") if language == "en" else list(text)
    glue = " " if language == "en" else ""
    lines: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{glue}{piece}" if current else piece
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    return [*lines, current] if current else lines


def page_image(language: str, rng: random.Random) -> tuple[Image.Image, str]:
    """A scanned-looking letter page of paragraphs and the text on it."""
    px = DPI / 72
    size = round(SIZE_PT[language] * px)
    font = ImageFont.truetype(str(FONTS[language]), size)
    image = Image.new("L", (round(612 * px), round(792 * px)), 248)
    draw = ImageDraw.Draw(image)
    y, bottom, paragraphs = 72 * px, (792 - 72) * px, []
    while True:
        paragraph = (" " if language == "en" else "").join(
            sentence(language, rng) for _ in range(rng.randint(2, 4))
        )
        lines = wrap(paragraph, font, (612 - 144) * px, language)
        if y + len(lines) * size * 1.5 > bottom:
            break
        for line in lines:
            draw.text((72 * px, y), line, font=font, fill=25)
            y += size * 1.5
        y += size * 0.9
        paragraphs.append(paragraph)
    return scanned(image, rng), "\n".join(paragraphs)


def scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    """The page as a flatbed scanner returns it: tilted a little, soft, noisy."""
    image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=248)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 6, (image.height, image.width))
    return Image.fromarray(
        np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype("uint8")
    )


def make_scan(path: Path, language: str, pages: int, seed: int) -> list[str]:
    """A PDF of scanned pages (JPEG images, no text layer) and each page's true text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    document = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    truth = []
    for _ in range(pages):
        image, text = page_image(language, rng)
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=75)
        document.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, 612, 792)
        document.showPage()
        truth.append(text)
    document.save()
    return truth


def normalise(text: str, language: str) -> str:
    """Compatibility forms folded (a full-width comma is a comma); for English, runs of white
    space are one space; for Chinese, white space is dropped (OCR puts spaces between boxes)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()) if language == "zh" else " ".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), one row at a time."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def measure(path: Path, truth: list[str], language: str, reader: Ocr) -> dict[str, float]:
    """CER over the file's pages and the seconds OCR took (the parser, render included)."""
    started, cpu = time.perf_counter(), time.process_time()
    blocks = list(pdf.parse(path, reader))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    read = {b.location["page"]: b.text for b in blocks if b.location.get("ocr")}
    errors = chars = 0
    for number, text in enumerate(truth, start=1):
        want, got = normalise(text, language), normalise(read.get(number, ""), language)
        errors += edit_distance(want, got)
        chars += len(want)
    pages = len(truth)
    return {"cer": errors / chars, "chars": chars, "seconds": seconds, "cpu": cpu, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table: CER per language, pages/s in one process and in two workers."""
    parser = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__)
    parser.add_argument("--pages", type=int, default=4, help="scanned pages per language")
    parser.add_argument("--out", type=Path, help="keep the generated scans in this folder")
    args = parser.parse_args(argv)
    missing = [str(p) for p in FONTS.values() if not p.exists()]
    if missing:
        print(f"missing fonts {missing}: apt-get install fonts-dejavu-core fonts-noto-cjk")
        return 1
    out = args.out or Path(tempfile.mkdtemp(prefix="thinkdesk-ocr-"))
    out.mkdir(parents=True, exist_ok=True)
    files = {lang: out / f"scan_{lang}.pdf" for lang in FONTS}
    truths = {
        lang: make_scan(files[lang], lang, args.pages, seed) for seed, lang in enumerate(FONTS)
    }
    load = os.getloadavg()[0]  # other work on the cores slows OCR: say how much there was
    reader = Ocr(threads=2)
    started = time.perf_counter()
    reader.read(np.full((64, 64, 3), 255, dtype=np.uint8))
    load_s = time.perf_counter() - started
    results = {lang: measure(files[lang], truths[lang], lang, reader) for lang in FONTS}
    started = time.perf_counter()
    list(parse_files(list(files.values()), workers=2))
    batch_s = time.perf_counter() - started
    pages = sum(r["pages"] for r in results.values())
    print(f"models loaded in {load_s:.2f} s; scans in {out}\n")
    print(f"load average (1 min) at the start: {load:.2f}")
    print("| Language | Pages | Characters | CER | Pages/s (1 process, 2 threads) | CPU s/page |")
    print("|---|---|---|---|---|---|")
    for lang, r in results.items():
        print(
            f"| {lang} | {r['pages']:.0f} | {r['chars']:.0f} | {r['cer']:.2%} | "
            f"{r['pages'] / r['seconds']:.2f} | {r['cpu'] / r['pages']:.1f} |"
        )
    print(
        f"\nBoth files through parse_files (2 workers, 1 ONNX thread each, models loaded in "
        f"each worker): {pages} pages in {batch_s:.1f} s = {pages / batch_s:.2f} pages/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
