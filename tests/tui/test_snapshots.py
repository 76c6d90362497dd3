"""Snapshots of the main screens (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from tests.conftest import sample_path
from tests.tui.helpers import make_app, ready

WUQING = sample_path("000_85363b721c052c01")
REDACTED = sample_path("002_5295ecfae469fdd1")


def test_reader_main_screen(snap_compare):
    async def run_before(pilot):
        await ready(pilot)

    assert snap_compare(make_app(WUQING), terminal_size=(120, 40), run_before=run_before)


def test_reader_after_section_jump_with_highlighted_figures(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(make_app(WUQING), terminal_size=(120, 40), run_before=run_before)


def test_figures_panel_on_a_redacted_plan(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(make_app(REDACTED), terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(WUQING), terminal_size=(100, 40), run_before=run_before)


def test_library_screen(snap_compare, tmp_path):
    from tests.tui.helpers import library_ready, make_library_app, settle

    async def run_before(pilot):
        await library_ready(pilot)
        await settle(pilot)  # the keywords of the first plan

    app = make_library_app(tmp_path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_targets_chart(snap_compare, tmp_path):
    from textual.widgets import DataTable

    from tests.tui.helpers import library_ready, make_library_app, settle

    async def run_before(pilot):
        await library_ready(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("f", *"固定资产投资", "enter")
        screen = pilot.app.screen
        table = screen.query_one("#targets-table", DataTable)
        table.move_cursor(row=next(i for i, r in enumerate(screen.shown) if r.growth))
        await pilot.press("enter")
        await pilot.pause()

    app = make_library_app(tmp_path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_compare_screen(snap_compare, tmp_path):
    from tests.tui.helpers import make_library_app
    from tests.tui.test_compare_screen import make_editions, open_compare

    old, new = make_editions(tmp_path / "plans")

    async def run_before(pilot):
        await open_compare(pilot, old, new)
        await pilot.press("n")
        await pilot.pause()

    app = make_library_app(tmp_path, folder=tmp_path / "plans")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
