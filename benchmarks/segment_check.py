"""Does rjieba cut as jieba does? On the sample plans and the real-document corpus.

    .venv/bin/python benchmarks/segment_check.py      # after benchmarks/corpus_build.py

For every text (as read, and normalised as the search index normalises it) it compares, with HMM
off: `jieba.cut` with `segment.cut`, `jieba.cut_for_search` with `segment.cut_for_search`,
`jieba.posseg.cut` with `segment.tag`; and the queries' own cut (`query_words`, jieba's
algorithm over the word table) with both. It prints the characters compared, the texts that
differ (with the first difference) and the time each took. Exit status 1 if any differs.
"""

from __future__ import annotations

import logging
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zoneplan_tui.core.errors import DocumentError  # noqa: E402
from zoneplan_tui.core.textnorm import normalise  # noqa: E402
from zoneplan_tui.formats.load import find_plans, load_document, sample_docs_dir  # noqa: E402
from zoneplan_tui.library import query_words, segment  # noqa: E402


def texts() -> list[tuple[str, str]]:
    files = list(find_plans(sample_docs_dir()))
    corpus = ROOT / "benchmarks" / "corpus" / "files"
    if corpus.is_dir():
        files += sorted(corpus.iterdir())
    out = []
    for f in files:
        try:
            text = load_document(f).text
        except DocumentError as exc:
            print(f"skipped {exc}")
            continue
        out += [(f.name, text), (f"{f.name} (normalised)", normalise(text))]
    return out


def main() -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
    segment.warm_up()
    table = query_words.build()
    port = query_words._open(table) if table else None
    modes = {
        "cut": (lambda s: list(jieba.cut(s, HMM=False)), segment.cut),
        "cut_for_search": (
            lambda s: list(jieba.cut_for_search(s, HMM=False)),
            segment.cut_for_search,
        ),
        "tag": (lambda s: [(w.word, w.flag) for w in jieba.posseg.cut(s, HMM=False)], segment.tag),
    }
    if port is not None:
        modes["query cut"] = (segment.cut, lambda s: list(query_words._cut(s, port)))
    all_texts = texts()
    print(f"{len(all_texts)} texts, {sum(len(t) for _, t in all_texts):,} characters")
    bad = 0
    for mode, (want_fn, got_fn) in modes.items():
        differ, t_want, t_got = 0, 0.0, 0.0
        for name, text in all_texts:
            # the query port is for queries: compare it line by line
            pieces = text.split("\n") if mode == "query cut" else [text]
            for piece in pieces:
                t = time.perf_counter()
                want = want_fn(piece)
                t_want += time.perf_counter() - t
                t = time.perf_counter()
                got = got_fn(piece)
                t_got += time.perf_counter() - t
                if want != got:
                    differ += 1
                    i = next(
                        (k for k, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), 0
                    )
                    print(f"  {mode}: {name}: {want[i : i + 3]} ≠ {got[i : i + 3]}")
                    break
        bad += differ
        print(f"{mode:<15} {differ} texts differ; reference {t_want:.1f} s, ours {t_got:.1f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
