"""Outline quality on the real-document corpus: per-document heading F1 and document titles.

    .venv/bin/python benchmarks/corpus_build.py      # first: rebuild the files from snapshots
    .venv/bin/python benchmarks/bench_corpus.py [--files DIR] [--json] [ids ...]

For each document of benchmarks/corpus/manifest.json found in the built folder, this converts it
with zoneplan (`load_document` + `analyse_outline`, the same path as `zoneplan outline --json`)
and compares the outline with the hand-checked labels in benchmarks/corpus/labels/<id>.json.

Matching. Headings are compared as ordered sequences, not by line number, so a converter that
moves text to other lines does not invalidate the labels:
  * title F1: the longest common subsequence (LCS) of the normalised heading titles, gold order
    against found order; precision = LCS / #found, recall = LCS / #gold.
  * title+level F1: the same LCS over (level, normalised title) pairs, so a matched heading
    counts only if its level is equal too.
  * document title: right when the normalised found title equals the normalised gold title
    (both None counts as right).
Normalisation (for headings and document titles): Unicode NFKC, all whitespace removed, and
trailing punctuation 。；：:;,， stripped, so full-width/half-width forms, spaces inserted by PDF
extraction and a closing 。 do not count as differences.

Overall figures are micro-averaged (LCS, #gold and #found summed over documents). The conversion
time (load + outline) of each document is printed too. A document whose file is missing or whose
conversion fails is reported and counted with #found = 0. The exit status is always 0: this is a
measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from zoneplan_tui.core.analysis import analyse_outline  # noqa: E402
from zoneplan_tui.formats.load import load_document  # noqa: E402

MANIFEST = HERE / "corpus" / "manifest.json"
LABELS = HERE / "corpus" / "labels"
DEFAULT_FILES = HERE / "corpus" / "files"
_SPACE = re.compile(r"\s+")
_TRAILING = "。；：:;,，"


def normalise(text: str | None) -> str | None:
    if text is None:
        return None
    t = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return t.rstrip(unicodedata.normalize("NFKC", _TRAILING) + _TRAILING)


def lcs(a: list, b: list) -> int:
    """Length of the longest common subsequence (O(len(a)·len(b)), fine for a few hundred)."""
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def prf(matched: int, gold: int, found: int) -> tuple[float, float, float]:
    p = matched / found if found else (1.0 if not gold else 0.0)
    r = matched / gold if gold else (1.0 if not found else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def outline_of(path: Path) -> tuple[str | None, list[tuple[int, str]], float]:
    started = time.perf_counter()
    doc = load_document(path)
    outline = analyse_outline(doc)
    elapsed = time.perf_counter() - started
    return outline.title, [(h.level, h.title) for h in outline.headings], elapsed


def score_document(entry: dict, files: Path) -> dict:
    gold = json.loads((LABELS / f"{entry['id']}.json").read_text(encoding="utf-8"))
    gold_heads = [(h["level"], normalise(h["title"])) for h in gold["headings"]]
    row: dict = {
        "id": entry["id"],
        "format": entry["format"],
        "script": entry["script"],
        "gold": len(gold_heads),
        "found": 0,
        "title_lcs": 0,
        "level_lcs": 0,
        "gold_title": gold["title"],
        "found_title": None,
        "title_right": False,
        "seconds": None,
        "error": None,
    }
    path = files / f"{entry['id']}.{entry['format']}"
    if not path.is_file():
        row["error"] = "file not built (run benchmarks/corpus_build.py)"
        return row
    try:
        title, heads, elapsed = outline_of(path)
    except Exception as exc:  # a measurement: report any failure and go on
        row["error"] = f"{type(exc).__name__}: {exc}"
        return row
    found = [(level, normalise(t)) for level, t in heads]
    row.update(
        found=len(found),
        title_lcs=lcs([t for _, t in gold_heads], [t for _, t in found]),
        level_lcs=lcs(gold_heads, found),
        found_title=title,
        title_right=normalise(title) == normalise(gold["title"]),
        seconds=round(elapsed, 3),
    )
    return row


def add_scores(row: dict) -> dict:
    for kind in ("title", "level"):
        p, r, f = prf(row[f"{kind}_lcs"], row["gold"], row["found"])
        row[f"{kind}_p"], row[f"{kind}_r"], row[f"{kind}_f1"] = p, r, f
    return row


def summarise(rows: list[dict]) -> dict:
    gold = sum(r["gold"] for r in rows)
    found = sum(r["found"] for r in rows)
    t_lcs = sum(r["title_lcs"] for r in rows)
    l_lcs = sum(r["level_lcs"] for r in rows)
    tp, tr, tf = prf(t_lcs, gold, found)
    lp, lr, lf = prf(l_lcs, gold, found)
    right = sum(r["title_right"] for r in rows)
    return {
        "documents": len(rows),
        "gold": gold,
        "found": found,
        "title_precision": tp,
        "title_recall": tr,
        "title_f1": tf,
        "level_precision": lp,
        "level_recall": lr,
        "level_f1": lf,
        "doc_titles_right": right,
        "doc_title_share": right / len(rows) if rows else 0.0,
        "seconds": round(sum(r["seconds"] or 0.0 for r in rows), 3),
    }


def print_table(rows: list[dict], total: dict) -> None:
    print(
        f"{'document':<42} {'fmt':<4} {'gold':>4} {'found':>5} {'titleF1':>7} {'+levelF1':>8} "
        f"{'doc title':<9} {'secs':>6}"
    )
    for r in rows:
        secs = f"{r['seconds']:.2f}" if r["seconds"] is not None else "-"
        mark = "right" if r["title_right"] else "WRONG"
        print(
            f"{r['id']:<42} {r['format']:<4} {r['gold']:>4} {r['found']:>5} {r['title_f1']:>7.3f} "
            f"{r['level_f1']:>8.3f} {mark:<9} {secs:>6}"
        )
        if r["error"]:
            print(f"    error: {r['error']}")
        elif not r["title_right"]:
            print(f"    title: gold {r['gold_title']!r}, found {r['found_title']!r}")
    print(
        f"\noverall (micro, {total['documents']} documents): gold {total['gold']}, found "
        f"{total['found']}; title P/R/F1 {total['title_precision']:.3f}/{total['title_recall']:.3f}"
        f"/{total['title_f1']:.3f}; title+level P/R/F1 {total['level_precision']:.3f}/"
        f"{total['level_recall']:.3f}/{total['level_f1']:.3f}; document titles right "
        f"{total['doc_titles_right']}/{total['documents']} ({total['doc_title_share']:.0%}); "
        f"conversion {total['seconds']:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=Path, default=DEFAULT_FILES, help="the built corpus folder")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("ids", nargs="*", help="only these document ids")
    args = ap.parse_args(argv)
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))["documents"]
    if args.ids:
        entries = [e for e in entries if e["id"] in set(args.ids)]
    rows = [add_scores(score_document(e, args.files)) for e in entries]
    total = summarise(rows)
    if args.json:
        print(json.dumps({"documents": rows, "overall": total}, ensure_ascii=False, indent=1))
    else:
        print_table(rows, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
