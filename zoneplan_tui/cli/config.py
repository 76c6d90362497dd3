"""`zoneplan config path|check`: where the settings file is, and whether it reads.

Where the file lives depends on the system (the user config directory: ~/.config/zoneplan on
Linux, ~/Library/Application Support/zoneplan on macOS, %LOCALAPPDATA%\\zoneplan\\zoneplan on
Windows) and on $ZONEPLAN_CONFIG, so `path` answers "where do I write it". `check` reads the
file as the app and the library commands will, so a typo shows up without starting the app.
"""

from __future__ import annotations

import argparse
from typing import Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.output import say, warn


def register(subparsers: Any) -> None:
    config = add_command(
        subparsers,
        "config",
        help="where the settings file is, and check it",
        description="The settings file (TOML): theme, outline_width, library_folders and "
        "[keys] remaps. $ZONEPLAN_CONFIG names another file. README's Settings section "
        "documents every key.",
        example="""zoneplan config path
                   zoneplan config check""",
    )
    config.set_defaults(func=lambda _args: config.error("choose one of path, check"))
    sub = config.add_subparsers(title="commands", metavar="COMMAND", dest="config_command")

    p = add_command(
        sub,
        "path",
        help="print where the settings file is (whether or not it exists)",
        example='"${EDITOR:-vi}" "$(zoneplan config path)"',
    )
    p.set_defaults(func=run_path)

    p = add_command(
        sub,
        "check",
        help="read the settings file and print the settings it gives",
        description="Read the settings file and print the settings it gives. A file that cannot "
        "be read is one line on stderr, exit status 2; a library folder that does not exist "
        "is a warning, exit status 1.",
        example="zoneplan config check",
    )
    p.set_defaults(func=run_check)


def run_path(args: argparse.Namespace) -> int:
    from zoneplan_tui.core.config import config_path

    say(str(config_path()))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from zoneplan_tui.cli.folders import configured_folders
    from zoneplan_tui.core.config import config_path, load_config

    path = config_path()
    config = load_config(path)
    if config.path is None:
        say(f"{path}: no settings file; the defaults apply")
        return 0
    folders = configured_folders(config)
    missing = [f for f in folders if not f.is_dir()]
    rows = [
        ("theme", config.theme or "(default)"),
        ("outline_width", str(config.outline_width or "(default)")),
    ]
    names = [f"{f}{'  (no such folder)' if f in missing else ''}" for f in folders]
    rows += [("library_folders", n) for n in names or ["(none: the bundled samples)"]]
    rows += [("keys", f"{k} = {v}") for k, v in sorted(config.keys.items())] or [
        ("keys", "(no remaps)")
    ]
    say(f"{path}: read")
    last = ""
    for key, value in rows:
        say(f"  {key if key != last else '':<16} {value}")
        last = key
    for folder in missing:
        warn(f"library_folders: {folder}: no such folder")
    return 1 if missing else 0
