"""The library at scale: indexing, re-indexing, queries in-process and from the command line.

    .venv/bin/python benchmarks/bench_library.py                      # 100, 1,000, 3,000 plans
    .venv/bin/python benchmarks/bench_library.py --plans 100 --cli-reps 1
    .venv/bin/python benchmarks/bench_library.py --dir /tmp/zp-libs   # keep the libraries
    .venv/bin/python benchmarks/bench_library.py --plans 3000 --workers 0 --cli-reps 0  # CPU, alone

Each library is generated from the sample plans: plan i takes the front matter of one sample
and the top-level sections of it and of another sample, renumbers the top-level headings (一、
二、… or 1. 2. … in the first sample's style), redraws every other digit and numbers the title,
so no two plans share a hash and outline, figures, segmentation and the index all do the real
work (about 31 KB a plan: 3 / 31 / 93 MB). Per size, in a child process of its own (so that its
peak memory is its own):

* first index: a fresh index over every plan, with MB/s and the share spent segmenting words;
* reopen: a new index object and an update with nothing changed;
* one changed plan: a paragraph appended to one plan, then an update;
* queries in-process: median and p95 over five runs of each query, by group (plain words,
  quoted phrases of common words, Traditional), limit 50;
* peak memory: the child's maximum resident set;
* the command line: `zoneplan search QUERY DIR --json` (a process each: start-up, the index
  check of the folder, the query), median and p95 of the wall time over the 20 queries.

`--dir` keeps the generated plans (and reuses them on the next run); the index is always built
afresh. Run with the working tree's code: `sys.path` starts at the repository root. Where
PYTHONDONTWRITEBYTECODE is set, compile first (`python -m compileall -q zoneplan_tui`), as an
installation does: otherwise every command compiles zoneplan from source (~60 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES: dict[str, list[str]] = {
    "words": [
        "营商环境",
        "氢能",
        "招商",
        "固定资产投资",
        "招商 项目",
        "标准厂房",
        "量子计算机",  # no hit: every fallback runs
        "发展",  # in most units of every plan
        "企业 服务",
        "基础设施建设",
    ],
    "phrases": ['"推进工作"', '"优化营商环境"', '"加快推进"', '"重点项目"', '"服务企业"'],
    "traditional": ["營商環境", "氫能產業", '"優化營商環境"', "招商 項目", "基礎設施"],
}
_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + _CN[n - 11]
    return _CN[n // 10 - 1] + "十" + (_CN[n % 10 - 1] if n % 10 else "")


def _split(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(front matter lines, top-level sections as (title without marker, other lines))."""
    from zoneplan_tui.core.outline import parse_outline

    lines = text.split("\n")
    top = [h for h in parse_outline(text).headings if h.level == 1 and h.marker]
    if not top:
        return lines, []
    starts = [h.line - 1 for h in top] + [len(lines)]
    sections = [
        (h.title, lines[a + 1 : b]) for h, a, b in zip(top, starts, starts[1:], strict=False)
    ]
    return lines[: starts[0]], sections


# Redraw a digit, except in the markers of numbered headings (1. (2) （3）), which stay in order.
_DIGIT = re.compile(r"(?m)^[ \t\u3000]*\d+[.．、]|[（(]\d+[)）]|\d")
_TOP = "\x00"  # stands for a top-level marker until the plan is put together
PLAN_CHARS = 10_000  # about 31 KB of UTF-8 a plan


def build_library(folder: Path, n: int, seed: int = 5) -> int:
    """Write `n` generated plans into `folder`; returns their size in bytes."""
    from zoneplan_tui.formats.load import find_plans, sample_docs_dir

    rng = random.Random(seed)
    samples = [_split(p.read_text(encoding="utf-8")) for p in find_plans(sample_docs_dir())]
    total = 0
    for i in range(n):
        head, own = samples[i % len(samples)]
        others = [sec for k, s in enumerate(samples) if k != i % len(samples) for sec in s[1]]
        sections = list(own)
        chars = sum(len(x) for x in head) + sum(len(t) + sum(map(len, r)) for t, r in own)
        while chars < PLAN_CHARS:  # sections of the other samples, in a random order
            heading, rest = others.pop(rng.randrange(len(others)))
            sections.append((heading, rest))
            chars += len(heading) + sum(map(len, rest))
        title, *front = head or [""]
        lines = [*front]
        for heading, rest in sections:
            lines += [_TOP + heading, *rest]
        text = _DIGIT.sub(
            lambda m: m[0] if len(m[0]) > 1 else str(rng.randrange(10)), "\n".join(lines)
        )
        parts = text.split(_TOP)
        text = parts[0] + "".join(f"{_cn(k)}、{p}" for k, p in enumerate(parts[1:], 1))
        path = folder / f"plan-{i:05d}.txt"
        path.write_text(f"{title}（第{i}号）\n{text}\n", encoding="utf-8")
        total += path.stat().st_size
    return total


def library(base: Path, n: int) -> tuple[Path, int]:
    folder = base / f"plans-{n}"
    stamp = folder / ".complete"
    if not stamp.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for f in folder.glob("*.txt"):
            f.unlink()
        stamp.write_text(str(build_library(folder, n)))
    return folder, int(stamp.read_text())


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def child(folder: Path, size: int, work: Path, workers: int | None = None) -> dict:
    """Index and query one library (in its own process, for its peak memory)."""
    from zoneplan_tui.formats.load import find_plans
    from zoneplan_tui.library import index as search_index
    from zoneplan_tui.library.index import SearchIndex

    files = find_plans(folder)
    seg = [0.0]
    owner: ModuleType
    try:  # the segmenter of this tree: segment.cut_for_search, else (before) index._words
        from zoneplan_tui.library import segment

        owner, name = segment, "cut_for_search"
    except ImportError:
        owner, name = search_index, "_words"
    original = getattr(owner, name)

    def timed(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            seg[0] += time.perf_counter() - t

    setattr(owner, name, timed)
    ix_path = work / "index.sqlite3"
    t = time.perf_counter()
    cpu = _cpu()
    with SearchIndex.open(ix_path) as ix:
        report = ix.update(files, prune=[folder], workers=workers)
    first = time.perf_counter() - t
    first_cpu = _cpu() - cpu  # this process's and its worker processes' (waited for)
    setattr(owner, name, original)
    out: dict = {
        "plans": len(files),
        "mb": size / 1e6,
        "first": first,
        "first_cpu": first_cpu,
        "segment": seg[0],
        "added": len(report.added),
        "index_mb": ix_path.stat().st_size / 1e6,
    }
    with SearchIndex.open(ix_path) as ix:
        t = time.perf_counter()
        ix.update(find_plans(folder), prune=[folder])
        out["reopen"] = time.perf_counter() - t
        victim = files[len(files) // 2]
        before = victim.read_text(encoding="utf-8")
        try:
            victim.write_text(
                before + "\n发展量子计算机产业，建设新型研发机构。\n", encoding="utf-8"
            )
            t = time.perf_counter()
            changed = ix.update(find_plans(folder), prune=[folder])
            out["changed"] = time.perf_counter() - t
            assert changed.added == [str(victim)], changed.added
        finally:
            victim.write_text(before, encoding="utf-8")
            os.utime(victim)
        ix.update(find_plans(folder), prune=[folder])
        groups: dict[str, dict] = {}
        for group, queries in QUERIES.items():
            runs: list[float] = []
            cpus: list[float] = []
            per: dict[str, tuple[float, int]] = {}
            for q in queries:
                hits = ix.search(q, limit=50)  # warm
                mine = []
                for _ in range(5):
                    t, c = time.perf_counter(), time.process_time()
                    hits = ix.search(q, limit=50)
                    mine.append(time.perf_counter() - t)
                    cpus.append(time.process_time() - c)
                runs += mine
                per[q] = (statistics.median(mine), len(hits))
            groups[group] = {
                "median": statistics.median(runs),
                "p95": _pct(runs, 0.95),
                "cpu_p95": _pct(cpus, 0.95),
                "queries": per,
            }
        out["queries"] = groups
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended."""
    return sum(
        u.ru_utime + u.ru_stime
        for u in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )


def cli_times(folder: Path, work: Path, reps: int) -> list[float]:
    env = dict(os.environ)  # the cache is the indexing child's: its word table is there
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(work / var.lower())
    env["PYTHONPATH"] = str(ROOT)
    exe = Path(sys.executable).with_name("zoneplan")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "zoneplan_tui.cli.command"]
    index, db = str(work / "index.sqlite3"), str(work / "notes.json")
    subprocess.run(
        [*cmd, "search", "x", str(folder), "--index", index, "--db", db, "--json"],
        env=env,
        capture_output=True,
        check=True,
    )
    times = []
    for _ in range(reps):
        for q in (q for group in QUERIES.values() for q in group):
            t = time.perf_counter()
            subprocess.run(
                [*cmd, "search", q, str(folder), "--index", index, "--db", db, "--json"],
                env=env,
                capture_output=True,
                check=True,
            )
            times.append(time.perf_counter() - t)
    return times


def report(r: dict, cli: list[float]) -> None:
    ms = 1000
    print(
        f"\n{r['plans']:,} plans, {r['mb']:.1f} MB: first index {r['first']:.1f} s "
        f"({r['mb'] / r['first']:.2f} MB/s; segmenting {r['segment']:.1f} s), "
        f"index file {r['index_mb']:.0f} MB"
    )
    if "first_cpu" in r:
        print(
            f"  first index CPU {r['first_cpu']:.1f} s, workers included "
            f"({r['first_cpu'] / r['plans'] * ms:.1f} ms a plan; "
            f"{r['mb'] / r['first_cpu']:.2f} MB per CPU second)"
        )
    print(
        f"  reopen, nothing changed {r['reopen'] * ms:.0f} ms; one changed plan "
        f"{r['changed'] * ms:.0f} ms; peak memory {r['peak_mib']:.0f} MiB"
    )
    for group, g in r["queries"].items():
        print(
            f"  {group:<12} median {g['median'] * ms:7.1f} ms  p95 {g['p95'] * ms:7.1f} ms"
            f"  (CPU p95 {g.get('cpu_p95', 0) * ms:.1f} ms)"
        )
        for q, (t, hits) in g["queries"].items():
            print(f"      {q:<18} {t * ms:7.1f} ms  {hits} hits")
    if cli:
        print(
            f"  command line (20 queries): median {statistics.median(cli):.3f} s, "
            f"p95 {_pct(cli, 0.95):.3f} s, worst {max(cli):.3f} s"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, nargs="+", default=[100, 1000, 3000])
    ap.add_argument("--dir", help="where to build and keep the libraries (default: a temp dir)")
    ap.add_argument("--cli-reps", type=int, default=2, help="runs of the 20 CLI queries (0: none)")
    ap.add_argument(
        "--workers",
        type=int,
        help="worker processes for the first index (default: the index's choice, by the load)",
    )
    ap.add_argument("--child", nargs=3, metavar=("FOLDER", "SIZE", "WORK"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        folder, size, work = args.child
        print(json.dumps(child(Path(folder), int(size), Path(work), args.workers)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        # The user cache directory of the children and the commands (the index's word table
        # lives there): a temporary one, as a first installation would start.
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp, "cache"))
        base = Path(args.dir) if args.dir else Path(tmp)
        for n in args.plans:
            folder, size = library(base, n)
            work = Path(tmp, f"work-{n}")
            work.mkdir()
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), str(size), str(work)]
                + ([] if args.workers is None else ["--workers", str(args.workers)]),
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.exit(done.stderr)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            report(r, cli_times(folder, work, args.cli_reps) if args.cli_reps else [])


if __name__ == "__main__":
    main()
