"""The annotated plan as one web page: a file that opens anywhere and fetches nothing.

The outline is a table of contents linking to the headings; every figure is coloured by kind
(core/figure_colours.py, the app's palette) with a legend; each note sits in the margin level
with its passage, with its tags; buttons filter the notes by tag; print keeps the text, the
colours and the notes. Style and script are inline (html_assets.py) and a Content-Security-
Policy forbids loading anything, so no plan text, even crafted, can reach the network.
Every piece of plan and note text is escaped (`html.escape`): a plan is hostile input.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from zoneplan_tui.core.figure_colours import FIGURE_DARK, FIGURE_LIGHT
from zoneplan_tui.core.figures import KINDS, Figure, describe
from zoneplan_tui.export.html_assets import CSS, SCRIPT
from zoneplan_tui.export.plan import AnnotatedPlan, PlacedNote, Progress, no_progress, note_time
from zoneplan_tui.export.word_comments import xml_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
# What each figure kind is, for the legend.
KIND_LABELS = {
    "percent": "percentage",
    "money": "money",
    "count": "count",
    "area": "area",
    "date": "date or year",
    "range": "range",
    "ordinal": "ordinal",
    "placeholder": "to be filled",
    "other": "other figure",
}
QUOTE_CHARS = 80  # a note's quote in the margin, cut: the passage itself is beside it


def esc(text: str) -> str:
    """Text for HTML: escaped, and the characters HTML has no place for made visible (U+FFFD)."""
    return html.escape(xml_text(text), quote=True)


def _css_of(style: str) -> str:
    """A Rich style string of the palette ("bold underline #b00000 on #ffd7d7") as CSS."""
    words = style.split()
    out = []
    if "on" in words:
        out.append(f"background:{words[words.index('on') + 1]}")
        words = words[: words.index("on")]
    colours = [w for w in words if w.startswith("#")]
    if colours:
        out.append(f"color:{colours[0]}")
    if "bold" in words:
        out.append("font-weight:bold")
    if "underline" in words:
        out.append("text-decoration:underline")
    return ";".join(out)


def _palette_css() -> str:
    light = "\n".join(f".fig-{k}{{{_css_of(v)}}}" for k, v in FIGURE_LIGHT.items())
    dark = "\n".join(f".fig-{k}{{{_css_of(v)}}}" for k, v in FIGURE_DARK.items())
    dark_page = (
        ":root{--ink:#e6e6e6;--paper:#17171a;--muted:#a0a0a8;--rule:#33333a;--note:#2a2614;"
        "--noted:#4a4300;--review:#553300;}.tag{background:#303036}"
    )
    return f"{light}\n@media screen and (prefers-color-scheme: dark){{{dark_page}\n{dark}}}"


def _segments(start: int, end: int, cuts: list[int]) -> Iterable[tuple[int, int]]:
    inner = sorted({c for c in cuts if start < c < end})
    bounds = [start, *inner, end]
    return pairwise(bounds)


class _Line:
    """Renders the characters [start, end) of the text with figures and noted passages."""

    def __init__(self, plan: AnnotatedPlan) -> None:
        self.text = plan.doc.text
        self.figures = plan.analysis.figures
        self.notes = [(k, n) for k, n in enumerate(plan.notes, 1) if not n.is_orphan]

    def render(self, start: int, end: int, figs: list[Figure], notes: list[int]) -> str:
        cuts = [x for f in figs for x in (f.start, f.end)]
        placed = [(k, n) for k, n in self.notes if k in notes]
        cuts += [x for _, n in placed for x in (n.start or 0, n.end or 0)]
        out = []
        for a, b in _segments(start, end, cuts):
            chunk = esc(self.text[a:b])
            covering = [(k, n) for k, n in placed if (n.start or 0) <= a and b <= (n.end or 0)]
            fig = next((f for f in figs if f.start <= a and b <= f.end), None)
            if fig is not None:
                title = esc(f"{KIND_LABELS.get(fig.kind, fig.kind)}: {describe(fig)}")
                chunk = f'<span class="fig fig-{esc(fig.kind)}" title="{title}">{chunk}</span>'
            if covering:
                ks = " ".join(str(k) for k, _ in covering)
                review = " review" if any(n.status == "review" for _, n in covering) else ""
                chunk = f'<span class="seg noted{review}" data-n="{ks}">{chunk}</span>'
            out.append(chunk)
        return "".join(out)


def _note(k: int, note: PlacedNote) -> str:
    ann = note.ann
    quote = ann.quote if len(ann.quote) <= QUOTE_CHARS else ann.quote[: QUOTE_CHARS - 1] + "…"
    body = (
        f'<p class="body">{esc(ann.note)}</p>'
        if ann.note.strip()
        else '<p class="body empty">(a highlight without a note)</p>'
    )
    tags = "".join(f'<span class="tag">{esc(t)}</span>' for t in ann.tags)
    info = [f"line {note.line}" if note.line is not None else "orphaned"]
    info.append(note_time(ann).strftime("%Y-%m-%d %H:%M UTC"))
    status = f'<div class="status status-{esc(note.status)}">{esc(note.status_text)}</div>'
    if note.status == "review":
        status += '<div class="warn">the passage changed: check that the note still fits</div>'
    elif note.is_orphan:
        where = " › ".join(ann.section)
        was = f" (it was in {esc(where)})" if where else ""
        status += f'<div class="warn">its passage is no longer in the plan{was}</div>'
    review = " review" if note.status == "review" else ""
    return (
        f'<div class="note{review}" id="n{k}" data-k="{k}">'
        f'<p class="quote">「{esc(quote)}」</p>{body}'
        + (f'<div class="tags">{tags}</div>' if tags else "")
        + status
        + f'<div class="info">{esc(" · ".join(info))}</div></div>'
    )


def _toc(plan: AnnotatedPlan) -> str:
    """The outline as nested lists of links to the headings (a heading's parent is the nearest
    heading before it of a higher level, as in the outline tree)."""
    headings = plan.analysis.outline.headings
    if not headings:
        return '<nav class="toc" id="toc"><h2>Contents</h2><p>(no headings)</p></nav>'
    children: dict[int, list[int]] = {}
    open_at: list[int] = []  # open_at[level - 1]: the open heading of that level
    for i, h in enumerate(headings):
        del open_at[max(h.level, 1) - 1 :]
        children.setdefault(open_at[-1] if open_at else -1, []).append(i)
        open_at.append(i)

    def items(parent: int) -> str:
        out = []
        for i in children.get(parent, []):
            h = headings[i]
            sub = f"<ol>{items(i)}</ol>" if i in children else ""
            out.append(f'<li><a href="#l{h.line}">{esc(h.marker + h.title)}</a>{sub}</li>')
        return "".join(out)

    return f'<nav class="toc" id="toc"><h2>Contents</h2><ol>{items(-1)}</ol></nav>'


def _header(plan: AnnotatedPlan) -> str:
    doc = plan.doc
    counts = Counter(t for n in plan.notes for t in n.ann.tags)
    untagged = sum(1 for n in plan.notes if not n.ann.tags)
    meta = (
        f"{doc.path.name} · {len(plan.notes)} notes"
        + (f" ({len(plan.orphans)} orphaned)" if plan.orphans else "")
        + f" · exported {plan.exported.strftime('%Y-%m-%d %H:%M UTC')} by {plan.reviewer}"
    )
    legend = "".join(
        f'<span class="fig fig-{k}">{esc(KIND_LABELS.get(k, k))}</span>' for k in KINDS
    )
    title = "" if plan.analysis.outline.title_line else f"<h1>{esc(plan.title)}</h1>"
    parts = [
        f'<header class="top">{title}<p class="meta">{esc(meta)}</p>',
        f'<div class="legend"><span class="label">Figures:</span>{legend}</div>',
    ]
    if plan.notes:
        buttons = [
            f'<button type="button" data-all aria-pressed="true">all ({len(plan.notes)})</button>'
        ]
        buttons += [
            f'<button type="button" data-tag="{esc(t)}" aria-pressed="false">'
            f"{esc(t)} ({c})</button>"
            for t, c in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0]))
        ]
        if untagged and counts:
            buttons.append(
                f'<button type="button" data-none aria-pressed="false">no tag ({untagged})</button>'
            )
        parts.append(
            '<div class="filter" id="tag-filter"><span class="label">Notes:</span>'
            + "".join(buttons)
            + "</div>"
        )
    parts.append("</header>")
    return "".join(parts)


def write_html(plan: AnnotatedPlan, progress: Progress = no_progress) -> bytes:
    doc = plan.doc
    outline = plan.analysis.outline
    levels = {h.line: h.level for h in outline.headings}
    table_lines = {line for a, b in doc.hints.tables for line in range(a, b + 1)}
    by_line: dict[int, list[Figure]] = {}
    for f in plan.analysis.figures:
        for line in range(doc.line_of(f.start), doc.line_of(max(f.start, f.end - 1)) + 1):
            by_line.setdefault(line, []).append(f)
    starts: dict[int, list[int]] = {}  # line -> notes (1-based) whose passage starts there
    covering: dict[int, list[int]] = {}  # line -> notes whose passage covers part of it
    for k, n in enumerate(plan.notes, 1):
        if n.start is None or n.end is None or n.line is None:
            continue
        starts.setdefault(n.line, []).append(k)
        for line in range(n.line, doc.line_of(max(n.start, n.end - 1)) + 1):
            covering.setdefault(line, []).append(k)
    renderer = _Line(plan)
    body: list[str] = []
    for line in range(1, doc.line_count + 1):
        if line % 500 == 0:
            progress(line, doc.line_count)
        text = doc.line_text(line)
        if not text.strip():
            continue
        start = doc.line_start(line)
        inner = renderer.render(
            start, start + len(text), by_line.get(line, []), covering.get(line, [])
        )
        if line == outline.title_line:
            tag, cls = "h1", "text"
        elif line in levels:
            tag, cls = f"h{min(levels[line] + 1, 6)}", "text"
        elif line in table_lines:
            tag, cls = "p", "text cells"
        else:
            tag, cls = "p", "text"
        notes = "".join(_note(k, plan.notes[k - 1]) for k in starts.get(line, []))
        body.append(
            f'<div class="row" id="l{line}"><{tag} class="{cls}">{inner}</{tag}>'
            f'<aside class="notes">{notes}</aside></div>'
        )
    if plan.orphans:
        orphans = "".join(_note(k, n) for k, n in enumerate(plan.notes, 1) if n.is_orphan)
        body.append(
            '<section class="orphans" id="orphans"><h2>Orphaned notes</h2>'
            "<p>Their passages are no longer in the plan; they are kept here.</p>"
            f"{orphans}</section>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="zoneplan">'
        f"<title>{esc(plan.title)}</title>"
        f"<style>{CSS}\n{_palette_css()}</style></head><body>"
        f"{_header(plan)}"
        f'<div class="layout">{_toc(plan)}<main id="plan">{"".join(body)}</main></div>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
    progress(doc.line_count, doc.line_count)
    return page.encode("utf-8")
