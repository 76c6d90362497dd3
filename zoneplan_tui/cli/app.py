"""`zoneplan [FILE|DIR ...]`: open the app. Files open in the reader, folders in the library.

No argument opens the library of the settings' `library_folders`, else of the bundled samples
(cli/folders.py). Every check that can fail (a missing file, a folder with no plans, a notes
file or an index that cannot be opened) runs before the terminal switches to the app, so a
failure is one line on stderr like any other command's.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zoneplan_tui.cli.args import Parser, add_db, add_index

if TYPE_CHECKING:
    from zoneplan_tui.notes.store import NotesStore

USAGE = "zoneplan [FILE|DIR ...] [--index PATH] [--db PATH]"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="zoneplan", usage=USAGE, add_help=False)
    parser.add_argument("paths", nargs="*", metavar="FILE|DIR")
    add_index(parser, None)
    add_db(parser, None)
    return parser


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    from zoneplan_tui.formats.load import find_plans, load_document

    if not args.paths:
        from zoneplan_tui.cli.folders import default_folders

        return _run_library(args, default_folders(), remember=False)
    if any(Path(raw).is_dir() for raw in args.paths):
        # A folder the user names is remembered, as `zoneplan library DIR` does; a session of
        # `zoneplan serve` (confined to its folders) leaves the user's list alone.
        from zoneplan_tui.core.confinement import env_roots

        remember = env_roots() is None
        return _run_library(args, [Path(raw) for raw in args.paths], remember=remember)
    paths: list[Path] = []
    for raw in args.paths:
        paths.extend(find_plans(raw))
    first = load_document(paths[0])
    # A bad settings file is one line too (ConfigError), before the terminal switches.
    from zoneplan_tui.cli.output_file import write_output
    from zoneplan_tui.core.config import load_config
    from zoneplan_tui.tui.app import ZoneplanApp

    app = ZoneplanApp(
        paths,
        store=_open_store(args.db),
        preloaded=first,
        config=load_config(),
        write_file=write_output,
    )
    app.run()
    return app.return_code or 0


def _run_library(args: argparse.Namespace, folders: list[Path], *, remember: bool) -> int:
    from zoneplan_tui.formats.load import find_plans
    from zoneplan_tui.library.catalog import Library

    for folder in folders:
        find_plans(folder)  # a missing path or a folder with no plans
    index = Path(args.index) if args.index else None
    Library.open(index_path=index).close()  # an index without FTS5, or of another version
    from zoneplan_tui.core.config import load_config
    from zoneplan_tui.tui.app import ZoneplanApp
    from zoneplan_tui.tui.library_source import LibrarySource

    source = LibrarySource(folders, index, remember=remember)
    from zoneplan_tui.cli.output_file import write_output

    store = _open_store(args.db)
    app = ZoneplanApp(
        [], store=store, library=source, config=load_config(), write_file=write_output
    )
    app.run()
    return app.return_code or 0


def _open_store(db: str | None) -> NotesStore:
    """A corrupt or locked notes file is reported before the app starts, and left untouched."""
    from zoneplan_tui.notes.store import NotesStore

    return NotesStore.open(db)
