"""Cost of a search query by its number of words, on the sample plans: 10, 32 (the limit),
100 and 500 words, with the limit lifted for the measurement.

    .venv/bin/python benchmarks/bench_query.py [--repeat 5]

Two kinds of query: four common words repeated (every unit that has them all is a hit, and each
hit's snippet weighs every word: before issue 11 a 500-word one took 27 s), and distinct words
cut from one paragraph (one unit matches them all). The figure is the median
of the runs; a linear cost shows as time per word staying flat.
"""

from __future__ import annotations

import argparse
import random
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
from zoneplan_tui.library.keywords import _jieba  # noqa: E402

SIZES = (10, 32, 100, 500)


def distinct_words(n: int) -> str:
    """Up to `n` different words of the longest paragraph of the samples."""
    text = max(
        (line for p in find_plans(sample_docs_dir()) for line in p.read_text().split("\n")),
        key=len,
    )
    words = [w for w in _jieba().cut(text, HMM=False) if w.strip() and w.isalnum()]
    return " ".join(list(dict.fromkeys(words))[:n])


def median_time(ix: SearchIndex, query: str, repeat: int) -> tuple[float, int]:
    runs, hits = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        hits = len(ix.search(query, limit=50))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), hits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    search_index.MAX_QUERY_WORDS = 10**6  # measure the cost itself, not the refusal
    search_index.MAX_QUERY_CHARS = 10**7
    with tempfile.TemporaryDirectory() as tmp, SearchIndex.open(Path(tmp, "ix.sqlite3")) as ix:
        ix.update(find_plans(sample_docs_dir()))
        rng = random.Random(11)
        common = ["发展", "建设", "推进", "企业"]
        for n in SIZES:
            repeated = " ".join(rng.choice(common) for _ in range(n))
            distinct = distinct_words(n)
            t1, h1 = median_time(ix, repeated, args.repeat)
            t2, h2 = median_time(ix, distinct, args.repeat)
            words2 = len(distinct.split())
            print(
                f"{n:4} words repeated: {t1 * 1000:7.1f} ms ({h1} hits); "
                f"{words2:4} distinct: {t2 * 1000:7.1f} ms ({h2} hits), "
                f"{t2 / words2 * 1e6:6.0f} µs a word"
            )


if __name__ == "__main__":
    main()
