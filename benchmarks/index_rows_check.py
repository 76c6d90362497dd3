"""Index rows and search results, saved or compared: a speed change must not alter them.

    .venv/bin/python benchmarks/index_rows_check.py --save /tmp/rows-before.json --lib DIR
    ... change the indexing code ...
    .venv/bin/python benchmarks/index_rows_check.py --compare /tmp/rows-before.json --lib DIR

Rows: `index_rows.read_plan` of every sample plan and of the first `--plans` plans of `--lib`
(a folder of plans, e.g. one `bench_library.py --dir` generated), field by field. The grams of
a chunk are a set written in hash order, so they are compared sorted. Search: the same plans
indexed afresh, and `bench_library.QUERIES` asked with limit 50: each hit's plan, span and
score (rounded to 1e-9, bm25 summing floats in the same order). Exits 1 on any difference,
naming the first few.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _plans(lib: Path | None, n: int) -> list[Path]:
    from zoneplan_tui.formats.load import find_plans, sample_docs_dir

    paths = list(find_plans(sample_docs_dir()))
    if lib is not None:
        paths += sorted(lib.glob("*.txt"))[:n]
    return paths


def _row_digests(paths: list[Path]) -> dict[str, dict[str, str]]:
    from zoneplan_tui.library.index_rows import read_plan

    out: dict[str, dict[str, str]] = {}
    for p in paths:
        rows = read_plan(str(p))
        chunks = [(a, b, " ".join(sorted(g.split()))) for a, b, g in rows.chunks]
        fields = {
            "doc": rows.doc,
            "units": rows.units,
            "chunks": chunks,
        }
        out[p.name] = {
            k: hashlib.sha256(json.dumps(v, ensure_ascii=False).encode()).hexdigest()
            for k, v in fields.items()
        }
        if rows.doc is not None:  # the targets apart: the field most likely to move
            out[p.name]["targets"] = hashlib.sha256(rows.doc[8].encode()).hexdigest()
    return out


def _search_results(paths: list[Path]) -> dict[str, list[list[object]]]:
    from bench_library import QUERIES

    from zoneplan_tui.library.index import SearchIndex

    out: dict[str, list[list[object]]] = {}
    with tempfile.TemporaryDirectory() as tmp, SearchIndex.open(Path(tmp) / "i.db") as index:
        index.update(paths, workers=0)
        for group in QUERIES.values():
            for q in group:
                hits = index.search(q, limit=50)
                out[q] = [[h.sha256, h.start, h.end, round(h.score, 9)] for h in hits]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path)
    what.add_argument("--compare", type=Path)
    ap.add_argument("--lib", type=Path, help="a folder of generated plans")
    ap.add_argument("--plans", type=int, default=100, help="plans of --lib to use")
    args = ap.parse_args()
    paths = _plans(args.lib, args.plans)
    t0 = time.process_time()
    rows = _row_digests(paths)
    t_rows = time.process_time() - t0
    found: dict[str, Any] = {"rows": rows, "search": _search_results(paths)}
    per_plan = t_rows / len(paths) * 1000
    print(f"{len(paths)} plans, rows in {t_rows:.2f} s CPU ({per_plan:.1f} ms/plan)")
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False, indent=0))
        print(f"saved {args.save}")
        return 0
    before = json.loads(args.compare.read_text())
    diffs = [
        f"rows {name} {k}"
        for name, fields in before["rows"].items()
        for k, v in fields.items()
        if found["rows"].get(name, {}).get(k) != v
    ]
    diffs += [f"search {q}" for q, hit in before["search"].items() if found["search"].get(q) != hit]
    if len(found["rows"]) != len(before["rows"]):
        diffs.append(f"plans: {len(before['rows'])} before, {len(found['rows'])} now")
    for d in diffs[:20]:
        print("DIFFERS:", d)
    print("identical" if not diffs else f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
