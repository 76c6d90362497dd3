"""The sections of one plan as the comparison reads them: every heading of the outline at every
level, plus the text before the first heading (the preamble), each with its own text.

A section's *own* text is what stands under its heading up to the next heading of any level:
the rest of the heading's line after the title (`（一）坚持规划引领。围绕…` has `围绕…` as text)
and the lines below it. Boilerplate lines of the outline (a cover notice, a signature) belong
to no section. The text is kept as line pieces, (start, end) offsets into `Document.text`, so
that every clause found in it is placed in the plan as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.core.textnorm import normalise

PREAMBLE = -1  # `Section.index` of the text before the first heading
# What may stand between a heading's title and the text on its line.
_AFTER_TITLE = "。．.：:；;，,、 \u3000"
# Dropped before titles and texts are compared: spaces, punctuation and the quotes a rewrite
# changes freely; letters, digits and ideographs stay.
_NOISE = re.compile(r"[\s\u3000。．，,、；;：:！!？?“”‘’\"'（）()《》〈〉【】\[\]…—\-·]+")


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a plan (or its preamble)."""

    index: int  # into `Outline.headings`; PREAMBLE for the text before the first heading
    level: int  # the heading's level; 0 for the preamble
    marker: str
    title: str
    line: int  # the heading's line (the preamble: its first line)
    parent: int | None  # position in the plan's section list of the enclosing section
    position: int  # position in the plan's section list
    pieces: tuple[tuple[int, int], ...]  # own text: (start, end) offsets, one per line
    path: tuple[str, ...]  # the titles from the top level down to this one

    @property
    def is_preamble(self) -> bool:
        return self.index == PREAMBLE


def squeeze(text: str) -> str:
    """`text` as compared: Simplified, half-width, no spaces or punctuation."""
    return _NOISE.sub("", normalise(text))


def own_text(text: str, section: Section) -> str:
    """The section's own text, its lines joined by newlines."""
    return "\n".join(text[s:e] for s, e in section.pieces)


def plan_sections(plan: Analysis) -> list[Section]:
    """The preamble, then the headings in document order (parents before their children)."""
    doc, outline = plan.doc, plan.outline
    text = doc.text
    skip = set(outline.boilerplate_lines)
    if outline.title_line is not None:
        skip.add(outline.title_line)
    headings = outline.headings
    last_line = doc.line_count
    sections: list[Section] = []

    def pieces(first: int, last: int, head_rest: tuple[int, int] | None) -> tuple:
        out = [head_rest] if head_rest is not None and head_rest[0] < head_rest[1] else []
        for line in range(first, last + 1):
            if line in skip:
                continue
            start = doc.line_start(line)
            end = start + len(doc.line_text(line))
            if text[start:end].strip():
                out.append((start, end))
        return tuple(out)

    first_heading = headings[0].line if headings else last_line + 1
    sections.append(
        Section(
            PREAMBLE,
            0,
            "",
            "",
            outline.body_start_line,
            None,
            0,
            pieces(outline.body_start_line, first_heading - 1, None),
            (),
        )
    )
    open_at: list[int] = []  # positions of the open sections, one per level above
    for i, h in enumerate(headings):
        while open_at and sections[open_at[-1]].level >= h.level:
            open_at.pop()
        parent = open_at[-1] if open_at else None
        end_line = headings[i + 1].line - 1 if i + 1 < len(headings) else last_line
        path = (*sections[parent].path, h.title) if parent is not None else (h.title,)
        position = len(sections)
        sections.append(
            Section(
                i,
                h.level,
                h.marker,
                h.title,
                h.line,
                parent,
                position,
                pieces(h.line + 1, end_line, _rest_of_heading_line(doc.text, plan, h.line, h)),
                path,
            )
        )
        open_at.append(position)
    return sections


def _rest_of_heading_line(text: str, plan: Analysis, line: int, heading: object) -> tuple[int, int]:
    """The text on a heading's line after its title (and the mark that ends the title)."""
    doc = plan.doc
    start = doc.line_start(line)
    line_text = doc.line_text(line)
    title = getattr(heading, "title", "")
    at = line_text.find(title) if title else -1
    if at < 0:
        return (start + len(line_text), start + len(line_text))
    rest = at + len(title)
    while rest < len(line_text) and line_text[rest] in _AFTER_TITLE:
        rest += 1
    return (start + rest, start + len(line_text))


__all__ = ["PREAMBLE", "Section", "own_text", "plan_sections", "squeeze"]
