"""docs/cli.md against the real parser: a section for every command and none for a command
that does not exist, and every help block equal to what that `--help` prints.

The help blocks are generated, the prose and the --json shapes around them are written by
hand. After changing an option or a help string, rewrite the blocks with
`python tests/unit/app/cli/test_docs.py`."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from pathlib import Path
from unittest import mock

import pytest

from app.cli import build_parser

DOC = Path(__file__).parents[4] / "docs" / "cli.md"
# argparse wraps help at the terminal's width: the blocks are `COLUMNS=100 thinkdesk ... --help`.
COLUMNS = "100"
REGENERATE = "regenerate the help blocks with: python tests/unit/app/cli/test_docs.py"
# A help block is a ```text fence whose first line is the command that prints it.
BLOCK = re.compile(r"^```text\n\$ (thinkdesk(?: [a-z]+)?) --help\n(.*?)^```$", re.M | re.S)
SECTION = re.compile(r"^## `thinkdesk ([a-z]+)`$", re.M)


def commands() -> list[str]:
    """The parser's commands, in the order `thinkdesk --help` lists them."""
    parser = build_parser()
    # argparse has no public way to list the commands of its subparsers.
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(action.choices)


def invocations() -> list[str]:
    """Every help block docs/cli.md holds: `thinkdesk` itself, then each command."""
    return ["thinkdesk"] + [f"thinkdesk {command}" for command in commands()]


def real_help(invocation: str) -> str:
    """What `COLUMNS=100 thinkdesk [COMMAND] --help` prints."""
    out = io.StringIO()
    with (
        mock.patch.dict(os.environ, {"COLUMNS": COLUMNS}),
        contextlib.redirect_stdout(out),
        contextlib.suppress(SystemExit),
    ):
        build_parser().parse_args([*invocation.split()[1:], "--help"])
    return out.getvalue()


def help_blocks(text: str) -> list[tuple[str, str]]:
    """(invocation, help text) for each help block, in the order they appear."""
    return BLOCK.findall(text)


def test_every_command_has_a_section_and_every_section_a_command():
    documented = SECTION.findall(DOC.read_text("utf-8"))
    missing = [c for c in commands() if c not in documented]
    unknown = [c for c in documented if c not in commands()]
    assert not missing, f"docs/cli.md has no section ## `thinkdesk COMMAND` for {missing}"
    assert not unknown, f"docs/cli.md documents commands the parser lacks: {unknown}"
    assert len(documented) == len(set(documented)), "docs/cli.md has a command twice"


@pytest.mark.parametrize("invocation", invocations())
def test_help_block_equals_the_real_help(invocation):
    blocks = dict(help_blocks(DOC.read_text("utf-8")))
    assert invocation in blocks, (
        f"docs/cli.md has no help block for `{invocation}`: add a fence starting\n"
        f"```text\n$ {invocation} --help\n```\nto its section, then {REGENERATE}"
    )
    assert blocks[invocation] == real_help(invocation), (
        f"docs/cli.md's `{invocation} --help` differs from the parser's: {REGENERATE}"
    )


def test_no_help_block_is_stale_or_repeated():
    found = [invocation for invocation, _ in help_blocks(DOC.read_text("utf-8"))]
    stale = [i for i in found if i not in invocations()]
    assert not stale, f"docs/cli.md has help blocks for commands the parser lacks: {stale}"
    assert len(found) == len(set(found)), f"docs/cli.md repeats a help block: {found}"


def update(doc: Path = DOC) -> list[str]:
    """Rewrite every help block of doc from the parser; returns the invocations that have
    no block yet (their section is written by hand)."""
    known = invocations()

    def fresh(block: re.Match[str]) -> str:
        if block[1] not in known:
            return block[0]  # a stale block stays for the test to report
        return f"```text\n$ {block[1]} --help\n{real_help(block[1])}```"

    text = BLOCK.sub(fresh, doc.read_text("utf-8"))
    doc.write_text(text, "utf-8")
    present = {invocation for invocation, _ in help_blocks(text)}
    return [i for i in known if i not in present]


if __name__ == "__main__":
    missing = update()
    for invocation in missing:
        print(f"{DOC}: no help block for `{invocation}`: write its section", file=sys.stderr)
    sys.exit(1 if missing else 0)
