"""The `zoneplan` command: the top-level parser, the dispatch to a subcommand, error reporting.

Each subcommand lives in its own module (cli/outline.py, cli/notes.py, ...) with
`register(subparsers)` and its run function; `zoneplan [FILE|DIR ...]` without a subcommand
is cli/app.py. Imports are deferred to the branch that needs them: `--version` and `--help`
answer without loading Textual or jieba, and the scripting subcommands never load Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from zoneplan_tui.cli.args import HelpFormatter, Parser, UsageError, add_db, add_index
from zoneplan_tui.core.errors import UserError

SUBCOMMANDS = (
    "outline",
    "numbers",
    "text",
    "notes",
    "export",
    "search",
    "targets",
    "compare",
    "library",
    "config",
    "serve",
)

USAGE = """\
zoneplan [FILE|DIR ...] [--index PATH] [--db PATH]
       zoneplan COMMAND [ARGS ...]"""

DESCRIPTION = """\
Read Chinese planning documents in the terminal, by their outline, with every
figure highlighted and notes that stay attached.

  zoneplan FILE ...   open plan files (.txt .md .docx .pdf .html) in the reader
  zoneplan DIR ...    the library of the plans under DIR: browse, search, targets
  zoneplan            the library of library_folders in the settings, else of
                      the bundled sample plans"""

EPILOG = "`zoneplan COMMAND --help` gives a command's arguments and an example."


class _Version(argparse.Action):
    """`--version`, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from zoneplan_tui import __version__

        print(f"zoneplan {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    from zoneplan_tui.cli import (
        compare,
        config,
        export,
        library,
        notes,
        numbers,
        outline,
        search,
        serve,
        targets,
        text,
    )

    parser = Parser(
        prog="zoneplan",
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    add_db(parser, None)
    add_index(parser, None)
    # prog: argparse would otherwise build the subcommands' prog from the two-line USAGE.
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", prog="zoneplan")
    for module in (
        outline,
        numbers,
        text,
        notes,
        export,
        search,
        targets,
        compare,
        library,
        config,
        serve,
    ):
        module.register(sub)
    for name, command in sub.choices.items():
        # `zoneplan outline --db X` has always been accepted; the settings have no notes file.
        if name != "config" and not any("--db" in a.option_strings for a in command._actions):
            add_db(command)
    return parser


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value (`--db X`)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--db", "--index"):
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _dispatch(argv: list[str]) -> int:
    first = _first_word(argv)
    if first in SUBCOMMANDS:
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)
    asked = [a for a in argv if a in ("-h", "--help", "--version")]
    if asked:  # `zoneplan plan.txt --help` is help too, not a plan named --help
        build_parser().parse_args(asked[:1])
    from zoneplan_tui.cli import app

    return app.run(argv)


def main(argv: Sequence[str] | None = None) -> int:
    from zoneplan_tui.cli.output import tell

    argv = list(sys.argv[1:] if argv is None else argv)
    # Every message below may quote a file name, a query or a line of a plan: `tell` prints it
    # on one line, made safe for the terminal.
    try:
        return _dispatch(argv)
    except UsageError as exc:
        sys.stderr.write(exc.usage)
        tell(f"error: {exc}")
        return 2
    except UserError as exc:
        tell(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        tell(str(exc.strerror or exc))
        return 2
    except Exception as exc:
        if os.environ.get("ZONEPLAN_DEBUG"):
            raise
        tell(f"internal error: {type(exc).__name__}: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
