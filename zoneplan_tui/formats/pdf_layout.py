"""Positioned PDF lines → plan text: page furniture out, paragraphs whole, tables as rows,
heading-like lines ranked by their typography.

Works on `pdf_chars.Line` records only (no pdfium), in four passes:

1. **Furniture.** Lines at the top and bottom edges of a page (the first few and last few
   lines, within the top 15 % and bottom 12 % of the page) are compared across pages by their
   text with digits folded (`第3页` = `第4页`). A page number (`- 3 -`, `02004 -1`, `1-31`, `3`)
   goes wherever it is. A line that comes back on other pages is a running header or footer:
   when it is on most pages it is the document's (dropped everywhere); when it comes and goes
   in runs of pages, it names the part those pages belong to (the table of a budget book), so
   the first page of each run keeps it, where that part begins, and the others drop it —
   unless it holds a number (`中華民國116年度`): a date or a code names no part.
   Superscript footnote marks (a few digits set much smaller than the text) go too.
2. **Tables.** A line inside a table drawn with ruling lines (pdf_tables.py) is a table row,
   cut into cells at the table's column edges; so are two or more neighbouring lines split
   by column gaps (`Line.cells`), with a short line between such rows (a cell wrapped onto
   its own line). Each row is one line, its cells separated by a tab, and the rows are
   reported as a table range.
3. **Paragraphs.** A line that runs to the right margin goes on in the next line, unless the
   geometry says a new paragraph starts there: a larger vertical gap, another type size or
   style, a first-line indent, or an outdented line (the number of the next hanging item). A
   paragraph whose first line starts with a number and whose next line is indented under its
   text (`12.　…` / `　　…`) is one paragraph. A line that does not reach the margin ends its
   paragraph; so does a full line that ends a sentence before a line starting with a heading
   marker. So a wrapped line that happens to start with `一、` is joined to its paragraph, and
   a heading stays on its own line. Page breaks are crossed the same way.
4. **Ranks.** The style most of the text is set in is the body style. A line that stands alone
   (not joined, not a table row, at most 60 characters) set larger, bolder or in another face
   than the body is heading-like; its style's rank is 1 for the most prominent (largest, then
   bold, then the face met first) and counts up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from zoneplan_tui.core.outline_rules import fold, match_marker
from zoneplan_tui.formats.pdf_chars import Line, Page, Style
from zoneplan_tui.formats.pdf_tables import Ruled, ruled_tables

_TOP_BAND = 0.15
_BOTTOM_BAND = 0.12
_EDGE_LINES = 4
# A run of a running header: its pages are at most this far apart.
_RUN_GAP = 2
_EVERY_PAGE = 0.6  # a header on this share of the pages is the document's
_SMALL = 0.9  # a header in type this much smaller than the page's text needs no repetition
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－~·•(（]*#[-—–－~·•)）]*|第#页(?:[/,，]?共#页)?|共#页[,，]?第#页|#/#|#[-－—–]#"
    r"|(?:page|p\.)#(?:of#)?|-?#-?頁?|第#頁)$",
    re.IGNORECASE,
)
_BLANK_PAGE_RE = re.compile(r"^[(（〔]?(?:本|此)[页頁](?:空白|无正文|無正文)[)）〕]?$|^以下空白$")
_SENTENCE_END = frozenset("。！？；：!?;:")
# A table-of-contents entry ends in dot leaders and a page number: `总则……3`, `說明.... 1-6`.
_LEADER_END_RE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|－{3,}|-{4,})\s*[\d\-－—~～ 頁页]*$")
_CLOSERS = "”’\"'」』）)】》〉]"
_DIGITS_RE = re.compile(r"\d+")
_RANK_CHARS = 60
# Characters no sentence ends on: a line that stops on one was cut mid-sentence.
_NO_END = frozenset(",，、第的和与與及或之对對把被将將从從向在为為")
_SLACK = 2.5  # ems short of the right margin a line may stop and still be full
_SLACK_SENTENCE = 1.6  # the same, for a line that ends a sentence
_MARGIN_LINES = 5  # prose lines a page needs to measure its own right margin
_DOCUMENT_LINES = 3  # and the whole document


@dataclass(frozen=True, slots=True)
class Laid:
    lines: list[str]
    pages: list[int] = field(default_factory=list)  # the page each line starts on
    tables: list[tuple[int, int]] = field(default_factory=list)  # 1-based, inclusive
    ranks: dict[int, int] = field(default_factory=dict)  # 1-based line -> rank


def _key(text: str) -> str:
    """A line as running headers are compared: digits folded (`第3页` = `第4页`), no spaces."""
    return "".join(_DIGITS_RE.sub("#", text).split())


def _is_page_number(line: Line) -> bool:
    return bool(_PAGE_NUMBER_RE.match(_key(line.text)))


# -- 1. furniture ---------------------------------------------------------------------------


def _edges(page: Page) -> list[int]:
    """Indexes of the lines at the top and bottom edges of a page (sorted top to bottom)."""
    lines = page.lines
    top = [i for i in range(min(_EDGE_LINES, len(lines))) if lines[i].top < _TOP_BAND * page.height]
    bottom = [
        i
        for i in range(max(0, len(lines) - _EDGE_LINES + 1), len(lines))
        if lines[i].bottom > (1 - _BOTTOM_BAND) * page.height
    ]
    return sorted(set(top + bottom))


def furniture(pages: Sequence[Page]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(page index, line index) of the lines to drop — page numbers, running headers and
    footers — and of the running headers kept where their run of pages starts (rule 1 of the
    module docstring)."""
    where: dict[str, list[int]] = {}
    edges = [_edges(page) for page in pages]
    for p, (page, idx) in enumerate(zip(pages, edges, strict=True)):
        for i in idx:
            where.setdefault(_key(page.lines[i].text), []).append(p)
    with_edges = sum(1 for idx in edges if idx) or 1
    drop: set[tuple[int, int]] = set()
    kept: set[tuple[int, int]] = set()
    for p, (page, idx) in enumerate(zip(pages, edges, strict=True)):
        for i in idx:
            line = page.lines[i]
            if _is_page_number(line) or _BLANK_PAGE_RE.match(_key(line.text)):
                drop.add((p, i))
                continue
            seen = sorted(set(where[_key(line.text)]))
            if len(seen) < 2:
                continue
            if len(seen) >= _EVERY_PAGE * with_edges or "#" in _key(line.text):
                drop.add((p, i))  # the document's own header or footer, or a date, a code
                continue
            k = seen.index(p)
            if (k > 0 and p - seen[k - 1] <= _RUN_GAP) or len(line.cells) > 1:
                # a later page of the run (the part's name is already kept), or the header
                # row of a table repeated on each of its pages
                drop.add((p, i))
            else:
                kept.add((p, i))
    for p, page in enumerate(pages):
        text = [i for i, line in enumerate(page.lines) if (p, i) not in drop]
        if len(text) == 1 and _BLANK_PAGE_RE.match(_key(page.lines[text[0]].text)):
            drop.add((p, text[0]))  # `本頁空白` alone on a page
        elif len(text) > 1 and _small_header(page, page.lines[text[0]], page.lines[text[1]]):
            drop.add((p, text[0]))
    return drop, kept


def _small_header(page: Page, first: Line, second: Line) -> bool:
    """A page's first line set small in the top band, well above the text: a running header
    even on a page of its own (a one-page PDF shows no repetition)."""
    size = _page_size(page.lines)
    return (
        first.top < _TOP_BAND * page.height
        and first.size <= _SMALL * size
        and second.top - first.bottom > 1.5 * size
    )


def _superscript(line: Line, body: float) -> bool:
    """A footnote mark set apart from its line: a few digits much smaller than the text."""
    text = line.text.replace(" ", "")
    return len(text) <= 4 and text.isdigit() and line.size <= 0.7 * body


# -- 2. tables ------------------------------------------------------------------------------


def _table_rows(lines: list[Line], body: float, ruled: list[Ruled] | None = None) -> list[bool]:
    """Which lines of one page (furniture removed) are table rows: those inside a ruled
    table (pdf_tables.py), whose cells are then cut at its column edges, and runs of lines
    split by column gaps."""
    rows = [False] * len(lines)
    for k, line in enumerate(lines):
        table = next((t for t in ruled or () if t.holds(line)), None)
        if table is not None:
            rows[k] = True
            cells = table.cells(line)
            if cells:
                line.cells = cells
    _contents_rows(lines, rows)
    multi = [len(line.cells) > 1 for line in lines]
    i = 0
    while i < len(lines):
        if not multi[i] or rows[i]:
            i += 1
            continue
        j = i  # extend over multi-cell rows and short single lines between them
        k = i + 1
        while k < len(lines):
            if multi[k]:
                j = k
            elif not _short_cell(lines[k], body) or k - j > 2:
                break
            k += 1
        if sum(multi[i : j + 1]) >= 2:
            for m in range(i, j + 1):
                rows[m] = True
        i = j + 1
    return rows


def _contents_rows(lines: list[Line], rows: list[bool]) -> None:
    """A table of contents is a table: two or more lines in a row that end in dot leaders
    and a page number (`一、总体要求……3`) are rows of two cells, the entry and its page."""
    leader = [bool(_LEADER_END_RE.search(line.text)) for line in lines]
    for k, line in enumerate(lines):
        near = (k > 0 and leader[k - 1]) or (k + 1 < len(lines) and leader[k + 1])
        if leader[k] and near:
            m = _LEADER_END_RE.search(line.text)
            assert m is not None
            entry, page = line.text[: m.start()].strip(), m.group().strip(" .…·－-")
            line.cells = [cell for cell in (entry, page) if cell]
            rows[k] = True


def _short_cell(line: Line, body: float) -> bool:
    return len(line.text) <= 16 and line.size <= body + 0.5


# -- 3. paragraphs --------------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    end = fold(text.rstrip(_CLOSERS))
    return bool(end) and end[-1] in _SENTENCE_END


def _starts_marker(text: str) -> int | None:
    """Index in `text` where the words after a leading heading marker start, or None."""
    folded = fold(text)
    m = match_marker(folded)
    if m is None or m.style[0] == "md" or m.text_start >= len(folded):
        return None
    if m.style[0] == "dec" and m.text_start == m.end and len(m.path) > 1:
        return None  # `2.5万吨`: a number, not a marker
    return m.text_start


class _Counts:
    """The last number seen in each marker style, as paragraphs are laid out: the marker that
    comes next in its style starts a paragraph, another one may be a wrapped line's start."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, int], tuple[int, ...]] = {}

    def see(self, text: str) -> None:
        m = match_marker(fold(text))
        if m is not None and _starts_marker(text) is not None:
            self.last[m.style] = m.path

    def expected(self, text: str) -> bool:
        m = match_marker(fold(text))
        if m is None:
            return False
        if m.style[0] == "dec":
            return any(
                _decimal_follows(path, m.path)
                for style, path in self.last.items()
                if style[0] == "dec"
            ) or (m.style not in self.last and all(n == 1 for n in m.path))
        last = self.last.get(m.style)
        return m.number == 1 if last is None else m.number == last[-1] + 1


def _breaks_before(block: _Block, prev: Line, nxt: Line, counts: _Counts) -> bool:
    """Whether a full line followed by a line starting with a marker ends its paragraph: when
    it ends a sentence, or the marker comes next — after the paragraph's own marker, or in its
    style's count — unless the line stops where no sentence can (`…推动第` / `二、三产业`)."""
    if _ends_sentence(prev.text):
        return True
    if prev.text[-1] in _NO_END:
        return False
    return _follows(block.text, nxt.text) or counts.expected(nxt.text)


def _decimal_follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """`b` is the first child of decimal number `a`, its next sibling, or the next sibling of
    one of its ancestors (`3.3` after `3.2.2`)."""
    if b[:-1] == a and b[-1] == 1:
        return True
    depth = len(b)
    return depth <= len(a) and b[:-1] == a[: depth - 1] and b[-1] == a[depth - 1] + 1


def _follows(paragraph: str, line: str) -> bool:
    """Whether `line` starts with the marker that comes after the one `paragraph` starts with:
    its next sibling (`3.` after `2.`, `3.3` after `3.2.2`) or its first child (`3.2.1` after
    `3.2`). A list of items without end punctuation breaks there; a wrapped line that starts
    with some other marker (`…权责统` / `一、执行有力`) goes on with its sentence."""
    a, b = match_marker(fold(paragraph)), match_marker(fold(line))
    if a is None or b is None:
        return False
    if a.style[0] == b.style[0] == "dec":
        return _decimal_follows(a.path, b.path)
    return a.style == b.style and b.number == a.number + 1


def _joiner(left: str, right: str) -> str:
    """What joins a wrapped line to the next: a space between Latin words, nothing otherwise
    (Chinese has no spaces, and a number wrapped at the margin is one number)."""
    a, b = left[-1], right[0]
    latin = a.isascii() and b.isascii() and b.isalpha() and (a.isalpha() or a in ",.;:")
    return " " if latin else ""


@dataclass(slots=True)
class _Block:
    """A paragraph being built from lines, or a table row (`row`)."""

    lines: list[Line]
    text: str
    row: bool = False
    cont_left: float | None = None  # left edge of its continuation lines, once it has one


class _Geometry:
    """The right margin and line pitch of one page, measured on its prose lines; a page with
    too few of them (a cover, a page of headings or of a short list) takes the document's."""

    def __init__(self, page: Page, lines: list[Line], right: float) -> None:
        long = [ln for ln in lines if len(ln.cells) == 1 and len(ln.text) >= 10]
        own = _right_margin(long) if len(long) >= _MARGIN_LINES else 0.0
        if not right and lines:
            # no prose anywhere to measure: the margins are taken to be even on both sides
            right = page.width - min(ln.left for ln in lines)
        # a page of short lines (a list, an annex of names) has no full line to measure
        self.right = own if own >= 0.9 * right else right
        pitches = sorted(
            b.top - a.top
            for a, b in pairwise(long)
            if abs(a.size - b.size) < 0.5 and 0 < b.top - a.top < 3 * a.size
        )
        self.pitch = pitches[len(pitches) // 2] if pitches else 0.0


def _right_margin(lines: list[Line], least: int = _MARGIN_LINES) -> float:
    """Where full lines end: the 90th percentile of the right edges of long prose lines (0
    when there are fewer than `least` to tell)."""
    rights = sorted(ln.right for ln in lines if len(ln.cells) == 1 and len(ln.text) >= 10)
    return rights[(len(rights) * 9) // 10] if len(rights) >= least else 0.0


def _full(line: Line, geo: _Geometry) -> bool:
    """Whether a line runs to the right margin. Set ragged, a Chinese line stops up to a
    character and a bit short of it (punctuation that cannot start a line pulls a character
    down), and up to two and a half when it cannot break inside a number or after an opening
    quote (`…基层建设“1` / `5”文件`); a line ending a sentence that far short ends its paragraph."""
    slack = _SLACK_SENTENCE if _ends_sentence(line.text) else _SLACK
    return line.right >= geo.right - slack * line.size


def _continues(block: _Block, nxt: Line, geos: dict[int, _Geometry], counts: _Counts) -> bool:
    """Whether `nxt` goes on with the paragraph `block` (rule 3 of the module docstring)."""
    prev = block.lines[-1]
    geo = geos[prev.page]
    if block.row or not _full(prev, geo):
        return False
    # another size or weight: a heading after its paragraph, or the reverse (the face is not
    # compared: a line of figures may be set mostly in the Latin font); but a bold lead-in
    # that fills its line and stops mid-sentence goes on in the regular weight
    # (`购建固定资产、…－购建固定资产` / `－编列35,868千元，包括：`)
    if nxt.style.size != prev.style.size:
        return False
    if nxt.style.bold != prev.style.bold and (_ends_sentence(prev.text) or not prev.style.bold):
        return False
    if nxt.page == prev.page and nxt.top - prev.top > 1.45 * max(geo.pitch, 1.2 * prev.height):
        return False
    em = prev.size or 10.0
    tol = 0.7 * em
    if _starts_marker(nxt.text) is not None and _breaks_before(block, prev, nxt, counts):
        return False
    if _LEADER_END_RE.search(prev.text):
        return False  # an entry of a table of contents
    if block.cont_left is not None:
        return abs(nxt.left - block.cont_left) <= tol
    first = block.lines[0]
    if abs(nxt.left - first.left) <= tol or nxt.left < first.left - tol:
        return True  # flush paragraph, or a first-line indent with the text going on at left
    # indented under the first line: the text of a hanging number (`12.` / `1、第一科：`)
    start = _starts_marker(first.text)
    return start is not None and nxt.left <= first.right - 4 * em


# -- 4. ranks -------------------------------------------------------------------------------


def _body_style(lines: list[Line]) -> Style:
    """The style most of the prose (table rows aside) is set in."""
    counts: Counter[Style] = Counter()
    for line in lines:
        counts[line.style] += len(line.text)
    return max(counts, key=lambda s: counts[s]) if counts else Style(10.5, False, "")


def _prominent(style: Style, body: Style) -> bool:
    if style.size > body.size + 0.5:
        return True
    if style.size < body.size - 0.5:
        return False
    return (style.bold and not body.bold) or (style.family != body.family and style.family != "")


def _rank_styles(styles: list[Style], body: Style) -> dict[Style, int]:
    """Rank 1 for the most prominent heading style: larger first, then bold, then in the order
    the styles first appear (a document sets its higher headings first)."""
    order = {s: k for k, s in enumerate(dict.fromkeys(styles))}
    ranked = sorted(
        (s for s in order if _prominent(s, body)),
        key=lambda s: (-round(s.size), not s.bold, order[s]),
    )
    return {s: k + 1 for k, s in enumerate(ranked)}


# -- composition ----------------------------------------------------------------------------


def lay_out(pages: Sequence[Page]) -> Laid:
    dropped, sections = furniture(pages)
    _same_rank(pages, sections)
    kept_lines = [
        [line for i, line in enumerate(page.lines) if (p, i) not in dropped]
        for p, page in enumerate(pages)
    ]
    ruled = [ruled_tables(page.rules) for page in pages]
    rows = [
        _table_rows(lines, _page_size(lines), tables)
        for lines, tables in zip(kept_lines, ruled, strict=True)
    ]
    prose = [
        ln
        for lines, row in zip(kept_lines, rows, strict=True)
        for ln, is_row in zip(lines, row, strict=True)
        if not is_row
    ]
    body = _body_style(prose)
    margin = _right_margin([ln for lines in kept_lines for ln in lines], _DOCUMENT_LINES)
    blocks: list[_Block] = []
    geos: dict[int, _Geometry] = {}
    counts = _Counts()
    for page, lines, row in zip(pages, kept_lines, rows, strict=True):
        geo = geos[page.number] = _Geometry(page, lines, margin)
        above: Line | None = None
        for line, is_row in zip(lines, row, strict=True):
            if _superscript(line, body.size):
                continue
            blank = above is not None and _blank_between(above, line, geo)
            above = line
            if blank and blocks and blocks[-1].text:
                blocks.append(_Block([line], ""))  # an empty line's worth of space: a blank line
            if is_row:
                blocks.append(_Block([line], "\t".join(line.cells), row=True))
                continue
            last = blocks[-1] if blocks else None
            if last is not None and last.text and _continues(last, line, geos, counts):
                if len(last.lines) == 1:
                    last.cont_left = line.left
                last.lines.append(line)
                last.text += _joiner(last.text, line.text) + line.text
            else:
                counts.see(line.text)
                blocks.append(_Block([line], line.text))
    while blocks and not blocks[-1].text:
        blocks.pop()
    return _emit(blocks, body)


def _same_rank(pages: Sequence[Page], sections: set[tuple[int, int]]) -> None:
    """Running headers kept where their part begins name parts of one kind (the tables of a
    budget book): they take one style, the most prominent of theirs, and so one rank."""
    lines = [pages[p].lines[i] for p, i in sections]
    if len(lines) < 2:
        return
    style = max((ln.style for ln in lines), key=lambda s: (s.size, s.bold))
    for line in lines:
        line.style = style


def _blank_between(above: Line, line: Line, geo: _Geometry) -> bool:
    """Whether the space between two lines holds an empty line: more than a line pitch of
    the body, and more than half as much again as the lines are tall (titles in large type
    are set wider apart)."""
    gap = line.top - above.bottom
    return bool(geo.pitch) and gap > max(geo.pitch, 1.5 * min(above.height, line.height))


def _page_size(lines: list[Line]) -> float:
    """The type size most of a page's characters are set in."""
    counts: Counter[float] = Counter()
    for line in lines:
        counts[line.size] += len(line.text)
    return max(counts, key=lambda s: counts[s]) if counts else 10.0


def _emit(blocks: list[_Block], body: Style) -> Laid:
    lines: list[str] = []
    pages: list[int] = []
    tables: list[tuple[int, int]] = []
    candidates: list[tuple[int, Style]] = []
    for block in blocks:
        lines.append(block.text)
        pages.append(block.lines[0].page)
        n = len(lines)
        if block.row:
            if tables and tables[-1][1] == n - 1:
                tables[-1] = (tables[-1][0], n)
            else:
                tables.append((n, n))
        elif block.text and len(block.text) <= _RANK_CHARS:
            candidates.append((n, block.lines[0].style))
    ranks_of = _rank_styles([s for _, s in candidates], body)
    ranks = {n: ranks_of[s] for n, s in candidates if s in ranks_of}
    return Laid(lines, pages, tables, ranks)
