"""`zoneplan targets [DIR | --all]`: the targets of a library's plans, by indicator.

One line per value: the indicator (growth rates marked （增长）), the plan (its short title), the
year the value is for, whether it is a target or a result, the normalised value, its unit, the
text as the plan writes it and its line. `--csv` writes those columns; `--json` the table of
indicators × plans with the same fields in each cell.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.folders import add_folder_args, open_library
from zoneplan_tui.cli.output import dump_json, emit, make_console, plain

if TYPE_CHECKING:
    from zoneplan_tui.library.catalog import PlanInfo
    from zoneplan_tui.library.targets import TableRow, Target

CSV_COLUMNS = ("indicator", "plan", "year", "kind", "value", "unit", "text", "line")


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "targets",
        help="targets by indicator across the plans of a folder",
        description="Line up the targets of a folder's plans: one row per indicator "
        "(一般预算收入增长8% → 一般预算收入, growth) and value, with the plan, the year the value "
        "is for and whether it is a target or a result (a report's review of last year).",
        example="zoneplan targets ~/plans --csv -o targets.csv",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument(
        "--csv",
        action="store_true",
        help="print CSV (UTF-8 with BOM): " + ", ".join(CSV_COLUMNS),
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_folder_args(p)
    p.set_defaults(func=run_targets)


def indicator_label(row: TableRow) -> str:
    return f"{row.indicator}（增长）" if row.growth else row.indicator


def _cell_json(t: Target) -> dict:
    return {
        "text": t.figure.text,
        "value": t.value,
        "unit": t.unit,
        "cmp": t.cmp,
        "year": t.year,
        "kind": t.kind,
        "line": t.figure.line,
        "section": list(t.section),
    }


def _table_json(plans: list[PlanInfo], labels: list[str], rows: list[TableRow]) -> dict:
    return {
        "plans": [
            {"sha256": p.sha256, "file": Path(p.path).name, "label": label}
            for p, label in zip(plans, labels, strict=True)
        ],
        "indicators": [
            {
                "indicator": r.indicator,
                "key": r.key,
                "growth": r.growth,
                "kind": r.kind,
                "years": r.years,
                "cells": {sha: [_cell_json(t) for t in ts] for sha, ts in r.cells.items()},
            }
            for r in rows
        ],
    }


def values(
    plans: list[PlanInfo], labels: list[str], rows: list[TableRow]
) -> list[tuple[TableRow, str, Target]]:
    """(row, plan label, value) for every value of the table, row by row, plan by plan."""
    return [
        (r, label, t)
        for r in rows
        for p, label in zip(plans, labels, strict=True)
        for t in r.cells.get(p.sha256, ())
    ]


def csv_rows(found: list[tuple[TableRow, str, Target]]) -> list[list[str]]:
    """One row per value, in CSV_COLUMNS order (numbers in full, no exponent)."""
    from zoneplan_tui.core.figures_format import csv_value

    return [
        [
            indicator_label(r),
            label,
            "" if t.year is None else str(t.year),
            t.kind,
            csv_value(t.value),
            t.unit or "",
            (t.figure.text or "").strip(),
            str(t.figure.line),
        ]
        for r, label, t in found
    ]


def run_targets(args: argparse.Namespace) -> int:
    from zoneplan_tui.library.targets_labels import plan_labels

    with open_library(args) as lib:
        plans = lib.plans()
        rows = lib.target_table(plans)
    labels = plan_labels(plans)
    if args.json:
        emit(dump_json(_table_json(plans, labels, rows)), args.output, form="json")
        return 0
    found = values(plans, labels, rows)
    if args.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        w.writerows(csv_rows(found))
        emit(buf.getvalue(), args.output, bom=True, form="csv")
        return 0
    if args.output:
        lines = ["\t".join(CSV_COLUMNS), *("\t".join(r) for r in csv_rows(found))]
        emit("\n".join(lines) + "\n", args.output, form="data")
        return 0
    _print_table(found, len(rows), len(plans))
    return 0


def _print_table(found: list[tuple[TableRow, str, Target]], indicators: int, plans: int) -> None:
    from rich.table import Table
    from rich.text import Text

    from zoneplan_tui.core.figures import value_text

    table = Table(show_lines=False)
    for col in ("indicator", "plan", "year", "kind", "text", "value", "unit", "line"):
        right = col in ("year", "value", "line")
        table.add_column(col, overflow="fold", justify="right" if right else "left")
    for r, label, t in found:
        table.add_row(
            plain(indicator_label(r)),
            plain(label),
            "" if t.year is None else str(t.year),
            t.kind,
            plain((t.figure.text or "").strip()),
            value_text(t.value, t.unit),
            plain(t.unit or ""),
            str(t.figure.line),
        )
    console = make_console()
    console.print(table)
    console.print(
        Text(f"{indicators} indicators, {len(found)} values in {plans} plans", style="dim")
    )
