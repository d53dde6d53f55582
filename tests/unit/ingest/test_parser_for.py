"""Which parser reads a file, and what the worker's OCR engine reaches."""

from pathlib import Path

from ingest.parsers import docx, parser_for, pptx, xlsx


class Engine:
    """Stands in for the worker's OCR engine: only its identity is checked here."""


def test_the_workers_ocr_engine_reads_word_and_powerpoint_pictures_too():
    engine = Engine()
    for suffix, parse in ((".docx", docx.parse), (".pptx", pptx.parse)):
        parser = parser_for(Path(f"a{suffix}"), engine)
        assert parser.func is parse and parser.keywords == {"reader": engine}
    assert parser_for(Path("a.docx")) is docx.parse  # no engine: one is made if a picture needs it
    assert parser_for(Path("a.xlsx"), engine) is xlsx.parse
    assert parser_for(Path("a.exe")) is None
