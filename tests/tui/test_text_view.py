"""Pilot tests for TextView, in a tiny app that contains only the view."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, ClassVar

import pytest
from rich.style import Style
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message

from zoneplan_tui.core.wrap import CellText
from zoneplan_tui.tui.widgets import text_view as text_view_module
from zoneplan_tui.tui.widgets.text_view import TextView

SAMPLE = Path(__file__).parent.parent.parent / "sample_docs" / "haimen-2017-work-plan.txt"
PLAN = SAMPLE.read_text(encoding="utf-8")
SIZE = (80, 24)


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test without needing an async pytest plugin in the environment."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


class ViewApp(App[None]):
    # n/N live on the screen in zoneplan (so it can update its match status); mirror that.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app_escape", "Escape"),
        Binding("n", "next_match", "Next match"),
        Binding("N", "prev_match", "Prev match"),
    ]

    def __init__(self, text: str = PLAN) -> None:
        super().__init__()
        self.initial_text = text
        self.messages: list[Message] = []
        self.escapes = 0

    def compose(self) -> ComposeResult:
        yield TextView(id="view")

    def on_mount(self) -> None:
        view = self.query_one(TextView)
        view.load(self.initial_text)
        view.focus()
        self.after_load(view)

    def after_load(self, view: TextView) -> None:
        """Hook for subclasses (Textual calls every class's on_mount, so don't override it)."""

    def on_text_view_top_changed(self, message: TextView.TopChanged) -> None:
        self.messages.append(message)

    def on_text_view_cursor_moved(self, message: TextView.CursorMoved) -> None:
        self.messages.append(message)

    def on_text_view_selection_changed(self, message: TextView.SelectionChanged) -> None:
        self.messages.append(message)

    def action_app_escape(self) -> None:
        self.escapes += 1

    def action_next_match(self) -> None:
        self.query_one(TextView).next_match()

    def action_prev_match(self) -> None:
        self.query_one(TextView).prev_match()

    def last(self, kind: type[Message]) -> Message | None:
        found = [m for m in self.messages if isinstance(m, kind)]
        return found[-1] if found else None


def rows_for(view: TextView) -> list[int]:
    """Row starts computed independently of the widget, at the widget's wrap width."""
    return CellText(view.text).wrap(view.scrollable_content_region.width - 1)


def line_text(view: TextView, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))


def styles_at(view: TextView, y: int) -> list[tuple[str, Style | None]]:
    return [(s.text, s.style) for s in view.render_line(y) if s.text.strip()]


def style_of_char(view: TextView, y: int, char_index_in_row: int) -> Style:
    """Style of the n-th character drawn on screen row y."""
    seen = 0
    for segment in view.render_line(y):
        if seen + len(segment.text) > char_index_in_row:
            assert segment.style is not None
            return segment.style
        seen += len(segment.text)
    raise AssertionError("past the end of the row")


# ---------------------------------------------------------------- loading and layout


@pilot_test
async def test_load_lays_out_and_renders_plain_text() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(TextView)
        assert view.text == PLAN
        assert view.cursor == 0
        assert view.top_offset == 0
        rows = rows_for(view)
        assert view.row_count == len(rows)
        assert view.virtual_size.height == len(rows)
        first_line = PLAN.split("\n")[0]
        assert line_text(view, 0).startswith(first_line)
        # Every rendered row is exactly the visible width.
        width = view.scrollable_content_region.width
        assert all(view.render_line(y).cell_length == width for y in range(24))


@pilot_test
async def test_markup_like_text_renders_literally() -> None:
    text = "[bold]不是粗体[/bold] [red]x[/] [link=http://a]y[/link] 字体:[ ]"
    app = ViewApp(text)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(TextView)
        assert line_text(view, 0).startswith(text)
        assert not any(style and style.bold for _, style in styles_at(view, 0))


@pilot_test
async def test_control_characters_are_drawn_one_cell_wide() -> None:
    app = ViewApp("a\tb\x00c")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(TextView)
        assert line_text(view, 0).startswith("a b\u2400c")  # NUL as its control picture ␀


@pilot_test
async def test_load_resets_state() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("space", "v", "j")
        view.set_spans("notes", [(0, 5, "underline")])
        view.search("园区")
        assert view.selection is not None
        view.load("新的文档\n第二行")
        await pilot.pause()
        assert (view.cursor, view.top_offset) == (0, 0)
        assert view.selection is None
        assert view.match_count == 0 and view.current_match_index is None
        assert not any(style and style.underline for _, style in styles_at(view, 0))
        changed = app.last(TextView.SelectionChanged)
        assert isinstance(changed, TextView.SelectionChanged) and changed.selection is None


@pilot_test
async def test_empty_document() -> None:
    app = ViewApp("")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("j", "k", "l", "h", "space", "b", "G", "g", "0", "$", "v")
        assert view.cursor == 0
        assert view.row_count == 1
        assert view.search("x") == 0


# ---------------------------------------------------------------- cursor keys


@pilot_test
async def test_j_k_move_by_display_row_keeping_the_column() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        await pilot.press("j")
        assert view.cursor == rows[1]
        await pilot.press("down")
        assert view.cursor == rows[2]
        await pilot.press("k", "up")
        assert view.cursor == 0
        # j/k keep the cell column between two long wrapped rows.
        long_row = next(
            i
            for i in range(len(rows) - 3)
            if rows[i + 1] - rows[i] > 20 and rows[i + 2] - rows[i + 1] > 20
        )
        view.move_cursor(rows[long_row] + 3)  # 3 CJK/ASCII chars in
        await pilot.pause()
        cum = CellText(view.text).cum
        col = cum[view.cursor] - cum[rows[long_row]]
        await pilot.press("j")
        next_col = cum[view.cursor] - cum[rows[long_row + 1]]
        assert view.row_of(view.cursor) == long_row + 1
        assert abs(next_col - col) <= 1  # a wide char may cover the column
        await pilot.press("k")
        assert view.cursor == rows[long_row] + 3


@pilot_test
async def test_h_l_move_one_character_across_lines() -> None:
    app = ViewApp("ab\ncd")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("l", "l")
        assert view.cursor == 2  # on the "\n" (drawn as a cell after "ab")
        await pilot.press("right")
        assert view.cursor == 3
        await pilot.press("h", "left", "left", "left", "left")
        assert view.cursor == 0


@pilot_test
async def test_row_start_and_end() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        await pilot.press("j", "$")
        assert view.cursor == rows[2] - 1 or view.text[view.cursor + 1] == "\n"
        assert view.row_of(view.cursor) == 1
        await pilot.press("0")
        assert view.cursor == rows[1]


@pilot_test
async def test_space_pages_down_moving_cursor_and_view() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        height = view.scrollable_content_region.height
        await pilot.press("space")
        assert view.scroll_offset.y == height - 1
        assert view.top_offset == rows[height - 1]
        assert view.row_of(view.cursor) == height - 1
        await pilot.press("pagedown")
        assert view.scroll_offset.y == 2 * (height - 1)
        await pilot.press("b")
        assert view.scroll_offset.y == height - 1
        await pilot.press("pageup", "pageup")
        assert view.scroll_offset.y == 0
        assert view.cursor == 0
        top = app.last(TextView.TopChanged)
        assert isinstance(top, TextView.TopChanged) and top.offset == 0


@pilot_test
async def test_G_and_g() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("G")
        assert view.cursor == len(PLAN)
        assert view.scroll_offset.y == view.max_scroll_y > 0
        assert view.row_of(view.cursor) == view.row_count - 1
        await pilot.press("g")
        assert view.cursor == 0 and view.top_offset == 0
        await pilot.press("end")
        assert view.cursor == len(PLAN)
        await pilot.press("home")
        assert view.cursor == 0


@pilot_test
async def test_page_down_at_the_end_moves_cursor_to_last_row() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        for _ in range(view.row_count // 20 + 2):
            await pilot.press("space")
        assert view.scroll_offset.y == view.max_scroll_y
        assert view.row_of(view.cursor) == view.row_count - 1


@pilot_test
async def test_cursor_is_drawn_reversed() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("l")
        assert style_of_char(view, 0, 1).reverse
        assert not style_of_char(view, 0, 0).reverse


@pilot_test
async def test_cursor_messages() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("l")
        await pilot.pause()
        moved = app.last(TextView.CursorMoved)
        assert isinstance(moved, TextView.CursorMoved) and moved.offset == 1
        assert moved.control is view
        await pilot.press("space")
        await pilot.pause()
        top = app.last(TextView.TopChanged)
        assert isinstance(top, TextView.TopChanged) and top.offset == view.top_offset > 0


# ---------------------------------------------------------------- selection


@pilot_test
async def test_v_then_j_selects() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        await pilot.press("v")
        assert view.selection == (0, 1)
        await pilot.press("j")
        assert view.selection == (0, rows[1] + 1)
        await pilot.pause()
        changed = app.last(TextView.SelectionChanged)
        assert isinstance(changed, TextView.SelectionChanged)
        assert changed.selection == (0, rows[1] + 1)
        # v again stops extending; the selection stays.
        await pilot.press("v", "j")
        assert view.selection == (0, rows[1] + 1)
        # Selected cells use the selection component style.
        selection_bg = view.get_component_rich_style("text-view--selection").bgcolor
        assert style_of_char(view, 0, 2).bgcolor == selection_bg
        await pilot.press("escape")
        assert view.selection is None
        assert app.escapes == 0  # consumed by the view


@pilot_test
async def test_selection_backwards_is_ordered() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press("l", "l", "l", "v", "h", "h")
        assert view.selection == (1, 4)


@pilot_test
async def test_escape_without_selection_reaches_the_app() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert app.escapes == 1


@pilot_test
async def test_click_moves_cursor_and_drag_selects() -> None:
    app = ViewApp("0123456789\nabcdefghij\n中文中文中文")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        # The view has 1 cell of left padding.
        await pilot.click(view, offset=(1 + 4, 1))
        assert view.cursor == 11 + 4
        assert view.selection is None
        await pilot.click(view, offset=(1 + 3, 2))  # second cell of the second "中文" char
        assert view.cursor == 22 + 1
        await pilot.mouse_down(view, offset=(1 + 2, 0))
        await pilot.hover(view, offset=(1 + 5, 1))
        await pilot.mouse_up(view, offset=(1 + 5, 1))
        assert view.selection == (2, 11 + 5 + 1)
        assert view.cursor == 11 + 5
        changed = app.last(TextView.SelectionChanged)
        assert isinstance(changed, TextView.SelectionChanged)
        assert changed.selection == (2, 17)


@pilot_test
async def test_wheel_scrolls_and_keeps_cursor_in_view() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        for _ in range(10):
            await pilot._post_mouse_events([events.MouseScrollDown], view)
        assert view.scroll_offset.y > 0
        assert view.row_of(view.cursor) >= view.scroll_offset.y
        await pilot.pause()
        top = app.last(TextView.TopChanged)
        assert isinstance(top, TextView.TopChanged) and top.offset == view.top_offset


# ---------------------------------------------------------------- search


@pilot_test
async def test_search_and_n_N() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        query = "园区"
        expected = [i for i in range(len(PLAN)) if PLAN.startswith(query, i)]
        assert view.search(query) == len(expected) == view.match_count
        assert view.current_match_index == 0
        assert view.cursor == expected[0]
        await pilot.press("n")
        assert (view.cursor, view.current_match_index) == (expected[1], 1)
        await pilot.press("N", "N")
        assert (view.cursor, view.current_match_index) == (expected[-1], len(expected) - 1)
        assert view.top_offset <= view.cursor  # scrolled into view
        assert view.row_of(view.cursor) < view.scroll_offset.y + 24
        await pilot.press("n")
        assert view.current_match_index == 0  # wrapped around
        # Search starts at the cursor.
        view.move_cursor(expected[3] + 1)
        view.search(query)
        assert view.current_match_index == 4


@pilot_test
async def test_search_is_case_insensitive_plain_text() -> None:
    app = ViewApp("GDP gdp Gdp g.p [x] [X]")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        assert view.search("gdp") == 3
        assert view.search("g.p") == 1  # not a regex
        assert view.search("[x]") == 2
        assert view.search("") == 0
        await pilot.pause()


@pilot_test
async def test_search_highlight_styles_and_clear() -> None:
    app = ViewApp("甲乙丙 园区 丁 园区 戊")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.pause()
        view.search("园区")
        search_bg = view.get_component_rich_style("text-view--search").bgcolor
        current_bg = view.get_component_rich_style("text-view--current-match").bgcolor
        assert search_bg != current_bg
        # current match at offset 4 (cursor on its first char), other match at offset 9
        assert style_of_char(view, 0, 5).bgcolor == current_bg
        assert style_of_char(view, 0, 9).bgcolor == search_bg
        await pilot.press("n")
        assert style_of_char(view, 0, 5).bgcolor == search_bg
        assert style_of_char(view, 0, 10).bgcolor == current_bg
        view.clear_search()
        assert view.match_count == 0
        base_bg = view.rich_style.bgcolor
        assert style_of_char(view, 0, 10).bgcolor == base_bg
        assert view.next_match() is False and view.prev_match() is False
        await pilot.press("n")  # no search: no effect
        assert view.cursor == 9


@pilot_test
async def test_search_matches_across_scripts_and_widths_on_the_written_characters() -> None:
    # Before the matches: ㎡ and … fold to longer text, so an offset slip would show here.
    text = "面積5㎡……內湖區、内湖区、ＮＩ湖"
    app = ViewApp(text)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.pause()
        assert view.search("内湖区") == 2
        first, second = text.index("內湖區"), text.index("内湖区")
        assert view._matches == [(first, first + 3), (second, second + 3)]
        assert view.cursor == first
        search_bg = view.get_component_rich_style("text-view--search").bgcolor
        current_bg = view.get_component_rich_style("text-view--current-match").bgcolor
        base_bg = view.rich_style.bgcolor
        # Characters drawn on row 0 are the text's own: index i is text[i].
        assert style_of_char(view, 0, first - 1).bgcolor == base_bg
        assert style_of_char(view, 0, first + 2).bgcolor == current_bg
        assert style_of_char(view, 0, first + 3).bgcolor == base_bg
        assert style_of_char(view, 0, second).bgcolor == search_bg
        assert style_of_char(view, 0, second + 3).bgcolor == base_bg
        assert view.search("5m2") == 1 and view._matches == [(2, 4)]
        assert view.search("ni湖") == 1 and view.cursor == text.index("Ｎ")
        assert view.search("家具") == 0


# ---------------------------------------------------------------- highlight layers


@pilot_test
async def test_set_spans_layers_combine_in_order() -> None:
    app = ViewApp("0123456789")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.pause()
        view.set_spans("figures", [(2, 6, "bold #ff8800 on #332200")])
        view.set_spans("notes", [(4, 8, "underline #00ff00")])
        await pilot.pause()
        s2, s4, s7, s9 = (style_of_char(view, 0, i) for i in (2, 4, 7, 9))
        assert s2.bold and s2.color == Style.parse("#ff8800").color
        assert s2.bgcolor == Style.parse("on #332200").bgcolor
        assert not s2.underline
        # Overlap: notes on top of figures -> green, underlined, still bold, figure bg.
        assert s4.bold and s4.underline and s4.color == Style.parse("#00ff00").color
        assert s4.bgcolor == Style.parse("on #332200").bgcolor
        assert s7.underline and not s7.bold
        assert not s9.bold and not s9.underline
        # Hide a layer.
        view.set_layer_visible("figures", False)
        assert not style_of_char(view, 0, 2).bold
        view.set_layer_visible("figures", True)
        assert style_of_char(view, 0, 2).bold
        # Replace / clear a layer.
        view.set_spans("notes", [])
        assert not style_of_char(view, 0, 4).underline


@pilot_test
async def test_spans_across_wrapped_rows_and_many_spans() -> None:
    text = "字" * 200
    app = ViewApp(text)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.pause()
        view.set_spans("figures", [(30, 45, "bold")])
        view.set_spans("search", [(i, i + 1, "italic") for i in range(0, 200, 2)])
        await pilot.pause()
        row_len = rows_for(view)[1]
        assert style_of_char(view, 0, 36).bold
        assert style_of_char(view, 1, 45 - row_len - 1).bold
        assert not style_of_char(view, 1, 45 - row_len).bold
        assert bool(style_of_char(view, 1, 0).italic) == (row_len % 2 == 0)


@pilot_test
async def test_selection_is_above_layers_and_cursor_above_all() -> None:
    app = ViewApp("0123456789")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        view.set_spans("current_match", [(0, 5, "on #123456")])
        await pilot.press("v", "l", "l")
        selection_bg = view.get_component_rich_style("text-view--selection").bgcolor
        assert style_of_char(view, 0, 1).bgcolor == selection_bg
        assert style_of_char(view, 0, 3).bgcolor == Style.parse("on #123456").bgcolor
        assert style_of_char(view, 0, 2).reverse


@pilot_test
async def test_flash_is_temporary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_view_module, "_FLASH_SECONDS", 0.1)
    app = ViewApp("0123456789")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.pause()
        view.flash(3, 6)
        assert style_of_char(view, 0, 4).reverse
        assert not style_of_char(view, 0, 7).reverse
        await pilot.pause(0.3)
        assert not style_of_char(view, 0, 4).reverse


# ---------------------------------------------------------------- scrolling API and resize


@pilot_test
async def test_scroll_to_offset_top_and_minimal() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        target = rows[40] + 2
        view.scroll_to_offset(target)
        await pilot.pause()
        assert view.top_offset == rows[40]
        assert view.row_of(view.cursor) == 40  # cursor pulled into view
        view.scroll_to_offset(rows[45], top=False)  # already visible
        assert view.top_offset == rows[40]
        view.scroll_to_offset(rows[80], top=False)
        assert view.scroll_offset.y == 80 - 24 + 1
        view.scroll_to_offset(0, top=False)
        assert view.top_offset == 0


@pilot_test
async def test_move_cursor_top() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        view.move_cursor(rows[50] + 1, top=True)
        await pilot.pause()
        assert view.cursor == rows[50] + 1
        assert view.top_offset == rows[50]
        view.move_cursor(rows[52])
        assert view.top_offset == rows[50]  # visible: no scroll


@pilot_test
async def test_resize_keeps_the_top_offset() -> None:
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        rows = rows_for(view)
        view.move_cursor(rows[60], top=True)
        await pilot.pause()
        anchor = view.top_offset
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        narrow = rows_for(view)
        assert len(narrow) > len(rows)
        assert view.top_offset == narrow[view.row_of(anchor)]
        assert view.top_offset <= anchor < narrow[view.scroll_offset.y + 1]
        assert view.row_count == len(narrow)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert view.top_offset == anchor  # no drift after a round trip
        assert view.row_count == len(rows)


@pilot_test
async def test_light_and_dark_themes_give_distinct_highlights() -> None:
    app = ViewApp("甲乙丙 园区 丁 园区 戊 0123456789")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            view.search("园区")  # current match at 4, other match at 9
            view.move_cursor(16)
            view.start_selection()
            view.move_cursor(18)  # selects characters 16..18 (cursor on 18)
            base = view.rich_style
            current = style_of_char(view, 0, 5)
            other = style_of_char(view, 0, 10)
            selected = style_of_char(view, 0, 16)
            backgrounds = {base.bgcolor, current.bgcolor, other.bgcolor, selected.bgcolor}
            assert len(backgrounds) == 4, theme
            # Text on highlights keeps the theme's (readable) foreground, or a contrast colour.
            assert other.color == base.color == selected.color, theme
            assert current.color is not None and current.color != current.bgcolor, theme
            assert style_of_char(view, 0, 18).reverse  # cursor
            view.clear_selection()
            view.clear_search()


class RestoreApp(ViewApp):
    """Sets a position in on_mount, before the view has a size (as a reader restoring state)."""

    def __init__(self, how: str, offset: int) -> None:
        super().__init__()
        self.how = how
        self.offset = offset

    def after_load(self, view: TextView) -> None:
        if self.how == "cursor":
            view.move_cursor(self.offset)
        elif self.how == "cursor_top":
            view.move_cursor(self.offset, top=True)
        else:
            view.scroll_to_offset(self.offset)


@pytest.mark.parametrize("how", ["cursor", "cursor_top", "scroll"])
@pilot_test
async def test_position_set_before_first_layout(how: str) -> None:
    offset = len(PLAN) // 2
    app = RestoreApp(how, offset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(TextView)
        rows = rows_for(view)
        row = view.row_of(offset)
        top = view.scroll_offset.y
        assert top <= row < top + view.scrollable_content_region.height
        if how != "cursor":
            assert view.top_offset == rows[row]
        if how != "scroll":
            assert view.cursor == offset


@pilot_test
async def test_goal_column_survives_short_rows() -> None:
    app = ViewApp("0123456789\n\nabcdefghij")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        await pilot.press(*"lllll")
        await pilot.press("j")
        assert view.cursor == 11  # the empty line
        await pilot.press("j")
        assert view.cursor == 12 + 5
        await pilot.press("k", "k")
        assert view.cursor == 5


@pilot_test
async def test_layer_visibility_survives_load() -> None:
    app = ViewApp("0123456789")
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TextView)
        view.set_layer_visible("figures", False)
        view.load("abcdefghij")
        view.set_spans("figures", [(0, 3, "bold")])
        await pilot.pause()
        assert not style_of_char(view, 0, 1).bold
        view.set_layer_visible("figures", True)
        assert style_of_char(view, 0, 1).bold
