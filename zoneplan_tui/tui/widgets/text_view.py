"""`TextView`: the scrolling, wrapping, highlighting text pane of zoneplan.

Built on Textual's Line API (modelled on toolong's log view): the document is wrapped into display
rows by `zoneplan_tui.core.wrap` and `render_line` renders only the rows on screen, with an LRU
cache of rendered rows. All positions in the public API are character offsets into `TextView.text`.

Layout: `CellText` measures the whole document once per `load` (C-speed, ~0.1 s for 2 MB) and
wrapping it at a width is ~20 ms, so the exact row index is computed synchronously on load and on
every width change. No provisional estimate or background worker is needed, which keeps scroll
positions and offsets exact at all times (measured by benchmarks/bench_text_view.py).

The document is always rendered as plain `Segment`s, never as markup: plans contain "[".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from zoneplan_tui.core.textmatch import Folded, find_all, fold
from zoneplan_tui.core.wrap import CellText, display_text
from zoneplan_tui.tui.widgets import messages

__all__ = ["LAYERS", "TextView"]

LAYERS: tuple[str, ...] = ("figures", "notes", "search", "current_match")
"""The named highlight layers, bottom to top. Unknown layer names are accepted too; they are
drawn above "notes" and below "search", in the order they were first set."""

_FLASH_LAYER = "_flash"  # internal; above the selection, below the cursor
_FLASH_SECONDS = 1.0

# A span's style: a parsed Rich style, or the name of a component class resolved at render
# time (so that search highlights follow the theme).
_StyleKey = Style | str
_Span = tuple[int, int, _StyleKey]


@lru_cache(maxsize=256)
def _parse_style(style: str) -> Style:
    return Style.parse(style)


class _Layer:
    """Spans of one highlight layer, sorted by start, with an overlap query."""

    __slots__ = ("max_len", "spans", "starts")

    def __init__(self, spans: list[_Span]) -> None:
        self.spans = sorted((s for s in spans if s[1] > s[0]), key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]
        # Spans starting before `a - max_len` cannot reach `a`: bounds the overlap scan.
        self.max_len = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> Iterator[_Span]:
        spans = self.spans
        low = bisect_left(self.starts, start - self.max_len)
        high = bisect_left(self.starts, end)
        for index in range(low, high):
            span = spans[index]
            if span[1] > start:
                yield span


class TextView(ScrollView, can_focus=True):
    """A read-only, wrapped view of a long (Chinese) text with a cursor, selection and highlights.

    Offsets: the cursor may sit on any character, on a line's "\\n" (drawn as a cell after the
    line's text) or at ``len(text)``; offsets inside a grapheme (a combining mark, a joined emoji)
    are moved back to its first character.
    """

    # Textual's built-in screen selection needs offset metadata on segments; this widget has
    # its own cursor-based selection (keys and mouse), so the built-in one is turned off.
    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "text-view--cursor",
        "text-view--selection",
        "text-view--search",
        "text-view--current-match",
        "text-view--flash",
    }

    # Colours are theme variables blended over the pane background (alpha is resolved by
    # Textual), so the defaults work in dark and light themes alike; the cursor and flash are
    # plain `reverse`, which is visible on any colour.
    DEFAULT_CSS = """
    TextView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: scroll;
        padding: 0 1;
        &:focus {
            background-tint: $foreground 5%;
        }
        & > .text-view--cursor {
            text-style: reverse;
        }
        & > .text-view--selection {
            background: $primary 40%;
        }
        & > .text-view--search {
            background: $warning 35%;
        }
        & > .text-view--current-match {
            background: $warning;
            color: auto 90%;
            text-style: bold;
        }
        & > .text-view--flash {
            text-style: reverse;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,down",
            "cursor_down",
            "Down",
            show=False,
            id="text.down",
            tooltip="Cursor down a row (the view follows)",
        ),
        Binding("k,up", "cursor_up", "Up", show=False, id="text.up", tooltip="Cursor up a row"),
        Binding(
            "h,left",
            "cursor_left",
            "Left",
            show=False,
            id="text.left",
            tooltip="Cursor left a character",
        ),
        Binding(
            "l,right",
            "cursor_right",
            "Right",
            show=False,
            id="text.right",
            tooltip="Cursor right a character",
        ),
        Binding(
            "space,pagedown",
            "page_down",
            "Page down",
            show=False,
            id="text.page-down",
            tooltip="Page down",
        ),
        Binding("b,pageup", "page_up", "Page up", show=False, id="text.page-up", tooltip="Page up"),
        Binding(
            "g,home",
            "document_start",
            "Start",
            show=False,
            id="text.start",
            tooltip="Start of the document",
        ),
        Binding(
            "G,end",
            "document_end",
            "End",
            show=False,
            id="text.end",
            tooltip="End of the document",
        ),
        Binding(
            "0",
            "row_start",
            "Row start",
            show=False,
            id="text.row-start",
            tooltip="Start of the row",
        ),
        Binding("$", "row_end", "Row end", show=False, id="text.row-end", tooltip="End of the row"),
        Binding(
            "v",
            "toggle_selection",
            "Select",
            id="text.select",
            tooltip="Start a selection at the cursor: move to extend it, Esc clears it "
            "(or drag with the mouse)",
        ),
        # Enabled only while there is a selection (see check_action), so that escape reaches
        # the screen otherwise. n/N are deliberately *not* bound here: the screen binds them to
        # next_match()/prev_match() so it can update its "3/17" status in the same action.
        Binding(
            "escape",
            "clear_selection",
            "Clear selection",
            show=False,
            id="text.clear-selection",
            tooltip="Clear the selection",
        ),
        # Like escape, enabled only while there is a selection: otherwise ctrl+c goes on to
        # the screen and the app, which say how to quit.
        Binding(
            "ctrl+c,super+c",
            "copy_selection",
            "Copy",
            show=False,
            id="text.copy",
            tooltip="Copy the selection to the clipboard",
        ),
    ]

    # The messages live in widgets/messages.py; these names keep `TextView.CursorMoved` working.
    TopChanged = messages.TopChanged
    CursorMoved = messages.CursorMoved
    SelectionChanged = messages.SelectionChanged

    cursor: reactive[int] = reactive(0, init=False, repaint=False)
    """Cursor position, a character offset into `text`."""

    def __init__(
        self,
        text: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._cells = CellText("")
        self._rows: list[int] = [0]  # start offset of every display row
        self._wrap_width = 0  # 0: not laid out yet (no size before the first Resize)
        self._layers: dict[str, _Layer] = {}
        self._layer_order: list[str] = list(LAYERS)
        self._hidden: set[str] = set()
        self._hl_version = 0  # bumped when any layer changes; part of the row cache key
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._component_cache: dict[str, Style] = {}
        self._selection: tuple[int, int] | None = None
        self._anchor: int | None = None  # selection anchor while the cursor extends it
        self._goal_col: int | None = None  # sticky cell column for j/k
        self._vertical_move = False
        self._follow_cursor = False  # a scroll made to follow the cursor: don't clamp it
        self._relayouting = False
        self._top_anchor = 0  # char offset kept at the top across re-wraps
        # The cursor was moved before the first layout: reveal it once rows exist.
        self._reveal_cursor = False
        self._last_top = 0
        self._matches: list[tuple[int, int]] = []
        self._folded: Folded | None = None  # the text folded for search, made on the first
        self._match_starts: list[int] = []
        self._match_index: int | None = None
        self._flash_timer: Timer | None = None
        self._drag_anchor: int | None = None
        if text:
            self.load(text)

    # ------------------------------------------------------------------ document

    def load(self, text: str) -> None:
        """Replace the document ("\\n" line breaks); resets cursor, scroll, selection, spans and
        search. Layer visibility (`set_layer_visible`) is a view preference and is kept."""
        self._cells = CellText(text)
        self._rows = [0]
        self._wrap_width = 0
        self._layers.clear()
        self._drag_anchor = None
        self._matches = []
        self._match_starts = []
        self._match_index = None
        self._folded = None
        self._goal_col = None
        self._anchor = None
        self._top_anchor = 0
        self._reveal_cursor = False
        self._hl_version += 1
        self._line_cache.clear()
        if self._flash_timer is not None:
            self._flash_timer.stop()
            self._flash_timer = None
        had_selection = self._selection is not None
        self._selection = None
        # Set without the watcher: the watcher would scroll using the stale layout.
        self.set_reactive(TextView.cursor, 0)
        self._relayout()
        if self.is_mounted:
            self._scroll_to_row(0)
        self._last_top = 0
        self.post_message(self.TopChanged(self, 0))
        self.post_message(self.CursorMoved(self, 0))
        if had_selection:
            self.post_message(self.SelectionChanged(self, None))
        self.refresh()

    @property
    def text(self) -> str:
        return self._cells.text

    @property
    def top_offset(self) -> int:
        """Character offset of the first visible row."""
        row = min(self.scroll_offset.y, len(self._rows) - 1)
        return self._rows[max(0, row)]

    @property
    def row_count(self) -> int:
        """Number of display rows (the virtual height)."""
        return len(self._rows)

    def row_of(self, offset: int) -> int:
        """Display row holding character `offset`."""
        return max(0, bisect_right(self._rows, offset) - 1)

    # ------------------------------------------------------------------ layout

    def _view_width(self) -> int:
        return self.scrollable_content_region.width

    def _view_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _relayout(self) -> None:
        """Re-wrap at the current width, keeping `_top_anchor` on the top row."""
        view_width = self._view_width()
        if view_width <= 0:
            return  # not laid out yet; on_resize will come back here
        # One column is kept free so that the cursor on a full row's "\n" stays visible.
        width = max(1, view_width - 1)
        if width == self._wrap_width:
            return
        self._rows = self._cells.wrap(width)
        self._wrap_width = width
        self._line_cache.clear()
        self.virtual_size = Size(view_width, len(self._rows))
        # While re-wrapping, scrolling must neither move `_top_anchor` (that would drift a
        # little on every resize) nor drag the cursor along.
        self._relayouting = True
        try:
            self._scroll_to_row(self.row_of(self._top_anchor))
            if self._reveal_cursor:
                self._reveal_cursor = False
                self._ensure_row_visible(self.row_of(self.cursor))
                self._top_anchor = self.top_offset
            self._after_scroll()  # posts TopChanged if the row start moved
        finally:
            self._relayouting = False

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._clamp_cursor_into_view()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._component_cache.clear()
        self._line_cache.clear()

    def _row_bounds(self, row: int) -> tuple[int, int, bool]:
        """(start, end, final) of a row: text[start:end] is drawn; `final` if it ends its line.

        A final row also owns the cell at `end` (its "\\n" or the end of the text).
        """
        rows = self._rows
        text = self._cells.text
        start = rows[row]
        if row + 1 >= len(rows):
            return start, len(text), True
        nxt = rows[row + 1]
        if text[nxt - 1] == "\n":
            return start, nxt - 1, True
        return start, nxt, False

    def _col_of(self, offset: int) -> int:
        cum = self._cells.cum
        return cum[offset] - cum[self._rows[self.row_of(offset)]]

    def _offset_at(self, row: int, col: int) -> int:
        """Offset of the character covering cell `col` of `row` (the row's last cell if beyond)."""
        start, end, final = self._row_bounds(row)
        limit = end if final else end - 1
        cum = self._cells.cum
        index = bisect_right(cum, cum[start] + max(0, col), start, limit + 1) - 1
        return self._normalize(max(start, min(index, limit)))

    def _normalize(self, offset: int) -> int:
        """Clamp to [0, len(text)] and move back out of a grapheme's tail."""
        cells = self._cells
        offset = max(0, min(offset, len(cells.text)))
        while 0 < offset < len(cells.text) and not cells.can_start_row(offset):
            offset -= 1
        return offset

    # ------------------------------------------------------------------ scrolling

    @contextmanager
    def _following_cursor(self) -> Iterator[None]:
        """Scrolls made inside follow (or are followed by) a cursor move: don't clamp it."""
        previous = self._follow_cursor
        self._follow_cursor = True
        try:
            yield
        finally:
            self._follow_cursor = previous

    def _scroll_to_row(self, row: int) -> None:
        self.scroll_to(y=row, animate=False, immediate=True)

    def _ensure_row_visible(self, row: int) -> None:
        top = self.scroll_offset.y
        height = self._view_height()
        if row < top:
            self._scroll_to_row(row)
        elif row >= top + height:
            self._scroll_to_row(row - height + 1)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._after_scroll()

    def _after_scroll(self) -> None:
        top = self.top_offset
        if not self._relayouting and not self._follow_cursor:
            self._clamp_cursor_into_view()
        if not self._relayouting:
            self._top_anchor = top
        if top != self._last_top:
            self._last_top = top
            self.post_message(self.TopChanged(self, top))

    def _clamp_cursor_into_view(self) -> None:
        """Keep the cursor on screen when the view is scrolled without it (wheel, scrollbar)."""
        if not self.is_mounted or self._wrap_width == 0:
            return
        top = self.scroll_offset.y
        bottom = min(top + self._view_height(), len(self._rows)) - 1
        row = self.row_of(self.cursor)
        if top <= row <= bottom:
            return
        goal = self._goal_col if self._goal_col is not None else self._col_of(self.cursor)
        target = top if row < top else bottom
        self._set_cursor(self._offset_at(target, goal), vertical=True, follow=False)

    def scroll_to_offset(self, offset: int, *, top: bool = True) -> None:
        """Scroll the row holding `offset` to the top of the view (`top=True`, e.g. a heading
        jump), or only as far as needed to bring it into view (`top=False`)."""
        offset = self._normalize(offset)
        row = self.row_of(offset)
        if top:
            self._scroll_to_row(row)
            # Keep the exact offset (not the row start) at the top across re-wraps.
            self._top_anchor = offset
            self._reveal_cursor = False  # an explicit scroll wins over an earlier cursor move
        elif not self._wrap_width:
            self._top_anchor = offset  # no rows yet: bring it into view at the top
            self._reveal_cursor = False
        else:
            self._ensure_row_visible(row)

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return self._normalize(value)

    def watch_cursor(self, old_value: int, new_value: int) -> None:
        if not self._vertical_move:
            self._goal_col = None
        if self._anchor is not None:
            self._update_selection(self._anchor, new_value)
        if not self._wrap_width:
            self._reveal_cursor = True  # e.g. a restored position set right after load()
        elif self.is_mounted:
            with self._following_cursor():
                self._ensure_row_visible(self.row_of(new_value))
        self.refresh()
        self.post_message(self.CursorMoved(self, new_value))

    def _set_cursor(self, offset: int, *, vertical: bool = False, follow: bool = True) -> None:
        self._vertical_move = vertical
        try:
            if follow:
                self.cursor = offset
            else:
                # Clamping into view must not scroll (it is called *from* a scroll).
                with self._following_cursor():
                    self.cursor = offset
        finally:
            self._vertical_move = False

    def move_cursor(self, offset: int, *, top: bool = False) -> None:
        """Put the cursor at `offset` and scroll it into view (to the top row if `top`)."""
        self._set_cursor(offset)
        if top:
            with self._following_cursor():
                self._scroll_to_row(self.row_of(self.cursor))
            self._top_anchor = self.cursor

    def _move_rows(self, delta: int) -> None:
        row = self.row_of(self.cursor)
        target = max(0, min(row + delta, len(self._rows) - 1))
        if self._goal_col is None:
            self._goal_col = self._col_of(self.cursor)
        if target != row:
            self._set_cursor(self._offset_at(target, self._goal_col), vertical=True)

    def action_cursor_down(self) -> None:
        self._move_rows(1)

    def action_cursor_up(self) -> None:
        self._move_rows(-1)

    def action_cursor_right(self) -> None:
        cells = self._cells
        offset = self.cursor + 1
        while offset < len(cells.text) and not cells.can_start_row(offset):
            offset += 1  # step over a grapheme's tail
        self._set_cursor(offset)

    def action_cursor_left(self) -> None:
        self._set_cursor(self.cursor - 1)  # validate_cursor moves back out of a grapheme

    def _page(self, direction: int) -> None:
        """Scroll a page (keeping one row of context) and move the cursor by as many rows."""
        height = self._view_height()
        step = max(1, height - 1)
        top = self.scroll_offset.y
        new_top = max(0, min(top + direction * step, self.max_scroll_y))
        row = self.row_of(self.cursor)
        if self._goal_col is None:
            self._goal_col = self._col_of(self.cursor)
        if new_top == top:
            # Already at the end: like less/vim, move the cursor to the first/last row.
            target = len(self._rows) - 1 if direction > 0 else 0
        else:
            target = max(0, min(row + new_top - top, len(self._rows) - 1))
            with self._following_cursor():
                self._scroll_to_row(new_top)
        self._set_cursor(self._offset_at(target, self._goal_col), vertical=True)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_document_start(self) -> None:
        self.move_cursor(0, top=True)

    def action_document_end(self) -> None:
        self._set_cursor(len(self.text))

    def action_row_start(self) -> None:
        self._set_cursor(self._rows[self.row_of(self.cursor)])

    def action_row_end(self) -> None:
        start, end, _final = self._row_bounds(self.row_of(self.cursor))
        # Like vim's $: the last character, or the "\n" of an empty line.
        self._set_cursor(end - 1 if end > start else end)

    # ------------------------------------------------------------------ selection

    @property
    def selection(self) -> tuple[int, int] | None:
        """Selected range ``(start, end)``, end exclusive, or None."""
        return self._selection

    def start_selection(self) -> None:
        """Anchor a selection at the cursor; moving the cursor extends it (inclusive)."""
        self._anchor = self.cursor
        self._update_selection(self.cursor, self.cursor)

    def clear_selection(self) -> None:
        self._anchor = None
        self._set_selection(None)

    def _update_selection(self, anchor: int, cursor: int) -> None:
        # Inclusive of both ends, like vim's visual mode (the cursor's character is selected).
        start = min(anchor, cursor)
        end = min(max(anchor, cursor) + 1, len(self.text))
        self._set_selection((start, end) if end > start else None)

    def _set_selection(self, selection: tuple[int, int] | None) -> None:
        if selection == self._selection:
            return
        self._selection = selection
        self.refresh()
        self.refresh_bindings()
        self.post_message(self.SelectionChanged(self, selection))

    def action_toggle_selection(self) -> None:
        """`v`: start a selection; pressed again, stop extending it (the selection stays)."""
        if self._anchor is None:
            self.start_selection()
        else:
            self._anchor = None

    def action_clear_selection(self) -> None:
        self.clear_selection()

    @property
    def selected_text(self) -> str | None:
        selection = self._selection
        return None if selection is None else self.text[selection[0] : selection[1]]

    def action_copy_selection(self) -> None:
        text = self.selected_text
        if text:
            self.post_message(messages.CopyRequested(self, text, "the selection", "text"))

    # ------------------------------------------------------------------ highlights

    def set_spans(self, layer: str, spans: list[tuple[int, int, str]]) -> None:
        """Replace the spans of a highlight layer; `style` is a Rich style string."""
        self._set_layer(layer, [(start, end, _parse_style(style)) for start, end, style in spans])

    def _set_layer(self, layer: str, spans: list[_Span]) -> None:
        if layer not in self._layer_order and layer != _FLASH_LAYER:
            # Unknown layers go above "notes", below "search".
            self._layer_order.insert(self._layer_order.index("search"), layer)
        if spans:
            self._layers[layer] = _Layer(spans)
        else:
            self._layers.pop(layer, None)
        self._highlights_changed()

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if visible:
            self._hidden.discard(layer)
        else:
            self._hidden.add(layer)
        self._highlights_changed()

    def _highlights_changed(self) -> None:
        self._hl_version += 1
        self.refresh()

    def flash(self, start: int, end: int) -> None:
        """Briefly (~1 s) show `start:end` reversed, e.g. after jumping to a figure."""
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._set_layer(_FLASH_LAYER, [(start, end, "text-view--flash")])
        self._flash_timer = self.set_timer(_FLASH_SECONDS, self._end_flash)

    def _end_flash(self) -> None:
        self._flash_timer = None
        self._set_layer(_FLASH_LAYER, [])

    # ------------------------------------------------------------------ search

    def search(self, query: str) -> int:
        """Highlight every occurrence of `query` (plain text, not a regex) and move to the first
        at or after the cursor. Returns the number of matches. Matching ignores case, width and
        Traditional/Simplified (`core/textmatch.py`: 内湖区 finds 內湖區, 家具 finds 傢俱); the
        highlights sit on the characters of the text that matched."""
        if not query:
            self.clear_search()
            return 0
        if self._folded is None:  # once per document: ~0.1 s a megabyte
            self._folded = fold(self.text)
        self._matches = find_all(self._folded, query)
        self._match_starts = [start for start, _ in self._matches]
        self._set_layer("search", [(s, e, "text-view--search") for s, e in self._matches])
        if self._matches:
            index = bisect_left(self._match_starts, self.cursor)
            self._go_to_match(index if index < len(self._matches) else 0)
        else:
            self._match_index = None
            self._set_layer("current_match", [])
        return len(self._matches)

    def set_search_text(self, text: str, folded: Folded) -> None:
        """`text` folded for search (`core.textmatch.fold`), made ahead in a worker so that the
        first search of a long plan does not wait for it; ignored if the view shows another."""
        if text == self.text:
            self._folded = folded

    def _go_to_match(self, index: int) -> None:
        self._match_index = index
        start, end = self._matches[index]
        self._set_layer("current_match", [(start, end, "text-view--current-match")])
        self.move_cursor(start)

    def next_match(self) -> bool:
        """Move to the next match after the cursor (wrapping around); False if none."""
        if not self._matches:
            return False
        index = bisect_right(self._match_starts, self.cursor)
        self._go_to_match(index if index < len(self._matches) else 0)
        return True

    def prev_match(self) -> bool:
        """Move to the previous match before the cursor (wrapping around); False if none."""
        if not self._matches:
            return False
        index = bisect_left(self._match_starts, self.cursor) - 1
        self._go_to_match(index if index >= 0 else len(self._matches) - 1)
        return True

    def clear_search(self) -> None:
        self._matches = []
        self._match_starts = []
        self._match_index = None
        self._set_layer("search", [])
        self._set_layer("current_match", [])

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match_index(self) -> int | None:
        """0-based index of the match last moved to (show as ``index + 1``), or None."""
        return self._match_index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_selection":
            return self._selection is not None or self._anchor is not None
        if action == "copy_selection":
            return self._selection is not None
        return True

    # ------------------------------------------------------------------ mouse

    def _offset_at_mouse(self, event: events.MouseEvent) -> int:
        point = event.get_content_offset_capture(self)
        height = self._view_height()
        if self._drag_anchor is not None:
            # Dragging past the top/bottom edge scrolls, a row per mouse move.
            if point.y < 0:
                self._scroll_to_row(self.scroll_offset.y - 1)
            elif point.y >= height:
                self._scroll_to_row(self.scroll_offset.y + 1)
        y = max(0, min(point.y, height - 1))
        row = max(0, min(self.scroll_offset.y + y, len(self._rows) - 1))
        return self._offset_at(row, point.x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1 or self._wrap_width == 0:
            return
        offset = self._offset_at_mouse(event)
        self._drag_anchor = offset
        self.capture_mouse()
        self.clear_selection()
        self._set_cursor(offset)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_anchor is None:
            return
        offset = self._offset_at_mouse(event)
        if offset != self._drag_anchor or self._anchor is not None:
            self._anchor = self._drag_anchor
            self._set_cursor(offset)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_anchor is None:
            return
        self._drag_anchor = None
        self._anchor = None  # the dragged selection stays, but stops following the cursor
        self.capture_mouse(False)

    # ------------------------------------------------------------------ rendering

    def _component_style(self, name: str) -> Style:
        """A component class as a style to layer on top: only what the CSS actually sets.

        Colours come from the full (blended) style so that alpha backgrounds such as
        ``$primary 40%`` resolve against the pane; attributes come from the partial style.
        """
        style = self._component_cache.get(name)
        if style is None:
            styles = self.get_component_styles(name)
            full = self.get_component_rich_style(name)
            partial = self.get_component_rich_style(name, partial=True)
            color = full.color if styles.has_rule("color") else None
            bgcolor = full.bgcolor if styles.has_rule("background") else None
            style = partial.without_color + Style(color=color, bgcolor=bgcolor)
            self._component_cache[name] = style
        return style

    def _resolve(self, key: _StyleKey) -> Style:
        return self._component_style(key) if isinstance(key, str) else key

    def render_line(self, y: int) -> Strip:
        width = self._view_width()
        row = self.scroll_offset.y + y
        base = self.rich_style
        if self._wrap_width == 0 or row >= len(self._rows):
            return Strip.blank(width, base)
        start, end, final = self._row_bounds(row)
        stop = end + 1 if final else end  # a final row also owns its "\n" / end cell
        cursor = self.cursor
        cursor_key = cursor if start <= cursor < stop else -1
        selection = self._selection
        selection_key: tuple[int, int] | None = None
        if selection is not None and selection[0] < stop and selection[1] > start:
            selection_key = (max(selection[0], start), min(selection[1], stop))
        # `base` is part of the key: focus and theme change the pane's colours.
        key = (row, width, base, self._hl_version, cursor_key, selection_key)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_row(start, end, stop, cursor_key, selection_key, base)
            strip = strip.crop_extend(0, width, base)
            self._line_cache[key] = strip
        return strip

    def _render_row(
        self,
        start: int,
        end: int,
        stop: int,
        cursor: int,
        selection: tuple[int, int] | None,
        base: Style,
    ) -> Strip:
        text = self._cells.text
        marks: list[tuple[int, int, Style]] = []
        for name in self._layer_order:
            layer = self._layers.get(name)
            if layer is None or name in self._hidden:
                continue
            for span_start, span_end, style in layer.overlapping(start, stop):
                marks.append((max(span_start, start), min(span_end, stop), self._resolve(style)))
        if selection is not None:
            marks.append((*selection, self._component_style("text-view--selection")))
        flash = self._layers.get(_FLASH_LAYER)
        if flash is not None:
            for span_start, span_end, style in flash.overlapping(start, stop):
                marks.append((max(span_start, start), min(span_end, stop), self._resolve(style)))
        if cursor >= 0:
            marks.append((cursor, cursor + 1, self._component_style("text-view--cursor")))

        if not marks:
            return Strip([Segment(display_text(text[start:end]), base)])
        cuts = sorted({start, stop, *(m[0] for m in marks), *(m[1] for m in marks)})
        segments: list[Segment] = []
        for left, right in pairwise(cuts):
            style = base
            for mark_start, mark_end, mark_style in marks:  # in layer order: later on top
                if mark_start <= left and mark_end >= right:
                    style = style + mark_style
            chunk = display_text(text[left : min(right, end)])
            if right > end:
                chunk += " "  # the row's "\n" / end-of-text cell (cursor or selection on it)
            if chunk:
                segments.append(Segment(chunk, style))
        return Strip(segments)
