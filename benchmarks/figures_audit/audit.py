"""A hand-checked sample of figures from the seeds and the real-document corpus (issue 13).

    .venv/bin/python benchmarks/figures_audit/audit.py draw [--seed N] [--figures 200] [-o FILE]
    .venv/bin/python benchmarks/figures_audit/audit.py score [VERDICTS]

`draw` picks passages at random, reproducibly: a document uniformly among the seeds
(/work/shared/seeds, or --seeds DIR) and the corpus (benchmarks/corpus/files, built by
benchmarks/corpus_build.py), then a paragraph uniformly among its lines that hold a digit, a
Chinese numeral or a redaction mark, then — for a paragraph longer than WINDOW characters — a
window of about WINDOW characters inside it, cut at sentence ends. It stops when the passages
hold `--figures` figures, and writes them for review: each passage's text and every figure
zoneplan finds in it (span, kind, value, unit, comparator). The review file holds the documents'
text: it is for reading and is not committed.

`score` reads the verdicts (verdicts.json beside this script: per passage the document id, the
passage's offsets, and per figure its span, its text and a verdict; plus the figures the reader
missed, with their text and offsets — short quotations, never the documents), checks that each
recorded figure is still what zoneplan finds at those offsets (a changed rule shows as a
mismatch), and prints the counts: figures checked, wrong spans, wrong values or units, missed.

Verdicts: "ok"; "span" (the span is wrong: cut, too long, or not a figure at all — `expected`
gives the span NUMBERS.md calls for, "" for none); "value" (span right, value or unit wrong).
Missed figures are listed per passage under "missed".
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from zoneplan_tui.core.analysis import analyse  # noqa: E402
from zoneplan_tui.core.errors import DocumentError  # noqa: E402
from zoneplan_tui.formats.load import load_document  # noqa: E402

SEEDS = Path("/work/shared/seeds")
CORPUS = ROOT / "benchmarks" / "corpus" / "files"
VERDICTS = HERE / "verdicts.json"
WINDOW = 240
_NUMERIC = re.compile("[0-9０-９〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖萬億兩xX×]")
_SENTENCE_END = "。；;！？!?"


def documents(seeds: Path, corpus: Path) -> list[tuple[str, Path]]:
    """The seeds and the corpus documents zoneplan can open (one corpus file it cannot:
    benchmarks/corpus/README.md)."""
    docs = [(p.stem, p) for p in sorted(seeds.glob("*.txt"))]
    for p in sorted(corpus.glob("*")):
        try:
            if p.is_file() and load_document(p):
                docs.append((p.stem, p))
        except DocumentError:
            continue
    return docs


def passage(text: str, start: int, end: int, rng: random.Random) -> tuple[int, int]:
    """The line [start, end), or a window of about WINDOW characters in it at sentence ends."""
    if end - start <= WINDOW:
        return start, end
    lo = rng.randrange(start, end - WINDOW)
    while lo > start and text[lo - 1] not in _SENTENCE_END:
        lo -= 1
    hi = min(end, lo + WINDOW)
    while hi < end and text[hi - 1] not in _SENTENCE_END:
        hi += 1
    return lo, hi


def draw(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    docs = documents(Path(args.seeds), Path(args.corpus))
    cache: dict[str, tuple[str, list, list[tuple[int, int]]]] = {}
    out = []
    total = 0
    seen: set[tuple[str, int]] = set()
    while total < args.figures:
        doc_id, path = docs[rng.randrange(len(docs))]
        if doc_id not in cache:
            doc = load_document(path)
            plan = analyse(doc)
            lines = [
                (doc.line_start(i), doc.line_start(i) + len(doc.line_text(i)))
                for i in range(1, doc.line_count + 1)
                if _NUMERIC.search(doc.line_text(i))
            ]
            cache[doc_id] = (doc.text, plan.figures, lines)
        text, figures, lines = cache[doc_id]
        if not lines:
            continue
        start, end = lines[rng.randrange(len(lines))]
        if (doc_id, start) in seen:
            continue
        seen.add((doc_id, start))
        lo, hi = passage(text, start, end, rng)
        found = [f for f in figures if lo <= f.start and f.end <= hi]
        total += len(found)
        out.append(
            {
                "doc": doc_id,
                "start": lo,
                "end": hi,
                "text": text[lo:hi],
                "figures": [
                    {
                        "start": f.start,
                        "end": f.end,
                        "text": f.text,
                        "kind": f.kind,
                        "value": f.value,
                        "unit": f.unit,
                        "cmp": f.cmp,
                    }
                    for f in found
                ],
            }
        )
    body = json.dumps({"seed": args.seed, "passages": out}, ensure_ascii=False, indent=1)
    if args.output:
        Path(args.output).write_text(body + "\n", encoding="utf-8")
    else:
        print(body)
    print(f"{len(out)} passages, {total} figures", file=sys.stderr)


def score(args: argparse.Namespace) -> None:
    data = json.loads(Path(args.verdicts).read_text(encoding="utf-8"))
    docs = dict(documents(Path(args.seeds), Path(args.corpus)))
    figures: dict[str, dict[tuple[int, int], object]] = {}
    counts = {"figures": 0, "ok": 0, "span": 0, "value": 0, "missed": 0, "stale": 0}
    for p in data["passages"]:
        if p["doc"] not in figures:
            doc = load_document(docs[p["doc"]])
            figures[p["doc"]] = {(f.start, f.end): f for f in analyse(doc).figures}
        found = figures[p["doc"]]
        inside = {k for k in found if p["start"] <= k[0] and k[1] <= p["end"]}
        listed = {(f["start"], f["end"]) for f in p["figures"]}
        for f in p["figures"]:
            counts["figures"] += 1
            counts[f["verdict"]] += 1
            now = found.get((f["start"], f["end"]))
            if now is None or now.text != f["text"]:  # type: ignore[attr-defined]
                counts["stale"] += 1
        counts["stale"] += len(inside - listed)
        counts["missed"] += len(p.get("missed", []))
    n = counts["figures"]
    print(f"{len(data['passages'])} passages, {n} figures checked (seed {data['seed']})")
    for key in ("span", "value", "missed"):
        print(f"  {key:7} {counts[key]:4}  {counts[key] / max(n, 1):6.1%}")
    if counts["stale"]:
        print(f"  {counts['stale']} figures differ from what zoneplan finds now: draw again")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default=str(SEEDS))
    ap.add_argument("--corpus", default=str(CORPUS))
    sub = ap.add_subparsers(dest="what", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, default=13)
    d.add_argument("--figures", type=int, default=200)
    d.add_argument("-o", "--output")
    s = sub.add_parser("score")
    s.add_argument("verdicts", nargs="?", default=str(VERDICTS))
    args = ap.parse_args()
    draw(args) if args.what == "draw" else score(args)


if __name__ == "__main__":
    main()
