"""A parse function for worker tests: crashes, hangs or succeeds depending on the file name."""

import os
import time

from ingest.blocks import Block, ParseResult
from ingest.limits import Limits


def parse(path: str, limits: Limits) -> ParseResult:
    """crash* kills the process like a native crash; hang* sleeps; anything else succeeds."""
    name = os.path.basename(path)
    if name.startswith("crash"):
        os._exit(139)
    if name.startswith("hang"):
        time.sleep(60)
    return ParseResult(path, blocks=[Block(name, {"line_start": 1, "line_end": 1})])
