"""`zoneplan notes correct|corrections|uncorrect`: the reader's corrections of a plan.

Stored with the notes (notes/corrections.py): a line is a heading at some level, or is not one;
the plan's title, issuing body and year. `zoneplan outline`, `zoneplan library` and the app read
them through `plan_overrides`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.cli.output import dump_json, emit, make_console, plain, say, warn
from zoneplan_tui.core.errors import UserError

if TYPE_CHECKING:
    from zoneplan_tui.core.document import Document
    from zoneplan_tui.core.overrides import Overrides
    from zoneplan_tui.notes.corrections import Correction, Resolved


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "correct",
        help="correct how a plan was read: a heading, not a heading, its title/body/year",
        description="Record a correction of a plan, kept with the notes: --heading LINE "
        "--level N makes line LINE a heading of level N (1..6), --not-heading LINE makes it "
        "none, --title/--body/--year set the plan's title, issuing body and year. A line "
        "correction follows its line's text when the plan is edited. `zoneplan outline`, "
        "`zoneplan library` and the app use the corrections.",
        example="zoneplan notes correct plan.txt --heading 12 --level 2",
    )
    p.add_argument("path", metavar="PATH", help="the plan file")
    line = p.add_mutually_exclusive_group()
    line.add_argument("--heading", type=int, metavar="LINE", help="line LINE is a heading")
    line.add_argument("--not-heading", type=int, metavar="LINE", help="line LINE is no heading")
    p.add_argument("--level", type=int, metavar="N", help="the heading's level, 1..6")
    p.add_argument("--title", metavar="T", help="the plan's title")
    p.add_argument("--body", metavar="B", help="the plan's issuing body")
    p.add_argument("--year", type=int, metavar="Y", help="the year the plan is for")
    add_db(p)
    p.set_defaults(func=run_correct)

    p = add_command(
        sub,
        "corrections",
        help="list corrections (of one plan, or all)",
        description="List the corrections of one plan, with the line each one applies to now "
        "(— when its line is gone from the plan), or every correction.\n\n--json gives "
        "[{id, kind, doc, line, text, level, title, body, year, created, updated, line_now}].",
        example="zoneplan notes corrections plan.txt --json",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="a plan file; none lists all")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db(p)
    p.set_defaults(func=run_corrections)

    p = add_command(
        sub,
        "uncorrect",
        help="remove a correction by its id",
        example="zoneplan notes uncorrect 3f2a",
    )
    p.add_argument("id", metavar="ID", help="the correction's id, or a unique start of it")
    add_db(p)
    p.set_defaults(func=run_uncorrect)


def plan_overrides(doc: Document, db: str | None = None) -> Overrides | None:
    """The corrections of `doc` as the core applies them; None when there are none. A notes
    file that cannot be read costs the corrections (said on stderr), never the command."""
    from zoneplan_tui.notes.corrections import resolve
    from zoneplan_tui.notes.store import NotesStore, resolve_db_path

    path = resolve_db_path(db)
    if not path.exists():
        return None
    try:
        store = NotesStore.open_read_only(path)
        found = store.corrections_for(doc.sha256, doc.path.resolve())
    except UserError as exc:
        warn(f"corrections not applied: {exc}")
        return None
    return resolve(found, doc.text).overrides if found else None


def run_correct(args: argparse.Namespace) -> int:
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.notes.annotations import AnnotationError, DocRef
    from zoneplan_tui.notes.corrections import Correction, line_correction
    from zoneplan_tui.notes.store import NotesStore

    meta = (args.title, args.body, args.year)
    line = args.heading if args.heading is not None else args.not_heading
    if args.level is not None and args.heading is None:
        raise UserError("correct: --level goes with --heading")
    if line is None and meta == (None, None, None):
        raise UserError("correct: give --heading LINE --level N, --not-heading LINE, or "
                        "--title/--body/--year")  # fmt: skip
    if line is not None and meta != (None, None, None):
        raise UserError("correct: a line correction and --title/--body/--year go separately")
    if args.heading is not None and args.level is None:
        raise UserError("correct: --heading needs --level N (1..6)")
    doc = load_document(args.path)
    where = str(doc.path.resolve())
    try:
        if args.heading is not None:
            c = line_correction(
                "heading", doc.text, line, path=where, sha256=doc.sha256, level=args.level
            )
        elif args.not_heading is not None:
            c = line_correction("not_heading", doc.text, line, path=where, sha256=doc.sha256)
        else:
            c = Correction(
                "meta",
                DocRef(path=where, sha256=doc.sha256),
                title=args.title,
                body=args.body,
                year=args.year,
            )
    except AnnotationError as exc:
        raise UserError(f"{args.path}: {exc}") from None
    store = NotesStore.open(getattr(args, "db", None))
    stored = store.add_correction(c)
    for problem in [*store.problems, *store.warnings]:
        warn(problem)
    say(stored.id)
    return 0


def _rows(args: argparse.Namespace) -> list[tuple[Correction, int | None, bool]]:
    """(correction, its line now, whether it was placed against a loaded plan)."""
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.notes.corrections import resolve
    from zoneplan_tui.notes.store import NotesStore

    store = NotesStore.open_read_only(getattr(args, "db", None))
    if not args.path:
        found = store.all_corrections()
        return [(c, None, False) for c in found]
    doc = load_document(args.path)
    found = store.corrections_for(doc.sha256, doc.path.resolve())
    placed: Resolved = resolve(found, doc.text)
    return [(c, placed.line_of(c), True) for c in found]


def run_corrections(args: argparse.Namespace) -> int:
    rows = _rows(args)
    if args.json:
        out = []
        for c, now, placed in rows:
            row = c.to_dict()
            if placed and c.is_line:
                row["line_now"] = now
            out.append(row)
        emit(dump_json(out), form="json")
        return 0
    if not rows:
        say("No corrections.")
        return 0
    from rich.table import Table

    table = Table(title=plain(f"{len(rows)} correction(s)"), title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("plan", overflow="fold")
    table.add_column("correction", overflow="fold")
    table.add_column("line now", justify="right", no_wrap=True)
    for c, now, placed in rows:
        line_now = "" if not (placed and c.is_line) else (str(now) if now is not None else "—")
        table.add_row(
            plain(c.id[:8]), plain(Path(c.doc.path).name), plain(c.describe()), plain(line_now)
        )
    make_console().print(table)
    if any(placed and c.is_line and now is None for c, now, placed in rows):
        say("— = the line is no longer in the plan; the correction is kept, not applied")
    return 0


def run_uncorrect(args: argparse.Namespace) -> int:
    from zoneplan_tui.notes.store import NotesStore

    store = NotesStore.open(getattr(args, "db", None))
    gone = store.remove_correction(args.id)
    say(f"removed: {gone.describe()}")
    return 0
