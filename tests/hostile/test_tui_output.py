"""The app on hostile plans, notes and a hostile library (tui_walk.py, in limited children):
every frame free of what a terminal acts on and of hyperlinks, markup shown as text, no
exception, within the memory and time the other hostile runs get."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.hostile.conftest import Hostile
from tests.hostile.limited import Run, run_limited

# The walks start the app (Textual, and jieba for the note editor's suggestions and the
# library): more time than one command, the same memory.
WALK_SECONDS = 60


def _walk(argv: list) -> Run:
    return run_limited(argv, module="tests.hostile.tui_walk", timeout=WALK_SECONDS)


def test_the_app_shows_hostile_plans_and_a_hostile_library_safely(hostile: Hostile, tmp_path):
    db = tmp_path / "notes.json"
    plans = [hostile.files["escape-plan"], hostile.files["markup-plan"]]
    from zoneplan_tui.cli.command import main

    assert main(["notes", "import", str(hostile.files["escape-import"]), "--db", str(db)]) == 0
    reader = ["reader", *plans, "--db", db, "--expect", "␛]52;c;", "--expect", "[/link][/]"]
    library = ["library", hostile.folders["escapes"], "--db", db]
    library += ["--index", tmp_path / "ix.sqlite3", "--expect", "[red]f[on"]
    library += ["--expect", "hits in", "--expect", "indicators"]
    with ThreadPoolExecutor(2) as pool:  # mostly waiting on the app: side by side
        runs = list(pool.map(_walk, [reader, library]))
    for run in runs:
        assert run.returncode == 0, f"{run.describe()}\n{run.stdout.decode()}"
        assert "Traceback" not in run.stderr, run.describe()
        assert "frames checked" in run.stdout.decode()
