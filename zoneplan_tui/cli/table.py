"""A plain fixed-width table for outputs too large for Rich's: one line per row, no wrapping.

    print(render_table(["id", "note"], rows, title="3 note(s)", width=100), end="")

Rich fits a table by measuring every cell several times and folds long cells over lines: for
50,000 notes that is most of a minute and half a GiB. Here a column is as wide as its widest
cell (each capped at `MAX_CELL`), columns are shrunk widest first to fit `width` (a terminal's;
None: no limit, for a pipe), and a cell wider than its column is cut with "…". Widths are
display cells, measured as the text view measures them (`core.wrap.cell_widths`: a Chinese
character is two), so the columns line up on a terminal. Control characters are drawn as the
text view draws them (`core.wrap.display_text`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from zoneplan_tui.core.wrap import cell_widths, display_text

MAX_CELL = 60  # cells: a longer cell is cut
MIN_CELL = 6  # a column is never shrunk below this (nor below its header)
GAP = "  "
_SEP = "\uffff"  # a noncharacter, never in a cell: joins a column to measure it in one go


def cell_len(text: str) -> int:
    """Display cells of `text` (as drawn: control characters count one)."""
    return len(text) if text.isascii() and text.isprintable() else sum(cell_widths(text))


def fit(text: str, width: int, n: int | None = None) -> tuple[str, int]:
    """`text` cut to at most `width` cells ("…" marks a cut), and its width (`n`: its width
    uncut, when known)."""
    if n is None:
        n = cell_len(text)
    if n <= width:
        return text, n
    ends = list(accumulate(cell_widths(text)))  # cells up to each character's end
    keep = bisect_right(ends, width - 1)  # characters that fit with "…" after them
    return text[:keep] + "…", (ends[keep - 1] if keep else 0) + 1


def measure(column: Sequence[str]) -> tuple[list[str], list[int]]:
    """A column's cells as drawn and their widths, measured in one go: translating each cell
    on its own costs 50,000 rows a second."""
    if all(c.isascii() and c.isprintable() for c in column):
        return list(column), [len(c) for c in column]
    joined = display_text(_SEP.join(column))
    cells = joined.split(_SEP)
    widths = cell_widths(joined)
    sizes, pos = [], 0
    for c in cells:
        sizes.append(len(c) if c.isascii() else sum(widths[pos : pos + len(c)]))
        pos += len(c) + 1
    return cells, sizes


def column_widths(sizes: Sequence[Sequence[int]], width: int | None) -> list[int]:
    """Each column's width from its cells' (`sizes[column][0]` is the header's): the widest,
    capped at `MAX_CELL` (not below the header), then shrunk widest first to fit `width`."""
    widths = [min(max(col), max(MAX_CELL, col[0])) for col in sizes]
    if width is not None:
        floor = [max(MIN_CELL, col[0]) for col in sizes]
        excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
        while excess > 0:
            i = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
            if widths[i] <= floor[i]:
                break  # nothing left to shrink: the lines are longer than the terminal
            widths[i] -= 1
            excess -= 1
    return widths


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    width: int | None = None,
    right: Sequence[int] = (),
) -> str:
    """The table as text, ending with a newline. `right`: indexes of right-aligned columns."""
    columns = [measure([h, *(row[i] for row in rows)]) for i, h in enumerate(headers)]
    widths = column_widths([sizes for _, sizes in columns], width)
    last = len(columns) - 1
    padded = []
    for i, ((cells, sizes), w) in enumerate(zip(columns, widths, strict=True)):
        out = []
        for cell, n in zip(cells, sizes, strict=True):
            if n > w:
                cell, n = fit(cell, w, n)
            if i in right:
                out.append(" " * (w - n) + cell)
            else:
                out.append(cell if i == last else cell + " " * (w - n))
        padded.append(out)
    head, *body = (GAP.join(cells).rstrip() for cells in zip(*padded, strict=True))
    rule = GAP.join("─" * w for w in widths)
    return "\n".join([*([title] if title else []), head, rule, *body]) + "\n"


__all__ = ["MAX_CELL", "cell_len", "column_widths", "fit", "measure", "render_table"]
