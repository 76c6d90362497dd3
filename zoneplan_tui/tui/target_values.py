"""What a target's value can be compared with: its dimension, its number on that scale, and
which values of a row a chart sets side by side.

`Figure.value` is already normalised (money in yuan, area in m², a percentage as a fraction),
so 37.9亿元 and 500万元 are both yuan and compare directly; the bars are labelled with the
text as written. What does not compare is a different dimension: a percentage and an amount,
yuan and US dollars (no exchange rate here), a rate (%) and a change of rate (个百分点), a
count and a duration. Counts compare whatever their measure word (20个, 15家, 8项 of one
indicator are all numbers of things).

Like with like: a row of the table is already one kind (targets, or results). A chart then
compares the values of one dimension and one *year kind*: the year a value is for, against
its plan's year — the plan's own year (a 2019 plan's 2019 targets beside a 2020 plan's 2020
targets), a later one (到2025年), an earlier one (去年的47.8%). By default it is the year kind
most of the row's values have, the plan's own year first on a tie. Every value of that
selection is a bar (a plan with two gets two), and the note under the chart says what was left
out and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from zoneplan_tui.core.figures_units import DURATIONS
from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.library.targets import TableRow, Target

# The figures module keeps 亩 as its own unit; 1亩 = 10000/15 m², so it compares with m².
_MU_M2 = 10000 / 15
OWN, LATER, EARLIER = "the plan's year", "a later year", "an earlier year"
_YEAR_KINDS = (OWN, LATER, EARLIER)  # the order a tie is broken in


def dimension(t: Target) -> str:
    """A key that is equal for two targets whose numbers are on one scale."""
    kind, unit = t.figure.kind, t.unit or ""
    if kind == "area":
        return "area"
    if kind == "count":
        return f"duration:{unit}" if unit in DURATIONS else "count"
    return f"{kind}:{unit}"


def number(t: Target) -> float | None:
    """The value on its dimension's scale, or None (a placeholder xx亿元, a range, a date)."""
    v = t.value
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    if t.figure.kind == "area" and t.unit == "亩":
        return float(v) * _MU_M2
    return float(v)


def dimension_name(key: str) -> str:
    """For the chart's note: money:CNY → CNY, percent:pp → 个百分点."""
    name = key.split(":", 1)[-1]
    return {"pp": "个百分点", "m2": "m²", "": key.split(":", 1)[0]}.get(name, name)


def year_kind(t: Target, plan: PlanInfo) -> str:
    """The value's year against its plan's: OWN, LATER or EARLIER (no year: OWN)."""
    if t.year is None or plan.year is None or t.year == plan.year:
        return OWN
    return LATER if t.year > plan.year else EARLIER


def first_number(targets: Sequence[Target]) -> Target | None:
    return next((t for t in targets if number(t) is not None), None)


@dataclass
class ChartValues:
    """The values a chart shows, (plan, target) in plan order, and what it left out."""

    shown: list[tuple[PlanInfo, Target]] = field(default_factory=list)
    dimension: str | None = None
    year_kind: str = OWN
    other_year: list[Target] = field(default_factory=list)
    other_dimension: list[Target] = field(default_factory=list)
    no_number: list[Target] = field(default_factory=list)

    def note(self) -> str:
        """What was left out and why, for the line under the chart."""
        parts = []
        if self.other_year:
            years = sorted({str(t.year) for t in self.other_year if t.year is not None})
            parts.append(
                f"{_values(len(self.other_year))} for another year ({', '.join(years)}; "
                f"shown: {self.year_kind})"
            )
        if self.other_dimension:
            kinds = ", ".join(sorted({dimension_name(dimension(t)) for t in self.other_dimension}))
            parts.append(
                f"{_values(len(self.other_dimension))} of another kind ({kinds}, not "
                f"{dimension_name(self.dimension or '')})"
            )
        if self.no_number:
            parts.append(f"{_values(len(self.no_number))} without a number (xx, a range, a date)")
        return "left out: " + "; ".join(parts) if parts else ""


def _values(n: int) -> str:
    return f"{n} value{'s' if n != 1 else ''}"


def chart_values(row: TableRow, plans: Sequence[PlanInfo]) -> ChartValues:
    """Like with like (see the module): one dimension, one year kind, every value of them."""
    found = [(p, t) for p in plans for t in row.cells.get(p.sha256, [])]
    out = ChartValues()
    numeric = [(p, t) for p, t in found if number(t) is not None]
    out.no_number = [t for _, t in found if number(t) is None]
    if not numeric:
        return out
    years = Counter(year_kind(t, p) for p, t in numeric)
    out.year_kind = max(_YEAR_KINDS, key=lambda k: (years[k], -_YEAR_KINDS.index(k)))
    same_year = [(p, t) for p, t in numeric if year_kind(t, p) == out.year_kind]
    out.other_year = [t for p, t in numeric if year_kind(t, p) != out.year_kind]
    # The dimension most plans have (a plan counts once per dimension); ties: the first value's.
    counts = Counter(d for p in plans for d in {dimension(t) for q, t in same_year if q is p})
    first = {dimension(t): i for i, (_, t) in reversed(list(enumerate(same_year)))}
    out.dimension = max(counts, key=lambda d: (counts[d], -first[d]))
    out.shown = [(p, t) for p, t in same_year if dimension(t) == out.dimension]
    out.other_dimension = [t for _, t in same_year if dimension(t) != out.dimension]
    return out


def sort_rows(
    rows: Sequence[TableRow], column: str, reverse: bool, plan_shas: Sequence[str]
) -> list[TableRow]:
    """The targets table's rows in the order a column gives: "plans" (how many plans have the
    indicator, most first: the order `target_table` made), "indicator" (by name), "kind"
    (targets first), "year" (the earliest year first), or "plan:<i>" (by the value in plan i,
    largest first). By value, rows are grouped by dimension, the most common first, since 8%
    and 37.9亿元 have no order; rows where plan i has no number come last either way.
    `reverse` turns the order round."""
    if column == "indicator":
        return sorted(rows, key=lambda r: (r.indicator, r.growth), reverse=reverse)
    if column == "kind":
        return sorted(rows, key=lambda r: r.kind != "target", reverse=reverse)
    if column == "year":
        return sorted(rows, key=lambda r: r.years[:1] or [9999], reverse=reverse)
    if not column.startswith("plan:"):  # "plans"
        return list(reversed(rows)) if reverse else list(rows)
    sha = plan_shas[int(column.removeprefix("plan:"))]
    found = [(r, first_number(r.cells.get(sha, []))) for r in rows]
    numbered = [(r, t) for r, t in found if t is not None]
    common = Counter(dimension(t) for _, t in numbered)
    rank = {d: i for i, (d, _) in enumerate(common.most_common())}
    numbered.sort(key=lambda rt: (rank[dimension(rt[1])], -(number(rt[1]) or 0.0)))
    if reverse:
        numbered.reverse()
    return [r for r, _ in numbered] + [r for r, t in found if t is None]
