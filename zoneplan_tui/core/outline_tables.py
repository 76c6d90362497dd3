"""The table pass: which body lines are table cells, so that none of them reads as a heading.

`find_tables(lines, head, known)` → the 0-based cell lines: the rows a converter flattened
(`known`), tab- or pipe-separated rows, runs of one cell per line, and tables one cell per
line whose long cells break those runs, found by a column of values recurring row by row.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.outline_head import Head
from zoneplan_tui.core.outline_lines import Lines

_VALUE_MAX = 6  # characters of a repeated cell value
_VALUE_REPEATS = 3
_ROW_MAX = 12  # cells in a row of a table flattened one cell per line
_COLUMN_VALUES = 3  # distinct values in a column of repeated values (定量 / 定性)


def known_rows(tables: Iterable[tuple[int, int]]) -> frozenset[int]:
    """0-based lines of the 1-based (first, last) row ranges a converter reports."""
    return frozenset(i - 1 for a, b in tables for i in range(a, b + 1))


def find_tables(
    t: Lines, head: Head, known: frozenset[int], skip: frozenset[int] = frozenset()
) -> frozenset[int]:
    """`skip`: boilerplate lines in the body (a table of contents), which end a run."""
    tables = set(known)
    run: list[int] = []  # consecutive short non-blank lines (blank lines do not break it)
    short: list[int] = []  # all of them, for the tables whose long cells break the runs
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
        short += run
        tables.update(_table_run(t, run))
        run = []
    short += run
    tables.update(_table_run(t, run))
    tables.update(_periodic_tables(t, head, short, skip | tables))
    return frozenset(tables)


def _periodic_tables(
    t: Lines, head: Head, short: list[int], taken: set[int] | frozenset[int]
) -> set[int]:
    """Tables whose long cells (descriptions, scoring rules) break the runs of short lines:
    a header row with at least two header cells (`一级指标`, `指标性质`), then rows of the
    same width in which one column holds a few short values repeated (`定量`, `定性`). The
    rows run while that column holds; its width is the period at which the values recur.
    `short`: the short lines outside tables and boilerplate, where header rows are."""
    s = t.s
    headers = [i for i in short if i not in taken and r.TABLE_HEADER_RE.match(s[i])]
    if len(headers) < 2:
        return set()
    lines = [i for i in range(head.body, t.n) if s[i] and i not in head.boiler]
    found: set[int] = set()
    end = -1  # last line of the last table found
    for i in headers:
        if i <= end or i in head.boiler:
            continue
        k = bisect_left(lines, i)
        width, rows = _period(t, lines, k)
        if rows:
            cells = lines[k : k + width * (rows + 1)]
            found.update(j for j in cells if j not in taken)
            end = cells[-1]
    return found


def _period(t: Lines, lines: list[int], h: int) -> tuple[int, int]:
    """(row width, data rows) of the best table whose header row starts at `lines[h]`, or
    (0, 0): the header row is short cells, two of them header words; some column below it
    holds at most three distinct short values over at least three rows, one repeated."""
    s = t.s
    best = (0, 0)
    for width in range(2, _ROW_MAX + 1):
        row = lines[h : h + width]
        if len(row) < width or any(len(s[i]) > r.TABLE_CELL_MAX for i in row):
            break
        if sum(1 for i in row if r.TABLE_HEADER_RE.match(s[i])) < 2:
            continue
        for col in range(width):
            values: set[str] = set()
            rows = 0
            while (pos := h + width * (rows + 1) + col) < len(lines):
                cell = s[lines[pos]]
                key = r.compact(cell)
                if not key or len(key) > _VALUE_MAX or r.match_marker(cell) is not None:
                    break
                values.add(key)
                if len(values) > _COLUMN_VALUES:
                    break
                rows += 1
            if rows >= _VALUE_REPEATS and rows > len(values) and rows > best[1]:
                best = (width, rows)
    return best


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


def _repeated_values(t: Lines, run: list[int]) -> list[int]:
    """Cells of a column whose values repeat down the table (`定量`, `约束性`, `是`, and the
    letters of a label set vertically, one a line): a short value found on three lines of
    one run of short lines. Headings never repeat like that."""
    counts: dict[str, list[int]] = {}
    for i in run:
        key = r.compact(t.s[i])
        if len(key) <= _VALUE_MAX and r.match_marker(t.s[i]) is None:
            counts.setdefault(key, []).append(i)
    return [i for lines in counts.values() if len(lines) >= _VALUE_REPEATS for i in lines]


def _table_run(t: Lines, run: list[int]) -> list[int]:
    """The cells of a run of short lines when it is a flattened table: it has header or
    numeric cells, or a table caption with enough cells after it."""
    if len(run) < 6:
        return []
    s = t.s
    header = [i for i in run if r.TABLE_HEADER_RE.match(s[i])] + _repeated_values(t, run)
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
