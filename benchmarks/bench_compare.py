"""Benchmark comparing two plans of about 200,000 characters: the report (`zoneplan compare
--format json` and `--format md`, in process: read, analyse, compare, every section's text
changes) and the compare screen (from the push to the first paint, and to the map filled).

Run: .venv/bin/python benchmarks/bench_compare.py [--file PLAN] [--repeat 3]

Plan A is PLAN, else benchmarks/corpus/files/guangxi-industry-it-12th-fyp.txt (a real plan of
214,622 characters; benchmarks/corpus_build.py makes it), else the samples joined into one plan
until it has 200,000 characters. Plan B is A edited by the rules the tests plant changes with
(tests/compare/edits.py): two chapters swapped and renumbered, a section dropped, a paragraph
added to every tenth section, every fifth target's number doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.compare.edits import blocks, drop, plan, siblings, swap  # noqa: E402
from zoneplan_tui.core.analysis import analyse  # noqa: E402
from zoneplan_tui.formats.load import load_document  # noqa: E402

CORPUS_PLAN = ROOT / "benchmarks/corpus/files/guangxi-industry-it-12th-fyp.txt"
TARGET_CHARS = 200_000
NEW_PARAGRAPH = "新增：推进园区数字化转型，建设智慧园区综合服务平台，提升企业服务效率。"


def plan_a(path: Path | None) -> str:
    if path is None and CORPUS_PLAN.exists():
        path = CORPUS_PLAN
    if path is not None:
        return load_document(path).text
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    out, k = [], 0
    while sum(map(len, out)) < TARGET_CHARS:
        out.append(parts[k % len(parts)])
        k += 1
    return "\n".join(out)


def plan_b(text: str) -> str:
    p = plan(text, "a.txt")
    top = min(h.level for h in p.outline.headings)
    groups = [g for g in siblings(p, top) if len(g) >= 3]
    if groups:
        p = plan(swap(p, groups[0], 1), "b.txt")
    deeper = [g for lvl in (top + 1, top) for g in siblings(p, lvl) if len(g) >= 3]
    if deeper:
        p = plan(drop(p, deeper[-1], 1), "b.txt")
    lines = p.doc.lines
    deepest = max(h.level for h in p.outline.headings)
    for b in reversed(blocks(p, deepest)[::10]):
        lines.insert(b.first + 1, NEW_PARAGRAPH)
    text = "\n".join(lines)
    counter = 0

    def double(m: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        return str(int(m.group(1)) * 2) + m.group(2) if counter % 5 == 0 else m.group(0)

    return re.sub(r"(\d{1,4})(个|家|亿元|万元|%)", double, text)


def time_report(a: Path, b: Path) -> dict[str, float]:
    from zoneplan_tui.library.compare import report
    from zoneplan_tui.library.compare.engine import compare_plans
    from zoneplan_tui.library.targets import _posseg_cached, plan_targets

    _posseg_cached.cache_clear()  # each run from cold, as a fresh `zoneplan compare`
    cpu = time.process_time()
    t0 = time.perf_counter()
    pa, pb = analyse(load_document(a)), analyse(load_document(b))
    t1 = time.perf_counter()
    ta, tb = plan_targets(pa), plan_targets(pb)
    t2 = time.perf_counter()
    c = compare_plans(pa, pb, a_targets=ta, b_targets=tb)
    t3 = time.perf_counter()
    report.to_json(c)
    report.to_markdown(c)
    t4 = time.perf_counter()
    counts = c.section_counts()
    return {
        "read+analyse": t1 - t0,
        "targets": t2 - t1,
        "compare": t3 - t2,
        "text changes+write": t4 - t3,
        "compare+write": t4 - t2,
        "total": t4 - t0,
        "total cpu": time.process_time() - cpu,
        "sections": float(sum(counts.values())),
        "changed sections": float(sum(n for k, n in counts.items() if k != "kept")),
    }


async def time_screen(a: Path, b: Path, stored: bool) -> dict[str, float]:
    """`stored`: the targets at hand, as the library's index holds them (the screen opened
    from the library); else the screen reads them."""
    from textual.app import App

    from tests.tui.helpers import APP_CSS
    from zoneplan_tui.tui.screens.compare import CompareScreen

    class Bench(App[None]):
        CSS_PATH = APP_CSS

    from zoneplan_tui.library.targets import plan_targets

    app = Bench()
    out: dict[str, float] = {}
    targets = {}
    if stored:
        for path in (a, b):
            p = analyse(load_document(path))
            targets[p.doc.sha256] = plan_targets(p)
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        screen = CompareScreen(a, b, stored_targets=targets.get if stored else None)
        start_worker = screen._compare
        painted: list[float] = []

        def after_first_paint() -> None:
            # The screen starts its worker after its first refresh: that is the paint.
            painted.append(time.perf_counter())
            start_worker()

        screen._compare = after_first_paint  # type: ignore[method-assign]
        await app.push_screen(screen)
        while not painted:
            await asyncio.sleep(0.005)
        out["first paint"] = painted[0] - started
        while screen.comparison is None:
            await asyncio.sleep(0.01)
        await pilot.pause()
        out["map filled"] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="plan A (default: see the docstring)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text_a = plan_a(args.file)
    text_b = plan_b(text_a)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        a.write_text(text_a, encoding="utf-8")
        b.write_text(text_b, encoding="utf-8")
        print(f"A: {len(text_a):,} characters; B: {len(text_b):,} characters")
        # The first run loads jieba's dictionaries, as a fresh `zoneplan compare` does.
        runs = [time_report(a, b) for _ in range(args.repeat)]
        first = runs[0]
        print(f"sections: {first['sections']:.0f}, not kept: {first['changed sections']:.0f}")
        for key in (
            "read+analyse",
            "targets",
            "compare",
            "text changes+write",
            "compare+write",
            "total",
            "total cpu",
        ):
            times = [r[key] for r in runs]
            median = statistics.median(times)
            print(f"report {key:<20} first {times[0]:6.2f} s   median {median:6.2f} s")
        for stored in (True, False):
            screens = [asyncio.run(time_screen(a, b, stored)) for _ in range(args.repeat)]
            how = "targets stored" if stored else "targets read"
            for key in ("first paint", "map filled"):
                times = [s[key] for s in screens]
                print(
                    f"screen ({how}) {key:<12} median {statistics.median(times):6.2f} s"
                    f"   max {max(times):.2f} s"
                )


if __name__ == "__main__":
    main()
