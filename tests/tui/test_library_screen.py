"""Pilot tests of the library: the plans table, sorting, filtering, keywords, the reader and back,
search over all plans, and the targets screen with its chart."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input, OptionList

from tests.conftest import SAMPLES
from tests.tui.helpers import library_ready, make_library_app, settle
from zoneplan_tui.tui.screens.library import FLEX_MIN, LibraryScreen
from zoneplan_tui.tui.screens.reader import ReaderScreen
from zoneplan_tui.tui.screens.search import SearchScreen, hit_text
from zoneplan_tui.tui.screens.targets import FIXED_COLUMNS, TargetsScreen, chart_bars
from zoneplan_tui.tui.widgets.bar_chart import BarChart, bar_cells
from zoneplan_tui.tui.widgets.status_bar import StatusBar
from zoneplan_tui.tui.widgets.text_view import TextView

FIXED = len(FIXED_COLUMNS)  # indicator, kind, year, how many plans; then each plan

SAMPLE_COUNT = len(list(SAMPLES.glob("*.txt")))


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    # One index for the module: the first test indexes, the others find nothing changed.
    return tmp_path_factory.mktemp("library-index")


def titles(screen: LibraryScreen) -> list[str]:
    return [p.title for p in screen.shown]


async def test_library_lists_every_sample_plan(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await library_ready(pilot)
        table = screen.query_one("#library-table", DataTable)
        assert SAMPLE_COUNT == 5
        assert table.row_count == 5
        assert "中共武清开发区工委2019年工作要点" in titles(screen)
        row = [
            str(c) for c in table.get_row_at(titles(screen).index("金安经济开发区2020年工作要点"))
        ]
        assert row[1] == "金安经济开发区" and row[2] == "2020"
        assert row[3].endswith("KB") and int(row[4]) > 0 and int(row[5]) > 0


async def test_sort_by_key_and_by_header_click(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await library_ready(pilot)
        assert titles(screen) == sorted(titles(screen))
        await pilot.press("s")  # title → body
        assert screen.sort_column == "body"
        bodies = [p.body or "" for p in screen.shown]
        assert bodies == sorted(bodies)
        await pilot.press("S")
        assert [p.body or "" for p in screen.shown] == sorted(bodies, reverse=True)
        # A click on the "year" header, after the title and body columns (their widths vary).
        table = screen.query_one("#library-table", DataTable)
        year_x = sum(table.columns[k].get_render_width(table) for k in ("title", "body")) + 2
        await pilot.click("#library-table", offset=(year_x, 0))
        await pilot.pause()
        assert screen.sort_column == "year"
        years = [p.year or 0 for p in screen.shown]
        assert years == sorted(years)
        label = table.columns["year"].label
        assert str(label) == "year ▲"
        await pilot.click("#library-table", offset=(year_x, 0))
        await pilot.pause()
        assert [p.year or 0 for p in screen.shown] == sorted(years, reverse=True)


async def test_filter_by_text(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await library_ready(pilot)
        await pilot.press("f")
        assert screen.query_one("#library-filter", Input).has_focus
        await pilot.press(*"2020")
        await pilot.pause()
        assert sorted(p.year for p in screen.shown) == [2020, 2020]
        assert screen.query_one("#library-table", DataTable).row_count == 2
        await pilot.press("enter")  # back to the table
        assert screen.query_one("#library-table", DataTable).has_focus
        screen.query_one("#library-filter", Input).value = "海门"
        await pilot.pause()
        assert titles(screen) == ["2017年工作计划"]


async def test_enter_opens_the_reader_and_escape_returns(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot)
        target = titles(library).index("中共武清开发区工委2019年工作要点")
        library.query_one("#library-table", DataTable).move_cursor(row=target)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.doc is not None and reader.doc.name == "wuqing-2019-work-points.txt"
        # The document switcher knows every plan of the library.
        assert len(reader.paths) == 5 and reader.paths[reader.index].name == reader.doc.name
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library
        assert library.selected is not None and library.selected.title.startswith("中共武清")


async def test_keywords_of_the_selected_plan_and_choosing_one_searches(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await library_ready(pilot)
        await settle(pilot)
        panel = screen.query_one("#library-keywords", OptionList)
        assert panel.option_count >= 5
        word = panel.words[0]
        assert word and str(panel.get_option_at_index(0).prompt) == word
        # Then each top-level section with its own few keywords, under its heading.
        headings = [i for i, w in enumerate(panel.words) if not w]
        assert headings and panel.get_option_at_index(headings[0]).disabled
        await pilot.press("k")
        assert panel.has_focus
        panel.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        assert search.query_text == word and search.hits


async def test_search_all_plans_and_open_the_reader_at_the_hit(index_dir, monkeypatch):
    from zoneplan_tui.tui.widgets import text_view

    monkeypatch.setattr(text_view, "_FLASH_SECONDS", 60)  # still flashing when looked at
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(pilot)
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        assert search.query_one("#search-query", Input).has_focus
        await pilot.press(*"营商环境", "enter")
        await settle(pilot)
        assert len({h.sha256 for h in search.hits}) >= 3
        results = search.query_one("#search-results", OptionList)
        assert results.option_count == len(search.hits) and results.has_focus
        # The snippet is styled text: the match is highlighted, brackets are not markup.
        text = hit_text(search.hits[0])
        assert "营商环境" in text.plain and any(s.style == "bold reverse" for s in text.spans)
        results.highlighted = 1
        hit = search.hits[1]
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.doc is not None
        assert reader.doc.sha256 == hit.sha256
        start, end = hit.matches[0]
        assert reader.doc.text[start:end] == "营商环境"
        view = reader.query_one(TextView)
        assert view.cursor == start
        assert view.top_offset <= start
        flash = view._layers.get("_flash")
        assert flash is not None and flash.spans[0][:2] == (start, end)
        # Every match of the hit stays marked until Esc; then Esc goes back to the results,
        # and again to the library.
        marks = view._layers.get("library_hits")
        assert marks is not None and [m[:2] for m in marks.spans] == sorted(hit.matches)
        assert "Esc clears" in reader.query_one(StatusBar).search
        await pilot.press("escape")
        assert "library_hits" not in view._layers and app.screen is reader
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is search
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_search_of_a_query_with_brackets_shows_no_markup(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(pilot)
        await pilot.press("slash", *"招商", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen) and search.hits
        assert all("招商" in hit_text(h).plain for h in search.hits if h.kind == "text")


async def test_targets_screen_rows_filter_and_chart(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        table = screen.query_one("#targets-table", DataTable)
        assert table.row_count == len(screen.rows) > 20
        assert len(table.columns) == FIXED + 5
        await pilot.press("f", *"固定资产投资")
        await pilot.pause()
        assert screen.shown and all("固定资产投资" in r.indicator for r in screen.shown)
        await pilot.press("enter")  # to the table
        assert table.has_focus
        growth = next(i for i, r in enumerate(screen.shown) if r.growth)
        table.move_cursor(row=growth)
        await pilot.press("enter")
        await pilot.pause()
        chart = screen.query_one(BarChart)
        assert chart.display
        # The plans in the library's order (by title: 中共武清… before 金安…).
        assert [(b.label, b.text) for b in chart.bars] == [
            ("武清开发区 2019 工作要点", "9%"),
            ("金安经济开发区 2020 工作要点", "19.8%"),
        ]
        await pilot.press("escape")
        assert not chart.display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_palette_commands_of_the_library(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot)
        names = [c.title for c in app.get_system_commands(library)]
        assert "Search all plans" in names and "Targets across plans" in names
        await pilot.press("enter")
        await settle(pilot)
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Library" in names
        app.action_show_library()
        await pilot.pause()
        assert app.screen is library


def test_bar_cells_scale_to_the_largest_value():
    assert bar_cells(10, 10, 20) == "█" * 20
    assert bar_cells(5, 10, 20) == "█" * 10
    assert bar_cells(1, 16, 2) == "▏"  # an eighth of a cell
    assert bar_cells(0, 10, 20) == ""


def test_chart_bars_compare_counts_and_leave_out_another_kind():
    from zoneplan_tui.core.figures import Figure
    from zoneplan_tui.library.targets import TableRow, Target

    class P:
        def __init__(self, sha, label):
            self.sha256, self.label, self.path = sha, label, f"/x/{sha}.txt"
            self.year = 2020

    def target(text, kind, value, unit):
        return Target(
            "k", "k", False, "value", Figure(0, 1, text, kind, value, unit, None, 0, 1, 1)
        )

    row = TableRow(
        "k",
        "k",
        False,
        {
            "a": [target("5个", "count", 5, "个")],
            "b": [target("2亿元", "money", 2e8, "CNY")],
            "c": [target("9家", "count", 9, "家")],  # another measure word: still a count
        },
    )
    plans = [P("a", "A"), P("b", "B"), P("c", "C")]
    bars, note = chart_bars(row, plans, [p.label for p in plans])  # type: ignore[arg-type]
    assert [(b.label, b.value, b.text) for b in bars] == [("A", 5.0, "5个"), ("C", 9.0, "9家")]
    assert note == "left out: 1 value of another kind (CNY, not count)"


async def test_a_note_added_in_the_reader_is_counted_and_searchable(tmp_path):
    from textual.widgets import TextArea

    from zoneplan_tui.notes.store import NotesStore

    store = NotesStore.open(tmp_path / "notes.json")
    app = make_library_app(tmp_path, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot)
        row = titles(library).index("中共武清开发区工委2019年工作要点")
        library.query_one("#library-table", DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("v", *"llllll", "n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("核对独角兽数字")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(store.all()) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is library
        assert library.selected is not None and library.selected.notes == 1
        await pilot.press("slash", *"独角兽数字", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        assert any(h.kind == "note" for h in search.hits)
        assert "✎ note" in hit_text(next(h for h in search.hits if h.kind == "note")).plain


async def test_a_long_snippet_wraps_under_its_first_line(index_dir):
    app = make_library_app(index_dir)
    async with app.run_test(size=(60, 40)) as pilot:
        await library_ready(pilot)
        await pilot.press("slash", *"营商环境", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        results = search.query_one("#search-results", OptionList)
        lines = [results.render_line(y).text for y in range(results.size.height)]
        hit = max(search.hits[:4], key=lambda h: len(h.snippet))
        snippet = hit_text(hit).plain.split("\n", 1)[1].strip()  # the snippet's lines joined
        assert len(snippet) > 40  # wider than the 56 cells of the list: it wraps
        first = next(i for i, line in enumerate(lines) if line.startswith("  " + snippet[:8]))
        run = [first]
        while lines[run[-1] + 1].startswith("  "):
            run.append(run[-1] + 1)
        # The wrapped lines follow under the first, two cells in, and carry on the snippet.
        assert len(run) > 1, lines[first : first + 3]
        shown = "".join(lines[i].strip() for i in run)
        assert shown.startswith(snippet.replace(" ", "")[:40])


@pytest.fixture
def scaled_plans(tmp_path):
    """Three plans that write one indicator in different scales, and one as a percentage."""
    folder = tmp_path / "plans"
    folder.mkdir()
    goals = {
        "a": ("甲开发区2020年工作要点", "全年实现固定资产投资37.9亿元，新增建筑面积30万平方米。"),
        "b": ("乙开发区2021年工作要点", "全年实现固定资产投资5000万元，新增建筑面积800亩。"),
        "c": ("丙开发区2021年工作要点", "全年固定资产投资达到12%，新增建筑面积xx万平方米。"),
    }
    for name, (title, goal) in goals.items():
        (folder / f"{name}.txt").write_text(f"{title}\n\n一、总体目标\n\n{goal}\n", "utf-8")
    return folder


async def test_chart_compares_values_of_one_dimension_in_different_scales(tmp_path, scaled_plans):
    app = make_library_app(tmp_path, folder=scaled_plans)
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        chart = screen.query_one(BarChart)

        screen.show_chart(next(r for r in screen.rows if r.indicator == "固定资产投资"))
        await pilot.pause()
        # 亿元 and 万元 are both yuan: drawn side by side, labelled as written.
        bars = {b.text: b.value for b in chart.bars}
        assert bars == {"37.9亿元": 3.79e9, "5000万元": 5e7}
        assert chart.note == "left out: 1 value of another kind (%, not CNY)"

        screen.show_chart(next(r for r in screen.rows if r.indicator == "新增建筑面积"))
        await pilot.pause()
        # 亩 and 万平方米 are both areas: 800亩 is about 53万平方米, the longer bar.
        bars = {b.text: b.value for b in chart.bars}
        assert bars.keys() == {"30万平方米", "800亩"}
        assert bars["800亩"] == pytest.approx(800 * 10000 / 15)
        assert chart.note == "left out: 1 value without a number (xx, a range, a date)"
        lines = [chart.render_line(y).text for y in range(chart.size.height)]
        bar_lengths = {text: line.count("█") for line in lines for text in bars if text in line}
        assert bar_lengths["30万平方米"] < bar_lengths["800亩"]


async def test_title_column_takes_the_free_width_and_follows_a_resize(index_dir):
    from rich.cells import cell_len
    from textual.widgets import Static

    app = make_library_app(index_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await library_ready(pilot)
        table = screen.query_one("#library-table", DataTable)
        longest = max(titles(screen), key=cell_len)
        row = titles(screen).index(longest)
        assert cell_len(longest) > 30  # wider than the old fixed column
        # Wide terminal: every title whole.
        assert table.columns["title"].width == cell_len(longest)
        assert longest in table.render_line(row + 1).text
        # Narrow terminal: the title column shrinks (not below its minimum), the long title
        # is cut with an ellipsis, and the status line gives it whole for the highlighted row.
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        await pilot.pause()
        width = table.columns["title"].width
        assert FLEX_MIN["title"] <= width < cell_len(longest)
        line = table.render_line(row + 1).text
        assert longest not in line and "…" in line
        total = sum(c.get_render_width(table) for c in table.columns.values())
        assert total <= table.size.width  # the numbers stay on screen
        table.move_cursor(row=row)
        await pilot.pause()
        status = str(screen.query_one("#library-status", Static).render())
        assert status.startswith(longest)
        # And back: the columns widen again.
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        await pilot.pause()
        assert table.columns["title"].width == cell_len(longest)


def test_flex_widths_share_the_free_cells():
    from zoneplan_tui.tui.widgets.fit_columns import flex_widths

    mins = {"title": 16, "body": 8}
    assert flex_widths(100, {"title": 40, "body": 10}, mins) == {"title": 40, "body": 10}
    # 30 cells for 40 + 10: the longer title lacks more and gets more of what is spare.
    assert flex_widths(30, {"title": 40, "body": 10}, mins) == {"title": 22, "body": 8}
    assert flex_widths(5, {"title": 40, "body": 10}, mins) == mins  # never below the minimum


async def test_targets_sort_by_plans_name_and_a_plan_value(index_dir):
    from zoneplan_tui.tui.target_values import dimension, number

    app = make_library_app(index_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await library_ready(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        table = screen.query_one("#targets-table", DataTable)

        def header(key):
            return str(table.columns[key].label)

        # By default: the indicators most plans share first.
        assert screen.sort_column == "plans" and header("plans") == "plans ▼"
        counts = [len(r.cells) for r in screen.shown]
        assert counts == sorted(counts, reverse=True) and counts[0] > 1
        table.move_cursor(row=3)
        on = screen.shown[3]
        await pilot.press("s")  # by name; the highlighted row stays highlighted
        assert screen.shown[table.cursor_row] is on
        names = [r.indicator for r in screen.shown]
        assert names == sorted(names) and header("indicator") == "indicator ▲"
        await pilot.press("S")
        assert [r.indicator for r in screen.shown] == sorted(names, reverse=True)
        # A click on a plan's header: by the value in that plan, largest first, then the rows
        # where it has no number.
        wuqing = next(i for i, p in enumerate(screen.plans) if p.label == "武清开发区 2019")
        key = f"plan:{wuqing}"
        before = list(table.columns)[: FIXED + wuqing]
        x = sum(table.columns[k].get_render_width(table) for k in before)
        await pilot.click("#targets-table", offset=(x + 2, 0))
        await pilot.pause()
        assert screen.sort_column == key and header(key).startswith("▼ 武清开发区")
        sha = screen.plans[wuqing].sha256
        found = [
            next((t for t in r.cells.get(sha, []) if number(t) is not None), None)
            for r in screen.shown
        ]
        numbered = [t for t in found if t is not None]
        assert len(numbered) > 5 and found[: len(numbered)] == numbered  # numbers first
        # The most common kind of value first (counts here), largest first.
        lead = [number(t) for t in numbered if dimension(t) == dimension(numbered[0])]
        assert len(lead) > 3 and lead == sorted(lead, reverse=True)
        assert found[: len(lead)] == [t for t in numbered if dimension(t) == dimension(numbered[0])]
        assert str(table.get_row_at(0)[FIXED + wuqing])  # the top row has a value there
        await pilot.click("#targets-table", offset=(x + 2, 0))  # again: smallest first
        await pilot.pause()
        assert header(key).startswith("▲ 武清开发区")


async def test_targets_columns_are_the_library_filter_and_p_picks_plans(index_dir):
    from textual.widgets import SelectionList

    from zoneplan_tui.tui.screens.plan_columns import PlanColumnsScreen

    app = make_library_app(index_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        library = await library_ready(pilot)
        await pilot.press("f", *"2020", "enter")
        await pilot.pause()
        assert len(library.shown) == 2
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        table = screen.query_one("#targets-table", DataTable)
        # The library's filter applies: its two plans are the columns.
        assert [p.year for p in screen.plans] == [2020, 2020]
        assert len(table.columns) == FIXED + 2 and screen.sub_title == "2 of 5 plans"
        before = {r.indicator for r in screen.rows}
        # p: tick a third plan (the list has the columns first, then the others).
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanColumnsScreen)
        choices = dialog.query_one(SelectionList)
        assert len(choices.selected) == 2 and choices.option_count == 5
        choices.highlighted = 2
        await pilot.press("space", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert len(screen.plans) == 3 and len(table.columns) == FIXED + 3
        assert screen.sub_title == "3 of 5 plans"
        assert {r.indicator for r in screen.rows} > before  # the new plan's indicators too
        assert "in 3 plans" in str(screen.query_one("#targets-status").render())


async def _targets_screen(pilot) -> TargetsScreen:
    await library_ready(pilot)
    await pilot.press("T")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TargetsScreen)
    return screen


def _cut_cells(screen: TargetsScreen) -> list[tuple[str, int, int]]:
    """(cell, its width, its column's width) of every cell wider than its column."""
    table = screen.query_one("#targets-table", DataTable)
    widths = [c.width for c in table.columns.values()]
    rows = [screen.targets_table.row_cells(r) for r in screen.shown]
    return [
        (cell, cell_len(cell), widths[i])
        for row in rows
        for i, cell in enumerate(row)
        if cell_len(cell) > widths[i]
    ]


async def test_targets_columns_fit_a_wide_terminal_and_cut_cells_only_when_needed(index_dir):
    async with make_library_app(index_dir).run_test(size=(200, 40)) as pilot:
        screen = await _targets_screen(pilot)
        table = screen.query_one("#targets-table", DataTable)
        # At 200 columns every cell is whole: no column is cut to a fixed width (there are
        # cells wider than the 16 cells plan columns once had).
        cells = [c for r in screen.shown for c in screen.targets_table.row_cells(r)[FIXED:]]
        assert max(map(cell_len, cells)) > 17
        assert not _cut_cells(screen)
        total = sum(c.get_render_width(table) for c in table.columns.values())
        assert total <= table.size.width
        # A narrow terminal cuts cells (with …), never below the minimum, and the highlighted
        # cell is given whole in the status line.
        await pilot.resize_terminal(90, 40)
        await pilot.pause()
        await pilot.pause()
        cut = _cut_cells(screen)
        assert cut and all(w >= FLEX_MIN_TARGETS for _, _, w in cut)


FLEX_MIN_TARGETS = 10


async def test_the_status_line_gives_the_highlighted_cell_in_full(index_dir):
    async with make_library_app(index_dir).run_test(size=(120, 40)) as pilot:
        screen = await _targets_screen(pilot)
        table = screen.query_one("#targets-table", DataTable)
        status = screen.query_one("#targets-status")
        # the longest value cell of the table
        row_i, col_i, _longest = max(
            (
                (r, FIXED + c, cell)
                for r, row in enumerate(screen.shown)
                for c, cell in enumerate(screen.targets_table.row_cells(row)[FIXED:])
                if cell
            ),
            key=lambda rct: cell_len(rct[2]),
        )
        table.move_cursor(row=row_i, column=col_i)
        await pilot.pause()
        shown = str(status.render())
        row = screen.shown[row_i]
        plan = screen.plans[col_i - FIXED]
        for t in row.cells[plan.sha256]:
            assert t.figure.text in shown
            assert f"{t.year} {t.kind}" in shown if t.year else t.kind in shown
        assert screen.labels[col_i - FIXED] in shown
        # the indicator column: its full name with kind and years
        table.move_cursor(row=row_i, column=0)
        await pilot.pause()
        assert str(status.render()).startswith(f"{row.indicator}")


async def test_plan_columns_are_short_titles_and_the_picker_ticks_in_text(index_dir):
    from zoneplan_tui.tui.screens.plan_columns import PlanColumnsScreen, TickList

    async with make_library_app(index_dir).run_test(size=(160, 40)) as pilot:
        screen = await _targets_screen(pilot)
        table = screen.query_one("#targets-table", DataTable)
        labels = [str(c.label).lstrip("▼▲ ") for c in table.columns.values()][FIXED:]
        assert "武清开发区 2019 工作要点" in labels and "海门 2017 工作计划" in labels
        await pilot.press("p")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, PlanColumnsScreen)
        choices = dialog.query_one(TickList)
        await pilot.press("space")  # untick the first plan
        await pilot.pause()
        lines = [choices.render_line(y).text for y in range(choices.option_count)]
        assert lines[0].startswith("[ ] ") and all(x.startswith("[x] ") for x in lines[1:])
        # no colour needed: the marks differ in their characters
        assert {x[:3] for x in lines} == {"[ ]", "[x]"}


def _plan(sha: str, label: str, year: int):
    class P:
        def __init__(self):
            self.sha256, self.label, self.path, self.year = sha, label, f"/x/{sha}.txt", year

    return P()


def _value(text, kind, value, unit, year, line=1):
    from zoneplan_tui.core.figures import Figure
    from zoneplan_tui.library.targets import Target

    fig = Figure(0, 1, text, kind, value, unit, None, 0, 1, line)
    return Target("k", "k", False, "value", fig, (), year, "target")


def test_the_chart_shows_every_value_of_one_year_kind_and_says_what_it_left_out():
    from zoneplan_tui.library.targets import TableRow

    a, b, c = _plan("a", "A", 2020), _plan("b", "B", 2021), _plan("c", "C", 2021)
    row = TableRow(
        "k",
        "k",
        False,
        {
            # A: its own year's value and a five-year target
            "a": [
                _value("64亿元", "money", 6.4e9, "CNY", 2020),
                _value("100亿元", "money", 1e10, "CNY", 2025),
            ],
            # B: two values for its own year (two parts of the indicator): both are bars
            "b": [
                _value("30亿元", "money", 3e9, "CNY", 2021),
                _value("12亿元", "money", 1.2e9, "CNY", 2021),
            ],
            # C: a percentage of its own year, and a placeholder
            "c": [
                _value("12%", "percent", 0.12, "%", 2021),
                _value("xx亿元", "placeholder", None, "CNY", 2021),
            ],
        },
    )
    bars, note = chart_bars(row, [a, b, c], ["A", "B", "C"])  # type: ignore[list-item]
    # like with like: each plan's own year, money; every such value a bar
    assert [(bar.label, bar.text) for bar in bars] == [
        ("A", "64亿元"),
        ("B · 2021", "30亿元"),
        ("B · 2021", "12亿元"),
    ]
    assert note == (
        "left out: 1 value for another year (2025; shown: the plan's year); "
        "1 value of another kind (%, not CNY); 1 value without a number (xx, a range, a date)"
    )


async def test_an_index_damaged_while_the_library_is_open_is_rebuilt_and_said_once(tmp_path):
    from tests.hostile import builders

    app = make_library_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(pilot)
        index = tmp_path / "index.sqlite3"
        builders.corrupt_page(index, index.stat().st_size // 4096 // 2)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"营商环境", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen) and search.hits  # found in the rebuilt index
        said = [str(n.message) for n in app._notifications if "was damaged" in str(n.message)]
        assert len(said) == 1 and "built a new one" in said[0]
        await pilot.press("escape", "T")  # another worker opens the index: nothing more to say
        await settle(pilot)
        assert isinstance(app.screen, TargetsScreen)
        again = [str(n.message) for n in app._notifications if "was damaged" in str(n.message)]
        assert again == said
    assert len(list(tmp_path.glob("index.sqlite3.damaged-*[0-9]"))) == 1
