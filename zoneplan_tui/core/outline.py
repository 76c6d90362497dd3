"""The outline of a plan: title, body start, boilerplate, headings with levels, inline items.

A pure, stdlib-only core: `parse_outline(text)` takes the decoded text of a `Document` (lines split
on "\\n" only) and returns an immutable `Outline`. The rules are those of the gold guides
(tests/gold/GUIDE.md and GUIDE-MORE.md); docs/outline-design.md explains how they are applied.

The parse is a pipeline of passes. Each pass is a function of the lines and of the frozen
results of earlier passes, and returns a frozen result of its own; `parse_outline` composes
them, so the order they depend on is the order written there. The passes live in:

  outline_lines.py     the lines as the passes read them; the hard-wrap width
  outline_head.py      web chrome, title and front matter up to the body start
  outline_toc.py       tables of contents, before the title, after it or in the body
  outline_tables.py    table cells
  outline_closing.py   boilerplate after the body start: link lists, page tail, title
                       repeats, closing blocks and attachment lists
  outline_headings.py  markers at line starts; numbered and unnumbered heading candidates
  outline_ranks.py     headings from a converter's typographic ranks
  outline_levels.py    which candidates are headings, their levels and titles
  outline_items.py     inline `一是…二是…` items
  outline_rules.py     the lexical rules all of them apply to one line at a time
  outline_chrome.py    the lexical rules for web chrome and metadata rows
  outline_model.py     the records: Heading, InlineItem, Outline
  outline_overrides.py the reader's corrections (core/overrides.py), applied last
"""

from __future__ import annotations

from collections.abc import Iterable

from zoneplan_tui.core.document import Hints
from zoneplan_tui.core.outline_closing import (
    closing_blocks,
    link_list,
    page_tail,
    title_repeats,
    without,
)
from zoneplan_tui.core.outline_head import read_head
from zoneplan_tui.core.outline_headings import (
    find_markers,
    numbered_candidates,
    part_candidates,
)
from zoneplan_tui.core.outline_items import inline_items
from zoneplan_tui.core.outline_levels import assign_levels
from zoneplan_tui.core.outline_lines import Body, read_lines, title_key, wrap_width
from zoneplan_tui.core.outline_model import Heading, InlineItem, Outline
from zoneplan_tui.core.outline_overrides import apply_overrides
from zoneplan_tui.core.outline_ranks import ranked_candidates, ranked_head
from zoneplan_tui.core.outline_tables import find_tables, known_rows
from zoneplan_tui.core.outline_toc import contents_pages
from zoneplan_tui.core.overrides import Overrides

__all__ = ["Heading", "InlineItem", "Outline", "parse_outline"]


def parse_outline(
    text: str,
    tables: Iterable[tuple[int, int]] = (),
    hints: Hints | None = None,
    overrides: Overrides | None = None,
) -> Outline:
    """`tables`: 1-based (first, last) line ranges known to be table rows, such as the rows a
    Word or HTML converter flattened; they join the table regions the parser finds itself.
    `hints`: what a converter read from the layout (its tables count as `tables` do; its
    ranks place unnumbered headings, see outline_ranks.py and outline_levels.py).
    `overrides`: the reader's corrections (headings, not-headings, title); they win."""
    if not text.strip():
        return Outline(overrides.title if overrides else None, None, 1, (), (), ())
    if hints is not None:
        tables = (*tables, *hints.tables)
    ranks = {line - 1: rank for line, rank in hints.ranks} if hints is not None else {}
    t = read_lines(text)
    wrap = wrap_width(t)
    known = known_rows(tables)
    head = ranked_head(t, read_head(t, wrap), ranks, known)
    contents = contents_pages(t, head.body, head.boiler)
    cells = find_tables(t, head, known, contents)
    markers = find_markers(t, head, cells | contents)
    links = link_list(t, head)
    markers = without(markers, links.unmarked)  # numbered links are no sections
    tail = page_tail(t, head, cells, markers)
    repeats = title_repeats(t, head)
    closing = closing_blocks(t, head, cells, markers)
    body = Body(
        start=head.body,
        title_key=title_key(head.title),
        wrap=wrap,
        boiler=head.boiler | contents | links.boiler | tail | repeats | closing.boiler,
        tables=cells,
        markers=without(markers, closing.unmarked),  # nor are a notice's attachments
    )
    numbered = numbered_candidates(t, body)
    parts = part_candidates(t, body, numbered)
    ranked = ranked_candidates(t, body, ranks, numbered, parts)
    headings = assign_levels(t, body, ranked.candidates, ranks, ranked.titles)
    title = head.title
    if overrides is not None:
        headings = apply_overrides(t, headings, overrides)
        title = overrides.title if overrides.title is not None else title
    items = inline_items(t, body, headings)
    return Outline(
        title=title,
        title_line=None if head.title_index is None else head.title_index + 1,
        body_start_line=min(head.body, t.n - 1) + 1,
        boilerplate_lines=tuple(sorted(i + 1 for i in body.boiler)),
        headings=headings,
        inline_items=items,
        table_lines=tuple(sorted(i + 1 for i in cells)),
    )
