"""bench/speed_all.py's generated section: written between its markers, the rest of
RESULTS.md kept, and a run of some benchmarks keeps the other benchmarks' blocks."""

from bench import speed_all


def test_a_partial_run_keeps_the_other_blocks_and_the_rest_of_the_file(tmp_path, monkeypatch):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\nwritten by hand\n", encoding="utf-8")
    monkeypatch.setattr(speed_all, "RESULTS", results)
    (embed, embed_title, *_), (ingest, ingest_title, *_) = speed_all.BENCHES[:2]
    first = {
        embed_title: speed_all.block(embed_title, ["bench.x"], "| a | 1 |", 1.0, 0),
        ingest_title: speed_all.block(ingest_title, ["bench.y"], "| b | 2 |", 2.0, 1),
    }
    speed_all.write(speed_all.section(first, small=False))
    assert speed_all.previous_blocks() == first
    again = speed_all.block(ingest_title, ["bench.y"], "| b | 3 |", 2.0, 0)
    speed_all.write(speed_all.section({**speed_all.previous_blocks(), ingest_title: again}, False))
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Results\n\nwritten by hand\n")
    assert text.count(speed_all.START) == 1 and text.count(speed_all.END) == 1
    assert "| a | 1 |" in text and "| b | 3 |" in text and "| b | 2 |" not in text
    assert text.index(embed_title) < text.index(ingest_title)
    assert "FAILED" not in text
