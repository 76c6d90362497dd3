"""Bare numbers in table rows: in a row of cells every number is a figure.

In running text a number needs a unit to be a figure (2035 in 武清2035 is a name); in a table
the unit is written once, in the row's header cell (`面積(公頃)	3.46	23.90`), in a unit
column (`工业固体废弃物综合利用率	%	70	80`), in the column's header (`投资额（亿元）`) or in a
line over the table (`單位：新臺幣千元`), and the cells hold bare numbers. So in a table row:

- a cell that is a number (`3.46`, `1,234`, `-27.03`, `<1`, `<15000`, `12.5%`), maybe with a
  note in brackets after it (`143（2010年价）`), is a figure: its span is the number (with its
  `<`/`>`/`≤`/`≥` and its sign), its unit the nearest one given: the row's header or unit cell,
  else the column's header, else the table's unit line; none of them: a plain number (`other`);
- a cell `2011-2015` is a range of years; a header row of years (指标 | 单位 | 2010 | 2015) is a
  row of dates;
- not figures: the serial numbers of a 序号/编号 column (or a first column counting 1, 2, 3 …),
  a header row of running numbers (the months 1 … 12 of a schedule),
  page numbers (a 页码 column, or a run of rows "heading ⇥ page" whose pages never go down, as
  a table of contents is), and codes (a column headed 代码/电话/编号).

Rows are the lines a converter reports as a table (`Document.tables`, cells joined by ` | ` or
a tab), lines with a tab between two non-empty cells, and Markdown rows (`| a | b |`). A row's
header row is the nearest row above it in its table with no number cell and as many cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from zoneplan_tui.core.figures_grammar import MULTS
from zoneplan_tui.core.figures_units import LOCAL, UNIT_RE, unit_info

# (start, end, kind, value, unit, cmp, core_start, core_end, line)
CellFigure = tuple[int, int, str, object, str | None, str | None, int, int, int]

_NUMBER_CELL = re.compile(
    r"(?P<cmp><=|>=|[<>≤≥])?[ \u3000]?"
    r"(?P<num>[-−]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)"
    r"[ \u3000]?(?P<pct>[%‰])?[ \u3000]*(?:[（(][^（()）]{0,30}[）)])?[ \u3000]*"
)
_YEAR_RANGE_CELL = re.compile(
    r"(?P<a>(?:19|20)[0-9]{2})[ ]?[-—–~至][ ]?(?P<b>(?:19|20)[0-9]{2})年?"
)
_CMPS = {"<": "<", ">": ">", "≤": "<=", "<=": "<=", "≥": ">=", ">=": ">="}
_UNIT_IN_BRACKETS = re.compile(r"[（(](?:单位[:：])?(?P<u>[^（()）]{1,12})[）)]\s*$")
_UNIT_WORD = re.compile(
    rf"(?:新台币|人民币|港币|美元)?(?P<mult>万亿|[十百千]?[万亿]|[百千])?(?P<unit>{UNIT_RE})"
)
_UNIT_LINE = re.compile(r"单位[:：][ \u3000]*(?P<u>[^ \u3000，,。；;)）|\t\n]{1,12})")
_SERIAL_HEAD = re.compile(r"^(?:序号?|编号|项次|no\.?|#)$", re.IGNORECASE)
_PAGE_HEAD = re.compile(r"页[码次数]?$|^页$")
_CODE_HEAD = re.compile(r"代码|代号|电话|传真|邮编|邮递区号|编码|账号|帐号")
_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")


@dataclass(slots=True)
class _Unit:
    kind: str
    unit: str | None
    factor: Decimal

    @classmethod
    def parse(cls, written: str, currency: str) -> _Unit | None:
        """`公顷`, `亿元`, `%`, `万吨/年`, `新台币千元`, `人` → a unit with its factor; None if the
        words are not a unit (a header in brackets may be a note: `（2010年价）`)."""
        m = _UNIT_WORD.fullmatch(written.strip().replace(" ", ""))
        if m is None:
            return None
        kind, norm, factor = unit_info(m.group("unit"))
        if kind == "skip":
            return None
        if m.group("mult"):
            factor *= MULTS[m.group("mult")]
        if norm.startswith(LOCAL):
            named = next((c for w, c in _NAMED if written.startswith(w)), currency)
            norm = norm.replace(LOCAL, named)
        return cls(kind, norm, factor)


_NAMED = (("新台币", "TWD"), ("人民币", "CNY"), ("港币", "HKD"), ("美元", "USD"))


def _header_unit(cell: str, currency: str) -> _Unit | None:
    m = _UNIT_IN_BRACKETS.search(cell)
    return _Unit.parse(m.group("u"), currency) if m else None


def _split(line: str, known: bool) -> list[tuple[int, str]] | None:
    """(offset in line, cell text) of a table row, or None when the line is not one."""
    if "\t" in line:
        sep = "\t"
    elif known and " | " in line:
        sep = " | "
    elif _MD_ROW.match(line):
        sep = "|"
    elif known:
        sep = ""  # a converter's one-cell row (一、研究發展人員): still a row of its table
    else:
        return None
    cells = []
    pos = 0
    for part in line.split(sep) if sep else [line]:
        cells.append((pos, part))
        pos += len(part) + len(sep)
    if sep == "|":
        cells = cells[1:-1]  # the outer bars of | a | b |
    if not known and sum(1 for _, c in cells if c.strip()) < 2:
        return None
    return cells


def _rows(nt: str, line_starts: list[int], tables: Iterable[tuple[int, int]]) -> Iterator[int]:
    """0-based line numbers that may be table rows, in order."""
    lines: set[int] = {i - 1 for a, b in tables for i in range(a, b + 1)}
    pos = nt.find("\t")
    while pos != -1:
        line = _line_of(line_starts, pos)
        lines.add(line)
        nxt = line_starts[line + 1] if line + 1 < len(line_starts) else len(nt)
        pos = nt.find("\t", nxt)
    if "|" in nt:
        for m in re.finditer(r"(?m)^\s*\|.*\|\s*$", nt):
            lines.add(_line_of(line_starts, m.start()))
    yield from sorted(i for i in lines if 0 <= i < len(line_starts))


def _line_of(line_starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return bisect_right(line_starts, pos) - 1


@dataclass(slots=True)
class _Row:
    line: int  # 0-based
    start: int  # offset of the line
    cells: list[tuple[int, str]]
    numbers: list[int]  # indexes of number cells


def table_figures(
    nt: str,
    line_starts: list[int],
    tables: Iterable[tuple[int, int]],
    currency: str,
) -> list[CellFigure]:
    """The bare-number figures of the table rows of the folded text `nt`."""
    known = {i - 1 for a, b in tables for i in range(a, b + 1)}
    out: list[CellFigure] = []
    block: list[_Row] = []
    # A table broken by a line that is no row (a cell's text wrapped, a page break) goes on
    # under the header it had: headers by cell count carry over from block to block.
    headers: dict[int, list[str]] = {}
    for i in _rows(nt, line_starts, tables):
        start = line_starts[i]
        end = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(nt)
        cells = _split(nt[start:end], i in known)
        if cells is None:
            continue
        numbers = [k for k, (_, c) in enumerate(cells) if _NUMBER_CELL.fullmatch(c.strip())]
        row = _Row(i, start, cells, numbers)
        if block and i != block[-1].line + 1:
            out.extend(_block_figures(nt, line_starts, block, currency, headers))
            block = []
        block.append(row)
    if block:
        out.extend(_block_figures(nt, line_starts, block, currency, headers))
    return out


def _block_figures(
    nt: str,
    line_starts: list[int],
    block: list[_Row],
    currency: str,
    header: dict[int, list[str]],  # cell count -> the nearest header row's cells (updated)
) -> Iterator[CellFigure]:
    table_unit = _table_unit(nt, line_starts, block[0].line, currency)
    toc = _toc_rows(block)
    serial_first = _counts_rows(block)
    pending: list[_Row] = []  # the rows without numbers just above
    own: set[int] = set()  # the cell counts whose header is this block's own
    for row in block:
        n = len(row.cells)
        labels = _label_row(row)
        if labels:
            # a header of years (指标 | 单位 | 2010 | 2015) or of running numbers (月份 1 … 12)
            header[n] = [c for _, c in row.cells]
            own.add(n)
            pending = [row]
            if labels == "years":
                yield from _year_cells(row)
            continue
        if not row.numbers:
            if any(c.strip() for _, c in row.cells):
                header[n] = [c for _, c in row.cells]
                own.add(n)
                pending.append(row)
            yield from _year_ranges(row)
            continue
        if n not in own and (merged := _merged_header(pending)) and len(merged) == n:
            header[n] = merged
            own.add(n)
        pending = []
        heads = header.get(n, []) if n >= _CARRIED_CELLS or n in own else []
        if not heads and n >= _CARRIED_CELLS:
            # a row cut by a line break (its last cells on the next line) keeps its first
            # cells under the header they belong to: the one with the fewest more cells
            wider = [k for k in header if k > n]
            heads = header[min(wider)] if wider else []
        row_unit: _Unit | None = None
        for k, (off, cell) in enumerate(row.cells):
            text = cell.strip()
            if k in row.numbers:
                col = heads[k].strip() if k < len(heads) else ""
                skip = (
                    row.line in toc
                    or (k == 0 and serial_first)
                    or _SERIAL_HEAD.match(col)
                    or _PAGE_HEAD.search(col)
                    or _CODE_HEAD.search(col)
                )
                if skip:
                    continue
                unit = row_unit or _header_unit(col, currency) or table_unit
                yield _cell_figure(row, off, cell, unit)
                continue
            if not text:
                continue
            # a unit cell (%, 家, 亿元) or a header with its unit in brackets: the cells to its
            # right are in that unit
            found = _Unit.parse(text, currency) if len(text) <= 8 else None
            row_unit = found or _header_unit(text, currency) or row_unit
        yield from _year_ranges(row)


def _label_row(row: _Row) -> str | None:
    """ "years" for a header of years, "ordinals" for one of running numbers (1, 2, 3 … as
    the months of a schedule), None for a row of values."""
    if not row.numbers:
        return None
    nums = [row.cells[k][1].strip() for k in row.numbers]
    if not all(n.isdigit() for n in nums):
        return None
    values = [int(n) for n in nums]
    texts = sum(1 for k, (_, c) in enumerate(row.cells) if c.strip() and k not in row.numbers)
    if texts and all(1900 <= v <= 2100 for v in values) and len(set(values)) == len(values):
        return "years"
    steps = [b == a + 1 or b == 1 for a, b in pairwise(values)]
    if len(values) >= _RUNNING and values[0] == 1 and all(steps) and texts <= 1:
        return "ordinals"
    return None


_RUNNING = 4  # running numbers of at least this many cells are labels


def _year_cells(row: _Row) -> Iterator[CellFigure]:
    for k in row.numbers:
        off, cell = row.cells[k]
        lead = len(cell) - len(cell.lstrip())
        s = row.start + off + lead
        e = s + len(cell.strip())
        yield (s, e, "date", int(cell.strip()), "year", None, s, e, row.line + 1)


def _cell_figure(row: _Row, off: int, cell: str, unit: _Unit | None) -> CellFigure:
    lead = len(cell) - len(cell.lstrip())
    m = _NUMBER_CELL.match(cell, lead)
    assert m is not None  # a number cell, by _NUMBER_CELL.fullmatch
    cs, ce = row.start + off + m.start("num"), row.start + off + m.end("num")
    start = row.start + off + (m.start("cmp") if m.group("cmp") else m.start("num"))
    end = row.start + off + (m.end("pct") if m.group("pct") else m.end("num"))
    number = Decimal(m.group("num").replace(",", "").replace("−", "-"))
    cmp = _CMPS.get(m.group("cmp") or "")
    if m.group("pct"):
        factor = Decimal("0.01") if m.group("pct") == "%" else Decimal("0.001")
        unit = _Unit("percent", "%", factor)
    if unit is None:
        return (start, end, "other", _plain(number), None, cmp, cs, ce, row.line + 1)
    value = number * unit.factor
    shown: object = float(value) if unit.kind in ("money", "area") else _plain(value)
    return (start, end, unit.kind, shown, unit.unit, cmp, cs, ce, row.line + 1)


def _plain(d: Decimal) -> float | int:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(d)


def _year_ranges(row: _Row) -> Iterator[CellFigure]:
    for off, cell in row.cells:
        m = _YEAR_RANGE_CELL.fullmatch(cell.strip())
        if m is None:
            continue
        lead = len(cell) - len(cell.lstrip())
        s = row.start + off + lead
        e = s + len(cell.strip())
        lo, hi = int(m.group("a")), int(m.group("b"))
        if lo < hi:
            yield (s, e, "range", [lo, hi], "year", None, s, e, row.line + 1)


def _table_unit(nt: str, line_starts: list[int], first: int, currency: str) -> _Unit | None:
    """`单位：万元` on one of the three lines over the table (or in its first row)."""
    lo = line_starts[max(0, first - 3)]
    hi = line_starts[first + 1] if first + 1 < len(line_starts) else len(nt)
    found = None
    for m in _UNIT_LINE.finditer(nt, lo, hi):
        found = _Unit.parse(m.group("u"), currency) or found
    return found


def _toc_rows(block: list[_Row]) -> set[int]:
    """Lines of a table of contents: rows of a heading and a page number, the pages never
    going down, three or more in a row."""
    out: set[int] = set()
    run: list[_Row] = []
    last = -1
    for row in block:
        filled = [c.strip() for _, c in row.cells if c.strip()]
        page = _page(filled)
        if page is not None and page >= last:
            run.append(row)
            last = page
            continue
        if len(run) >= 3:
            out.update(r.line for r in run)
        run, last = ([row], page) if page is not None else ([], -1)
    if len(run) >= 3:
        out.update(r.line for r in run)
    return out


def _page(filled: list[str]) -> int | None:
    if len(filled) != 2 or not filled[1].isdigit() or any(ch.isdigit() for ch in filled[0]):
        return None
    if _UNIT_IN_BRACKETS.search(filled[0]):
        return None  # 面积（公顷） 3: a value with its unit, not a page
    return int(filled[1])


_CARRIED_CELLS = 3  # a header carries over to another block only for rows of this many cells


def _merged_header(rows: list[_Row]) -> list[str]:
    """A header whose cells hold line breaks (总投资⏎（万元）), as a plain-text table writes it:
    the rows joined, each row's first cell continuing the last cell of the row before."""
    cells: list[str] = []
    for row in rows:
        texts = [c for _, c in row.cells]
        if cells and texts:
            cells[-1] += texts[0]
            texts = texts[1:]
        cells.extend(texts)
    return cells


def _counts_rows(block: list[_Row]) -> bool:
    """The first cells count 1, 2, 3 … down the rows (starting again at 1 in a new part of
    the table; a row or two out of step allowed): a serial-number column."""
    firsts = [r.cells[0][1].strip() for r in block if r.numbers and r.cells]
    nums = [int(f) for f in firsts if f.isdigit()]
    if len(nums) < 3 or len(nums) < len(firsts) * 0.6:
        return False
    steps = [b == a + 1 or b == 1 for a, b in pairwise(nums)]
    return sum(steps) >= 0.8 * len(steps)


__all__ = ["CellFigure", "table_figures"]
