"""The checks shared by the rule-derived outline and figure cases (tests/test_*_general*.py).

A case file holds only its cases and a parametrised test that calls these, so every round of
cases is checked the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from zoneplan_tui.core.figures import Figure, extract_figures
from zoneplan_tui.core.outline import parse_outline

H = tuple[int, int, str, str]  # line, level, marker, title
Item = tuple[int, str, str]  # line, marker, title
Value = float | int | str | list | None


@dataclass
class Case:
    """An outline case; it checks only the fields it states. `heads` is the full heading list,
    `some_heads` headings that must be present where the rest is not pinned down, `items` the full
    inline-item list, `boiler` lines that must be boilerplate, `not_heads` lines that must not be
    headings."""

    name: str
    text: str
    title: str | None = "-"  # "-": not checked
    title_line: int | None = -1
    body: int = 0  # 0: not checked
    heads: list[H] | None = None
    some_heads: list[H] = field(default_factory=list)
    items: list[Item] | None = None
    boiler: list[int] = field(default_factory=list)
    not_heads: list[int] = field(default_factory=list)


def check_outline(case: Case) -> None:
    o = parse_outline(case.text)
    if case.title != "-":
        assert o.title == case.title
    if case.title_line != -1:
        assert o.title_line == case.title_line
    if case.body:
        assert o.body_start_line == case.body
    got = [(h.line, h.level, h.marker, h.title) for h in o.headings]
    if case.heads is not None:
        assert got == case.heads
    assert not set(case.some_heads) - set(got), got
    if case.items is not None:
        assert [(it.line, it.marker, it.title) for it in o.inline_items] == case.items
    assert set(case.boiler) <= set(o.boilerplate_lines), o.boilerplate_lines
    assert not {h.line for h in o.headings} & set(case.not_heads)
    # every non-blank line before the body is the title (or its second line) or boilerplate
    lines = case.text.split("\n")
    # a title wrapped over two lines: its second line is the next line, or, past a blank
    # line, the next non-blank one when the title holds it
    title_lines = set()
    if o.title_line is not None:
        title_lines = {o.title_line, o.title_line + 1}
        after = range(o.title_line + 1, len(lines) + 1)
        second = next((n for n in after if lines[n - 1].strip()), 0)
        if second and o.title and lines[second - 1].strip() in o.title:
            title_lines.add(second)
    for n in range(1, o.body_start_line):
        if lines[n - 1].strip() and n not in title_lines:
            assert n in o.boilerplate_lines, n


def _find(text: str, span: str) -> Figure | None:
    start = text.index(span)
    for f in extract_figures(text):
        if f.start == start and f.end == start + len(span):
            return f
    return None


def _close(a: Value, b: Value) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9)
    return a == b


def check_figure(
    text: str, span: str, kind: str, value: Value, unit: str | None, cmp: str | None
) -> None:
    """`span` of `text` is exactly one figure, of this kind, value, unit and comparator."""
    f = _find(text, span)
    found = [(g.text, g.kind) for g in extract_figures(text)]
    assert f is not None, f"{span!r} not found as a span; found {found}"
    assert (f.kind, f.unit, f.cmp) == (kind, unit, cmp)
    assert _close(f.value, value), f.value


def check_not_a_figure(text: str, span: str) -> None:
    """No figure overlaps `span` of `text`."""
    start = text.index(span)
    end = start + len(span)
    hits = [f.text for f in extract_figures(text) if f.start < end and start < f.end]
    assert not hits, hits
