"""Shared helpers for the Pilot tests of the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

import zoneplan_tui.tui
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.screens.reader import ReaderScreen

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


def make_library_app(index_dir: Path, folder: Path | None = None, store: Any = None) -> ZoneplanApp:
    """The app on a library (default: the bundled samples), its index and folder list in
    `index_dir` so no test touches the user's cache."""
    from tests.conftest import SAMPLES
    from zoneplan_tui.tui.library_source import LibrarySource

    source = LibrarySource(
        [folder or SAMPLES],
        index_path=index_dir / "index.sqlite3",
        folders_path=index_dir / "folders.json",
    )
    return ZoneplanApp([], store=store, library=source)


async def wait_workers(pilot: Pilot) -> None:
    """Wait for the workers; an exclusive one cancelled by its successor is not a failure."""
    from textual.worker import WorkerCancelled

    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await pilot.pause()


async def library_ready(pilot: Pilot) -> Any:
    """Wait until the library has indexed its plans and filled its table."""
    from zoneplan_tui.tui.screens.library import LibraryScreen

    app = pilot.app
    for _ in range(300):
        await wait_workers(pilot)
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, LibraryScreen) and not screen.indexing:
            await wait_workers(pilot)
            await pilot.pause()
            return screen
    raise AssertionError("the library never finished indexing")


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages arrive."""
    for _ in range(3):
        await wait_workers(pilot)
        await pilot.pause()
