"""`zoneplan outline PATH`: a plan's outline as a tree, or JSON for scripts."""

from __future__ import annotations

import argparse
from typing import Any

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.cli.output import dump_json, emit


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "outline",
        help="print a plan's outline",
        description="Print a plan's outline: its title and headings as a tree, with line "
        "numbers.\n\n--json gives {file, title, title_line, body_start_line, headings, "
        "inline_items}. Corrections made with `zoneplan notes correct` (or in the app) apply.",
        example="zoneplan outline sample_docs/wuqing-2019-work-points.txt --json",
    )
    p.add_argument("path", metavar="PATH", help="a plan file (.txt, .md, .docx, .pdf, .html)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db(p)
    p.set_defaults(func=run_outline)


def run_outline(args: argparse.Namespace) -> int:
    from zoneplan_tui.cli.corrections import plan_overrides
    from zoneplan_tui.core.analysis import analyse_outline
    from zoneplan_tui.formats.load import load_document

    doc = load_document(args.path)
    outline = analyse_outline(doc, plan_overrides(doc, getattr(args, "db", None)))
    if args.json:
        emit(dump_json(outline.to_json(doc.name)), form="json")
        return 0
    from zoneplan_tui.cli.output import print_outline

    print_outline(doc, outline)
    return 0
