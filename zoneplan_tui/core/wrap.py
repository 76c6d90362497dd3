"""Display-cell wrapping for Chinese text, with Chinese line-breaking rules (kinsoku).

Pure core of the text pane: no Textual import. Rich *is* used, because the widths computed here
must be exactly the widths Rich/Textual use when the rows are rendered, or the wrapped rows would
not line up on screen.

Widths
------
Every character's width is `rich.cells.get_character_cell_size`, with Rich's two grapheme rules
(a character after U+200D ZERO WIDTH JOINER counts 0; U+FE0F VARIATION SELECTOR-16 widens the
preceding narrow emoji to 2), so for any row ``cell_len(display_text(row))`` equals the width
computed here.

East Asian *ambiguous* characters -- “ ” ‘ ’ … — · ① ② and friends -- are 1 cell in Rich (it
follows wcwidth, which treats ambiguous as narrow). Many CJK terminals/fonts draw them 2 cells
wide; we deliberately follow Rich anyway, because a row is laid out by Rich and Textual's
compositor, and agreeing with the renderer is what keeps the columns (cursor, clicks, cropping)
consistent. On a terminal that draws them wide a row may look slightly longer than computed.

Control characters (tab, NUL, ESC, ...) and bidi controls have width 0 in Rich, would corrupt the
layout and must never reach the terminal (core/safe_text.py), so the view draws each as a 1-cell
substitute (`display_text`) and they are measured as 1 cell here.

Line breaking
-------------
Greedy: each row takes as many characters as fit, then the break is moved *back* (never
forward -- a row must not exceed the width) to the nearest allowed position:

1. no row may start with closing punctuation (`NO_START`: ，。、；：？！）》”’」』】〕…—·%％ ...),
   no row may end with opening punctuation (`NO_END`: （《“‘「『【〔 ...), a row never starts
   inside a grapheme (zero-width mark, joined emoji, VS16), and runs of ASCII/full-width
   letters and digits (2019, GDP, 8.5%, 2019-2020) are not split;
2. if no position in the row satisfies all of that (a word longer than the row), the word rule
   is dropped and only the punctuation rules apply -- an over-long word is broken by cells;
3. if even that fails (a row made only of closing punctuation), the row is simply cut where it
   is full.

Speed
-----
A 2 MB plan is ~700k characters. Looping over characters in Python costs ~0.5 s, so the per
character work is done by C code: one `str.translate` maps every character to a width byte and
`itertools.accumulate` builds prefix sums of cells. Row ends are then found with `bisect` on the
prefix sums, so Python-level work is per *row* (tens of thousands), not per character.
"""

from __future__ import annotations

import re
import string
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from rich.cells import get_character_cell_size

from zoneplan_tui.core.safe_text import CELL_MAP

try:  # Rich's private cell table: needed only for its VS16 "narrow to wide" emoji list
    from rich._unicode_data import load as _load_cell_table

    _NARROW_TO_WIDE: frozenset[str] = frozenset(_load_cell_table("auto").narrow_to_wide)
except (ImportError, AttributeError):  # pragma: no cover - a Rich without grapheme support
    _NARROW_TO_WIDE = frozenset()

__all__ = [
    "NO_END",
    "NO_START",
    "CellText",
    "cell_widths",
    "display_text",
    "wrap_line",
    "wrap_rows",
]

# Characters that must not start a row (closing punctuation, suffixes, dashes, ellipses).
# "——" and "……" are kept together because their second half is itself NO_START.
# ASCII space is here so that English-like text breaks after spaces, not before them.
NO_START: frozenset[str] = frozenset(
    "，。、；：？！）》〉」』】〕〗〙〛］｝｠…‥—–‐·・%％‰℃°′″～~"
    "”’"  # closing curly quotes
    ",.;:?!)]}｡､"  # ASCII / half-width closing punctuation
    "ーゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"  # Japanese small kana etc.
    " "
)

# Characters that must not end a row (opening punctuation, currency prefixes).
NO_END: frozenset[str] = frozenset(
    "（《〈「『【〔〖〘〚［｛｟"
    "“‘"  # opening curly quotes
    "([{"
    "￥¥$£€"
)

# Characters forming "words" that are not split across rows when avoidable: ASCII and
# full-width letters/digits, Latin/Greek/Cyrillic letters, plus joiners used inside numbers,
# codes and URLs ("8.5", "1,234", "2019-2020", "50%", "a/b").
_WORD_CHARS: frozenset[str] = frozenset(
    string.ascii_letters
    + string.digits
    + "._-%/:@&+#',"
    + "".join(chr(c) for c in range(0xFF10, 0xFF1A))  # ０-９
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))  # Ａ-Ｚ
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))  # ａ-ｚ
    + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c) not in "×÷")
    + "".join(chr(c) for c in range(0x370, 0x530))
)

_ZWJ = "\u200d"
_VS16 = "\ufe0f"
_SPECIAL = re.compile(f"[{_ZWJ}{_VS16}]")

_DISPLAY_MAP = {**CELL_MAP, ord("\t"): " ", ord("\n"): " "}
_HAS_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]").search


def display_text(text: str) -> str:
    """What the view draws for `text`: what a terminal would act on becomes a 1-cell substitute.

    A tab becomes one space (not expanded: the text is reflowed anyway); every other character
    `core.safe_text` keeps from a terminal (C0 and C1 controls, DEL, bidi overrides and isolates)
    its one-cell stand-in (`safe_cells`: ESC shows as "␛", U+202E as U+FFFD). The result has the
    same length as `text`, so character offsets are unchanged.
    """
    if _HAS_CONTROL(text) is None:
        return text
    return text.translate(_DISPLAY_MAP)


class _WidthTable(dict[int, str]):
    """ord -> one-character string whose ordinal is the cell width; filled lazily.

    `str.translate` looks characters up through the dict's C `__getitem__`, which calls
    `__missing__` only the first time a character is seen, so a document costs one Python call per
    *distinct* character (a few thousand), not per character.
    """

    def __missing__(self, codepoint: int) -> str:
        # What the view draws as a 1-cell substitute (display_text) is one cell.
        width = 1 if codepoint in _DISPLAY_MAP else get_character_cell_size(chr(codepoint))
        value = chr(width)
        self[codepoint] = value
        return value


_WIDTHS = _WidthTable()


def _fix_graphemes(text: str, widths: bytearray, start: int, end: int) -> None:
    """Apply Rich's ZWJ / VS16 rules (rich.cells._cell_len) to widths[start:end].

    Mirrors Rich's state machine exactly: the character after a ZWJ is not measured (0 cells);
    VS16 adds one cell to the last measured character if Rich lists it as narrow-to-wide.
    """
    narrow_to_wide = _NARROW_TO_WIDE
    last: str | None = None
    index = start
    while index < end:
        char = text[index]
        if char == _ZWJ:
            widths[index] = 0
            if index + 1 < end:
                widths[index + 1] = 0
            index += 2
            continue
        if char == _VS16:
            widths[index] = 0
            if last is not None:
                widths[index] = 1 if last in narrow_to_wide else 0
                last = None
        elif widths[index]:
            last = char
        index += 1


def cell_widths(text: str) -> bytes:
    """Cell width of every character of `text` (one byte each), as the view renders them."""
    widths = text.translate(_WIDTHS).encode("latin-1")
    if _ZWJ in text or _VS16 in text:
        fixed = bytearray(widths)
        # Rich measures per row, so replay its rules over each affected line (rows never cross
        # lines, and rows never start inside a grapheme, so the state at a row start is fresh).
        done = -1
        for match in _SPECIAL.finditer(text):
            if match.start() < done:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            done = text.find("\n", match.start())
            if done == -1:
                done = len(text)
            _fix_graphemes(text, fixed, line_start, done)
        widths = bytes(fixed)
    return widths


class CellText:
    """A text measured in cells, ready to be wrapped at any width.

    Attributes:
        text: The text (lines separated by "\\n").
        widths: Cell width of each character.
        cum: Prefix sums; ``cum[i]`` is the cell width of ``text[:i]`` (``len(text) + 1`` items),
            so the cells of ``text[a:b]`` are ``cum[b] - cum[a]``.
        line_starts: Offset of the first character of every line.
    """

    __slots__ = ("cum", "line_starts", "text", "widths")

    def __init__(self, text: str) -> None:
        self.text = text
        self.widths = cell_widths(text)
        # array('q') keeps 8 bytes per character instead of ~36 for a list of ints.
        self.cum = array("q", accumulate(self.widths, initial=0))
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.line_starts = starts

    def line_end(self, line_index: int) -> int:
        """Offset just past the last character of a line (its "\\n" or the end of the text)."""
        starts = self.line_starts
        return starts[line_index + 1] - 1 if line_index + 1 < len(starts) else len(self.text)

    def can_start_row(self, index: int) -> bool:
        """Whether a row may begin at `index` without splitting a grapheme."""
        return self.widths[index] != 0 and self.text[index] != _VS16

    def wrap(self, width: int) -> list[int]:
        """Absolute row start offsets of the whole text wrapped at `width` cells."""
        width = max(1, width)
        cum = self.cum
        rows: list[int] = []
        append = rows.append
        starts = self.line_starts
        last = len(starts) - 1
        text_len = len(self.text)
        for index, start in enumerate(starts):
            end = starts[index + 1] - 1 if index < last else text_len
            if cum[end] - cum[start] <= width:
                append(start)  # the common case: a line that fits, no per-row work
            else:
                self._wrap_range(start, end, width, rows)
        return rows

    def _wrap_range(self, start: int, end: int, width: int, rows: list[int]) -> None:
        """Append the row starts of the line text[start:end] (no newline inside)."""
        cum = self.cum
        pos = start
        rows.append(pos)
        while cum[end] - cum[pos] > width:
            # Largest k such that text[pos:k] fits; zero-width followers are included since
            # they do not raise the prefix sum.
            k = bisect_right(cum, cum[pos] + width, pos, end + 1) - 1
            if k <= pos:
                # A single character wider than the row (a wide char at width 1): it gets a
                # row of its own, overflowing -- there is no other way to show it.
                k = pos + 1
                while k < end and not self.can_start_row(k):
                    k += 1
            else:
                k = self._find_break(pos, k)
            if k >= end:
                break
            pos = k
            rows.append(pos)

    def _find_break(self, pos: int, k: int) -> int:
        """Best break b in (pos, k]: the row is text[pos:b]. See the module docstring."""
        text = self.text
        widths = self.widths
        no_start = NO_START
        no_end = NO_END
        word = _WORD_CHARS
        # Pass 1: all rules. Nearly always succeeds at b == k or one or two characters back.
        for b in range(k, pos, -1):
            char = text[b]
            prev = text[b - 1]
            if (
                widths[b]
                and char not in no_start
                and prev not in no_end
                and char != _VS16
                and not (char in word and prev in word)
            ):
                return b
        # Pass 2: an over-long word; break it by cells but still respect punctuation.
        for b in range(k, pos, -1):
            char = text[b]
            if widths[b] and char not in no_start and text[b - 1] not in no_end and char != _VS16:
                return b
        # Pass 3: nothing allowed (e.g. a row of closing punctuation): cut where it is full,
        # but still not inside a grapheme.
        for b in range(k, pos, -1):
            if self.can_start_row(b):
                return b
        return k


def wrap_line(text: str, width: int) -> list[int]:
    """Row start offsets of `text` wrapped at `width` display cells; the first is always 0.

    Every row is at most `width` cells (except a single character wider than `width`, which gets
    a row of its own), and ``text[r[i]:r[i+1]]`` concatenate back to `text`. If `text` contains
    "\\n", each line is wrapped separately and the newline ends its row.
    """
    return CellText(text).wrap(width)


def wrap_rows(text: str, width: int) -> list[str]:
    """Convenience: the rows of `text` as strings (newlines dropped)."""
    starts = wrap_line(text, width)
    bounds: Iterable[tuple[int, int]] = zip(starts, [*starts[1:], len(text)], strict=True)
    return [text[a:b].removesuffix("\n") for a, b in bounds]
