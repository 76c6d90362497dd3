"""Column widths for a table that should use the terminal's width: fixed columns keep the width
of their contents, flexible ones (a plan's title, its issuing body) share what is left.

DataTable columns are either auto-width (as wide as their longest cell: a long Chinese title
pushes the numbers off screen) or a fixed width (cut even on a wide terminal). So the screen
works the widths out here for the width it has, and again on every resize.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.cells import cell_len


def natural_width(label: str, cells: Iterable[str]) -> int:
    """The cells a column needs to show its label and every cell whole."""
    return max([cell_len(label), *(cell_len(c) for c in cells)])


def flex_widths(
    free: int, natural: Mapping[str, int], minimum: Mapping[str, int]
) -> dict[str, int]:
    """Share `free` cells among flexible columns. Each gets its natural width when all fit;
    otherwise its minimum plus a share of the rest in proportion to how much it lacks, so a
    long title gets more than a short body; never less than the minimum (the table scrolls)."""
    if sum(natural.values()) <= free:
        return dict(natural)
    low = {k: min(minimum[k], natural[k]) for k in natural}
    spare = max(0, free - sum(low.values()))
    lack = {k: natural[k] - low[k] for k in natural}
    total = sum(lack.values()) or 1
    out = {k: low[k] + spare * lack[k] // total for k in natural}
    # The cells lost to rounding down go to the first column (the title).
    first = next(iter(out), None)
    if first is not None and spare:
        out[first] = min(natural[first], out[first] + free - sum(out.values()))
    return out
