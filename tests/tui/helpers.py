"""Shared helpers for the Pilot tests of the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

import zoneplan_tui.tui
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.reader import ReaderScreen

# For test apps that push one of the app's screens: its styles live in the app's stylesheet.
APP_CSS = str(Path(zoneplan_tui.tui.__file__).with_name("zoneplan.tcss"))


async def ready(pilot: Pilot) -> ReaderScreen:
    """Wait until the reader has its document and analysis (both load in a worker)."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.plan is not None:
            await pilot.pause()
            return screen
    raise AssertionError("the reader never finished loading")


def make_app(*paths: Path, store: Any = None) -> ZoneplanApp:
    return ZoneplanApp(list(paths), store=store)
