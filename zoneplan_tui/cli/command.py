"""The `zoneplan` command: open the reader, or print a plan's outline, figures and notes.

Imports are deferred to the branch that needs them: `--version` and `--help` must answer without
loading Textual or jieba, and the scripting subcommands never load Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zoneplan_tui import __version__
from zoneplan_tui.cli.output import dump_json, emit
from zoneplan_tui.core.errors import UserError

if TYPE_CHECKING:
    from zoneplan_tui.notes.store import NotesStore

SUBCOMMANDS = ("outline", "numbers", "notes", "text", "search", "targets", "library")

DESCRIPTION = """\
zoneplan: read Chinese planning documents in the terminal, by their outline,
with every figure highlighted and notes that stay attached.

usage:
  zoneplan [FILE ...]                  open plan files in the reader
  zoneplan [DIR] [--index PATH]        the library of the plans in DIR: search, targets;
                                       no PATH opens it on the bundled sample plans
  zoneplan outline PATH [--json]       print a plan's outline
  zoneplan numbers PATH [--json|--csv] print a plan's figures
  zoneplan notes list|add|export|import ...   work with notes (zoneplan notes --help)
  zoneplan text PATH                   print the decoded text that offsets refer to
  zoneplan search QUERY [DIR] [--json] search every plan of a folder, and the notes
  zoneplan targets [DIR] [--csv|--json] targets by indicator across plans
  zoneplan library [DIR] [--json]      list plans: title, body, year, counts

options:
  --db PATH      notes database (default: $ZONEPLAN_DB or the user data directory)
  --version      print the version and exit
  -h, --help     show this help and exit
"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line, exit 2, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{self.prog}: {message}")


def _add_db(p: argparse.ArgumentParser, default: object = None) -> None:
    p.add_argument("--db", metavar="PATH", default=default, help="notes database file")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zoneplan", description=DESCRIPTION, add_help=True)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--version", action="version", version=f"zoneplan {__version__}")
    _add_db(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("outline", help="print a plan's outline")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run_outline)

    p = sub.add_parser("numbers", help="print a plan's figures")
    p.add_argument("path", metavar="PATH")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV (UTF-8 with BOM)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=_run_numbers)

    from zoneplan_tui.cli import notes as notes_cli
    from zoneplan_tui.cli import text as text_cli

    notes_cli.register(sub)
    text_cli.register(sub)
    from zoneplan_tui.cli import library as library_cli

    library_cli.register(sub)
    for action in sub.choices.values():
        if not any("--db" in a.option_strings for a in action._actions):
            # SUPPRESS: a sub-parser's default would otherwise overwrite `zoneplan --db X notes`
            _add_db(action, argparse.SUPPRESS)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zoneplan", add_help=False)
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--index", metavar="PATH", help="search index file of the library")
    _add_db(parser)
    return parser


def _run_outline(args: argparse.Namespace) -> int:
    from zoneplan_tui.core.analysis import analyse_outline
    from zoneplan_tui.formats.load import load_document

    doc = load_document(args.path)
    outline = analyse_outline(doc)
    if args.json:
        emit(dump_json(outline.to_json(doc.name)), None)
        return 0
    from zoneplan_tui.cli.output import print_outline

    print_outline(doc, outline)
    return 0


def _run_numbers(args: argparse.Namespace) -> int:
    from zoneplan_tui.core.analysis import analyse
    from zoneplan_tui.formats.load import load_document

    doc = load_document(args.path)
    plan = analyse(doc)
    rows = [f.to_json(list(plan.section_titles(f.line))) for f in plan.figures]
    if args.json:
        emit(dump_json({"file": doc.name, "numbers": rows}), args.output)
    elif args.csv:
        from zoneplan_tui.cli.output import figures_csv

        emit(figures_csv(rows), args.output, bom=True)
    else:
        from zoneplan_tui.cli.output import print_figures

        print_figures(doc, plan)
    return 0


def _open_store(db: str | None) -> NotesStore:
    """Open the notes store before the terminal switches to the app, so a corrupt or locked
    notes file is reported as one line and nothing is touched."""
    from zoneplan_tui.notes.store import NotesStore

    return NotesStore.open(db)


def _run_app(argv: Sequence[str]) -> int:
    """Files open in the reader; a folder (or none: the bundled samples) opens the library."""
    args = build_app_parser().parse_args(list(argv))
    from zoneplan_tui.formats.load import find_plans, sample_docs_dir

    raw_paths = args.paths or [str(sample_docs_dir())]
    if any(Path(raw).is_dir() for raw in raw_paths):
        return _run_library(args, raw_paths)
    paths: list[Path] = []
    for raw in raw_paths:
        paths.extend(find_plans(raw))
    # Fail before the terminal switches to the app: a bad file is one line on stderr.
    from zoneplan_tui.formats.load import load_document

    first = load_document(paths[0])
    from zoneplan_tui.core.config import load_config
    from zoneplan_tui.tui.app import ZoneplanApp

    # A bad settings file is one line too (ConfigError), before the terminal switches.
    app = ZoneplanApp(paths, store=_open_store(args.db), preloaded=first, config=load_config())
    app.run()
    return app.return_code or 0


def _run_library(args: argparse.Namespace, raw_paths: list[str]) -> int:
    from zoneplan_tui.formats.load import find_plans
    from zoneplan_tui.library.catalog import Library

    for raw in raw_paths:
        find_plans(raw)  # a missing path or a folder with no plans: one line, before the app
    index = Path(args.index) if args.index else None
    # An index that cannot be opened (no FTS5, another version) is one line too.
    Library.open(index_path=index).close()
    from zoneplan_tui.tui.app import ZoneplanApp
    from zoneplan_tui.tui.library_source import LibrarySource

    # A folder the user names is remembered, as `zoneplan library DIR` does.
    source = LibrarySource([Path(raw) for raw in raw_paths], index, remember=bool(args.paths))
    from zoneplan_tui.core.config import load_config

    app = ZoneplanApp([], store=_open_store(args.db), library=source, config=load_config())
    app.run()
    return app.return_code or 0


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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        first = _first_word(argv)
        wants_help = any(a in ("-h", "--help", "--version") for a in argv)
        if first in SUBCOMMANDS or (wants_help and first is None):
            args = build_parser().parse_args(argv)
            if not getattr(args, "func", None):
                build_parser().print_help()
                return 0
            return int(args.func(args) or 0)
        return _run_app(argv)
    except UserError as exc:
        print(f"zoneplan: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"zoneplan: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get("ZONEPLAN_DEBUG"):
            raise
        print(f"zoneplan: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
