"""Tables a PDF draws with ruling lines: where they are, and how their rows split into cells.

Government PDFs (budget books above all) set most of their figures in ruled tables, and a
cell of a table often holds a few lines of text that start like list items (`1.聘用人員…`,
`115年度人行道工程…`). The layout reads such lines as table rows, never as paragraphs or
headings. A table is a cluster of horizontal and vertical ruling lines that cross one
another, with at least three of each (a box around a paragraph, a 专栏 frame, a page border
has two of each): its region is their bounding box, its column edges the vertical rules.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from zoneplan_tui.formats.pdf_chars import Line, Rule

_THIN = 3.0  # points: thinner than this across, a rule
_TOUCH = 2.0  # points: rules this close count as crossing
_SAME = 2.0  # points: rules this close are one edge
_LEAST = 3  # distinct horizontal and vertical edges a table needs


@dataclass(frozen=True, slots=True)
class Ruled:
    x0: float
    top: float
    x1: float
    bottom: float
    columns: tuple[float, ...]  # x of the vertical edges, left to right

    def holds(self, line: Line) -> bool:
        middle = (line.top + line.bottom) / 2
        inside = self.top < middle < self.bottom
        return inside and line.left >= self.x0 - _TOUCH and line.right <= self.x1 + 3 * _TOUCH

    def cells(self, line: Line) -> list[str]:
        """The text of `line` cut at the column edges, empty cells left out."""
        edges = self.columns
        cells: list[list[str]] = []
        last = -1
        for ch, x in zip(line.text, line.xs, strict=True):
            column = bisect_right(edges, x + _TOUCH)
            if column != last:
                cells.append([])
                last = column
            cells[-1].append(ch)
        return [text for cell in cells if (text := "".join(cell).strip())]


def ruled_tables(rules: list[Rule]) -> list[Ruled]:
    """The tables the ruling lines of a page frame."""
    horizontal = sorted(
        ((y0 + y1) / 2, x0, x1) for x0, y0, x1, y1 in rules if y1 - y0 < _THIN <= x1 - x0
    )
    vertical = [((x0 + x1) / 2, y0, y1) for x0, y0, x1, y1 in rules if x1 - x0 < _THIN <= y1 - y0]
    if len(horizontal) < _LEAST or len(vertical) < _LEAST:
        return []
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ys = [h[0] for h in horizontal]
    for j, (x, y0, y1) in enumerate(vertical):
        v = len(horizontal) + j
        for i in range(bisect_left(ys, y0 - _TOUCH), bisect_right(ys, y1 + _TOUCH)):
            _, x0, x1 = horizontal[i]
            if x0 - _TOUCH <= x <= x1 + _TOUCH:
                parent[find(i)] = find(v)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(horizontal)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(vertical)):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(j)
    tables = []
    for hs, vs in groups.values():
        rows = _distinct(horizontal[i][0] for i in hs)
        columns = _distinct(vertical[j][0] for j in vs)
        if len(rows) < _LEAST or len(columns) < _LEAST:
            continue
        tables.append(
            Ruled(
                min(horizontal[i][1] for i in hs),
                min(rows),
                max(horizontal[i][2] for i in hs),
                max(rows),
                tuple(columns),
            )
        )
    return tables


def _distinct(values: object) -> list[float]:
    out: list[float] = []
    for v in sorted(values):  # type: ignore[call-overload]
        if not out or v - out[-1] > _SAME:
            out.append(v)
    return out
