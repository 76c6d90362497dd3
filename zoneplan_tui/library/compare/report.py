"""A comparison written out: JSON (the contract in README.md, "zoneplan compare"), Markdown and
CSV. report_html.py writes the HTML form from the same records.

Every form holds the same four parts: the two plans, the summary counts, the section map (each
pair with its status and similarity, and, for a pair that is not kept, its clause changes) and
the targets side by side. A kept pair has no changes, so the per-section text changes list only
what changed; added and dropped sections list their clauses as added or removed.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from zoneplan_tui.core.figures_format import value_text
from zoneplan_tui.library.compare.engine import Comparison, PlanSide
from zoneplan_tui.library.compare.model import ClauseChange, SectionPair, TargetChange
from zoneplan_tui.library.compare.sections import Section
from zoneplan_tui.library.targets import Target

FORMAT_VERSION = 1
CSV_COLUMNS = (
    "record",
    "status",
    "a_line",
    "a_text",
    "b_line",
    "b_text",
    "similarity",
    "a_value",
    "b_value",
    "unit",
)
# Markdown and CSV name a section by its marker and title; the preamble has neither.
PREAMBLE_LABEL = "（正文前）"


def label(s: Section | None) -> str:
    if s is None:
        return ""
    if s.is_preamble:
        return PREAMBLE_LABEL
    return f"{s.marker}{s.title}".strip()


def _plan_json(side: PlanSide) -> dict[str, Any]:
    doc = side.plan.doc
    return {"file": doc.name, "title": side.title, "sha256": doc.sha256, "chars": len(doc.text)}


def _section_json(s: Section | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "position": s.position,
        "level": s.level,
        "marker": s.marker,
        "title": s.title,
        "line": s.line,
        "path": list(s.path),
        "preamble": s.is_preamble,
    }


def clause_text(c: Comparison, change: ClauseChange, side: str) -> str:
    span = change.a if side == "a" else change.b
    text = c.a.text if side == "a" else c.b.text
    return "" if span is None else text[span[0] : span[1]]


def _line(c: Comparison, change: ClauseChange, side: str) -> int | None:
    span = change.a if side == "a" else change.b
    doc = (c.a if side == "a" else c.b).plan.doc
    return None if span is None else doc.line_of(span[0])


def _change_json(c: Comparison, change: ClauseChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "a": clause_text(c, change, "a") or None,
        "b": clause_text(c, change, "b") or None,
        "a_line": _line(c, change, "a"),
        "b_line": _line(c, change, "b"),
        "similarity": round(change.similarity, 3),
        "words": [{"op": w.op, "text": w.text} for w in change.words],
    }


def _pair_json(c: Comparison, p: SectionPair) -> dict[str, Any]:
    return {
        "status": p.status,
        "similarity": p.similarity,
        "title_similarity": p.title_similarity,
        "text_similarity": p.text_similarity,
        "moved": p.moved,
        "renamed": p.renamed,
        "changed": p.changed,
        "renumbered": p.renumbered,
        "a": _section_json(p.a),
        "b": _section_json(p.b),
        "changes": [_change_json(c, ch) for ch in c.changes(p)],
    }


def _target_json(t: Target | None) -> dict[str, Any] | None:
    if t is None:
        return None
    f = t.figure
    return {
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "figure_kind": f.kind,
        "line": f.line,
        "year": t.year,
        "section": list(t.section),
    }


def _target_change_json(t: TargetChange) -> dict[str, Any]:
    return {
        "indicator": t.indicator,
        "key": t.key,
        "growth": t.growth,
        "kind": t.kind,
        "change": t.change,
        "a": _target_json(t.a),
        "b": _target_json(t.b),
    }


def to_json(c: Comparison) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "a": _plan_json(c.a),
        "b": _plan_json(c.b),
        "summary": {"sections": c.section_counts(), "targets": c.target_counts()},
        "sections": [_pair_json(c, p) for p in c.shown_pairs],
        "targets": [_target_change_json(t) for t in c.targets],
    }


def target_value(t: Target | None) -> str:
    return "" if t is None else value_text(t.value, t.unit)


def indicator_label(t: TargetChange) -> str:
    return f"{t.indicator}（增长）" if t.growth else t.indicator


def to_csv(c: Comparison) -> str:
    """One row per section pair, clause change and target (`record`: section, clause, target)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in c.shown_pairs:
        w.writerow(
            [
                "section",
                p.status,
                _num(p.a.line if p.a else None),
                label(p.a),
                _num(p.b.line if p.b else None),
                label(p.b),
                f"{p.similarity:.3f}",
                "",
                "",
                "",
            ]
        )
        for ch in c.changes(p):
            w.writerow(
                [
                    "clause",
                    ch.kind,
                    _num(_line(c, ch, "a")),
                    clause_text(c, ch, "a"),
                    _num(_line(c, ch, "b")),
                    clause_text(c, ch, "b"),
                    f"{ch.similarity:.3f}" if ch.kind == "changed" else "",
                    "",
                    "",
                    "",
                ]
            )
    for t in c.targets:
        w.writerow(
            [
                "target",
                t.change,
                _num(t.a.figure.line if t.a else None),
                f"{indicator_label(t)} {t.a.figure.text}" if t.a else "",
                _num(t.b.figure.line if t.b else None),
                f"{indicator_label(t)} {t.b.figure.text}" if t.b else "",
                "",
                target_value(t.a),
                target_value(t.b),
                _unit(t),
            ]
        )
    return buf.getvalue()


def _unit(t: TargetChange) -> str:
    side = t.b if t.b is not None else t.a
    return (side.unit or "") if side is not None else ""


def _num(n: int | None) -> str:
    return "" if n is None else str(n)


def _md(text: str) -> str:
    """A table cell or inline text: no line breaks, no table or emphasis syntax."""
    out = " ".join(text.split())
    for ch in "\\|*_~`[]<>":
        out = out.replace(ch, "\\" + ch)
    return out


def words_markdown(change: ClauseChange) -> str:
    """A changed clause with its deletions struck through and its insertions in bold."""
    parts = []
    for w in change.words:
        t = _md(w.text)
        if not t:
            continue
        parts.append(t if w.op == "equal" else f"~~{t}~~" if w.op == "delete" else f"**{t}**")
    return "".join(parts)


def to_markdown(c: Comparison) -> str:
    s, t = c.section_counts(), c.target_counts()
    out = [
        f"# 对比：{_md(c.a.title)} → {_md(c.b.title)}",
        "",
        f"A: {_md(c.a.plan.doc.name)}  ",
        f"B: {_md(c.b.plan.doc.name)}",
        "",
        "## Summary",
        "",
        "| sections | " + " | ".join(s) + " |",
        "|---|" + "---:|" * len(s),
        "| | " + " | ".join(str(v) for v in s.values()) + " |",
        "",
        "| targets | " + " | ".join(t) + " |",
        "|---|" + "---:|" * len(t),
        "| | " + " | ".join(str(v) for v in t.values()) + " |",
        "",
        "## Sections",
        "",
        "| status | A | B | similarity |",
        "|---|---|---|---:|",
    ]
    for p in c.shown_pairs:
        side = p.b if p.b is not None else p.a
        indent = "　" * max(0, (side.level if side is not None else 1) - 1)
        out.append(
            f"| {p.status} | {indent}{_md(label(p.a))} | {indent}{_md(label(p.b))} "
            f"| {p.similarity:.2f} |"
        )
    changed_targets = [x for x in c.targets if x.change != "unchanged"]
    out += ["", "## Targets", ""]
    if changed_targets:
        out += ["| indicator | A | B | change |", "|---|---|---|---|"]
        for x in changed_targets:
            a = _md(x.a.figure.text) if x.a else ""
            b = _md(x.b.figure.text) if x.b else ""
            out.append(f"| {_md(indicator_label(x))} | {a} | {b} | {x.change} |")
    else:
        out.append("No target changed.")
    out += ["", "## Text changes", ""]
    for p in c.shown_pairs:
        changes = c.changes(p)
        if not changes:
            continue
        out += [f"### {_md(label(p.b or p.a))} ({p.status})", ""]
        for ch in changes:
            if ch.kind == "changed":
                out.append(f"- changed: {words_markdown(ch)}")
            elif ch.kind == "added":
                out.append(f"- added: **{_md(clause_text(c, ch, 'b'))}**")
            else:
                out.append(f"- removed: ~~{_md(clause_text(c, ch, 'a'))}~~")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = [
    "CSV_COLUMNS",
    "FORMAT_VERSION",
    "clause_text",
    "label",
    "to_csv",
    "to_json",
    "to_markdown",
    "words_markdown",
]
