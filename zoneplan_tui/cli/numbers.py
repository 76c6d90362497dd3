"""`zoneplan numbers PATH`: every figure of a plan with its kind, value, unit and comparator."""

from __future__ import annotations

import argparse
from typing import Any

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.cli.output import dump_json, emit


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "numbers",
        help="print a plan's figures",
        description="Print every figure of a plan: its text, kind, normalised value, unit, "
        "comparator, line and section. Offsets count characters of the decoded text "
        "(`zoneplan text`). Sections follow the outline as corrected (`zoneplan notes correct`).",
        example="zoneplan numbers sample_docs/haimen-2017-work-plan.txt --csv -o figures.csv",
    )
    p.add_argument("path", metavar="PATH", help="a plan file (.txt, .md, .docx, .pdf, .html)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV (UTF-8 with BOM)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_db(p)
    p.set_defaults(func=run_numbers)


def run_numbers(args: argparse.Namespace) -> int:
    from zoneplan_tui.cli.corrections import plan_overrides
    from zoneplan_tui.core.analysis import analyse
    from zoneplan_tui.formats.load import load_document

    doc = load_document(args.path)
    plan = analyse(doc, overrides=plan_overrides(doc, getattr(args, "db", None)))
    rows = [f.to_json(list(plan.section_titles(f.line))) for f in plan.figures]
    if args.json:
        emit(dump_json({"file": doc.name, "numbers": rows}), args.output, form="json")
    elif args.csv:
        from zoneplan_tui.cli.output import figures_csv

        emit(figures_csv(rows), args.output, bom=True, form="csv")
    elif args.output not in (None, "-"):
        from zoneplan_tui.cli.output import figures_table

        emit(figures_table(doc, plan), args.output)
    else:
        from zoneplan_tui.cli.output import print_figures

        print_figures(doc, plan)
    return 0
