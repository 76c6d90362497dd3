"""The app in a served session (ZONEPLAN_ROOTS set): a plan outside the served folders does
not open, and the library does not list a link that leads out."""

from __future__ import annotations

import shutil

from tests.conftest import SAMPLES
from tests.tui.helpers import library_ready, make_app, make_library_app
from zoneplan_tui.core.confinement import ROOTS_ENV


async def test_the_reader_refuses_a_plan_outside_the_served_folders(tmp_path, monkeypatch):
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(SAMPLES / "haimen-2017-work-plan.txt", served / "plan.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SAMPLES / "wuqing-2019-work-points.txt", outside / "plan.txt")
    monkeypatch.setenv(ROOTS_ENV, str(served))
    # Reached by `..` from inside, as a typed path would be; the file exists and reads.
    app = make_app(served / ".." / "outside" / "plan.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause()
            if app._notifications:
                break
        messages = [str(n.message) for n in app._notifications]
    assert any("outside the served folders" in m for m in messages), messages


async def test_the_library_lists_only_what_lies_under_the_served_folders(tmp_path, monkeypatch):
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(SAMPLES / "haimen-2017-work-plan.txt", served / "plan.txt")
    (served / "link.txt").symlink_to(SAMPLES / "wuqing-2019-work-points.txt")
    monkeypatch.setenv(ROOTS_ENV, str(served))
    app = make_library_app(tmp_path / "index", served)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await library_ready(pilot)
        names = sorted(p.path.rsplit("/", 1)[-1] for p in screen.source.plans)
    assert names == ["plan.txt"]
