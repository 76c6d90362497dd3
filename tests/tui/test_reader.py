"""Pilot tests of the reader: tree/text sync, sections, search, panels, reading position."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import sample_path
from tests.tui.helpers import make_app, ready
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.screens.dialogs import DocumentSwitcher, HelpScreen
from zoneplan_tui.tui.widgets.breadcrumb import Breadcrumb
from zoneplan_tui.tui.widgets.figures_panel import FiguresPanel
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
from zoneplan_tui.tui.widgets.status_bar import StatusBar
from zoneplan_tui.tui.widgets.text_view import TextView

WUQING = sample_path("000_85363b721c052c01")
CHANGSHA = sample_path("001_944198d32a153964")


async def test_tree_fills_with_the_outline_and_choosing_a_node_scrolls_the_text():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        tree = screen.query_one(OutlineTree)
        assert str(tree.root.label) == "中共武清开发区工委2019年工作要点"
        heading = screen.plan.outline.headings[5]
        node = next(n for n in tree._heading_nodes if n.data and n.data.line == heading.line)
        tree.select_node(node)
        await pilot.pause()
        text = screen.query_one(TextView)
        assert text.top_offset == screen.doc.line_start(heading.line)
        crumbs = screen.query_one(Breadcrumb).path
        assert crumbs[-1] == heading.marker + heading.title


async def test_scrolling_the_text_moves_the_tree_cursor_and_breadcrumb():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        text = screen.query_one(TextView)
        outline = screen.plan.outline
        target = outline.headings[10]
        # A line inside the section, past its heading.
        text.scroll_to_offset(screen.doc.line_start(target.line) + 3, top=True)
        await pilot.pause()
        await pilot.pause()
        tree = screen.query_one(OutlineTree)
        assert tree.cursor_node is not None and tree.cursor_node.data.line == target.line
        path = screen.query_one(Breadcrumb).path
        assert path[-1] == target.marker + target.title
        assert len(path) == 1 + target.level


async def test_section_keys_jump_between_headings():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        text = screen.query_one(TextView)
        lines = [h.line for h in screen.plan.outline.headings]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.doc.line_of(text.top_offset) == lines[0]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.doc.line_of(text.top_offset) == lines[2]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.doc.line_of(text.top_offset) == lines[1]


async def test_search_highlights_matches_and_n_moves_between_them():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        text = screen.query_one(TextView)
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*"招商", "enter")
        await pilot.pause()
        expected = screen.doc.text.count("招商")
        assert text.match_count == expected > 3
        assert text.has_focus
        first = text.cursor
        assert screen.doc.text[first : first + 2] == "招商"
        await pilot.press("n")
        assert text.cursor > first
        assert screen.query_one(StatusBar).search.startswith(f"match 2/{expected} ")
        await pilot.press("N")
        assert text.cursor == first
        await pilot.press("escape")
        assert text.match_count == 0


async def test_outline_toggle_help_and_figures_panel():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        tree = screen.query_one(OutlineTree)
        await pilot.press("o")
        assert not tree.display
        await pilot.press("o")
        assert tree.display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("f")
        panel = screen.query_one(FiguresPanel)
        assert panel.display and panel.table.has_focus
        assert panel.table.row_count == len(screen.plan.figures)
        panel.table.move_cursor(row=5)
        await pilot.press("enter")
        await pilot.pause()
        figure = panel.visible_figures()[5]
        text = screen.query_one(TextView)
        assert text.cursor == figure.start
        assert str(figure.text) in screen.query_one(StatusBar).detail


async def test_figures_panel_filters_by_kind_and_text():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        panel = screen.query_one(FiguresPanel)
        panel.query_one("#figures-kind").value = "money"
        await pilot.pause()
        kinds = {f.kind for f in panel.visible_figures()}
        assert kinds == {"money"}
        assert panel.table.row_count == sum(f.kind == "money" for f in screen.plan.figures)
        panel.query_one("#figures-kind").clear()
        panel.query_one("#figures-text", Input).value = "亿元"
        await pilot.pause()
        assert panel.visible_figures()
        assert all(
            "亿元" in f.text or "亿元" in "".join(screen.plan.section_titles(f.line))
            for f in panel.visible_figures()
        )


async def test_reading_position_is_restored(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    app = make_app(CHANGSHA, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        offset = screen.query_one(TextView).top_offset
        assert offset > 0
        await pilot.press("q")
    assert store.get_state(screen.doc.sha256, "position", path=CHANGSHA.resolve()) == offset
    again = make_app(CHANGSHA, store=store)
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert screen.query_one(TextView).top_offset == offset


async def test_document_switcher_opens_another_plan():
    app = make_app(WUQING, CHANGSHA)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.doc.path == WUQING
        await pilot.press("d")
        assert isinstance(app.screen, DocumentSwitcher)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = await ready(pilot)
        for _ in range(50):
            if screen.doc is not None and screen.doc.path == CHANGSHA and screen.plan:
                break
            await pilot.pause()
        assert screen.doc.path == CHANGSHA
        assert screen.plan.doc.path == CHANGSHA


async def test_document_text_with_markup_is_shown_literally(tmp_path):
    plan = tmp_path / "markup.txt"
    plan.write_text("一、总体要求\n字体:[ ] [bold]不是标记[/bold] 增长8%。\n", encoding="utf-8")
    app = make_app(plan)
    async with app.run_test(size=(80, 20)) as pilot:
        screen = await ready(pilot)
        text = screen.query_one(TextView)
        rendered = "".join(seg.text for seg in text.render_line(1))
        assert "[bold]不是标记[/bold]" in rendered


async def test_the_plan_the_command_line_loaded_is_not_loaded_again(tmp_path):
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.tui.app import ZoneplanApp

    plan = tmp_path / "plan.txt"
    plan.write_text("一、总体要求\n增长8%。\n", encoding="utf-8")
    first = load_document(plan)
    plan.write_text("一、改过的文本\n增长9%。\n", encoding="utf-8")  # what a second read would see
    app = ZoneplanApp([plan, WUQING], preloaded=first)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert screen.doc is first
        screen.open_document(1)
        await ready(pilot)
        screen.open_document(0)
        for _ in range(50):
            await pilot.pause()
            if screen.doc is not None and screen.doc.path == plan and screen.plan:
                break
        assert "改过的文本" in screen.doc.text  # only the first open used the preloaded copy


async def test_the_analysis_starts_once_the_text_is_drawn(monkeypatch):
    # Analysing (and importing the rules) while the first screen is painted would hold up the
    # first paint: the worker waits for the refresh that drew the text.
    from zoneplan_tui.core import analysis
    from zoneplan_tui.tui.screens import reader

    drawn: list[bool] = []
    seen_at_analysis: list[bool] = []
    render_line = TextView.render_line
    analyse = analysis.analyse

    def spying_render_line(self, y):  # type: ignore[no-untyped-def]
        strip = render_line(self, y)
        if strip.text.strip():
            drawn.append(True)
        return strip

    def spying_analyse(doc, **kwargs):  # type: ignore[no-untyped-def]
        seen_at_analysis.append(bool(drawn))
        return analyse(doc, **kwargs)

    monkeypatch.setattr(TextView, "render_line", spying_render_line)
    monkeypatch.setattr(analysis, "analyse", spying_analyse)
    # The order is the point, not the cap on the wait (a loaded machine may draw late).
    monkeypatch.setattr(reader, "TEXT_FIRST_WAIT", 60.0)
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.plan is not None and screen.plan.figures
    assert seen_at_analysis == [True]


async def test_search_finds_traditional_text_with_a_simplified_query(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "臺北市內湖區科技園區2025年工作要點\n一、總體要求\n（一）採購辦公傢俱……推進內湖區建設。\n",
        encoding="utf-8",
    )
    app = make_app(plan)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        text = screen.query_one(TextView)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text._folded is not None  # folded in the loading worker, not on the first search
        await pilot.press("slash", *"内湖区", "enter")
        await pilot.pause()
        doc = screen.doc.text
        first = doc.index("內湖區")
        second = doc.index("內湖區", first + 1)
        assert text._matches == [(first, first + 3), (second, second + 3)]
        assert text.cursor == first
        assert screen.query_one(StatusBar).search.startswith("match 1/2 ")
        await pilot.press("escape", "slash", *"家具", "enter")
        await pilot.pause()
        assert doc[text.cursor : text.cursor + 2] == "傢俱"
