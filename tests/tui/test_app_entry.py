"""`zoneplan [PATH ...]` chooses the screen: files open the reader, a folder (or nothing: the
bundled samples) opens the library. The app is not run: `App.run` is replaced."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable, ProgressBar

from tests.conftest import SAMPLES, sample_path
from tests.tui.helpers import library_ready, make_library_app
from zoneplan_tui import cli
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.library import LibraryScreen


@pytest.fixture
def launched(monkeypatch):
    apps: list[ZoneplanApp] = []
    monkeypatch.setattr(ZoneplanApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_no_argument_opens_the_library_of_the_samples(launched, tmp_path):
    assert cli.main(["--index", str(tmp_path / "i.sqlite3")]) == 0
    (app,) = launched
    assert app.library is not None
    assert [f.resolve() for f in app.library.folders] == [SAMPLES.resolve()]
    assert app.library.index_path == tmp_path / "i.sqlite3"
    assert not app.library.remember  # the samples are not a folder of the user's


def test_a_folder_opens_the_library_and_is_remembered(launched, tmp_path):
    assert cli.main([str(SAMPLES), "--index", str(tmp_path / "i.sqlite3")]) == 0
    (app,) = launched
    assert app.library is not None and app.library.remember


def test_files_open_the_reader(launched):
    files = [sample_path("000_85363b721c052c01"), sample_path("004_abaae5a951e12ace")]
    assert cli.main([str(f) for f in files]) == 0
    (app,) = launched
    assert app.library is None and app.paths == files


def test_a_folder_without_plans_is_one_line_before_the_app(launched, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert cli.main([str(tmp_path / "empty"), "--index", str(tmp_path / "i.sqlite3")]) == 2
    assert not launched
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no plans" in err


async def test_first_paint_does_not_wait_for_indexing(tmp_path, monkeypatch):
    """While the index is being built the table is on screen, with a progress bar."""
    release = threading.Event()

    def slow_refresh(self, store=None, progress=None):
        progress(1, 5, "a.txt")
        release.wait(20)
        self.plans = []
        from zoneplan_tui.library.index import UpdateReport

        return UpdateReport()

    monkeypatch.setattr(LibrarySource, "refresh", slow_refresh)
    app = make_library_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.screen.query(ProgressBar) and app.screen.query_one(ProgressBar).total:
                break
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and screen.indexing
        bar = screen.query_one(ProgressBar)
        assert bar.display and bar.total == 5 and bar.progress == 1
        assert screen.query_one("#library-table", DataTable).is_mounted
        release.set()
        await library_ready(pilot)
        assert not screen.query_one(ProgressBar).display
