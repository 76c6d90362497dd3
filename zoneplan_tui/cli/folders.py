"""Which folders the library reads, for `search`, `targets`, `library` and a bare `zoneplan`.

    DIR named     that folder; it is remembered (library/catalog.py's FolderList) for `--all`
    --all         the settings' `library_folders`, then every folder named before
    neither       the settings' `library_folders`, else the bundled sample plans

The settings are read only when no DIR is named, so a broken settings file never stops
`zoneplan library DIR`. A settings folder that does not exist (an unplugged drive) is skipped
with a warning; when none of them exists that is an error naming the settings file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zoneplan_tui.cli.args import add_db, add_index
from zoneplan_tui.cli.output import tell, warn
from zoneplan_tui.core.errors import UserError

if TYPE_CHECKING:
    from zoneplan_tui.core.config import Config
    from zoneplan_tui.library.catalog import Library


def add_folder_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="a folder of plans, read recursively (default: library_folders of the settings, "
        "else the bundled samples); remembered for --all",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="the settings' library_folders and every folder named before (instead of DIR)",
    )
    add_index(parser)
    add_db(parser)


def settings_folders() -> list[Path]:
    """The settings' `library_folders` that exist (warning about the others); [] when unset."""
    from zoneplan_tui.core.config import load_config

    config = load_config()
    wanted = configured_folders(config)
    if not wanted:
        return []
    found = [folder for folder in wanted if folder.is_dir()]
    if not found:
        names = ", ".join(str(f) for f in wanted)
        raise UserError(f"{config.path}: none of the library_folders is a folder ({names})")
    for folder in wanted:
        if folder not in found:
            warn(f"{folder}: no such folder, skipped (library_folders in {config.path})")
    return found


def configured_folders(config: Config) -> list[Path]:
    """The settings' `library_folders` as paths; a relative one is relative to the settings
    file, not to wherever zoneplan happens to run."""
    base = config.path.parent if config.path is not None else Path.cwd()
    return [base / folder for folder in config.library_folders]


def default_folders() -> list[Path]:
    """What the library shows when no folder is named."""
    from zoneplan_tui.formats.load import sample_docs_dir

    return settings_folders() or [sample_docs_dir()]


def chosen_folders(args: argparse.Namespace, lib: Library) -> list[Path]:
    if args.all and args.dir:
        raise UserError("name a DIR or give --all, not both")
    if args.dir:
        return [Path(args.dir)]
    if not args.all:
        return default_folders()
    folders = settings_folders()
    seen = {os.path.abspath(f) for f in folders}
    for remembered in lib.folders:
        if remembered not in seen and Path(remembered).is_dir():
            folders.append(Path(remembered))
            seen.add(remembered)
    if not folders:
        raise UserError("no folders yet: name one as DIR first (it is remembered)")
    return folders


def open_library(args: argparse.Namespace) -> Library:
    """The library refreshed on the folders the arguments choose (see the module docstring)."""
    from zoneplan_tui.library.catalog import Library
    from zoneplan_tui.notes.store import NotesStore

    store = NotesStore.open_read_only(getattr(args, "db", None))
    lib = Library.open(index_path=getattr(args, "index", None), store=store)
    try:
        folders = chosen_folders(args, lib)
        progress = _progress if sys.stderr.isatty() else None
        # A folder the user names is remembered (`--all` and the app's library use the list).
        report = lib.refresh(folders, progress=progress, remember=bool(args.dir))
    except BaseException:
        lib.close()
        raise
    for notice in report.notices:  # a damaged index was replaced
        tell(notice)
    for err in report.errors:
        tell(f"skipped {err}")
    return lib


def _progress(done: int, total: int, path: str) -> None:
    sys.stderr.write(f"\rindexing {done}/{total} ")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
