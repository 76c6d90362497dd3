"""The one filter + table + sort widget the library, targets, figures and notes are built on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import RenderableType
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding

from zoneplan_tui.tui.widgets.filter_table import FilterTable
from zoneplan_tui.tui.widgets.messages import RowChosen, TableFilled

FRUIT = [("apple", 3), ("banana", 1), ("cherry", 2), ("damson", 5)]


class Fruit(FilterTable[tuple[str, int]]):
    BINDINGS = [
        Binding("s", "sort", "Sort", id="fruit.sort", tooltip="Sort"),
        Binding("S", "reverse", "Reverse", id="fruit.reverse", tooltip="Reverse"),
    ]

    def __init__(self) -> None:
        super().__init__(
            table_id="fruit-table",
            filter_id="fruit-filter",
            placeholder="fruit",
            sort_column="name",
        )

    def columns(self) -> Sequence[tuple[str, str]]:
        return [("name", "name"), ("count", "count")]

    def cells(self, row: tuple[str, int]) -> Sequence[RenderableType]:
        return [row[0], str(row[1])]

    def row_key(self, row: tuple[str, int]) -> str:
        return row[0]

    def filter_rows(self, rows: Sequence[tuple[str, int]], needle: str) -> list[tuple[str, int]]:
        return [r for r in rows if needle in r[0]]

    def sort_key(self, column: str) -> Callable[[tuple[str, int]], Any]:
        return (lambda r: r[0]) if column == "name" else (lambda r: r[1])

    def action_sort(self) -> None:
        self.cycle_sort()

    def action_reverse(self) -> None:
        self.reverse()


class FruitApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[tuple[str, int]] = []
        self.fills = 0

    def compose(self) -> ComposeResult:
        yield Fruit()

    def on_mount(self) -> None:
        fruit = self.query_one(Fruit)
        fruit.set_rows(FRUIT)
        fruit.table.focus()

    @on(RowChosen)
    def _chosen(self, message: RowChosen[tuple[str, int]]) -> None:
        self.chosen.append(message.row)

    @on(TableFilled)
    def _filled(self) -> None:
        self.fills += 1


def names(fruit: Fruit) -> list[str]:
    return [name for name, _ in fruit.shown]


async def test_filter_narrows_the_rows_and_enter_goes_to_the_table():
    app = FruitApp()
    async with app.run_test() as pilot:
        fruit = app.query_one(Fruit)
        fruit.focus_filter()
        await pilot.press("n")
        assert names(fruit) == ["banana", "damson"]
        assert fruit.table.row_count == 2
        await pilot.press("enter")
        assert fruit.table.has_focus
        await pilot.pause()
        assert app.fills >= 2  # the screen hears of every fill


async def test_keys_and_header_clicks_sort_and_the_cursor_keeps_its_row():
    app = FruitApp()
    async with app.run_test() as pilot:
        fruit = app.query_one(Fruit)
        assert names(fruit) == ["apple", "banana", "cherry", "damson"]
        assert str(fruit.table.columns["name"].label) == "name ▲"
        fruit.table.move_cursor(row=2)  # cherry
        await pilot.press("s")  # by count
        assert fruit.sort_column == "count"
        assert names(fruit) == ["banana", "cherry", "apple", "damson"]
        assert fruit.selected == ("cherry", 2)
        await pilot.press("S")
        assert names(fruit) == ["damson", "apple", "cherry", "banana"]
        assert str(fruit.table.columns["count"].label) == "count ▼"
        await pilot.click("#fruit-table", offset=(2, 0))  # the name header
        await pilot.pause()
        assert fruit.sort_column == "name" and not fruit.sort_reverse
        await pilot.click("#fruit-table", offset=(2, 0))  # again: the other way round
        await pilot.pause()
        assert names(fruit) == ["damson", "cherry", "banana", "apple"]
        assert fruit.selected == ("cherry", 2)


async def test_a_row_gone_from_the_filter_leaves_the_cursor_at_its_place():
    app = FruitApp()
    async with app.run_test() as pilot:
        fruit = app.query_one(Fruit)
        fruit.table.move_cursor(row=3)  # damson
        fruit.filter_input.value = "a"  # apple, banana, damson
        await pilot.pause()
        assert fruit.selected == ("damson", 5)
        fruit.filter_input.value = "e"  # apple, cherry
        await pilot.pause()
        assert fruit.selected == ("cherry", 2)  # the last row, where the cursor was


async def test_choosing_a_row_posts_row_chosen_with_the_row():
    app = FruitApp()
    async with app.run_test() as pilot:
        fruit = app.query_one(Fruit)
        fruit.table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [("banana", 1)]


async def test_a_table_that_does_not_sort_keeps_the_given_order():
    class Unsorted(Fruit):
        SORT_COLUMNS = ()

    class UnsortedApp(FruitApp):
        def compose(self) -> ComposeResult:
            yield Unsorted()

    app = UnsortedApp()
    async with app.run_test() as pilot:
        fruit = app.query_one(Fruit)
        fruit.set_rows(list(reversed(FRUIT)))
        await pilot.press("s", "S")
        await pilot.click("#fruit-table", offset=(2, 0))
        await pilot.pause()
        assert names(fruit) == ["damson", "cherry", "banana", "apple"]
        assert str(fruit.table.columns["name"].label) == "name"
