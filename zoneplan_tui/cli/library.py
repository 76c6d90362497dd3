"""`zoneplan search | targets | library`: the library of plans for scripts.

`register(subparsers)` adds the three sub-commands (cli.py calls it). DIR defaults to the bundled
sample plans; a DIR named is remembered, and `--all` covers every remembered folder. The index
is the user cache one unless `--index PATH`; notes come from the notes database (`--db`,
$ZONEPLAN_DB, the default). Errors are `UserError`: one line, exit status 2. Progress of a long
first indexing goes to stderr only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.cli.output import dump_json, emit
from zoneplan_tui.core.errors import UserError

if TYPE_CHECKING:
    from zoneplan_tui.library.catalog import Library, PlanInfo
    from zoneplan_tui.library.targets import TableRow

_CMP_SIGN = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "~": "≈"}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("search", help="search every plan of a folder, and the notes")
    p.add_argument("query", metavar="QUERY", help='words; "quoted" for an exact phrase')
    p.add_argument("dir", nargs="?", metavar="DIR", help="a folder of plans (default: samples)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _common(p)
    p.set_defaults(func=run_search)

    p = subparsers.add_parser("targets", help="targets by indicator across the plans of a folder")
    p.add_argument("dir", nargs="?", metavar="DIR", help="a folder of plans (default: samples)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV (UTF-8 with BOM)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    _common(p)
    p.set_defaults(func=run_targets)

    p = subparsers.add_parser("library", help="list the plans of a folder: title, body, year …")
    p.add_argument("dir", nargs="?", metavar="DIR", help="a folder of plans (default: samples)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _common(p)
    p.set_defaults(func=run_library)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", help="every folder named before (instead of DIR)")
    p.add_argument("--index", metavar="PATH", help="search index file (default: user cache)")
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="notes database file")


def _progress(done: int, total: int, path: str) -> None:
    sys.stderr.write(f"\rindexing {done}/{total} ")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _open(args: argparse.Namespace) -> Library:
    from zoneplan_tui.formats.load import sample_docs_dir
    from zoneplan_tui.library.catalog import Library
    from zoneplan_tui.notes.store import NotesStore

    store = NotesStore.open_read_only(getattr(args, "db", None))
    lib = Library.open(index_path=args.index, store=store)
    if args.all and args.dir:
        raise UserError("name a DIR or give --all, not both")
    if args.all:
        folders = [f for f in lib.folders if Path(f).is_dir()]
        if not folders:
            raise UserError("no folders yet: name one as DIR first (it is remembered)")
    else:
        folders = [str(Path(args.dir) if args.dir else sample_docs_dir())]
    progress = _progress if sys.stderr.isatty() else None
    # A folder the user names is remembered (`--all` and the app's library use the list).
    report = lib.refresh(folders, progress=progress, remember=bool(args.dir))
    for notice in report.notices:  # a damaged index was replaced
        print(f"zoneplan: {notice}", file=sys.stderr)
    for err in report.errors:
        print(f"zoneplan: skipped {err}", file=sys.stderr)
    return lib


def run_search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise UserError("search: an empty query")
    from zoneplan_tui.library.index import check_query

    check_query(args.query)  # before indexing, which may take a while
    with _open(args) as lib:
        hits = lib.search(args.query, limit=max(1, args.limit))
    if args.json:
        emit(dump_json({"query": args.query, "hits": [h.to_json() for h in hits]}))
        return 0
    out = []
    for h in hits:
        where = " › ".join(h.section) or "(before the first heading)"
        kind = f" [note {h.note_id}]" if h.kind == "note" else ""
        out.append(f"{Path(h.path).name}:{h.line}{kind}  {where}")
        marked, pos = [], 0
        for s, e in h.highlights:
            marked += [h.snippet[pos:s], "【", h.snippet[s:e], "】"]
            pos = e
        out.append("    " + "".join([*marked, h.snippet[pos:]]))
    out.append(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}")
    emit("\n".join(out) + "\n")
    return 0


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
    with _open(args) as lib:
        plans = lib.plans()
        rows = lib.target_table(plans)
    if args.json:
        emit(dump_json(_table_json(plans, rows)), args.output)
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
        emit(buf.getvalue(), args.output, bom=True)
        return 0
    lines = []
    for r, row in zip(rows, body, strict=True):
        cells = [f"{lab}: {c}" for lab, c in zip(labels, row[2:], strict=True) if c]
        lines.append(f"{r.indicator}{'（增长）' if r.growth else ''}  " + " | ".join(cells))
    lines.append(f"{len(rows)} indicators in {len(plans)} plans")
    emit("\n".join(lines) + "\n", args.output)
    return 0


def run_library(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        plans = lib.plans()
    if args.json:
        emit(dump_json({"plans": [p.to_json() for p in plans]}))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("file", "title", "body", "year", "size", "headings", "figures", "notes")
    for p in plans:
        table.add_row(
            Path(p.path).name,
            p.title,
            p.body or "",
            str(p.year or ""),
            f"{p.size / 1024:.1f} KB",
            str(p.headings),
            str(p.figures),
            str(p.notes),
        )
    Console().print(table)
    return 0
