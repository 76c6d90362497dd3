"""How the notes store's costs grow with the number of notes, next to TinyDB's default storage.

    .venv/bin/python benchmarks/bench_store.py            # 1k, 10k, 50k notes
    .venv/bin/python benchmarks/bench_store.py --sizes 1000 10000 --dir /some/disk

For each size it builds one database with realistic notes (quotes and context from the sample
plans, ~20 documents, 1-2 tags each) and measures, as medians:

* add     - adding one note through a long-lived store (what the app does);
* update  - editing one note's text;
* open    - a fresh process's view: open the file and list one document's notes (cold);
* reload  - a long-lived store seeing another process's save (`refresh()` + `for_document`).

The same figures for TinyDB's default JSONStorage (`TinyDB(path)`: std json, rewrite in place, no
lock, no atomicity) and for a "naive safe" save (re-read + std json + atomic replace, the approach
the issue measured at 64 ms/note at 1k and 1.3 s at 20k) show what the design buys.
Timings include fsync, so they depend on the disk: run on the disk the data will live on.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tinydb import Query, TinyDB  # noqa: E402

from zoneplan_tui.notes.annotations import Annotation, new_annotation  # noqa: E402
from zoneplan_tui.notes.atomic import atomic_write  # noqa: E402
from zoneplan_tui.notes.store import NotesStore  # noqa: E402

N_DOCS = 20
TAGS = ["交通", "用地", "投资", "招商", "生态", "民生", "产业", "待核实"]


def sample_text() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_docs").glob("*.txt"))]
    return "\n".join(texts)


def make_notes(n: int, text: str, seed: int = 1) -> list[Annotation]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        length = rng.randint(8, 40)
        start = rng.randint(0, len(text) - length - 1)
        doc = i % N_DOCS
        out.append(
            new_annotation(
                text,
                start,
                start + length,
                path=f"/home/reviewer/plans/plan-{doc:02d}.txt",
                sha256=f"{doc:064x}",
                title=f"第{doc}号规划文件",
                note=f"审查意见{i}："
                + "需要核实数据来源，并与上年度完成情况对比。" * rng.randint(1, 2),
                tags=rng.sample(TAGS, rng.randint(1, 2)),
                section=["一、总体要求", f"({i % 7})重点任务"],
            )
        )
    return out


def median_ms(fn: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench_zoneplan(path: Path, notes: list[Annotation], extra: list[Annotation], reps: int) -> dict:
    NotesStore.open(path).import_annotations(notes)
    store = NotesStore.open(path)
    store.all()
    it = iter(extra)
    add = median_ms(lambda: store.add(next(it)), reps)
    target = notes[len(notes) // 2].id
    counter = iter(range(10**9))
    update = median_ms(lambda: store.update(target, note=f"改{next(counter)}"), reps)
    sha = notes[0].doc.sha256

    def cold() -> None:
        NotesStore.open(path).for_document(sha, notes[0].doc.path)

    open_ms = median_ms(cold, max(3, reps // 2))
    other = NotesStore.open(path)
    other.all()

    def reload() -> None:
        store.update(target, note=f"改{next(counter)}")  # "another process" saves…
        t = time.perf_counter()
        other.refresh()
        other.for_document(sha)
        reload_times.append((time.perf_counter() - t) * 1000)

    reload_times: list[float] = []
    for _ in range(max(3, reps // 2)):
        reload()
    return {
        "add": add,
        "update": update,
        "open": open_ms,
        "reload": statistics.median(reload_times),
        "size": path.stat().st_size,
    }


def tinydb_records(notes: list[Annotation]) -> dict:
    return {"_default": {str(i + 1): a.to_dict() for i, a in enumerate(notes)}}


def bench_tinydb_default(path: Path, notes: list[Annotation], extra: list[Annotation], reps: int):
    path.write_text(json.dumps(tinydb_records(notes), ensure_ascii=False), encoding="utf-8")
    db = TinyDB(path, encoding="utf-8", ensure_ascii=False)
    it = iter(extra)
    add = median_ms(lambda: db.insert(next(it).to_dict()), reps)
    sha = notes[0].doc.sha256
    q = Query()

    def cold() -> None:
        fresh = TinyDB(path, encoding="utf-8")
        fresh.search(q.doc.sha256 == sha)
        fresh.close()

    open_ms = median_ms(cold, max(3, reps // 2))
    db.close()
    return {"add": add, "open": open_ms, "size": path.stat().st_size}


def bench_naive_atomic(path: Path, notes: list[Annotation], extra: list[Annotation], reps: int):
    path.write_text(json.dumps(tinydb_records(notes), ensure_ascii=False), encoding="utf-8")
    it = iter(extra)

    def add() -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        table = data["_default"]
        table[str(max(map(int, table)) + 1)] = next(it).to_dict()
        atomic_write(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    return {"add": median_ms(add, reps)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--reps", type=int, default=15, help="repetitions per figure (fewer at 50k)")
    ap.add_argument("--dir", help="where to put the files (default: a temp dir)")
    args = ap.parse_args()
    text = sample_text()
    rows = []
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for n in args.sizes:
            reps = args.reps if n <= 10_000 else max(5, args.reps // 3)
            notes = make_notes(n, text)
            extra = make_notes(3 * reps + 5, text, seed=2)
            base = Path(tmp) / str(n)
            base.mkdir()
            print(f"{n:>7,} notes …", file=sys.stderr, flush=True)
            z = bench_zoneplan(base / "zoneplan.json", notes, extra, reps)
            t = bench_tinydb_default(base / "tinydb.json", notes, extra, max(3, reps // 3))
            v = bench_naive_atomic(base / "naive.json", notes, extra, max(3, reps // 3))
            rows.append((n, z, t, v))
            for f in base.iterdir():
                if f.is_file():
                    f.unlink()
    print()
    print("median milliseconds; 'open' = new store + one document's notes (cold)")
    print(
        f"{'notes':>7} {'file MB':>8} | {'add':>7} {'update':>7} {'open':>7} {'reload':>7} |"
        f" {'TinyDB add':>10} {'TinyDB open':>11} | {'naive atomic add':>16}"
    )
    for n, z, t, v in rows:
        print(
            f"{n:>7,} {z['size'] / 1e6:>8.1f} | {z['add']:>7.1f} {z['update']:>7.1f} "
            f"{z['open']:>7.1f} {z['reload']:>7.1f} | {t['add']:>10.1f} {t['open']:>11.1f} |"
            f" {v['add']:>16.1f}"
        )
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
