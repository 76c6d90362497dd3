"""Throughput of the figure extractor: builds >= 1 MB of plan text from the samples, prints MB/s.

    .venv/bin/python benchmarks/bench_figures.py [--mb 1.0] [--repeat 5]

The target is 2 MB/s (1 MB in under 0.5 s). MB are megabytes of UTF-8, the size on disk.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zoneplan_tui.core.figures import extract_figures  # noqa: E402


def build_text(megabytes: float) -> str:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    if not samples:
        raise SystemExit("no sample_docs/*.txt to build the benchmark text from")
    chunk = "\n".join(samples)
    need = int(megabytes * 1_000_000)
    copies = need // len(chunk.encode("utf-8")) + 1
    return "\n".join([chunk] * copies)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of the text to scan, in MB")
    ap.add_argument("--repeat", type=int, default=5, help="runs; the best one is reported")
    args = ap.parse_args()
    text = build_text(args.mb)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    best = float("inf")
    count = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        count = len(extract_figures(text))
        best = min(best, time.perf_counter() - t0)
    print(f"{size_mb:.2f} MB, {len(text):,} chars, {count:,} figures")
    print(f"best of {args.repeat}: {best:.3f} s -> {size_mb / best:.2f} MB/s (target >= 2 MB/s)")


if __name__ == "__main__":
    main()
