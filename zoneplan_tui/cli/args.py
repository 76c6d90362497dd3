"""What every subcommand's parser shares: the parser class, the help layout, the global options.

A subcommand module calls `add_command(subparsers, name, ...)` and gets a parser whose help ends
with an example and whose argument errors reach `main` as a `UsageError` (usage line, then
`zoneplan: error: …`, exit 2), so every error is printed in one place.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from zoneplan_tui.core.errors import UserError


class UsageError(UserError):
    """A command line argparse could not read; `usage` is the usage of the (sub)command."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class Parser(argparse.ArgumentParser):
    """argparse that hands argument errors to `main` instead of printing and exiting itself."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; a subcommand list without argparse's `{a,b,c}`
    header line, so `zoneplan --help` names each command once."""

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(a) for a in action._get_subactions())
        return super()._format_action(action)


def add_command(
    subparsers: Any,
    name: str,
    *,
    help: str,
    example: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand parser whose help starts with `description` (default: `help`; paragraphs
    separated by a blank line are filled to 78 columns) and ends with `example` (one or more
    command lines, each shown indented under "example:")."""
    lines = [line.strip() for line in example.strip().splitlines()]
    epilog = ("examples:\n" if len(lines) > 1 else "example:\n") + "\n".join(
        f"  {line}" for line in lines
    )
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=_paragraphs(description or _sentence(help)),
        epilog=epilog,
        formatter_class=HelpFormatter,
    )
    return parser


def _paragraphs(text: str) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(" ".join(par.split()), 78) for par in text.split("\n\n"))


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "…")) else text + "."


def add_db(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # SUPPRESS: a subcommand's default would otherwise overwrite `zoneplan --db X notes ...`.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the notes file (default: $ZONEPLAN_DB, else in the user data directory)",
    )


def add_index(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument(
        "--index",
        metavar="PATH",
        default=default,
        help="the library's search index file (default: in the user cache directory)",
    )
