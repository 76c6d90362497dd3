"""Shared helpers for the Pilot tests of the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.reader import ReaderScreen


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
