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
