"""The last pass of the outline: the reader's corrections win over the parser's reading.

A line marked as a heading becomes one at the level given, with its marker and title read the
way the parser reads any heading's; a line marked as not a heading is dropped from the headings.
The inline items are then read again by the caller, since they never run across a heading.
"""

from __future__ import annotations

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.outline_lines import Lines
from zoneplan_tui.core.outline_model import Heading
from zoneplan_tui.core.overrides import Overrides


def forced_heading(t: Lines, line: int, level: int) -> Heading | None:
    """Line `line` (1-based) as a heading of `level`; None for a blank or missing line."""
    i = line - 1
    if not 0 <= i < t.n or not t.s[i]:
        return None
    raw = t.raw[i].strip()
    folded = t.s[i]
    marker = r.match_marker(folded)
    if marker is None:
        return Heading(line, level, "", r.heading_title(raw, folded, len(folded)) or raw)
    text, folded_text = raw[marker.text_start :], folded[marker.text_start :]
    title = r.heading_title(text, folded_text, len(folded)) or text.strip()
    return Heading(line, level, r.marker_text(raw, marker), title)


def apply_overrides(
    t: Lines, headings: tuple[Heading, ...], overrides: Overrides
) -> tuple[Heading, ...]:
    by_line = {h.line: h for h in headings if h.line not in overrides.not_headings}
    for line, level in overrides.headings.items():
        if line in overrides.not_headings:
            continue  # contradictory corrections of one line: leave the parser's reading out
        forced = forced_heading(t, line, level)
        if forced is not None:
            by_line[line] = forced
    return tuple(by_line[line] for line in sorted(by_line))
