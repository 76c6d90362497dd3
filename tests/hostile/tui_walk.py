"""Walk the app through hostile plans, notes and a hostile library, and check every frame.

    python -m tests.hostile.tui_walk reader|library PATH --db DB [--index INDEX]

Run by test_tui_output.py in a limited child (limited.py: memory and time bounded). At each
step every segment of every strip the screen would send to the terminal (header and toasts
included) is checked: no character a terminal acts on (core/safe_text.py), no hyperlink (a
title read as markup makes one), and the terminal guard (tui/terminal_guard.py) finds nothing to
remove. Prints one line per problem and exits 1 if there was any, 0 otherwise; an exception in
the app is a traceback and exit status 1 too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import sys
from pathlib import Path

from textual.pilot import Pilot

from tests.hostile import builders as b

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
problems: list[str] = []
seen: list[str] = []  # the text of every frame checked


def check(pilot: Pilot, step: str) -> None:
    from zoneplan_tui.tui.terminal_guard import guard

    app = pilot.app
    strips = app.screen._compositor.render_strips()
    text = []
    for y, strip in enumerate(strips):
        for segment in strip:
            if segment.control:
                continue
            found = RAW.search(segment.text)
            if found:
                problems.append(f"{step}: row {y}: {found.group()!r} in {segment.text[:60]!r}")
            if segment.style is not None and segment.style.link:
                problems.append(f"{step}: row {y}: a link to {segment.style.link!r}")
        text.append(strip.text)
    update = app.screen._compositor.render_full_update()
    before = [[list(s) for s in row] for row in update.strips]
    guard(update)
    if [[list(s) for s in row] for row in update.strips] != before:
        problems.append(f"{step}: the terminal guard had to remove characters")
    seen.append("\n".join(text))


async def settle(pilot: Pilot) -> None:
    from textual.worker import WorkerCancelled

    for _ in range(2):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def paste(pilot: Pilot, text: str) -> None:
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def step(pilot: Pilot, name: str, *keys: str) -> None:
    if keys:
        await pilot.press(*keys)
    await settle(pilot)
    check(pilot, name)


async def walk_reader(plans: list[Path], db: Path) -> None:
    from tests.tui.helpers import ready
    from zoneplan_tui.notes.store import NotesStore
    from zoneplan_tui.tui.app import ZoneplanApp
    from zoneplan_tui.tui.screens.note_editor import NoteEditor

    app = ZoneplanApp(plans, store=NotesStore.open(db))
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await ready(pilot)
        await step(pilot, "reader")
        await step(pilot, "figures", "f")
        await step(pilot, "notes panel", "a")
        await step(pilot, "back to the text", "escape")
        await pilot.press("slash")
        await paste(pilot, f"总体{b.CSI_2J}[/]{b.OSC0}")
        await step(pilot, "a search in the plan", "enter")
        await step(pilot, "the palette", "ctrl+p", *"总体")
        await step(pilot, "palette closed", "escape")
        await step(pilot, "help", "question_mark")
        await step(pilot, "help closed", "escape")
        await step(pilot, "the document switcher", "d")
        await step(pilot, "switcher closed", "escape")
        # The note with escapes, imported on line 4; then a new one, pasted.
        screen.go_to_line(4)
        await step(pilot, "edit an imported note", "n")
        if isinstance(app.screen, NoteEditor):
            await step(pilot, "note editor closed", "escape")
        screen.go_to_line(6)
        await step(pilot, "a new note", "n")
        if isinstance(app.screen, NoteEditor):
            await paste(pilot, f"粘贴{b.ESCAPES}{b.MARKUP}")
            await step(pilot, "pasted", "tab", *"标签", ",")
            await step(pilot, "saved", "ctrl+s")
        await step(pilot, "tags", "T")
        await step(pilot, "a tag picked", "end", "enter")
        await step(pilot, "tags again", "T")
        await step(pilot, "tags closed", "escape")
        await step(pilot, "the next plan", "d", "down", "enter")
        await step(pilot, "quit", "q")


async def walk_library(folder: Path, db: Path, index: Path) -> None:
    from tests.tui.helpers import library_ready
    from zoneplan_tui.notes.store import NotesStore
    from zoneplan_tui.tui.app import ZoneplanApp
    from zoneplan_tui.tui.library_source import LibrarySource

    source = LibrarySource([folder], index_path=index, folders_path=index.with_name("f.json"))
    app = ZoneplanApp([], store=NotesStore.open(db), library=source)
    async with app.run_test(size=(110, 36)) as pilot:
        await library_ready(pilot)
        await step(pilot, "library")
        for row in range(3):
            await step(pilot, f"library row {row}", "down")
        await pilot.press("slash")
        await paste(pilot, f"招商{b.OSC52}[/bold]")
        await step(pilot, "search results", "enter")
        await step(pilot, "a hit opened", "enter")
        await step(pilot, "back to the results", "escape", "escape")
        await step(pilot, "back to the library", "escape")
        await step(pilot, "targets", "T")
        await step(pilot, "a chart", "enter")
        await step(pilot, "plans as columns", "escape", "p")
        await step(pilot, "back", "escape", "escape")
        await step(pilot, "a plan opened", "enter")
        await step(pilot, "its figures", "f")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("reader", "library"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--expect", action="append", default=[], help="text some frame shows")
    args = parser.parse_args()
    if args.what == "reader":
        asyncio.run(walk_reader(args.paths, args.db))
    else:
        assert args.index is not None
        asyncio.run(walk_library(args.paths[0], args.db, args.index))
    frames = "\n".join(seen)
    for expected in args.expect:
        if expected not in frames:
            problems.append(f"no frame shows {expected!r}")
    for problem in problems:
        print(problem)
    print(f"{len(seen)} frames checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
