"""Targets of one indicator in both plans, side by side: raised, cut, unchanged, new, dropped.

The indicators come from `library.targets` (`plan_targets`: the indicator a target measures and
its `group_key`, which gives names written differently one key). Targets pair within a row of
the targets table: one indicator key, growth or level, target or result; qualifiers and
comparisons stay out, as they do there.

Within a row a plan may hold several values (a level and a sub-total; a value restated in a
summary), so the values are paired, greedily, by what speaks for two being the same target:
their sections matched to each other (`PLACE`), the same value (`SAME_VALUE`), the same
dimension (`SAME_DIMENSION`: a growth rate with a growth rate, an amount with an amount); the
nearest in order breaks a tie. A pair needs one of these; what is left is new or dropped.

Values compare on their dimension's scale after normalisation (`Figure.value`: money in yuan,
area in m², a percentage as a fraction; 亩 is converted to m²), so 1.2亿元 and 12000万元 are
unchanged. A placeholder on either side (xx亿元) is "to be filled"; values that do not compare
(another dimension, a date, a word) are "changed" when their texts differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.library.compare.model import TargetChange, TargetChangeKind
from zoneplan_tui.library.targets import Target

PLACE = 4.0
SAME_VALUE = 2.0
SAME_DIMENSION = 1.0
_MU_M2 = 10000 / 15  # 1亩 in m²
_DURATIONS = frozenset({"年", "个月", "月", "天", "日", "周", "小时", "分钟", "秒"})
_TOLERANCE = 1e-9

RowKey = tuple[str, bool, str]


def dimension(t: Target) -> str:
    """Equal for two targets whose numbers are on one scale (counts of any measure word)."""
    kind, unit = t.figure.kind, t.unit or ""
    if kind == "area":
        return "area"
    if kind == "count":
        return f"duration:{unit}" if unit in _DURATIONS else "count"
    return f"{kind}:{unit}"


def number(t: Target) -> float | None:
    """The value on its dimension's scale: a range by its middle; None for a placeholder, a
    date or a word."""
    v = t.value
    if t.figure.kind in ("placeholder", "date"):
        return None
    if isinstance(v, list) and len(v) == 2 and all(_is_number(x) for x in v):
        value = (float(v[0]) + float(v[1])) / 2
    elif _is_number(v):
        value = float(v)  # type: ignore[arg-type]
    else:
        return None
    return value * _MU_M2 if t.figure.kind == "area" and t.unit == "亩" else value


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _same_number(x: float, y: float) -> bool:
    return abs(x - y) <= _TOLERANCE * max(1.0, abs(x), abs(y))


def change_of(a: Target, b: Target) -> TargetChangeKind:
    if a.figure.kind == "placeholder" or b.figure.kind == "placeholder":
        return "to_fill"
    na, nb = number(a), number(b)
    if na is not None and nb is not None and dimension(a) == dimension(b):
        ranges = isinstance(a.value, list) and isinstance(b.value, list)
        if ranges and a.value != b.value and _same_number(na, nb):
            return "changed"  # 5–7% → 4–8%: the same middle, another range
        if _same_number(na, nb):
            return "unchanged"
        return "raised" if nb > na else "cut"
    same = normalise(a.figure.text).strip() == normalise(b.figure.text).strip()
    return "unchanged" if same else "changed"


def row_key(t: Target) -> RowKey:
    return (t.key, t.growth, t.kind)


def pair_targets(
    a: Sequence[Target],
    b: Sequence[Target],
    a_section: Callable[[Target], int],
    b_section: Callable[[Target], int],
    matched: dict[int, int],
) -> list[TargetChange]:
    """Every value of A and of B in a `TargetChange`: the pairs, then what is left (dropped,
    new). `a_section`/`b_section` give a target's section position; `matched` maps A's section
    positions to B's."""
    rows_a: dict[RowKey, list[Target]] = defaultdict(list)
    rows_b: dict[RowKey, list[Target]] = defaultdict(list)
    for t in a:
        if t.role == "value":
            rows_a[row_key(t)].append(t)
    for t in b:
        if t.role == "value":
            rows_b[row_key(t)].append(t)
    out: list[TargetChange] = []
    for key in dict.fromkeys([*rows_a, *rows_b]):
        ta, tb = rows_a.get(key, []), rows_b.get(key, [])
        sa = [a_section(t) for t in ta]
        sb = [b_section(t) for t in tb]
        scored = []
        for i, x in enumerate(ta):
            for j, y in enumerate(tb):
                score = 0.0
                if matched.get(sa[i]) == sb[j]:
                    score += PLACE
                nx, ny = number(x), number(y)
                if dimension(x) == dimension(y):
                    score += SAME_DIMENSION
                    if nx is not None and ny is not None and _same_number(nx, ny):
                        score += SAME_VALUE
                if score <= 0:
                    continue
                # nearest in order: relative positions within the row
                order = abs(i / max(1, len(ta)) - j / max(1, len(tb)))
                scored.append((score - 0.01 * order, i, j))
        used_a: set[int] = set()
        used_b: set[int] = set()
        for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            x, y = ta[i], tb[j]
            out.append(
                TargetChange(
                    y.indicator, y.key, y.growth, y.kind, change_of(x, y), x, y, sa[i], sb[j]
                )
            )
        for i, x in enumerate(ta):
            if i not in used_a:
                out.append(
                    TargetChange(
                        x.indicator, x.key, x.growth, x.kind, "dropped", x, None, sa[i], None
                    )
                )
        for j, y in enumerate(tb):
            if j not in used_b:
                out.append(
                    TargetChange(y.indicator, y.key, y.growth, y.kind, "new", None, y, None, sb[j])
                )
    return out


__all__ = ["change_of", "dimension", "number", "pair_targets"]
