"""`zoneplan notes backups|restore`: the way back when the notes file is damaged.

The store keeps `.bak.N` generations beside the notes file and refuses to touch a file it cannot
read; these two commands let the reader see the generations and put one back. The file a restore
replaces is kept (`<db>.before-restore-<time>`), so a restore never loses anything either.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.cli.output import dump_json, emit, say
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.core.safe_text import safe_line


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "backups",
        help="list the backup generations of the notes file",
        description="List the notes file's .bak generations, newest first, with their size, "
        "time and how many notes each holds (or why it cannot be read).",
        example="zoneplan notes backups --json",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db(p)
    p.set_defaults(func=run_backups)

    p = add_command(
        sub,
        "restore",
        help="make a backup generation the notes file again",
        description="Restore backup generation N (1 = the newest, see `zoneplan notes backups`)."
        "\nThe file it replaces is kept beside it as <db>.before-restore-<time>.",
        example="zoneplan notes restore 2",
    )
    p.add_argument(
        "generation",
        nargs="?",
        type=int,
        default=1,
        metavar="N",
        help="the backup generation (default 1, the newest)",
    )
    add_db(p)
    p.set_defaults(func=run_restore)


def _when(posix: float) -> str:
    return datetime.fromtimestamp(posix, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if posix else "?"


def run_backups(args: argparse.Namespace) -> int:
    from zoneplan_tui.notes.store import list_backups, resolve_db_path

    db = resolve_db_path(getattr(args, "db", None))
    backups = list_backups(db)
    if args.json:
        rows = [
            {
                "generation": b.generation,
                "path": str(b.path),
                "size": b.size,
                "modified": _when(b.modified),
                "notes": b.notes,
                "problem": b.problem or None,
            }
            for b in backups
        ]
        emit(dump_json({"db": str(db), "backups": rows}), form="json")
        return 0
    if not backups:
        say(f"no backups of {db}")
        return 0
    say(f"backups of {db} (newest first):")
    for b in backups:
        what = f"{b.notes} notes" if b.notes is not None else f"unreadable: {b.problem}"
        say(f"  {b.generation}  {_when(b.modified)}  {b.size:>9,} bytes  {what}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from zoneplan_tui.notes.store import resolve_db_path, restore_backup

    if args.generation < 1:
        raise UserError("restore: the generation is 1 or more (see zoneplan notes backups)")
    db = resolve_db_path(getattr(args, "db", None))
    kept = restore_backup(db, args.generation)
    sys.stderr.write(safe_line(f"restored {db} from backup {args.generation}") + "\n")
    if kept is not None:
        sys.stderr.write(safe_line(f"the file it replaced is kept as {kept}") + "\n")
    return 0
