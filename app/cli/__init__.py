"""The `thinkdesk` command: argument parsing and dispatch.

Every command, option and --json shape is in docs/cli.md. The commands live in
app/cli/commands.py and app/cli/ask.py; they drive the application model
(app/application.py) like the GUI does.

Heavy imports (torch, the models) happen only when a command needs them, so `status` and
`--help` start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int]


def _globals(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument("--home", default=default, help="data directory (env THINKDESK_HOME)")
    parser.add_argument(
        "--kb",
        default="default" if default is None else default,
        help="knowledge base (default: default)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; global options are accepted before and after the command."""
    common = argparse.ArgumentParser(add_help=False)
    _globals(common, argparse.SUPPRESS)
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON on stdout")
    parser = argparse.ArgumentParser(
        prog="thinkdesk", description="Offline assistant for a private library of reports."
    )
    _globals(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parents = [common, output]

    ingest = commands.add_parser("ingest", parents=parents, help="add files and folders")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument(
        "--prune", action="store_true", help="remove documents whose files are gone"
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress on stderr")

    search = commands.add_parser("search", parents=parents, help="hybrid retrieval, no LLM")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help="passages to return (default 5)")

    ask = commands.add_parser("ask", parents=parents, help="answer with the local model")
    ask.add_argument("question")
    ask.add_argument("-k", type=int, default=None, help="passages to read (default: settings)")
    ask.add_argument("--model", help="a GGUF file (default: settings, else the bundled model)")
    ask.add_argument(
        "--endpoint",
        metavar="URL",
        help="an OpenAI-compatible model server to answer instead (default: settings)",
    )
    ask.add_argument("--max-thinking-tokens", type=int, default=None, metavar="N")
    ask.add_argument("--min-thinking-tokens", type=int, default=None, metavar="N")
    ask.add_argument("--temperature", type=float, default=None)
    ask.add_argument(
        "--no-history",
        action="store_true",
        help="do not record the answer in the knowledge base's history",
    )

    commands.add_parser("status", parents=parents, help="knowledge bases and counts")
    commands.add_parser("docs", parents=parents, help="documents of a knowledge base")
    remove = commands.add_parser("remove", parents=parents, help="remove documents")
    remove.add_argument("paths", nargs="+", metavar="PATH")

    kb = commands.add_parser("kb", parents=parents, help="manage knowledge bases")
    kb.add_argument("action", choices=["list", "create", "rename", "delete", "folders"])
    kb.add_argument("names", nargs="*", metavar="NAME")

    watch = commands.add_parser(
        "watch", parents=parents, help="keep watched folders indexed until Ctrl-C"
    )
    watch.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="folders to watch from now on (default: every watched folder)",
    )
    watch.add_argument(
        "--off", action="store_true", help="stop watching these folders (documents stay)"
    )

    commands.add_parser("models", parents=parents, help="models Thinkdesk can use")
    commands.add_parser(
        "check", parents=parents, help="check the library against itself and mend it"
    )
    commands.add_parser("gui", parents=[common], help="start the desktop app")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the exit code (0 ran, 1 nothing could be done, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    from app.cli import ask, commands, watch
    from app.cli.output import error, log_to_stderr
    from app.errors import HANDLED

    if command != "gui":  # the desktop app logs to a file
        log_to_stderr()
    handlers: dict[str, Handler] = {
        "ingest": commands.ingest,
        "search": commands.search,
        "ask": ask.ask,
        "status": commands.status,
        "docs": commands.docs,
        "remove": commands.remove,
        "kb": commands.kb,
        "watch": watch.watch,
        "models": commands.models,
        "check": commands.check,
        "gui": commands.gui,
    }
    try:
        return handlers[command](args)
    except BrokenPipeError:  # `thinkdesk docs | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except HANDLED as err:
        error(str(err))
        return 1
    except KeyboardInterrupt:
        print("thinkdesk: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
