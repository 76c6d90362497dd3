"""The inline-item pass: `一是…二是…`, `一要…二要…` runs in the body lines."""

from __future__ import annotations

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.outline_lines import Body, Lines
from zoneplan_tui.core.outline_model import Heading, InlineItem

_RUN_GAP = 8  # lines an inline run may span between two items


def inline_items(t: Lines, body: Body, headings: tuple[Heading, ...]) -> tuple[InlineItem, ...]:
    """An item starts a clause; `一X` starts a run, `N X` continues the run of its suffix after
    `N-1 X`, within a few lines and never across a heading."""
    heading_lines = {h.line - 1 for h in headings}
    items: list[InlineItem] = []
    runs: dict[str, tuple[int, int]] = {}  # suffix -> (last value, line index)
    for i in range(body.start, t.n):
        line = t.folded[i]
        if not t.s[i] or i in body.boiler or i in body.tables:
            continue
        if i in heading_lines:
            runs.clear()  # a run never continues into another section
        if "是" not in line and "要" not in line:
            continue
        indent = len(line) - len(line.lstrip())
        for m in r.INLINE_RE.finditer(line):
            pos = m.start()
            if pos > indent and line[pos - 1] not in r.INLINE_BOUNDARY:
                continue
            value = r.cn_value(m.group(1))
            suffix = m.group(2)
            if value != 1:
                last = runs.get(suffix)
                if last is None or last[0] != value - 1 or i - last[1] > _RUN_GAP:
                    continue
            runs[suffix] = (value, i)
            title = r.inline_title(t.raw[i], line, m.end())
            items.append(InlineItem(i + 1, t.raw[i][pos : m.end()], title, pos))
    return tuple(items)
