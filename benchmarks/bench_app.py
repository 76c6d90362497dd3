"""Benchmark the whole reader (ZoneplanApp) on a 2 MB plan: first paint and 20 PageDowns.

Run: .venv/bin/python benchmarks/bench_app.py [--size-mb 2]

Unlike bench_text_view.py this runs the real app: the document loads in a worker, and the outline
and figures of all 2 MB are parsed in a thread while the reader pages, so the figures include the
cost of that background work competing for the interpreter.
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

from zoneplan_tui.tui.app import ZoneplanApp  # noqa: E402
from zoneplan_tui.tui.widgets.text_view import TextView  # noqa: E402

painted: dict[str, float | int] = {}
_original_render_line = TextView.render_line


def _timed_render_line(self: TextView, y: int):  # type: ignore[no-untyped-def]
    strip = _original_render_line(self, y)
    if "first" not in painted and self.row_count > 1 and strip.text.strip():
        painted["first"] = time.perf_counter()
    if y == 0:
        painted["top"] = self.scroll_offset.y
    return strip


TextView.render_line = _timed_render_line  # type: ignore[method-assign]


def build_plan(megabytes: float, folder: Path) -> Path:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    base = "\n".join(parts) + "\n"
    copies = int(megabytes * 1024 * 1024 // len(base.encode("utf-8"))) + 1
    path = folder / "big-plan.txt"
    path.write_text(base * copies, encoding="utf-8")
    return path


async def run(megabytes: float, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_plan(megabytes, Path(tmp))
        print(f"plan: {path.stat().st_size / 1e6:.2f} MB")
        started = time.perf_counter()
        app = ZoneplanApp([path])
        async with app.run_test(size=(width, height)) as pilot:
            while "first" not in painted:
                await pilot.pause(0.005)
            first = painted["first"]
            print(
                f"first screen of text: {first - started:.3f} s after App(), "
                f"{first - PROCESS_START:.3f} s after process start (target < 1.5 s)"
            )
            view = app.screen.query_one(TextView)
            driver = app._driver
            assert driver is not None
            t0 = time.perf_counter()
            for _ in range(20):
                before = view.scroll_offset.y
                key = events.Key("pagedown", None)
                key.set_sender(app)
                driver.send_message(key)
                while view.scroll_offset.y == before or painted.get("top") != view.scroll_offset.y:
                    await asyncio.sleep(0.0005)
            pages = time.perf_counter() - t0
            analysed = app.screen.plan is not None  # type: ignore[attr-defined]
            print(
                f"20 PageDowns, key to painted frame: {pages:.3f} s (target < 1 s); "
                f"analysis {'finished' if analysed else 'still running'} by then"
            )
            while app.screen.plan is None:  # type: ignore[attr-defined]
                await pilot.pause(0.01)
            print(f"outline + figures ready: {time.perf_counter() - started:.3f} s after App()")
            t0 = time.perf_counter()
            for _ in range(20):
                before = view.scroll_offset.y
                key = events.Key("pagedown", None)
                key.set_sender(app)
                driver.send_message(key)
                while view.scroll_offset.y == before or painted.get("top") != view.scroll_offset.y:
                    await asyncio.sleep(0.0005)
            print(f"20 more PageDowns with highlighting on: {time.perf_counter() - t0:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args()
    asyncio.run(run(args.size_mb, args.width, args.height))


if __name__ == "__main__":
    main()
