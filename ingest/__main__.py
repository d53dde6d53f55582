"""`python -m ingest PATH...`: parse and chunk files, print chunks with locations as JSON lines.

A diagnostic for ingestion alone: it counts tokens approximately (one per CJK character or
word); `thinkdesk ingest` uses the embedding model's own tokenizer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from ingest.batch import parse_and_chunk, plan
from ingest.cjk import HAN

# Word-piece tokenizers (BERT's) give each Han character a token of its own.
_TOKENS = re.compile(rf"[{HAN}]|\w+|[^\w\s]")


def approximate_tokens(text: str) -> int:
    """About the number of word pieces: a Han character, a word or a punctuation mark each."""
    return len(_TOKENS.findall(text))


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per chunk, failed file and skipped file."""
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--max-tokens", type=int, default=254)
    args = parser.parse_args(argv)
    batch = plan(args.paths)
    for path, reason in batch.skipped:
        print(json.dumps({"skipped": str(path), "reason": reason}, ensure_ascii=False))
    for outcome in parse_and_chunk(batch.files, approximate_tokens, args.max_tokens):
        if outcome.error:
            print(
                json.dumps(
                    {"failed": str(outcome.path), "reason": outcome.error}, ensure_ascii=False
                )
            )
        for item in outcome.chunks:
            row = {"file": str(outcome.path), "location": item.location, "text": item.text}
            print(json.dumps(row, ensure_ascii=False))
    return 0 if batch.files or not batch.skipped else 1


if __name__ == "__main__":
    sys.exit(main())
