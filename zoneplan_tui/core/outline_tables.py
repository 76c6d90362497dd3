"""The table pass: which body lines are table cells, so that none of them reads as a heading.

`find_tables(lines, head, known)` → the 0-based cell lines: the rows a converter flattened
(`known`), tab- or pipe-separated rows, and runs of one cell per line.
"""

from __future__ import annotations

from collections.abc import Iterable

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.outline_head import Head
from zoneplan_tui.core.outline_lines import Lines


def known_rows(tables: Iterable[tuple[int, int]]) -> frozenset[int]:
    """0-based lines of the 1-based (first, last) row ranges a converter reports."""
    return frozenset(i - 1 for a, b in tables for i in range(a, b + 1))


def find_tables(
    t: Lines, head: Head, known: frozenset[int], skip: frozenset[int] = frozenset()
) -> frozenset[int]:
    """`skip`: boilerplate lines in the body (a table of contents), which end a run."""
    tables = set(known)
    run: list[int] = []  # consecutive short non-blank lines (blank lines do not break it)
    for i in range(head.body, t.n):
        s = t.s[i]
        if not s:
            continue
        if i in skip:
            pass
        elif i in tables or _separated_row(t, i):
            tables.add(i)
        elif len(s) <= r.TABLE_CELL_MAX and "。" not in s and i not in head.boiler:
            run.append(i)
            continue
        tables.update(_table_run(t, run))
        run = []
    tables.update(_table_run(t, run))
    return frozenset(tables)


def _separated_row(t: Lines, i: int) -> bool:
    raw = t.folded[i].strip()
    if raw.startswith("|") and raw.count("|") >= 3:
        return True
    if "\t" not in raw:
        return False
    cells = [c for c in raw.split("\t") if c.strip()]
    if len(cells) < 2:
        return False
    # `一、\t总体要求`: a tab after a marker is a separator, not a cell boundary
    return not (len(cells) == 2 and r.MARKER_RE.fullmatch(cells[0].strip()) is not None)


def _table_run(t: Lines, run: list[int]) -> list[int]:
    """The cells of a run of short lines when it is a flattened table: it has header or
    numeric cells, or a table caption with enough cells after it."""
    if len(run) < 6:
        return []
    s = t.s
    header = [i for i in run if r.TABLE_HEADER_RE.match(s[i])]
    numeric = [i for i in run if r.NUMERIC_CELL_RE.match(s[i])]
    if len(header) < 2 and (len(numeric) < 3 or len(numeric) * 4 < len(run)):
        # a table of text cells only: a caption `表1 …` with at least 6 cells after it
        cap = next((k for k, i in enumerate(run) if r.TABLE_ONLY_CAPTION_RE.match(s[i])), -1)
        if cap == -1 or len(run) - cap - 1 < 6:
            return []
        header = [run[cap]]
    evidence = sorted(header + numeric)
    start = run.index(evidence[0])
    # a caption (表1 …) just before the first cell belongs to the table
    if start > 0 and r.TABLE_CAPTION_RE.match(s[run[start - 1]]):
        start -= 1
    cells = run[start:]
    # section headings right after the table are followed by prose, not cells
    while cells and cells[-1] > evidence[-1] and r.match_marker(s[cells[-1]]):
        cells.pop()
    return cells
