"""The library's search index on a library of many plans: build, reopen, query, memory.

    .venv/bin/python benchmarks/bench_library.py                # 1000 plans, ~20 MB
    .venv/bin/python benchmarks/bench_library.py --plans 200 --dir /some/disk

The library is made from the sample plans, each copy different (every digit redrawn, a number
in the title, a section of another sample appended), so no two files share a hash and the
analysis, the segmentation and the index all do the real work. Figures printed:

* first indexing: a fresh index over every plan (analysis, metadata, targets, jieba, FTS5), in
  one process and one transaction; also the share of it spent in jieba's segmentation;
* reopen: a new `SearchIndex` and `update()` over the same files with nothing changed;
* queries: median and worst time of a set of one-word, two-word, phrase and Traditional queries;
* peak memory: the process's maximum resident set (resource.getrusage).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zoneplan_tui.formats.load import find_plans, sample_docs_dir  # noqa: E402
from zoneplan_tui.library import index as search_index  # noqa: E402
from zoneplan_tui.library.index import SearchIndex  # noqa: E402

QUERIES = [
    "营商环境",
    "氢能",
    "招商",
    "固定资产投资",
    '"优化营商环境"',
    "招商 项目",
    "營商環境",
    "标准厂房",
    "量子计算机",  # no hit: the word index finds nothing, the substring scan runs
    "氫能產業",
]


def build_library(folder: Path, n: int, seed: int = 5) -> int:
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in find_plans(sample_docs_dir())]
    paragraphs = [para for s in samples for para in s.split("\n") if len(para) > 80]
    total = 0
    for i in range(n):
        base = samples[i % len(samples)]
        text = re.sub(r"\d", lambda _m: str(rng.randrange(10)), base)
        title, _, rest = text.partition("\n")
        extra = "\n".join(rng.sample(paragraphs, 12))
        text = f"{title}（第{i}号）\n{rest}\n\n十、其他事项\n{extra}\n"
        path = folder / f"plan-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--dir", help="where to build the library (default: a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp, "plans")
        folder.mkdir()
        size = build_library(folder, args.plans)
        files = find_plans(folder)
        print(f"library: {len(files)} plans, {size / 1e6:.1f} MB")

        # Time jieba's share by wrapping the one function that calls it for the text.
        seg = [0.0]
        words = search_index._words

        def timed_words(norm: str) -> str:
            t = time.perf_counter()
            try:
                return words(norm)
            finally:
                seg[0] += time.perf_counter() - t

        search_index._words = timed_words
        ix_path = Path(tmp, "index.sqlite3")
        t = time.perf_counter()
        with SearchIndex.open(ix_path) as ix:
            report = ix.update(files, prune=[folder])
        first = time.perf_counter() - t
        search_index._words = words
        print(
            f"first indexing: {first:.1f} s ({len(report.added)} plans; "
            f"jieba segmentation {seg[0]:.1f} s), index {ix_path.stat().st_size / 1e6:.0f} MB"
        )

        t = time.perf_counter()
        with SearchIndex.open(ix_path) as ix:
            again = ix.update(find_plans(folder), prune=[folder])
            reopen = time.perf_counter() - t
            print(f"reopen, nothing changed: {reopen * 1000:.0f} ms ({len(again.added)} indexed)")
            times = {}
            for q in QUERIES:
                ix.search(q, limit=50)  # warm the page cache once
                runs = []
                for _ in range(5):
                    t = time.perf_counter()
                    hits = ix.search(q, limit=50)
                    runs.append(time.perf_counter() - t)
                times[q] = (statistics.median(runs), len(hits))
            for q, (tq, nh) in times.items():
                print(f"  query {q:<16} {tq * 1000:6.1f} ms  {nh} hits")
            worst = max(tq for tq, _ in times.values())
            med = statistics.median(tq for tq, _ in times.values())
            print(f"query: median {med * 1000:.1f} ms, worst {worst * 1000:.1f} ms (limit 50)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
