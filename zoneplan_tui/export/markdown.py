"""The notes of a plan as Markdown, by section: a heading per section path in outline order,
each note with its quoted passage, its note, and a `file:line` link back to the plan; orphaned
notes last. Everything from the plan and the notes is escaped (`md_escape`): no plan text or
note becomes a heading, a table, a code block, a link or HTML in the export.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from zoneplan_tui.export.plan import AnnotatedPlan, PlacedNote

if TYPE_CHECKING:
    from zoneplan_tui.notes.annotations import Annotation

_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
_MD_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")
NO_SECTION = "(before the first heading)"
ORPHANS = "Orphaned notes (the passage is no longer in the text)"


def md_escape(text: str) -> str:
    """Text made inert in Markdown: no headings, tables, code fences, emphasis, links or HTML.

    Every line is escaped on its own; leading spaces become no-break spaces so that an indented
    line cannot turn into a code block.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        esc = _MD_INLINE.sub(r"\\\1", line)
        stripped = esc.lstrip(" \t")
        indent = len(esc) - len(stripped)
        m = _MD_LINE_START.match(stripped)
        if m:
            marker = m.group(1)
            if marker[0].isdigit():
                stripped = marker + "\\" + stripped[len(marker) :]
            else:
                stripped = "\\" + stripped
        out.append("\u00a0" * indent + stripped)
    return "\n".join(out)


def md_lines(text: str) -> list[str]:
    """A note as Markdown lines: line breaks kept (backslash hard breaks), blank lines kept."""
    lines = md_escape(text).split("\n")
    out = []
    for i, line in enumerate(lines):
        nxt_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        out.append(line if (not line.strip() or nxt_blank) else line + "\\")
    return out


def plan_link(plan: Path, line: int, base: Path | None = None) -> str:
    """`[plan.txt:12](…)`: the plan's path relative to `base` (the export's folder) when there
    is one, else its absolute file: URI; `#L12` names the line where viewers know it."""
    target = plan.absolute()
    href = target.as_uri()
    if base is not None:
        # another drive on Windows has no relative path: the URI stays
        with contextlib.suppress(ValueError):
            href = quote(Path(os.path.relpath(target, base.absolute())).as_posix())
    return f"[{md_escape(f'{plan.name}:{line}')}]({href}#L{line})"


def section_groups(notes: Sequence[PlacedNote]) -> list[tuple[tuple[str, ...], list[PlacedNote]]]:
    """The placed notes grouped by the section they sit in, sections in outline order."""
    groups: dict[int, tuple[tuple[str, ...], list[PlacedNote]]] = {}
    for n in notes:
        if n.is_orphan:
            continue
        # The innermost heading's line orders the sections as the outline does.
        key = n.section[-1].line if n.section else 0
        groups.setdefault(key, (n.section_titles, []))[1].append(n)
    return [groups[k] for k in sorted(groups)]


def to_markdown(plan: AnnotatedPlan, link_base: Path | None = None) -> str:
    doc = plan.doc
    out = [f"# Notes: {md_escape(plan.title)}", ""]
    out.append(f"- Plan: {md_escape(str(doc.path))}")
    orphaned = f" ({len(plan.orphans)} orphaned)" if plan.orphans else ""
    out.append(f"- Notes: {len(plan.notes)}{orphaned}")
    out.append(f"- Reviewer: {md_escape(plan.reviewer)}")
    out.append(f"- Exported: {plan.exported.isoformat(timespec='seconds').replace('+00:00', 'Z')}")
    out.append("")
    for section, group in section_groups(plan.notes):
        title = " › ".join(section) if section else NO_SECTION
        out += [f"## {md_escape(title)}", ""]
        for n in group:
            out += note_lines(n, doc.path, link_base)
    if plan.orphans:
        out += [f"## {ORPHANS}", ""]
        for n in plan.orphans:
            out += note_lines(n, doc.path, link_base)
    return "\n".join(out).rstrip("\n") + "\n"


def note_lines(n: PlacedNote, plan: Path, link_base: Path | None) -> list[str]:
    if n.line is not None:
        where = [plan_link(plan, n.line, link_base)]
    else:
        where = [f"was in: {md_escape(' › '.join(n.ann.section))}"] if n.ann.section else []
    review = n.reason if n.status == "review" else None
    return note_block(n.ann, where, review=review, status=n.status_text)


def note_block(
    ann: Annotation, where: list[str], *, review: str | None = None, status: str | None = None
) -> list[str]:
    """A note in Markdown: its quote, its text, then one line of facts: `where` it is (a link,
    a line, the section it was in), that it needs review and why (`review`; "" for no reason
    known) or else its `status` when given, its tags, id and time. Both Markdown exports (the
    annotated plan, `notes export --format md`) write notes with it."""
    out = [("> " + line) if line else ">" for line in md_escape(ann.quote).split("\n")]
    out.append("")
    if ann.note:
        out += md_lines(ann.note)
        out.append("")
    meta = list(where)
    if review is not None:  # said once, with why
        meta.append(f"**needs review** ({md_escape(review or 'the passage changed')})")
    elif status:
        meta.append(f"status: {md_escape(status)}")
    if ann.tags:
        meta.append("tags: " + ", ".join(md_escape(t) for t in ann.tags))
    meta.append(f"note `{ann.id}`")
    meta.append(f"updated {ann.updated}")
    out += ["*" + " · ".join(meta) + "*", ""]
    return out
