"""`zoneplan targets [DIR | --all]`: the targets of a library's plans, by indicator."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.folders import add_folder_args, open_library
from zoneplan_tui.cli.output import dump_json, emit

if TYPE_CHECKING:
    from zoneplan_tui.library.catalog import PlanInfo
    from zoneplan_tui.library.targets import TableRow


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "targets",
        help="targets by indicator across the plans of a folder",
        description="Line up the targets of a folder's plans: one row per indicator "
        "(一般预算收入增长8% → 一般预算收入, growth), one column per plan.",
        example="zoneplan targets ~/plans --csv -o targets.csv",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV (UTF-8 with BOM)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_folder_args(p)
    p.set_defaults(func=run_targets)


def _cell(t: Any) -> str:
    return (t.figure.text or "").strip()


def _table_json(plans: list[PlanInfo], rows: list[TableRow]) -> dict:
    return {
        "plans": [{"sha256": p.sha256, "file": Path(p.path).name, "label": p.label} for p in plans],
        "indicators": [
            {
                "indicator": r.indicator,
                "key": r.key,
                "growth": r.growth,
                "cells": {
                    sha: [
                        {
                            "text": t.figure.text,
                            "value": t.value,
                            "unit": t.unit,
                            "cmp": t.cmp,
                            "line": t.figure.line,
                            "section": list(t.section),
                        }
                        for t in ts
                    ]
                    for sha, ts in r.cells.items()
                },
            }
            for r in rows
        ],
    }


def run_targets(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        plans = lib.plans()
        rows = lib.target_table(plans)
    if args.json:
        emit(dump_json(_table_json(plans, rows)), args.output, form="json")
        return 0
    labels = [p.label for p in plans]
    # Two plans of one body and year (a draft and a final text) still need two columns.
    labels = [
        f"{lab} ({Path(p.path).name})" if labels.count(lab) > 1 else lab
        for lab, p in zip(labels, plans, strict=True)
    ]
    header = ["indicator", "growth", *labels]
    body = [
        [
            r.indicator,
            "增长" if r.growth else "",
            *("; ".join(_cell(t) for t in r.cells.get(p.sha256, ())) for p in plans),
        ]
        for r in rows
    ]
    if args.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        emit(buf.getvalue(), args.output, bom=True, form="csv")
        return 0
    lines = []
    for r, row in zip(rows, body, strict=True):
        cells = [f"{lab}: {c}" for lab, c in zip(labels, row[2:], strict=True) if c]
        lines.append(f"{r.indicator}{'（增长）' if r.growth else ''}  " + " | ".join(cells))
    lines.append(f"{len(rows)} indicators in {len(plans)} plans")
    emit("\n".join(lines) + "\n", args.output)
    return 0
