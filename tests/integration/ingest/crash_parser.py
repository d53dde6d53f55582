"""A parse function for worker tests: crashes, hangs or succeeds depending on the file name."""

import os
import time

from ingest.blocks import Block, ParseResult
from ingest.limits import Limits
from ingest.ocr import Ocr, PageCallback
from ingest.parsers import PagesCallback


def parse(
    path: str, limits: Limits, reader: Ocr, on_ocr_page: PageCallback, on_page: PagesCallback
) -> ParseResult:
    """crash* kills the process like a native crash; hang* sleeps; scan* reads three pages
    by "OCR", each longer than half the time limit; anything else succeeds."""
    name = os.path.basename(path)
    if name.startswith("scan"):
        for page in (1, 2, 3):
            on_ocr_page(page, page, 3)
            time.sleep(limits.timeout_s * 0.6)
    if name.startswith("crash"):
        os._exit(139)
    if name.startswith("hang"):
        time.sleep(60)
    return ParseResult(path, blocks=[Block(name, {"line_start": 1, "line_end": 1})])
