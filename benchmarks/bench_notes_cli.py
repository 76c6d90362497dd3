"""The notes commands on a large notes file: `zoneplan notes list` (the table) and `notes add`.

    .venv/bin/python benchmarks/bench_notes_cli.py [--sizes 1000 10000 50000] [--reps 5]

For each size a notes file is filled with realistic notes (bench_store.make_notes: quotes from
the sample plans, ~20 documents, 1-2 tags each), then, each in a fresh `zoneplan` process as a
user runs them:

* list: `zoneplan notes list --db FILE` into a pipe (every note, as a table): wall time, the
  child's CPU time and its peak memory (targets at 50,000 notes: ≤ 3 s);
* add: `zoneplan notes add PLAN --quote … --note … --db FILE`, one note each run on a sample
  plan: median wall and CPU time (target at 50,000 notes: ≤ 0.15 s);
* add in-process: `NotesStore.add` on a long-lived store, the median (target: ≤ 50 ms).

Where PYTHONDONTWRITEBYTECODE is set, compile first (`python -m compileall -q zoneplan_tui`), as
an installation does. CPU time is printed beside wall time: on a shared machine the wall time
is mostly waiting for a CPU (and, for add, for the disk's fsync).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import make_notes, median_ms, sample_text  # noqa: E402

from zoneplan_tui.notes.store import NotesStore  # noqa: E402

PLAN = ROOT / "sample_docs" / "wuqing-2019-work-points.txt"
ZONEPLAN = Path(sys.executable).with_name("zoneplan")


def _child(args: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of one `zoneplan` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([str(ZONEPLAN), *args], capture_output=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"zoneplan {' '.join(args)}: {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of the children is the largest any one reached: the figure of the biggest run.
    return wall, cpu, after.ru_maxrss / 1024


def bench(folder: Path, n: int, reps: int) -> dict[str, float]:
    db = folder / f"notes-{n}.json"
    text = sample_text()
    notes = make_notes(n + reps, text)
    NotesStore.open(db).import_annotations(notes[:n])
    list_runs = [_child(["notes", "list", "--db", str(db)]) for _ in range(max(1, reps // 2))]
    plan_lines = [line for line in PLAN.read_text(encoding="utf-8").splitlines() if len(line) > 20]
    adds = []
    for i in range(reps):
        quote = plan_lines[i % len(plan_lines)][:12]
        cmd = ["notes", "add", str(PLAN), "--quote", quote, "--note", f"核实{i}", "--db", str(db)]
        adds.append(_child(cmd))
    store = NotesStore.open(db)
    store.all()
    extra = iter(notes[n:] + make_notes(reps, text, seed=2))
    add_in = median_ms(lambda: store.add(next(extra)), reps)
    return {
        "list_wall": statistics.median(r[0] for r in list_runs),
        "list_cpu": statistics.median(r[1] for r in list_runs),
        "list_mib": max(r[2] for r in list_runs),
        "add_cli": statistics.median(r[0] for r in adds),
        "add_cpu": statistics.median(r[1] for r in adds),
        "add_in_ms": add_in,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    print(f"{'notes':>7}  {'list wall':>9}  {'list CPU':>8}  {'peak MiB':>8}  "
          f"{'add (CLI)':>9}  {'add CPU':>8}  {'add in-process':>14}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = bench(Path(tmp), n, args.reps)
            print(
                f"{n:>7,}  {r['list_wall']:>7.2f} s  {r['list_cpu']:>6.2f} s  "
                f"{r['list_mib']:>8.0f}  {r['add_cli']:>7.3f} s  {r['add_cpu']:>6.3f} s  "
                f"{r['add_in_ms']:>11.1f} ms"
            )
    print("targets at 50,000 notes: list ≤ 3 s, add ≤ 0.15 s (CLI) and ≤ 50 ms (in-process)")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
