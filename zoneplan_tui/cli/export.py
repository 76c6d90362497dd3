"""`zoneplan export PLAN --format docx|html|md [-o OUT]`: the annotated plan, to hand back.

The plan with its notes (from the notes file, re-anchored in its current text) as Word with a
comment per note, one self-contained web page, or the notes as Markdown by section; export/
does the work. The file is written by cli/output_file.py's rules (atomic, regular files only);
without -o it goes beside the plan (or into the settings' export_folder) as
`<stem>.annotated.<format>`; `-o -` is stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.core.errors import UserError


def register(subparsers: Any) -> None:
    from zoneplan_tui.export import DESCRIPTIONS, FORMATS

    formats = "; ".join(f"{f}: {DESCRIPTIONS[f]}" for f in FORMATS)
    p = add_command(
        subparsers,
        "export",
        help="write the annotated plan: Word with comments, a web page, or Markdown",
        description="Write a plan with its notes for the people it goes back to: "
        f"{formats}. Word: every note is a comment on its passage (author: `reviewer` in "
        "the settings, else the user name), in a copy of the plan when it is a Word file, "
        "else in a new document with the outline's headings as heading styles. Web page: one "
        "file that needs no network, with a table of contents, figures coloured by kind, the "
        "notes beside their passages and a tag filter. Markdown: the notes grouped by section "
        "with a file:line link to each passage.\n\nWithout -o the file goes beside the plan as "
        "PLAN.annotated.FORMAT (in export_folder when the settings name one); -o - writes to "
        "stdout.",
        example="""zoneplan export plan.docx --format docx -o plan-reviewed.docx
                   zoneplan export plan.txt --format html -o plan.html""",
    )
    p.add_argument("path", metavar="PLAN", help="a plan file (.txt, .md, .docx, .pdf, .html)")
    p.add_argument("--format", required=True, choices=FORMATS, dest="fmt", help=", ".join(FORMATS))
    p.add_argument("-o", "--output", metavar="OUT", help="the file to write ('-': stdout)")
    add_db(p)
    p.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    from zoneplan_tui.cli.output import say, warn
    from zoneplan_tui.cli.output_file import STDOUT, write_output
    from zoneplan_tui.core.config import load_config
    from zoneplan_tui.export.plan import annotate
    from zoneplan_tui.export.run import default_output, export
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.notes.store import NotesStore

    config = load_config()  # a broken settings file is one line, before any work
    doc = load_document(args.path)
    out_name: str = args.output or str(
        default_output(Path(args.path), args.fmt, config.export_folder)
    )
    to_stdout = out_name == STDOUT
    if to_stdout and args.fmt == "docx" and sys.stdout.isatty():
        raise UserError("a Word file is not for the terminal: name a file with -o")
    store = NotesStore.open_read_only(getattr(args, "db", None))
    anns = store.for_document(doc.sha256, doc.path)
    for problem in [*store.problems, *store.warnings]:
        warn(problem)
    plan = annotate(doc, anns, reviewer=config.reviewer)
    result = export(plan, args.fmt, output=None if to_stdout else Path(out_name))
    for line in result.warnings:
        warn(line)
    if to_stdout:
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
        return 0
    write_output(out_name, result.data)
    orphans = f", {len(plan.orphans)} orphaned" if plan.orphans else ""
    say(f"{out_name}: {len(plan.notes)} note(s){orphans}")
    return 0
