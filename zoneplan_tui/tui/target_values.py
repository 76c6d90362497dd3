"""What a target's value can be compared with: its dimension and its number on that scale.

`Figure.value` is already normalised (money in yuan, area in m², a percentage as a fraction),
so 37.9亿元 and 500万元 are both yuan and compare directly; the bars are labelled with the
text as written. What does not compare is a different dimension: a percentage and an amount,
yuan and US dollars (no exchange rate here), a rate (%) and a change of rate (个百分点), a
count and a duration. Counts compare whatever their measure word (20个, 15家, 8项 of one
indicator are all numbers of things).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from zoneplan_tui.library.targets import TableRow, Target

# The figures module keeps 亩 as its own unit; 1亩 = 10000/15 m², so it compares with m².
_MU_M2 = 10000 / 15
_DURATIONS = frozenset(("年", "天", "周", "小时", "分钟", "个月", "月", "日"))


def dimension(t: Target) -> str:
    """A key that is equal for two targets whose numbers are on one scale."""
    kind, unit = t.figure.kind, t.unit or ""
    if kind == "area":
        return "area"
    if kind == "count":
        return f"duration:{unit}" if unit in _DURATIONS else "count"
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


def first_number(targets: Sequence[Target]) -> Target | None:
    return next((t for t in targets if number(t) is not None), None)


def sort_rows(
    rows: Sequence[TableRow], column: str, reverse: bool, plan_shas: Sequence[str]
) -> list[TableRow]:
    """The targets table's rows in the order a column gives: "plans" (how many plans have the
    indicator, most first: the order `target_table` made), "indicator" (by name), or
    "plan:<i>" (by the value in plan i, largest first). By value, rows are grouped by dimension,
    the most common first, since 8% and 37.9亿元 have no order; rows where plan i has no
    number come last either way. `reverse` turns the order round."""
    if column == "indicator":
        return sorted(rows, key=lambda r: (r.indicator, r.growth), reverse=reverse)
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
