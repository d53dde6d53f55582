"""Which embedded pictures a file has read by OCR (ingest/ocr.py ImageTexts), with a scripted
engine: each distinct picture once, none too small, too light or undecodable, a cap and a time
budget per file, and no OCR at all (rapidocr missing) costing only the pictures' text."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image

from ingest.ocr import ImageTexts, Line, picture


class ScriptedOcr:
    """Reads every picture as one line naming its size; counts what it was asked to read."""

    def __init__(self, error: Exception | None = None) -> None:
        self.images: list[np.ndarray] = []
        self.error = error

    def read(self, image):
        self.images.append(image)
        if self.error is not None:
            raise self.error
        height, width = image.shape[:2]
        return [Line(f"picture {width} by {height}", (10, 10, 200, 30), 0.99)]


def png(width: int, height: int, seed: int = 0, mode: str = "RGB") -> bytes:
    """A noisy picture (noise keeps it over the 4 KB a picture must weigh)."""
    rng = random.Random(seed)
    image = Image.new(mode, (width, height))
    channels = len(mode)
    image.putdata(
        [tuple(rng.randrange(256) for _ in range(channels)) for _ in range(width * height)]
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_each_distinct_picture_is_read_once_per_file():
    engine = ScriptedOcr()
    texts = ImageTexts(engine)  # type: ignore[arg-type]
    logo, chart = png(120, 80, 1), png(200, 100, 2)
    assert [texts.text(b) for b in (logo, chart, logo, logo)] == [
        "picture 120 by 80",
        "picture 200 by 100",
        "",
        "",
    ]
    assert len(engine.images) == texts.read == 2


def test_tiny_thin_light_and_undecodable_pictures_are_never_read():
    engine = ScriptedOcr()
    texts = ImageTexts(engine)  # type: ignore[arg-type]
    light = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(light, format="PNG")
    assert len(light.getvalue()) < 4096
    blobs = [png(60, 60, 3), png(900, 10, 4), light.getvalue(), b"\x01\x00\x00\x00EMF" * 2000]
    assert [texts.text(b) for b in blobs] == ["", "", "", ""]
    assert engine.images == []


def test_a_file_stops_reading_pictures_at_its_cap_and_at_its_time_budget():
    engine = ScriptedOcr()
    capped = ImageTexts(engine, max_images=2)  # type: ignore[arg-type]
    assert [bool(capped.text(png(70, 70, seed))) for seed in range(4)] == [True, True, False, False]
    spent = ImageTexts(ScriptedOcr(), budget_s=0.0)  # type: ignore[arg-type]
    assert spent.text(png(70, 70, 9)) == ""


def test_without_an_ocr_engine_pictures_give_no_text_and_are_not_tried_again():
    engine = ScriptedOcr(ImportError("No module named 'rapidocr_onnxruntime'"))
    texts = ImageTexts(engine)  # type: ignore[arg-type]
    assert texts.text(png(80, 80, 1)) == texts.text(png(80, 80, 2)) == ""
    assert len(engine.images) == 1


def test_a_picture_the_engine_fails_on_costs_only_its_own_text():
    engine = ScriptedOcr(RuntimeError("onnxruntime: invalid input"))
    texts = ImageTexts(engine)  # type: ignore[arg-type]
    assert texts.text(png(80, 80, 1)) == texts.text(png(80, 80, 2)) == ""
    assert len(engine.images) == 2


def test_a_transparent_picture_is_read_as_ink_on_white_paper_and_a_huge_one_is_shrunk():
    ink = Image.new("RGBA", (100, 100), (0, 0, 0, 0))  # all transparent but a black square
    ink.paste((0, 0, 0, 255), (40, 40, 60, 60))
    buffer = io.BytesIO()
    ink.save(buffer, format="PNG")
    grey = picture(buffer.getvalue())
    assert grey.shape == (100, 100)
    assert grey[0, 0] == 255 and grey[50, 50] == 0
    assert picture(png(3000, 150, 5)).shape == (100, 2000)
