"""`zoneplan library [DIR | --all]`: the plans of a library, one row each."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.folders import add_folder_args, open_library
from zoneplan_tui.cli.output import dump_json, emit


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "library",
        help="list the plans of a folder: title, body, year …",
        description="List the plans of a folder: file, title, issuing body, year, size and the "
        "counts of headings, figures and notes. The search index in the user cache directory "
        "is brought up to date first; unchanged files are not read again.",
        example="zoneplan library ~/plans --json",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_folder_args(p)
    p.set_defaults(func=run_library)


def run_library(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        plans = lib.plans()
    if args.json:
        emit(dump_json({"plans": [p.to_json() for p in plans]}), form="json")
        return 0
    from rich.table import Table

    from zoneplan_tui.cli.output import make_console, plain

    table = Table("file", "title", "body", "year", "size", "headings", "figures", "notes")
    for p in plans:
        # Text, never markup: a title or a file name may hold "[/]".
        table.add_row(
            plain(Path(p.path).name),
            plain(p.title),
            plain(p.body or ""),
            str(p.year or ""),
            f"{p.size / 1024:.1f} KB",
            str(p.headings),
            str(p.figures),
            str(p.notes),
        )
    make_console().print(table)
    return 0
