"""The colour legend of figure kinds (figures panel, help) and the kind of the figure under the
cursor in the status line."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import sample_path
from tests.tui.helpers import make_app, ready
from zoneplan_tui.core.figures import KINDS, extract_figures
from zoneplan_tui.tui.screens.dialogs import HelpScreen
from zoneplan_tui.tui.styles import figure_style
from zoneplan_tui.tui.widgets.figure_legend import KIND_EXAMPLES, kind_legend
from zoneplan_tui.tui.widgets.figures_panel import FiguresPanel
from zoneplan_tui.tui.widgets.status_bar import StatusBar
from zoneplan_tui.tui.widgets.text_view import TextView

WUQING = sample_path("000_85363b721c052c01")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_an_example_that_the_extractor_reads_as_that_kind(kind):
    example = KIND_EXAMPLES[kind]
    assert [(f.text, f.kind) for f in extract_figures(example)] == [(example, kind)]


@pytest.mark.parametrize("dark", [True, False])
def test_the_legend_draws_each_kind_in_the_colour_of_the_text_view(dark):
    legend = kind_legend(dark)
    plain = legend.plain
    for kind in KINDS:
        start = plain.index(f" {kind} ")
        styles = {str(span.style) for span in legend.spans if span.start == start}
        assert styles == {figure_style(kind, dark)}
        assert KIND_EXAMPLES[kind] in plain


async def test_the_figures_panel_and_the_help_show_the_legend():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        panel = screen.query_one(FiguresPanel)
        legend = panel.query_one("#figures-legend", Static)
        assert legend.display and legend.region.height >= 1
        shown = str(legend.render())
        assert all(f" {kind} " in shown for kind in KINDS)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.legend is not None
        assert help_screen.legend.plain == kind_legend(app.current_theme.dark).plain
        shown = app.export_screenshot()  # SVG: the text of every row is in it
        assert "Figure&#160;colours" in shown or "Figure colours" in shown
        assert "placeholder" in shown and "xx家" in shown


async def test_the_status_line_names_the_kind_of_the_figure_under_the_cursor():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        status = screen.query_one(StatusBar)
        view = screen.query_one(TextView)
        dark = app.current_theme.dark
        seen = set()
        for figure in screen.plan.figures:
            if figure.kind in seen:
                continue
            seen.add(figure.kind)
            view.move_cursor(figure.start)
            await pilot.pause()
            assert status.kind == (figure.kind, figure_style(figure.kind, dark))
            assert f" {figure.kind} " in str(status.render())
        assert len(seen) >= 3
        # Off any figure, no kind.
        gap = next(
            i for i in range(len(screen.doc.text)) if screen.figure_at(i) is None and i > 100
        )
        view.move_cursor(gap)
        await pilot.pause()
        assert status.kind == ("", "")
