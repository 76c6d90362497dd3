"""`zoneplan search QUERY [DIR | --all]`: search the plans of a library, and the notes on them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.folders import add_folder_args, open_library
from zoneplan_tui.cli.output import dump_json, emit
from zoneplan_tui.core.errors import UserError


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "search",
        help="search every plan of a folder, and the notes",
        description="Search every plan of a folder, and the notes on them. A query is words "
        'that must all occur (招商 项目), or a "quoted phrase"; Traditional and Simplified '
        "characters match each other. Hits are ranked by BM25 and give file:line, the "
        "section path and a snippet with the matches in 【】.",
        example="""zoneplan search 营商环境
                   zoneplan search '"北京项目"' ~/plans --json --limit 5""",
    )
    p.add_argument("query", metavar="QUERY", help='words; "quoted" for an exact phrase')
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_folder_args(p)
    p.set_defaults(func=run_search)


def run_search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise UserError("search: an empty query")
    from zoneplan_tui.library.index import check_query

    check_query(args.query)  # before indexing, which may take a while
    with open_library(args) as lib:
        hits = lib.search(args.query, limit=max(1, args.limit))
    if args.json:
        emit(dump_json({"query": args.query, "hits": [h.to_json() for h in hits]}), form="json")
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
