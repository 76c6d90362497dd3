"""`zoneplan notes carry OLD NEW`: the notes of an older edition of a plan carried onto the
newer one (library/compare/carry.py says how each is placed), and the ones that could not be.

Carried notes are new notes on NEW (the old ones stay on OLD); a note carried before is not
carried twice. `--dry-run` only says what would be carried.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.cli.output import dump_json, emit, warn

if TYPE_CHECKING:
    from zoneplan_tui.library.compare.carry import Carried


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "carry",
        help="carry the notes of an older edition of a plan onto the newer one",
        description="Place each note of OLD on NEW, the newer edition of the same plan (a "
        "draft and its revision, last year's and this year's): by its passage and context, "
        "else within the section NEW has in place of the note's. Notes placed with changed "
        "surroundings are marked to review; those that cannot be placed are listed.",
        example="zoneplan notes carry draft.docx issued.docx --dry-run",
    )
    p.add_argument("old", metavar="OLD", help="the edition the notes are on")
    p.add_argument("new", metavar="NEW", help="the edition to carry them to")
    p.add_argument(
        "--dry-run", action="store_true", help="say what would be carried, store nothing"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db(p)
    p.set_defaults(func=run_carry)


def _row(c: Carried) -> dict[str, Any]:
    new = c.new
    return {
        "id": c.old.id,
        "new_id": new.id if new else None,
        "status": c.status,
        "method": c.method or None,
        "quote": c.old.target.quote,
        "note": c.old.note,
        "section": list(new.target.section if new else c.old.target.section),
    }


def run_carry(args: argparse.Namespace) -> int:
    from pathlib import Path

    from zoneplan_tui.cli.compare import load_comparison
    from zoneplan_tui.library.compare.carry import carry_notes
    from zoneplan_tui.notes.store import NotesStore

    comparison = load_comparison(args.old, args.new)
    old_doc, new_doc = comparison.a.plan.doc, comparison.b.plan.doc
    new_path = str(Path(args.new).resolve())
    store = NotesStore.open(getattr(args, "db", None))
    for problem in [*store.problems, *store.warnings]:
        warn(problem)
    notes = store.for_document(old_doc.sha256, str(Path(args.old).resolve()))
    existing = store.for_document(new_doc.sha256, new_path)
    result = carry_notes(comparison, notes, new_path, existing)
    placed = [c for c in result if c.new is not None]
    if not args.dry_run:
        for c in placed:
            assert c.new is not None
            store.add(c.new)
    if args.json:
        emit(dump_json({"dry_run": args.dry_run, "notes": [_row(c) for c in result]}), form="json")
        return 0
    emit(_summary(result, dry_run=args.dry_run))
    return 0


def _summary(result: list[Carried], *, dry_run: bool) -> str:
    counts = {s: sum(c.status == s for c in result) for s in ("attached", "review", "present")}
    orphans = [c for c in result if c.status == "orphan"]
    verb = "would carry" if dry_run else "carried"
    out = [
        f"{verb} {counts['attached'] + counts['review']} of {len(result)} notes "
        f"({counts['review']} to review, {counts['present']} already there, "
        f"{len(orphans)} not placed)"
    ]
    for c in result:
        if c.status == "review" and c.new is not None:
            section = " > ".join(c.new.target.section)
            out.append(f"  review    {_short(c.old.target.quote)}  [{section}]")
    for c in orphans:
        out.append(f"  not placed  {_short(c.old.target.quote)}  — {_short(c.old.note)}")
    return "\n".join(out) + "\n"


def _short(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["register", "run_carry"]
