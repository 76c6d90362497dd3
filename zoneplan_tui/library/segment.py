"""Word segmentation for the search index and the target names: the one place that loads it.

    cut(text)             precise mode, HMM off: the words of a query term
    cut_for_search(text)  search mode, HMM off: the words a passage is indexed under
    tag(text)             (word, part of speech), HMM off: what target names are trimmed by
    warm_up()             load the dictionary now (in a worker), so the first call is quick

The segmenter is rjieba (jieba-rs, the same algorithm and dictionary as jieba, in Rust): about
ten times faster than jieba, and it loads its dictionary in ~0.15 s instead of jieba's ~1 s.
With HMM off its words are jieba's, word for word (benchmarks/segment_check.py compares the two
on the sample plans and the corpus): so a query cut today finds a plan indexed with jieba.

`tag` gives `jieba.posseg.cut(text, HMM=False)`'s flags exactly: jieba-rs tags a run of ASCII
digits `m` where jieba says `eng`, and gives characters outside jieba's dictionary a flag of
their own where jieba says `x`; both are put back here.

Keyword extraction (TF-IDF, `keywords.py`) stays on jieba: rjieba has none, and jieba's HMM
mode, which it uses, cuts runs of digits and punctuation differently from jieba-rs's.

Import-light: rjieba is imported on the first call (or by `warm_up`), never at import time.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_segmenter: Any = None


def _rjieba() -> Any:
    global _segmenter
    if _segmenter is None:
        with _lock:  # a second thread waits for the first one's load instead of loading again
            if _segmenter is None:
                import rjieba  # builds the dictionary: ~0.15 s, holding the GIL

                _segmenter = rjieba
    return _segmenter


def warm_up() -> None:
    """Load the dictionary. Idempotent and thread-safe."""
    _rjieba()


def is_ready() -> bool:
    return _segmenter is not None


def cut(text: str) -> list[str]:
    """`jieba.cut(text, HMM=False)` as a list."""
    result: list[str] = _rjieba().cut(text, False)
    return result


def cut_for_search(text: str) -> list[str]:
    """`jieba.cut_for_search(text, HMM=False)` as a list."""
    result: list[str] = _rjieba().cut_for_search(text, False)
    return result


def tag(text: str) -> list[tuple[str, str]]:
    """`[(w.word, w.flag) for w in jieba.posseg.cut(text, HMM=False)]`."""
    seg = _rjieba()
    out = []
    for word, flag in seg.tag(text, False):
        # A word of several characters is a dictionary word (HMM is off) unless it is a run of
        # ASCII letters and digits: only those and single characters can be unknown to jieba.
        if (len(word) == 1 or word.isascii()) and not seg.has_word(word):
            flag = "eng" if _is_eng(word) else "x"
        out.append((word, flag))
    return out


def _is_eng(word: str) -> bool:
    return word.isascii() and word.isalnum()


__all__ = ["cut", "cut_for_search", "is_ready", "tag", "warm_up"]
