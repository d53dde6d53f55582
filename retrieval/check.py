"""The library checked against itself, and mended where a crash or an older Thinkdesk can have
left it out of step: the keyword index against the chunks, each document's chunk count, and
SQLite's own structure. Every finding is a sentence for the user; repairs say what they did.

Each write of the library is one transaction, so a killed process leaves SQLite whole; what
this mends are the parts kept beside a transaction's rows (and damage from outside)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from retrieval.keywords import index_text
from retrieval.store import Library


@dataclass
class Findings:
    """What a check found: repaired (mended, with what was done), damaged (left as it is)."""

    repaired: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing is damaged now (repairs were made, or none were needed)."""
        return not self.damaged

    def extend(self, other: Findings) -> None:
        """Add another check's findings."""
        self.repaired += other.repaired
        self.damaged += other.damaged


def check(library: Library, full: bool = False, repair: bool = True) -> Findings:
    """Check the library (SQLite's quick_check, or its whole integrity_check when full) and,
    when repair, mend the keyword index and the chunk counts in one transaction."""
    findings = Findings()
    pragma = "integrity_check" if full else "quick_check"
    try:
        report = [row[0] for row in library.db.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as err:  # damage bad enough that the check itself stops
        report = [str(err)]
    if report != ["ok"]:
        shown = "; ".join(report[:5]) + (
            f" (and {len(report) - 5} more)" if len(report) > 5 else ""
        )
        findings.damaged.append(f"{library.path}: SQLite reports damage: {shown}")
        return findings  # nothing is rewritten on a damaged file
    if repair:
        with library.transaction() as db:  # found and mended under one write lock
            found = _Found.read(db)
            found.mend(db)
    else:
        found = _Found.read(library.db)
    orphans, missing, counts = found.orphans, found.missing, found.counts
    done = "removed" if repair else "found"
    if orphans:
        _bucket(findings, repair).append(
            f"keyword index: {len(orphans)} entr{'y' if len(orphans) == 1 else 'ies'} of "
            f"chunks no longer stored {done}"
        )
    if missing:
        _bucket(findings, repair).append(
            f"keyword index: {len(missing)} chunk(s) without keywords "
            + ("indexed again" if repair else "found")
        )
    for _, path, stored, recorded in counts:
        _bucket(findings, repair).append(
            f"{path}: recorded {recorded} chunk(s), holds {stored}"
            + ("; the count is corrected" if repair else "")
        )
    for path, wrong in found.vectors:
        findings.damaged.append(
            f"{path}: {wrong} vector(s) of the wrong size; remove the file and index it again"
        )
    return findings


def _bucket(findings: Findings, repaired: bool) -> list[str]:
    """Where a finding goes: repaired when it was mended, damaged when it is only reported."""
    return findings.repaired if repaired else findings.damaged


@dataclass(frozen=True)
class _Found:
    orphans: list[int]  # keyword rows of chunks gone
    missing: list[tuple[int, str, str]]  # chunks without keywords: id, title, text
    counts: list[tuple[int, str, int, int]]  # document id, path, chunks held, count recorded
    vectors: list[tuple[str, int]]  # path, vectors of the wrong size

    @classmethod
    def read(cls, db: sqlite3.Connection) -> _Found:
        return cls(
            [r[0] for r in db.execute(_ORPHAN_KEYWORDS)],
            db.execute(_MISSING_KEYWORDS).fetchall(),
            db.execute(_WRONG_COUNTS).fetchall(),
            db.execute(_WRONG_VECTORS).fetchall(),
        )

    def mend(self, db: sqlite3.Connection) -> None:
        db.executemany("DELETE FROM chunk_fts WHERE rowid = ?", [(i,) for i in self.orphans])
        db.executemany(
            "INSERT INTO chunk_fts (rowid, tokens) VALUES (?, ?)",
            [(i, index_text(f"{title}\n{text}")) for i, title, text in self.missing],
        )
        db.executemany(
            "UPDATE documents SET chunks = ? WHERE id = ?", [(n, i) for i, _, n, _ in self.counts]
        )


_ORPHAN_KEYWORDS = "SELECT rowid FROM chunk_fts WHERE rowid NOT IN (SELECT id FROM chunks)"
_MISSING_KEYWORDS = """
    SELECT c.id, d.title, c.text FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.id NOT IN (SELECT rowid FROM chunk_fts)"""
_WRONG_COUNTS = """
    SELECT d.id, d.path, COUNT(c.id) AS held, d.chunks FROM documents d
    LEFT JOIN chunks c ON c.document_id = d.id GROUP BY d.id HAVING held != d.chunks"""
_WRONG_VECTORS = """
    SELECT d.path, COUNT(*) FROM chunks c JOIN documents d ON d.id = c.document_id
    JOIN knowledge_bases k ON k.id = c.kb_id
    WHERE k.dimension IS NOT NULL AND length(c.vector) != 4 * k.dimension GROUP BY d.path"""
