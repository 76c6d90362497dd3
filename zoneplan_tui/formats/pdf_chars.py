"""PDF pages as positioned lines of text, read with pdfium (pypdfium2).

pdfium gives each character of a page's text layer with its box, its text object (font, size,
render mode) and whether its font could map it to Unicode. Here they become `Line`s: the
characters sharing a baseline band, left to right, with the gaps between them resolved into
nothing (between Chinese characters set wide by justification or letter spacing), a space
(between words, or a gap in a line of prose) or a cell break (a column gap of a table row).
Everything after this — paragraphs, running headers, tables, heading ranks — works on those
records alone (`pdf_layout.py`), so it is tested without pdfium.

Coordinates are display points: x to the right, y down from the top of the page as shown
(the page's /Rotate applied).
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter
from typing import Any

# pdfium is not thread-safe, and the app opens plans in worker threads.
LOCK = threading.Lock()

# Characters that are spacing in a text layer: their width shows as a gap, which the line
# builder reads from the positions (typed, generated and justification spaces alike).
_SPACES = frozenset(" \t\r\n\u00a0\u3000\u2002\u2003\u2009\ufeff")
_BOLD_NAME_RE = re.compile(r"bold|heavy|black|semibold|demi|[-,]?w[6-9]\b", re.I)
_SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
_FILL_STROKE = 2  # text render mode that strokes the glyph outline too: Word's fake bold


@dataclass(frozen=True, slots=True)
class Style:
    size: float  # effective font size in points, to the half point
    bold: bool
    family: str  # font name without subset prefix and weight suffix


@dataclass(slots=True)
class Line:
    """Characters on one baseline band. `text` is what the line reads; `xs[i]` is the left
    edge of `text[i]` (a separator takes the position of the character after it)."""

    top: float
    bottom: float
    left: float
    right: float
    text: str
    xs: list[float]
    style: Style  # the style most of its characters are set in
    cells: list[str] = field(default_factory=list)  # more than one: a column gap split it
    cell_lefts: list[float] = field(default_factory=list)
    page: int = 0
    unmapped: int = 0  # characters whose font has no Unicode mapping for them

    @property
    def size(self) -> float:
        return self.style.size

    @property
    def height(self) -> float:
        return self.bottom - self.top


Rule = tuple[float, float, float, float]  # x0, top, x1, bottom of a ruling line


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    chars: int  # characters of the text layer, spaces aside
    unmapped: int  # of which the font could not map to Unicode
    rules: list[Rule] = field(default_factory=list)  # horizontal and vertical ruling lines


class _Char:
    """One character with its box (a plain slotted class: a page makes thousands)."""

    __slots__ = ("after_space", "bad", "bottom", "ch", "mid", "style", "top", "wide", "x0", "x1")

    def __init__(
        self,
        ch: str,
        x0: float,
        x1: float,
        top: float,
        bottom: float,
        style: Style,
        bad: bool = False,
        after_space: bool = False,
    ) -> None:
        self.ch = ch
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.mid = (top + bottom) / 2
        self.style = style
        self.bad = bad  # no Unicode mapping
        self.after_space = after_space  # the text layer has a space character just before it
        self.wide = _is_wide(ch)


def _is_wide(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no space ever separates them."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x2FFFF
        or 0x2014 <= o <= 0x201F
        or o == 0x2026
    )


# Gaps, in ems of the smaller of the two characters' sizes.
_WORD_GAP = 0.15  # between Latin letters or digits: a space from here on
_MIXED_GAP = 0.45  # between a Latin letter or digit and a Chinese character
_COLUMN_GAP = 1.5  # a cell break of a table row from here on (a line of prose: one space)


class _Styles:
    """Style of each text object, cached by its handle: characters of one object share it."""

    def __init__(self, c: Any) -> None:
        self.c = c
        self.cache: dict[int | None, tuple[Style, int]] = {}
        self.matrix = c.FS_MATRIX()
        self.size = ctypes.c_float()
        self.name = ctypes.create_string_buffer(256)

    def of(self, obj: Any, raw: Any, k: int) -> tuple[Style, int]:
        """(style, angle) of a text object, whose first character is `k` of text page `raw`:
        the angle its text runs at on the page, 0, 90, 180 or 270 degrees counter-clockwise
        (-1 for any other slant)."""
        key = _address(obj).value if obj else None
        found = self.cache.get(key)
        if found is not None:
            return found
        c = self.c
        size, angle, bold, family = 0.0, 0, False, ""
        if obj:
            m = self.matrix
            if c.FPDFPageObj_GetMatrix(obj, m) and c.FPDFTextObj_GetFontSize(obj, self.size):
                size = self.size.value * math.sqrt(abs(m.a * m.d - m.b * m.c))
            # pdfium's own angle: the object's matrix leaves out a rotation by the page's
            angle = _angle(c.FPDFText_GetCharAngle(raw, k))
            font = c.FPDFTextObj_GetFont(obj)
            if font:
                n = c.FPDFFont_GetBaseFontName(font, self.name, 256)
                family = self.name.raw[: max(0, n - 1)].decode("latin-1", "replace")
                bold = c.FPDFFont_GetWeight(font) >= 600 or bool(_BOLD_NAME_RE.search(family))
            bold = bold or c.FPDFTextObj_GetTextRenderMode(obj) == _FILL_STROKE
            family = _SUBSET_RE.sub("", family)
            family = re.split(r"[,-](?:bold|regular|light|medium)", family, flags=re.I)[0]
        style = Style(round(size * 2) / 2, bold, family)
        self.cache[key] = (style, angle)
        return style, angle


def _angle(radians: float) -> int:
    """An angle to the nearest right angle, in degrees, or -1 when it is not near one."""
    degrees = math.degrees(radians) % 360
    nearest = round(degrees / 90) % 4 * 90
    return nearest if abs((degrees - nearest + 180) % 360 - 180) <= 10 else -1


_address = ctypes.c_void_p.from_buffer  # a pointer's value, to tell text objects apart


def read_page(c: Any, page: Any, number: int) -> Page:
    """The lines of one pdfium page (`page`: a pypdfium2 PdfPage)."""
    width, height = page.get_width(), page.get_height()
    rotation = page.get_rotation() % 360
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        n = c.FPDFText_CountChars(raw)
        text = textpage.get_text_range(0, n) if n > 0 else ""
        if len(text) != n:  # characters beyond the BMP: read them one by one
            text = "".join(chr(c.FPDFText_GetUnicode(raw, k) or 0xFFFD) for k in range(n))
        found, unmapped = _characters(c, raw, text, _Styles(c))
    finally:
        textpage.close()
    # The page is read the way its text runs: a table set sideways on an upright page (or
    # upright text on a page turned with /Rotate) is read as if the page were turned.
    angles: dict[int, int] = {}
    for item in found:
        angles[item[-1]] = angles.get(item[-1], 0) + 1
    turn = max((a for a in angles if a >= 0), key=lambda a: angles[a], default=rotation)
    box = _boxer(turn, width, height)
    chars = []
    for ch, left, right, low, high, style, bad, after_space, angle in found:
        if angle == turn:
            x0, x1, top, bottom = box(left, right, low, high)
            if x1 > x0 and bottom > top:
                chars.append(_Char(ch, x0, x1, top, bottom, style, bad, after_space))
    rules = _rules(c, page, box)
    if turn in (90, 270):
        width, height = height, width
    lines = [line for group in _rows(chars) if (line := _line(group, number)) is not None]
    lines = _vertical(lines)
    count = sum(1 for ch in text if ch not in _SPACES)
    return Page(number, width, height, lines, count, unmapped, rules)


_PATH = 2  # FPDF_PAGEOBJ_PATH
_FORM = 5  # FPDF_PAGEOBJ_FORM
_THIN = 3.0  # points: a path this thin is a ruling line
_MAX_RULES = 5_000  # ruling lines read from a page at most (a drawing has thousands of paths)


def _rules(c: Any, page: Any, box: Any) -> list[Rule]:
    """The ruling lines of a page, which frame tables: thin paths (a rule drawn as a line or
    a hairline rectangle) and the edges of rectangles (a cell drawn as a box), top-level or
    one form deep."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    rules: list[Rule] = []
    count = c.FPDFPage_CountObjects(page.raw)
    objects = [c.FPDFPage_GetObject(page.raw, k) for k in range(count)]
    forms = [o for o in objects if c.FPDFPageObj_GetType(o) == _FORM]
    for form in forms[:_MAX_RULES]:
        objects += [
            c.FPDFFormObj_GetObject(form, k) for k in range(c.FPDFFormObj_CountObjects(form))
        ]
    for obj in objects:
        if len(rules) >= _MAX_RULES:
            break
        if c.FPDFPageObj_GetType(obj) != _PATH:
            continue
        if not c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, x1, y0, y1 = box(left.value, right.value, bottom.value, top.value)
        w, h = x1 - x0, y1 - y0
        if w < _THIN or h < _THIN:
            if max(w, h) > 2 * _THIN:
                rules.append((x0, y0, x1, y1))
        elif c.FPDFPath_CountSegments(obj) <= 5 and _stroked(c, obj, mode, stroke):
            # a rectangle drawn as a box (not a shaded background): its four edges
            rules += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    return rules


def _stroked(c: Any, obj: Any, mode: Any, stroke: Any) -> bool:
    return bool(c.FPDFPath_GetDrawMode(obj, mode, stroke)) and bool(stroke.value)


def _characters(c: Any, raw: Any, text: str, styles: _Styles) -> tuple[list[tuple[Any, ...]], int]:
    """The characters of a text page as (character, left, right, bottom, top, style, no
    mapping, after a space, angle), in PDF coordinates, and how many its fonts could not map
    to Unicode. The loop runs once per character of the document, so it calls pdfium as
    little as it can: the style once per text object, the mapping check per character only
    in objects whose first character failed it."""
    get_object, get_box = c.FPDFText_GetTextObject, c.FPDFText_GetLooseCharBox
    has_error, generated = c.FPDFText_HasUnicodeMapError, c.FPDFText_IsGenerated
    rect = c.FS_RECTF()
    found: list[tuple[Any, ...]] = []
    unmapped = 0
    spaced = False
    last: int | None = -1
    style, angle, flagged = Style(0.0, False, ""), 0, False
    for k, ch in enumerate(text):
        if ch in _SPACES:
            # a space the writer put there, not one pdfium made up for a gap
            spaced = spaced or (ch in " \u00a0\u3000" and not generated(raw, k))
            continue
        after_space, spaced = spaced, False
        obj = get_object(raw, k)
        address = _address(obj).value if obj else None
        if address != last:
            last = address
            style, angle = styles.of(obj, raw, k)
            flagged = bool(has_error(raw, k))
        bad = flagged and bool(has_error(raw, k))
        unmapped += bad
        if angle >= 0 and get_box(raw, k, rect):
            found.append(
                (ch, rect.left, rect.right, rect.bottom, rect.top, style, bad, after_space, angle)
            )
    return found, unmapped


def _vertical(lines: list[Line]) -> list[Line]:
    """Lines of one Chinese character each, stacked under one another in one column, are a
    word set vertically (`本 / 頁 / 空 / 白` down a blank page): one line."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _stacked(prev, line):
            prev.text += line.text
            prev.xs.append(prev.xs[-1])
            prev.cells = [prev.text]
            prev.bottom = line.bottom
            prev.left, prev.right = min(prev.left, line.left), max(prev.right, line.right)
            continue
        out.append(line)
    return out


def _stacked(prev: Line, line: Line) -> bool:
    """Whether `line`, one Chinese character, goes under `prev`, a column of them."""
    if len(line.text) != 1 or not _is_wide(line.text) or len(prev.cells) != 1:
        return False
    if prev.text != prev.cells[0] or not all(_is_wide(ch) for ch in prev.text):
        return False
    column = len(prev.text) == 1 or prev.right - prev.left < 1.5 * line.size
    overlap = min(prev.right, line.right) - max(prev.left, line.left)
    below = 0 <= line.top - prev.bottom < 1.2 * line.size
    return column and below and overlap >= 0.5 * min(prev.right - prev.left, line.right - line.left)


def _boxer(rotation: int, width: float, height: float) -> Any:
    """A function from a PDF box (left, right, bottom, top) to display (x0, x1, top, bottom)."""
    if rotation == 90:
        return lambda x0, x1, y0, y1: (y0, y1, x0, x1)
    if rotation == 180:
        return lambda x0, x1, y0, y1: (width - x1, width - x0, y0, y1)
    if rotation == 270:
        return lambda x0, x1, y0, y1: (height - y1, height - y0, width - x1, width - x0)
    return lambda x0, x1, y0, y1: (x0, x1, height - y1, height - y0)


_MID = attrgetter("mid")


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped by baseline band: sorted by their middle, a character joins the row
    whose middle it is within a third of the row's height of. Superscripts (footnote marks)
    are higher and smaller: they join no row of larger characters and form their own."""
    rows: list[list[_Char]] = []
    current: list[_Char] = []
    mid = reach = 0.0
    for ch in sorted(chars, key=_MID):
        if current and ch.mid - mid <= reach and ch.bottom - ch.top > 0.55 * (reach * 3):
            current.append(ch)
            continue
        if current:
            rows.append(current)
        current = [ch]
        mid, reach = ch.mid, (ch.bottom - ch.top) / 3
    if current:
        rows.append(current)
    return rows


def _line(chars: list[_Char], page: int) -> Line | None:
    chars.sort(key=lambda c: c.x0 + c.x1)  # by centre: a narrow `.` kerned under the next
    kept: list[_Char] = []
    for ch in chars:
        if kept:
            prev = kept[-1]
            # the same glyph drawn again a hair to the right: fake bold (or an overprint)
            if ch.ch == prev.ch and ch.x0 - prev.x0 < 0.3 * (prev.x1 - prev.x0):
                if not prev.style.bold:
                    kept[-1] = _Char(
                        prev.ch,
                        prev.x0,
                        ch.x1,
                        prev.top,
                        prev.bottom,
                        _bold(prev),
                        prev.bad,
                        prev.after_space,
                    )
                continue
        kept.append(ch)
    if not kept:
        return None
    # Runs of characters without a column gap between them; a run of single Chinese
    # characters spaced wide is a letter-spaced title (`單 位 預 算`) and reads as one word.
    runs: list[list[_Char]] = [[kept[0]]]
    for prev, ch in pairwise(kept):
        em = min(prev.style.size, ch.style.size) or 1.0
        if ch.x0 - prev.x1 >= _COLUMN_GAP * em:
            runs.append([ch])
        else:
            runs[-1].append(ch)
    runs = _join_letter_spaced(runs)
    gaps = [[_gap(prev, ch) for prev, ch in pairwise(run)] for run in runs]
    # Three or more gaps next to Chinese characters in a line are justification or letter
    # spacing (`坚 持 稳 中`, `全年增长 8% 以上，完成 投资`): none of them is a space. One or two
    # are typed or set on purpose (`1　人口特征`, an unfilled date `2019年 月 日`).
    justified = sum(kind in (_HAN, _HAN_SPACE) for kinds in gaps for kind in kinds) >= _SPACED_GAPS
    if justified:  # letter spacing widens the gaps between Latin letters and digits too
        spacing = _median_gap(runs)
        for run, kinds in zip(runs, gaps, strict=True):
            for k, (prev, ch) in enumerate(pairwise(run)):
                em = min(prev.style.size, ch.style.size) or 1.0
                typed = ch.after_space
                if kinds[k] == _LATIN and not typed and ch.x0 - prev.x1 < spacing + _WORD_GAP * em:
                    kinds[k] = None
    texts: list[str] = []
    xs: list[float] = []
    cells: list[str] = []
    lefts: list[float] = []
    for run, kinds in zip(runs, gaps, strict=True):
        if texts:
            texts.append(" ")  # a column gap inside prose reads as a space
            xs.append(run[0].x0)
        start = len(texts)
        for k, ch in enumerate(run):
            kind = kinds[k - 1] if k else None
            if kind == _LATIN or (kind == _HAN_SPACE and not justified):
                texts.append(" ")
                xs.append(ch.x0)
            texts.append(ch.ch)
            xs.append(ch.x0)
        cells.append("".join(texts[start:]))
        lefts.append(run[0].x0)
    # The style of a line is that of its Chinese characters when it has any: digits and
    # Latin letters are often set in another font (`2024—2026年` in a Latin face).
    counts: dict[Style, int] = {}
    han = [ch for ch in kept if ch.wide] or kept
    run_style, length = han[0].style, 0
    for ch in han:  # counted by runs: characters of one text object share a Style object
        if ch.style is run_style:
            length += 1
            continue
        counts[run_style] = counts.get(run_style, 0) + length
        run_style, length = ch.style, 1
    counts[run_style] = counts.get(run_style, 0) + length
    style = max(counts, key=lambda s: (counts[s], s.size))
    return Line(
        top=min(c.top for c in kept),
        bottom=max(c.bottom for c in kept),
        left=kept[0].x0,
        right=max(c.x1 for c in kept),
        text="".join(texts),
        xs=xs,
        style=style,
        cells=cells,
        cell_lefts=lefts,
        page=page,
        unmapped=sum(c.bad for c in kept),
    )


def _bold(ch: _Char) -> Style:
    return Style(ch.style.size, True, ch.style.family)


_LATIN, _HAN, _HAN_SPACE = 1, 2, 3  # kinds of gap: a word space; wide, or typed, by Chinese
_SPACED_GAPS = 3


def _median_gap(runs: list[list[_Char]]) -> float:
    gaps = sorted(b.x0 - a.x1 for run in runs for a, b in pairwise(run))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _gap(prev: _Char, ch: _Char) -> int | None:
    """What the gap between two characters of a run is. Between Latin letters or digits: a
    word space from a sixth of an em, or where the text layer has a space (`_LATIN`); so too
    between Chinese and Latin punctuation, from half an em or typed. Next to a
    Chinese character: a typed space, or a gap of half an em, is `_HAN_SPACE` — a space unless
    the line is justified — but between two Chinese characters only a typed one; a wide gap
    without a typed space there is `_HAN`, which only counts towards justification. The narrow
    gap a typesetter adds between Chinese and digits on its own (`2021 年`) is nothing: so
    `一 億元` and `百分之三 點七` read as one word."""
    wide = prev.wide + ch.wide
    em = min(prev.style.size, ch.style.size) or 1.0
    gap = ch.x0 - prev.x1
    if wide == 0:
        return _LATIN if gap >= _WORD_GAP * em or ch.after_space else None
    other = ch.ch if wide == 1 and prev.wide else prev.ch
    if wide == 1 and not (other.isalnum() or other == "%"):
        # Latin punctuation beside Chinese (`来源: 中国`): spaced as the writer typed it
        return _LATIN if ch.after_space or gap >= _MIXED_GAP * em else None
    if ch.after_space:
        return _HAN_SPACE
    if gap >= _MIXED_GAP * em:
        return _HAN if wide == 2 else _HAN_SPACE
    return None


def _join_letter_spaced(runs: list[list[_Char]]) -> list[list[_Char]]:
    """Merge neighbouring runs of one Chinese character each: `單    位    預    算`."""
    out: list[list[_Char]] = []
    for run in runs:
        if (
            out
            and len(run) == 1
            and _is_wide(run[0].ch)
            and run[0].x0 - out[-1][-1].x1 <= _LETTER_GAP * (run[0].style.size or 1.0)
            and len(out[-1]) >= 1
            and all(_is_wide(c.ch) for c in out[-1])
            and _single_spaced(out[-1])
        ):
            out[-1].append(run[0])
        else:
            out.append(list(run))
    return out


def _single_spaced(run: list[_Char]) -> bool:
    """A run that is one character, or characters each a column gap apart (a letter-spaced
    word being built)."""
    if len(run) == 1:
        return True
    em = min(c.style.size for c in run) or 1.0
    return all(b.x0 - a.x1 >= _COLUMN_GAP * em for a, b in pairwise(run))


_LETTER_GAP = 5.0  # ems: farther apart, two characters are two columns (a vertical label each)
