"""Which figures of a note's quote differ in the passage it re-attached to.

A note on `300个以上` whose plan now reads `350个以上` re-attaches fuzzily, and the score alone
cannot tell a typo fixed from a target changed. The figures are compared as `core.figures`
reads them (kind, normalised value and unit, comparator), never as raw strings: `1.2亿元` and
`12000万元`, or `三十个` and `30个`, are the same figure written differently, not a change.
"""

from __future__ import annotations

import math
from difflib import SequenceMatcher

from zoneplan_tui.core.figures_model import Figure

# (what the quote said, what the passage says now); "" on one side: a figure added or removed.
FigureChange = tuple[str, str]
MISSING = "—"  # shown for the absent side of an added or removed figure


def _same_number(a: object, b: object) -> bool:
    # Values are normalised to base units, so 1.2亿 and 12000万 both become 1.2e8 but may
    # differ in the last bit of a float.
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_number(x, y) for x, y in zip(a, b, strict=True))
    return a == b


class _Key:
    """A figure as compared: equal when kind, unit, comparator and value agree."""

    __slots__ = ("fig",)

    def __init__(self, fig: Figure) -> None:
        self.fig = fig

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Key):
            return NotImplemented
        a, b = self.fig, other.fig
        return (
            a.kind == b.kind
            and a.unit == b.unit
            and a.cmp == b.cmp
            and _same_number(a.value, b.value)
        )

    def __hash__(self) -> int:
        # Values are left out: equal values may hash apart as floats (see _same_number).
        return hash((self.fig.kind, self.fig.unit, self.fig.cmp))


def figure_changes(old: str, new: str) -> tuple[FigureChange, ...]:
    """The figures that changed from `old` (a note's quote) to `new` (its passage now), in text
    order: a changed value, unit or comparator pairs the two spellings; a figure only in one of
    them pairs with "". Figures equal in value but written differently are no change."""
    if old == new:
        return ()
    # Here, not at the top: the figure rules load with a plan's analysis, after the first paint
    # (this module is imported with the notes to open a plan).
    from zoneplan_tui.core.figures import extract_figures

    before = [_Key(f) for f in extract_figures(old)]
    after = [_Key(f) for f in extract_figures(new)]
    if not before and not after:
        return ()
    out: list[FigureChange] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds = [k.fig.text for k in before[i1:i2]]
        news = [k.fig.text for k in after[j1:j2]]
        # A replaced run pairs its figures in order; the longer side's rest is added/removed.
        for i in range(max(len(olds), len(news))):
            out.append((olds[i] if i < len(olds) else "", news[i] if i < len(news) else ""))
    return tuple(out)


def describe_changes(changes: tuple[FigureChange, ...]) -> str:
    """`300个以上 → 350个以上; 5% → —` (— for a figure added or removed)."""
    return "; ".join(f"{old or MISSING} → {new or MISSING}" for old, new in changes)


__all__ = ["MISSING", "FigureChange", "describe_changes", "figure_changes"]
