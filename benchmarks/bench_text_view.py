"""Benchmark the text pane on a 2 MB plan (the sample plans repeated).

Run: .venv/bin/python benchmarks/bench_text_view.py [--size-mb 2] [--width 120 --height 40]

Prints:
* time from start (before the App is created) until the first screen of the document has been
  rendered by the headless compositor (target < 1.5 s), and the widget's share of it;
* time for 20 PageDowns sent as key presses through Pilot, including the repaints
  (target < 1 s), and the widget-only cost of the same;
* re-wrap time on resize, the folding of the text for search, and a search for a common word
  (in Simplified and in Traditional: both find the same).
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()  # before Textual is imported: "from start" includes imports

import argparse  # noqa: E402
import asyncio  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.strip import Strip  # noqa: E402

from zoneplan_tui.core.textmatch import fold  # noqa: E402
from zoneplan_tui.tui.widgets.text_view import TextView  # noqa: E402

TARGET_FIRST_PAINT = 1.5
TARGET_PAGE_DOWNS = 1.0


def build_text(megabytes: float) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    base = "\n".join(parts) + "\n"
    copies = int(megabytes * 1024 * 1024 // len(base.encode("utf-8"))) + 1
    return base * copies


class TimedTextView(TextView):
    """Records when the first non-empty document row is rendered, and what was painted."""

    first_row_at: float | None = None
    painted_top = -1  # scroll row of the last render_line(0)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.first_row_at is None and self.row_count > 1 and strip.text.strip():
            self.first_row_at = time.perf_counter()
        if y == 0:
            self.painted_top = self.scroll_offset.y
        return strip


class BenchApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.load_seconds = 0.0

    def compose(self) -> ComposeResult:
        yield TimedTextView()

    def on_mount(self) -> None:
        view = self.query_one(TimedTextView)
        started = time.perf_counter()
        view.load(self.text)
        self.load_seconds = time.perf_counter() - started
        view.focus()


def verdict(seconds: float, target: float) -> str:
    return "OK" if seconds < target else "SLOW"


async def run(megabytes: float, width: int, height: int) -> None:
    text = build_text(megabytes)
    size_mb = len(text.encode("utf-8")) / 1024 / 1024
    print(f"document: {size_mb:.2f} MB, {len(text):,} characters, {text.count(chr(10)):,} lines")

    started = time.perf_counter()
    app = BenchApp(text)
    async with app.run_test(size=(width, height)) as pilot:
        view = app.query_one(TimedTextView)
        while view.first_row_at is None:
            await pilot.pause(0.005)
        first_paint = view.first_row_at - started
        from_process = view.first_row_at - PROCESS_START
        print(
            f"first paint-ready: {first_paint:.3f} s after App() / {from_process:.3f} s after "
            f"process start incl. imports (target < {TARGET_FIRST_PAINT} s: "
            f"{verdict(from_process, TARGET_FIRST_PAINT)}); load() incl. full wrap: "
            f"{app.load_seconds:.3f} s; {view.row_count:,} rows at {width} columns"
        )

        # 1. As a user would press them: each key is processed and its frame painted before the
        #    next. Keys go straight to the driver; we wait (yielding to the event loop) until the
        #    compositor has rendered the new top row.
        driver = app._driver
        assert driver is not None
        started = time.perf_counter()
        for _ in range(20):
            before = view.scroll_offset.y
            key = events.Key("pagedown", None)
            key.set_sender(app)
            driver.send_message(key)
            while view.scroll_offset.y == before or view.painted_top != view.scroll_offset.y:
                await asyncio.sleep(0)
        pages = time.perf_counter() - started
        print(
            f"20 PageDowns (key -> painted frame, each): {pages:.3f} s  (target < "
            f"{TARGET_PAGE_DOWNS} s: {verdict(pages, TARGET_PAGE_DOWNS)}); "
            f"top row now {view.scroll_offset.y:,}"
        )

        # 2. Through Pilot.press, which adds fixed idle waits per key; the same number of
        #    presses of an unbound key is measured as the harness baseline.
        started = time.perf_counter()
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause()
        pilot_pages = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(20):
            await pilot.press("f12")
        await pilot.pause()
        baseline = time.perf_counter() - started
        print(
            f"20 PageDowns via Pilot.press: {pilot_pages:.3f} s, of which Pilot's own waits "
            f"(20 unbound keys): {baseline:.3f} s -> {pilot_pages - baseline:.3f} s of work"
        )

        visible = view.scrollable_content_region.height
        started = time.perf_counter()
        for _ in range(20):
            view.action_page_down()
            for y in range(visible):
                view.render_line(y)
        widget_only = time.perf_counter() - started
        print(f"20 PageDowns (widget only, render {visible} rows each): {widget_only:.3f} s")

        started = time.perf_counter()
        await pilot.resize_terminal(width - 37, height)
        await pilot.pause()
        resize = time.perf_counter() - started
        print(f"resize to {width - 37} columns (re-wrap + repaint): {resize:.3f} s")

        # The search folds the text once (OpenCC phrases, the character table, NFKC), in the
        # reader's loading worker; then each search is a scan of the folded text.
        started = time.perf_counter()
        folded = fold(view.text)
        folding = time.perf_counter() - started
        print(f"fold the text for search (once, in a worker): {folding:.3f} s")
        view.set_search_text(view.text, folded)
        started = time.perf_counter()
        count = view.search("发展")
        searched = time.perf_counter() - started
        print(f"search '发展': {count:,} matches in {searched:.3f} s")
        started = time.perf_counter()
        count = view.search("發展")
        searched = time.perf_counter() - started
        print(f"search '發展' (Traditional): {count:,} matches in {searched:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args()
    asyncio.run(run(args.size_mb, args.width, args.height))


if __name__ == "__main__":
    main()
