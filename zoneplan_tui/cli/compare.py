"""`zoneplan compare A B`: what changed from plan A (the older, or first) to plan B.

Without `--format`, a summary for a person: the counts, the sections that are not kept and the
targets that changed. `--format md|html|json|csv` writes the full report (the JSON contract is
in README.md); `-o FILE` writes it to FILE, in the form its extension names when `--format` is
not given.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.cli.args import add_command
from zoneplan_tui.cli.output import Form, dump_json, emit

if TYPE_CHECKING:
    from zoneplan_tui.library.compare.engine import Comparison

FORMATS = ("md", "html", "json", "csv")
_BY_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_BY_SUFFIX |= {".json": "json", ".csv": "csv"}


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "compare",
        help="compare two plans: sections, text and targets",
        description="Compare plan A (the older, or first) with plan B: sections matched by "
        "title and content at every level (kept, changed, renamed, moved, added, dropped), "
        "the clauses changed in each, word by word, and the targets raised, cut, unchanged, "
        "new or dropped (values compared after normalisation: 1.2亿元 = 12000万元).\n\n"
        "Without --format, a summary; --format md|html|json|csv the full report.",
        example="zoneplan compare plan-2019.docx plan-2020.docx\n"
        "zoneplan compare draft.txt issued.txt -o changes.html",
    )
    p.add_argument("a", metavar="A", help="the older (or first) plan")
    p.add_argument("b", metavar="B", help="the newer (or second) plan")
    p.add_argument("--format", choices=FORMATS, help="the report's form (default: a summary)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.set_defaults(func=run_compare)


def report_format(fmt: str | None, output: str | None) -> str | None:
    """The report's form: --format, else the extension of -o FILE (Markdown for another), else
    None (the summary)."""
    if fmt:
        return fmt
    if output and output != "-":
        return _BY_SUFFIX.get(Path(output).suffix.lower(), "md")
    return None


def load_comparison(a: str, b: str) -> Comparison:
    from zoneplan_tui.core.analysis import analyse
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.library.compare.engine import compare_plans

    return compare_plans(analyse(load_document(a)), analyse(load_document(b)))


def run_compare(args: argparse.Namespace) -> int:
    comparison = load_comparison(args.a, args.b)
    fmt = report_format(args.format, args.output)
    if fmt is None:
        emit(summary(comparison), args.output)
        return 0
    from zoneplan_tui.library.compare import report

    form: Form = "data"
    if fmt == "json":
        text, form = dump_json(report.to_json(comparison)), "json"
    elif fmt == "csv":
        text, form = report.to_csv(comparison), "csv"
    elif fmt == "html":
        from zoneplan_tui.library.compare.report_html import to_html

        text = to_html(comparison)
    else:
        text = report.to_markdown(comparison)
    emit(text, args.output, bom=fmt == "csv", form=form)
    return 0


def summary(c: Comparison) -> str:
    """The counts, the sections not kept and the targets that changed, one per line."""
    from zoneplan_tui.library.compare.report import indicator_label, label

    def counts(found: dict[str, int]) -> str:
        return ", ".join(f"{n} {k}" for k, n in found.items() if n) or "none"

    out = [
        f"A: {c.a.plan.doc.name}  {c.a.title}",
        f"B: {c.b.plan.doc.name}  {c.b.title}",
        f"sections: {counts(c.section_counts())}",
        f"targets: {counts(c.target_counts())}",
    ]
    shown = [p for p in c.shown_pairs if p.status != "kept"]
    if shown:
        out.append("")
    for p in shown:
        a, b = label(p.a), label(p.b)
        if p.a is None:
            out.append(f"  added     {b}  (B line {p.b.line if p.b else ''})")
        elif p.b is None:
            out.append(f"  dropped   {a}  (A line {p.a.line})")
        else:
            what = a if a == b else f"{a} → {b}"
            out.append(f"  {p.status:<9} {what}  ({p.similarity:.2f}, B line {p.b.line})")
    targets = [t for t in c.targets if t.change != "unchanged"]
    if targets:
        out.append("")
    for t in targets:
        a = t.a.figure.text if t.a else "—"
        b = t.b.figure.text if t.b else "—"
        out.append(f"  {t.change:<9} {indicator_label(t)}: {a} → {b}")
    return "\n".join(out) + "\n"


__all__ = ["FORMATS", "load_comparison", "register", "report_format", "run_compare", "summary"]
