"""Outline parse time on about 1 MB of plan text (target: under 0.5 s per MB).

    .venv/bin/python benchmarks/bench_outline.py [--mb 1.0] [--repeat 5]

The text is built from the sample plans: each copy is varied (years and figures shifted, so no
two copies are identical) and every other copy is hard-wrapped at 38 characters, the way text
extracted from a PDF arrives, so both the one-paragraph-per-line and the wrapped paths run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zoneplan_tui.core.outline import parse_outline  # noqa: E402

WRAP = 38


def wrapped(text: str, width: int = WRAP) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([line[k : k + width] for k in range(0, len(line), width)] or [""])
    return "\n".join(out)


def build_text(megabytes: float) -> str:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = copy = 0
    while size < target:
        base = samples[copy % len(samples)]
        shift = copy // len(samples)
        varied = re.sub(r"\d+", lambda m, s=shift: str(int(m.group()) + s), base)
        part = wrapped(varied) if copy % 2 else varied
        parts.append(part)
        size += len(part.encode("utf-8")) + 1
        copy += 1
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of the text in MB (UTF-8)")
    ap.add_argument("--repeat", type=int, default=5, help="runs; the best one is reported")
    args = ap.parse_args()

    text = build_text(args.mb)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    times = []
    outline = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        outline = parse_outline(text)
        times.append(time.perf_counter() - start)
    assert outline is not None
    best = min(times)
    print(
        f"text: {size_mb:.2f} MB, {text.count(chr(10)) + 1} lines, {len(text)} characters; "
        f"outline: {len(outline.headings)} headings, {len(outline.inline_items)} inline items"
    )
    print(
        f"parse_outline: best {best:.3f} s, median {sorted(times)[len(times) // 2]:.3f} s "
        f"over {args.repeat} runs; {best / size_mb:.3f} s per MB (target < 0.5 s per MB)"
    )


if __name__ == "__main__":
    main()
