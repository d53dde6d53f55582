"""The real Word, PowerPoint and Excel parsers on hostile packages (tests/data/hostile): XML
entity expansion ("billion laughs"), an external entity naming /etc/passwd, and zip members
named outside the package are refused with their reason, nothing expanded, memory flat."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.parsers import parser_for

HOSTILE = Path(__file__).parents[2] / "data" / "hostile"
GOOD = Path(__file__).parents[2] / "data" / "good"
PARTS = {".xlsx": "xl/worksheets/sheet1.xml", ".docx": "word/document.xml"}
PARTS[".pptx"] = "ppt/slides/slide1.xml"
ITEMS = PARTS.items()
EXPANSION = "(possible entity-expansion attack)"
DISCLOSURE = "(SYSTEM 'file:///etc/passwd': possible disclosure of another file, never read)"
OUTSIDE = "refused: zip member named outside the package"
REASONS = {
    **{f"laughs{s}": f"refused: XML entity declarations in {p} {EXPANSION}" for s, p in ITEMS},
    **{f"xxe{s}": f"refused: XML external entity in {p} {DISCLOSURE}" for s, p in ITEMS},
    "slip.docx": f"{OUTSIDE} ('../../thinkdesk-slip.txt')",
    "absolute.xlsx": f"{OUTSIDE} ('/tmp/thinkdesk-absolute.txt')",
}
GROWTH_LIMIT_MB = 20  # a parse that expanded &lol9; would need gigabytes

# In a fresh process: the parser warmed up on the good file of the same format, then the peak
# resident size before and after parsing the hostile file (ru_maxrss is in KiB on Linux).
MEASURE = """
import json, resource, sys
from pathlib import Path
from ingest.errors import ParseError
from ingest.parsers import parser_for
good, bad = Path(sys.argv[1]), Path(sys.argv[2])
list(parser_for(good)(good))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    list(parser_for(bad)(bad))
    reason = None
except ParseError as err:
    reason = str(err)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"before_kb": before, "after_kb": after, "reason": reason}))
"""
GOOD_TWIN = {".xlsx": "book.xlsx", ".docx": "report.docx", ".pptx": "deck.pptx"}


@pytest.mark.parametrize("path", sorted(HOSTILE.iterdir()), ids=lambda p: p.name)
def test_a_hostile_package_is_refused_with_its_reason(path):
    parse = parser_for(path)
    assert parse is not None
    with pytest.raises(ParseError) as err:
        list(parse(path))
    assert str(err.value) == REASONS[path.name]


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("laughs.*")), ids=lambda p: p.name)
def test_a_billion_laughs_file_leaves_peak_memory_flat(path):
    good = GOOD / GOOD_TWIN[path.suffix]
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(good), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[3],
    )
    assert run.returncode == 0, run.stderr
    peak = json.loads(run.stdout)
    assert peak["reason"] == REASONS[path.name]
    growth_mb = (peak["after_kb"] - peak["before_kb"]) / 1024
    print(f"{path.name}: peak RSS {peak['after_kb'] / 1024:.0f} MB (+{growth_mb:.1f} MB)")
    assert growth_mb < GROWTH_LIMIT_MB


def test_the_set_covers_every_format_and_case():
    names = {p.name for p in HOSTILE.iterdir()}
    assert names == set(REASONS)
