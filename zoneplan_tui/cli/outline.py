"""`zoneplan outline PATH`: a plan's outline as a tree, or JSON for scripts."""

from __future__ import annotations

import argparse
from typing import Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.output import dump_json, emit


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "outline",
        help="print a plan's outline",
        description="Print a plan's outline: its title and headings as a tree, with line "
        "numbers.\n\n--json gives {file, title, title_line, body_start_line, headings, "
        "inline_items}.",
        example="zoneplan outline sample_docs/wuqing-2019-work-points.txt --json",
    )
    p.add_argument("path", metavar="PATH", help="a plan file (.txt, .md, .docx, .pdf, .html)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_outline)


def run_outline(args: argparse.Namespace) -> int:
    from zoneplan_tui.core.analysis import analyse_outline
    from zoneplan_tui.formats.load import load_document

    doc = load_document(args.path)
    outline = analyse_outline(doc)
    if args.json:
        emit(dump_json(outline.to_json(doc.name)), form="json")
        return 0
    from zoneplan_tui.cli.output import print_outline

    print_outline(doc, outline)
    return 0
