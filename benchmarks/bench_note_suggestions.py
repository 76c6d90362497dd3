"""The note editor: how soon tag suggestions appear after `n`, and how long a keystroke waits.

    .venv/bin/python benchmarks/bench_note_suggestions.py [--keys 40] [--runs 3]

Drives the real app with Pilot (headless, 120×40) on a sample plan with an empty notes file:

* idle: the plan is open and the app idle (the keyword extractor warmed in the background after
  the plan appeared); then `n` on the paragraph under the cursor, and the time until the
  editor shows its suggestions (target ≤ 0.3 s); then each of `--keys` characters typed into the
  note, from the key sent to the text area holding it (target: none over 50 ms);
* right away: the same from a fresh app, `n` and typing as soon as the plan is on screen, while
  the warm-up may still run (for information: this is when a stall would show).

Each run is a fresh process (the extractor is loaded once per process), figures are per run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN = ROOT / "sample_docs" / "wuqing-2019-work-points.txt"
TEXT = "核实数据来源并与上年度完成情况对比"


async def drive(db: Path, keys: int, wait_idle: bool) -> dict:
    from textual import events

    from zoneplan_tui.library import keywords
    from zoneplan_tui.notes.store import NotesStore
    from zoneplan_tui.tui.app import ZoneplanApp
    from zoneplan_tui.tui.screens.note_editor import NoteEditor
    from zoneplan_tui.tui.screens.reader import ReaderScreen

    app = ZoneplanApp([PLAN], store=NotesStore.open(db))
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, ReaderScreen) and app.screen.doc is not None):
            await pilot.pause(0.01)
        await pilot.pause(0.05)
        if wait_idle:
            while not keywords.is_ready():
                await pilot.pause(0.05)
            await pilot.pause(0.2)
        view = app.screen.text_view
        view.move_cursor(app.screen.doc.line_start(12))
        driver = app._driver
        assert driver is not None
        key = events.Key("n", "n")
        key.set_sender(app)
        t0 = time.perf_counter()
        driver.send_message(key)  # as a terminal's key arrives: no Pilot waits in the figure
        while not isinstance(app.screen, NoteEditor):
            await asyncio.sleep(0.0005)
        editor = app.screen
        t_editor = time.perf_counter() - t0
        while editor.suggestions is None:
            await asyncio.sleep(0.001)
        suggested = time.perf_counter() - t0
        area = editor.note_area
        area.focus()
        await pilot.pause(0.05)
        waits = []
        for ch in (TEXT * (keys // len(TEXT) + 1))[:keys]:
            before = area.text
            key = events.Key(ch, ch)
            key.set_sender(app)
            t = time.perf_counter()
            driver.send_message(key)
            while area.text == before:
                await asyncio.sleep(0.0005)
            waits.append(time.perf_counter() - t)
        return {
            "suggestions": suggested,
            "editor": t_editor,
            "tags": len(editor.suggestions or []),
            "max_key": max(waits),
            "median_key": sorted(waits)[len(waits) // 2],
        }


def child(db: str, keys: int, wait_idle: bool) -> None:
    print(json.dumps(asyncio.run(drive(Path(db), keys, wait_idle))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keys", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2] == "idle")
        return
    for mode in ("idle", "right away"):
        print(f"{mode}:")
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [sys.executable, __file__, "--child", str(Path(tmp, "n.json")),
                       str(args.keys), "idle" if mode == "idle" else "now"]  # fmt: skip
                done = subprocess.run(cmd, capture_output=True, text=True, check=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                print(
                    f"  suggestions after n: {r['suggestions']:.3f} s ({r['tags']} tags; editor "
                    f"open after {r['editor']:.3f} s); "
                    f"keystrokes: median {r['median_key'] * 1000:.1f} ms, "
                    f"longest {r['max_key'] * 1000:.1f} ms"
                )
    print("targets (idle): suggestions ≤ 0.3 s, no keystroke over 50 ms")


if __name__ == "__main__":
    main()
