"""The note field: Textual's TextArea, with typing cost that does not grow with the note.

A note is prose: a paragraph is one line of the TextArea, and a pasted page or a long note
typed without Enter is a line of 10,000 or 100,000 characters. Textual 8's TextArea does work
in the length of the line on every key (issue 11 measured 10k characters typed in 50 s, and
a 100 KB note froze the app): it re-wraps the whole line after each edit, in Python, a
character at a time for Chinese (one "word" to its wrapper); it builds every wrapped section of
the line to find the one under the cursor; and it renders each visible row by styling the
whole line and cutting it into all its sections. Here:

* `NoteWrap` wraps with core/wrap.py (Chinese line-breaking rules, prefix sums in C) and, after
  an edit inside one long line, re-wraps only from the row before the edit until the new row
  starts fall back onto the old ones shifted by the edit, or RESYNC_ROWS rows at most (typing at
  the end of a note costs a row or two); it finds a section by bisecting the row starts, and
  cuts a line into its sections by slicing (not a Rich Text a section) where Textual asks for
  them all.
* `NoteArea._render_line` builds only the visible section of a long line.

Lines with a tab keep Textual's own wrapping (its tab widths depend on the whole line); short
lines and the features the note field does not use (line numbers, syntax highlighting, no soft
wrap) keep Textual's rendering. tests/tui/test_note_area.py renders every row both ways and
compares them, and compares the wrapping after each edit with a wrap from scratch.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any

from rich.style import Style
from rich.text import Text
from textual._cells import cell_len, cell_width_to_column_index
from textual._wrap import compute_wrap_offsets
from textual.document._document import Document, DocumentBase, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._edit import Edit
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import expand_tabs_inline, get_tab_widths
from textual.geometry import Offset, clamp
from textual.strip import Strip
from textual.widgets import TextArea

from zoneplan_tui.core.wrap import CellText, cell_widths

# Lines shorter than this are wrapped and drawn as Textual does: the cost is small either way.
LONG_LINE = 512
# Rows re-wrapped after an edit before the old breaks are taken up again (see `rewrap`).
RESYNC_ROWS = 32


def wrap_offsets(line: str, width: int) -> list[int]:
    """Where `line` breaks at `width` cells (the start of each row after the first)."""
    return CellText(line).wrap(width)[1:]


def rewrap(line: str, old: list[int], c0: int, c1: int, c2: int, width: int) -> list[int]:
    """The wrap offsets of `line` after an edit that replaced columns [c0, c1) of the old line
    (whose offsets were `old`) by [c0, c2) of this one.

    A row's break depends only on the text from the row's start to about `width` cells on
    (core/wrap.py: greedy, then moved back), so rows more than `width` cells before the edit keep
    their breaks, and once a new row start lands on an old one shifted by the edit, every row
    after it does too: only the rows in between are wrapped again, and the result is
    `wrap_offsets(line, width)`. In mixed-width text the new rows may never land on the old
    ones; after RESYNC_ROWS rows the next old break is then kept as it is, the row before it
    left short, so that an edit costs at most that many rows whatever the paragraph's length
    (a full wrap, on a resize or the next load, evens it out).
    """
    delta = c2 - c1
    # The last row whose start lies more than `width` cells before the edit: from there on.
    i = bisect_right(old, c0)
    while i > 0 and sum(cell_widths(line[old[i - 1] : c0])) <= width:
        i -= 1
    out = old[:i]
    pos = old[i - 1] if i else 0
    window = max(4 * width, 256)
    after = 0  # rows found past the edit without landing on an old one
    while True:
        end = min(len(line), max(pos, c2) + window)
        rows = CellText(line[pos:end]).wrap(width)
        if len(rows) == 1 and end < len(line):
            window *= 2  # one row in the whole window: zero-width characters; look further
            continue
        for row in rows[1:]:
            start = pos + row
            out.append(start)
            if start >= c2:
                k = bisect_left(old, start - delta)
                if k < len(old) and old[k] == start - delta:
                    return out + [x + delta for x in old[k + 1 :]]
                after += 1
                if after >= RESYNC_ROWS:
                    return out + _join(line, start, old, delta, width)
        if end >= len(line):
            return out
        # Every row start found in the window is right (each was found from text inside it):
        # go on from the last one.
        pos = out[-1]


def _join(line: str, start: int, old: list[int], delta: int, width: int) -> list[int]:
    """Offsets after the row start `start`: the rows up to the next old break (shifted by the
    edit) wrapped afresh, that break, and every old break after it."""
    k = bisect_right(old, start - delta)
    if k == len(old):
        return [start + r for r in CellText(line[start:]).wrap(width)[1:]]
    stop = old[k] + delta
    head = [start + r for r in CellText(line[start:stop]).wrap(width)[1:]]
    return [*head, *(x + delta for x in old[k:])]


class NoteWrap(WrappedDocument):
    """A WrappedDocument whose work per edit and per cursor move does not grow with the line."""

    # Set by NoteArea around one edit: `wrap_range` then gets the exact replaced range and the
    # new end. An undo or redo of several edits gives only their hull (TextArea._undo_batch),
    # which `rewrap` cannot use: those re-wrap their lines whole.
    exact_edit = False

    def _offsets(self, line: str, edit: tuple[list[int], int, int, int] | None = None) -> list[int]:
        width = self._width
        if not width:
            return []
        if "\t" in line:  # Textual's own tab widths depend on the whole line: its own wrap
            return compute_wrap_offsets(line, width, self._tab_width)
        if edit is not None and len(line) >= LONG_LINE:
            return rewrap(line, *edit, width)
        return wrap_offsets(line, width)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        lines = self.document.lines
        self._wrap_offsets = [self._offsets(line) for line in lines]
        self._tab_width_cache = [self._tabs(line) for line in lines]
        self._offset_to_line_info = []
        self._line_index_to_offsets = []
        y = 0
        for index, offsets in enumerate(self._wrap_offsets):
            rows = len(offsets) + 1
            self._offset_to_line_info.extend((index, s) for s in range(rows))
            self._line_index_to_offsets.append(list(range(y, y + rows)))
            y += rows

    def _tabs(self, line: str) -> list[int]:
        if "\t" not in line:
            return []
        return [w for _, w in get_tab_widths(line, self._tab_width)]

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Textual's incremental re-wrap (the lines of the edit, then the offsets of the rows
        below shifted), with `rewrap` for an edit inside one long line."""
        old_max = len(self._line_index_to_offsets) - 1
        new_max = self.document.line_count - 1
        top = clamp(start[0], 0, min(old_max, new_max))
        old_bottom = clamp(old_end[0], 0, old_max)
        new_bottom = max(top, clamp(new_end[0], 0, new_max))
        top, old_bottom = sorted((top, old_bottom))
        one_line = self.exact_edit and start[0] == old_end[0] == new_end[0] == top == new_bottom
        top_y = self._line_index_to_offsets[top][0]
        old_bottom_y = self._line_index_to_offsets[old_bottom][-1]
        offsets: list[list[int]] = []
        tabs: list[list[int]] = []
        line_info: list[tuple[int, int]] = []
        line_offsets: list[list[int]] = []
        y = top_y
        for index in range(top, new_bottom + 1):
            line = self.document[index]
            edit = (
                (self._wrap_offsets[index], start[1], old_end[1], new_end[1]) if one_line else None
            )
            found = self._offsets(line, edit)
            offsets.append(found)
            tabs.append(self._tabs(line))
            rows = len(found) + 1
            line_info.extend((index, s) for s in range(rows))
            line_offsets.append(list(range(y, y + rows)))
            y += rows
        self._offset_to_line_info[top_y : old_bottom_y + 1] = line_info
        self._line_index_to_offsets[top : old_bottom + 1] = line_offsets
        self._tab_width_cache[top : old_bottom + 1] = tabs
        self._wrap_offsets[top : old_bottom + 1] = offsets
        row_shift = len(line_info) - (old_bottom_y - top_y + 1)
        line_shift = new_bottom - old_bottom
        if line_shift:
            for row in range(top_y + len(line_info), len(self._offset_to_line_info)):
                index, section = self._offset_to_line_info[row]
                self._offset_to_line_info[row] = (index + line_shift, section)
        if row_shift:
            for index in range(new_bottom + 1, len(self._line_index_to_offsets)):
                self._line_index_to_offsets[index] = [
                    y + row_shift for y in self._line_index_to_offsets[index]
                ]

    def _section(self, line_index: int, section: int) -> tuple[int, int]:
        offsets = self._wrap_offsets[line_index]
        start = offsets[section - 1] if section else 0
        end = offsets[section] if section < len(offsets) else len(self.document[line_index])
        return start, end

    def get_sections(self, line_index: int) -> list[str]:
        # Slices, not Textual's Text.divide (a Rich Text a section): C work only.
        line = self.document[line_index]
        return [line[a:b] for a, b in pairwise([0, *self._wrap_offsets[line_index], len(line)])]

    def location_to_offset(self, location: Location) -> Offset:
        line_index, column = location
        line_index = clamp(line_index, 0, len(self._line_index_to_offsets))
        section = bisect_right(self.get_offsets(line_index), column)
        start, _ = self._section(line_index, section)
        before = self.document[line_index][start:column]
        x = cell_len(expand_tabs_inline(before, self._tab_width))
        return Offset(x, self._line_index_to_offsets[line_index][section])

    def get_target_document_column(self, line_index: int, x_offset: int, y_offset: int) -> int:
        count = len(self._wrap_offsets[line_index]) + 1
        section = y_offset + count if y_offset < 0 else y_offset
        start, end = self._section(line_index, section)
        text = self.document[line_index][start:end]
        column = start + cell_width_to_column_index(text, x_offset, self._tab_width)
        # Only on a line's last row may the cursor rest past the row's last character.
        if y_offset != count - 1 and y_offset != -1:
            column = min(column, start + len(text) - 1)
        return column


class NoteArea(TextArea):
    """The TextArea of the note editor; see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Prose: no bracket matching (it scans the text from the cursor on every move).
        self.match_cursor_bracket = False

    def edit(self, edit: Edit) -> EditResult:
        wrapped = self.wrapped_document
        if not isinstance(wrapped, NoteWrap):
            return super().edit(edit)
        wrapped.exact_edit = True
        try:
            return super().edit(edit)
        finally:
            wrapped.exact_edit = False

    def _set_document(self, text: str, language: str | None) -> None:
        if language:  # a note has none; keep Textual's handling should one be given
            super()._set_document(text, language)
            return
        self._highlight_query = None
        document: DocumentBase = Document(text)
        self.document = document
        self.wrapped_document = NoteWrap(document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    def _render_line(self, y: int) -> Strip:
        wrapped = self.wrapped_document
        _, scroll_y = self.scroll_offset
        try:
            line_index, section = wrapped._offset_to_line_info[y + scroll_y]
        except IndexError:
            return super()._render_line(y)
        line = self.document[line_index]
        if (
            len(line) < LONG_LINE
            or not isinstance(wrapped, NoteWrap)
            or not self.soft_wrap
            or self.show_line_numbers
            or self.highlight_cursor_line
            or self.match_cursor_bracket
            or self._highlights
            or self.suggestion
            or "\t" in line
        ):
            return super()._render_line(y)
        return self._render_section(line_index, section, line, wrapped)

    def _render_section(self, line_index: int, section: int, line: str, wrapped: NoteWrap) -> Strip:
        """One row of a long line, as TextArea._render_line draws it, from that row's text only
        (the styles TextArea gives the whole line, cut to the row)."""
        theme = self._theme
        base_style = theme.base_style if theme and theme.base_style is not None else self.rich_style
        start, end = wrapped._section(line_index, section)
        last = section == len(wrapped.get_offsets(line_index))
        text = Text(line[start:end], end="", no_wrap=True)
        if last:
            text.set_length(end - start + 1)  # the cell the cursor takes at the end of the line

        def stylize(style: Style | None, a: int, b: int) -> None:
            a, b = max(a, start), min(b, end + (1 if last else 0))
            if style is not None and a < b:
                text.stylize(style, a - start, b - start)

        selection = self.selection
        cursor_row, cursor_column = selection.end
        top, bottom = sorted(selection)
        if selection.start != selection.end and top[0] <= line_index <= bottom[0]:
            selection_style = theme.selection_style if theme else None
            a = top[1] if line_index == top[0] else 0
            b = bottom[1] if line_index == bottom[0] else len(line)
            stylize(selection_style, a, b)
        if cursor_row == line_index and self._draw_cursor:
            stylize(theme.cursor_style if theme else None, cursor_column, cursor_column + 1)
        target_width = self.scrollable_content_region.size.width - self.gutter_width
        strip = Strip(text.render(self.app.console), cell_length=text.cell_len)
        line_style = theme.base_style if theme else None
        return strip.extend_cell_length(target_width, line_style).apply_style(base_style)
