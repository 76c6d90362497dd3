"""The settings file in the app: its theme (and the palette's choice written back), the outline
width, and a bad file as one line before the app starts."""

from __future__ import annotations

import pytest

from tests.conftest import sample_path
from tests.tui.helpers import ready
from zoneplan_tui import cli
from zoneplan_tui.core.config import Config, ConfigError, load_config
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree

WUQING = sample_path("000_85363b721c052c01")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(path))
    return path


async def test_the_theme_chosen_is_saved_and_used_next_time(settings):
    settings.parent.mkdir()
    settings.write_text('# mine\noutline_width = 30\n[keys]\n"reader.quit" = "q"\n', "utf-8")
    app = ZoneplanApp([WUQING], config=load_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "dracula"  # what the palette's Theme command does
        await pilot.pause()
    text = settings.read_text("utf-8")
    assert 'theme = "dracula"' in text and text.startswith("theme")
    assert "# mine" in text and '"reader.quit" = "q"' in text  # the rest as it was
    again = ZoneplanApp([WUQING], config=load_config())
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert again.theme == "dracula"


async def test_without_settings_nothing_is_written(settings):
    app = ZoneplanApp([WUQING])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "dracula"
        await pilot.pause()
    assert not settings.exists()


@pytest.mark.parametrize(("width", "cells"), [(30, 30), ("50%", 60)])
async def test_the_outline_width_comes_from_the_settings(width, cells):
    app = ZoneplanApp([WUQING], config=Config(outline_width=width))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.query_one(OutlineTree).outer_size.width == cells


def test_settings_the_app_cannot_use_are_refused_before_it_starts():
    with pytest.raises(ConfigError, match="theme 'textual-lite' is not one of the themes"):
        ZoneplanApp([WUQING], config=Config(theme="textual-lite"))
    with pytest.raises(ConfigError, match=r"names no binding 'reader\.next-sektion'"):
        ZoneplanApp([WUQING], config=Config(keys={"reader.next-sektion": "j"}))


@pytest.mark.parametrize(
    "content",
    ['theme = "textual-lite"\n', "theme = \n", '[keys]\n"nothing.here" = "x"\n'],
)
def test_a_bad_settings_file_is_one_line_and_the_app_does_not_run(
    settings, content, monkeypatch, capsys
):
    ran: list[ZoneplanApp] = []
    monkeypatch.setattr(ZoneplanApp, "run", lambda self, *a, **k: ran.append(self))
    settings.parent.mkdir()
    settings.write_text(content, "utf-8")
    assert cli.main([str(WUQING)]) == 2
    assert not ran
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(settings) in err


def test_the_command_line_hands_the_settings_to_the_app(settings, monkeypatch):
    ran: list[ZoneplanApp] = []
    monkeypatch.setattr(ZoneplanApp, "run", lambda self, *a, **k: ran.append(self))
    settings.parent.mkdir()
    settings.write_text('theme = "nord"\n[keys]\n"reader.figures" = "F"\n', "utf-8")
    assert cli.main([str(WUQING)]) == 0
    (app,) = ran
    assert app.config.theme == "nord" and app.keymap == {"reader.figures": "F"}
