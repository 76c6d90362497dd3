"""Keywords and tag suggestions for a passage, and word boundaries for word-wise cursor moves.

Pure core: no Textual. Keywords are jieba's TF-IDF (`jieba.analyse.extract_tags`: its words,
HMM on, and its IDF table); rjieba, which the search index uses, has no TF-IDF, and its HMM cuts
runs of digits and punctuation differently. jieba is imported lazily, because loading it costs
~1.5 s: `zoneplan --version` and the CLI must not pay for that, and the reader calls `warm_up()`
in a worker thread once a plan is on screen, so that the first suggestion comes back at once.

`warm_up` must not stall the UI thread it shares the interpreter with: jieba's own
`jieba.analyse` import loads the IDF table and sorts its 350,000 values in one call, which holds
the interpreter for a tenth of a second. So the table is read here, with the median found by
sorting pieces and merging them (`_idf`), and `keywords` applies extract_tags' arithmetic to it
(tests/test_keywords.py checks the result equals jieba's).

jieba logs "Building prefix dict from the default dictionary …" to stderr while it loads. In a
full-screen terminal app that text would be written over the screen, so `warm_up` turns jieba's
logger down to warnings before anything can trigger the load.
"""

from __future__ import annotations

import gc
import heapq
import logging
import re
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zoneplan_tui.notes.annotations import normalise_tag

# Words that TF-IDF ranks high in plans but that say nothing about what a passage is about:
# the verbs of exhortation that open nearly every clause (加快推进…, 进一步加强…), adverbs of
# degree, the nouns every section is made of, and the units of its figures. Kept short on
# purpose: a subject word such as 交通 or 产业 must never be dropped, so only words that are
# boilerplate in *every* plan go here.
STOP_WORDS: frozenset[str] = frozenset(
    {
        # verbs of exhortation
        "推进",
        "加强",
        "推动",
        "加快",
        "提升",
        "实施",
        "开展",
        "完善",
        "落实",
        "强化",
        "促进",
        "深化",
        "坚持",
        "确保",
        "做好",
        "抓好",
        # adverbs and degree words
        "进一步",
        "全面",
        "积极",
        "大力",
        "着力",
        "扎实",
        "持续",
        "不断",
        "切实",
        "努力",
        # nouns that every section is made of
        "工作",
        "建设",
        "发展",
        "重点",
        "任务",
        "方面",
        # clause markers of run-in items (一是 … 二是 …, 其中, 同时)
        "其中",
        "同时",
        # units that stand next to a figure (the figure itself is filtered by _FIGURE_RE)
        "公里",
        "万元",
        "亿元",
        "平方米",
        "万平方米",
        "公顷",
        "万亩",
    }
)

# A figure or a counter is not a keyword: 2020, 12.5%, 1,000, ３０, 第三, 一是, 十四五 (the
# five-year-plan counters are read as numbers too; they are in every heading of a plan).
_FIGURE_RE = re.compile(
    r"[\d０-９.．,，%％‰:：/／~～+\-－]+"
    r"|第?[零〇一二三四五六七八九十百千万亿两]+[是个项条次年月日号批类期]?"
)

_lock = threading.Lock()
_ready = False
_IDF: dict[str, float] = {}
_MEDIAN_IDF = 0.0
# jieba.analyse's KeywordExtractor.STOP_WORDS (English function words; ours are STOP_WORDS).
_JIEBA_STOP_WORDS = frozenset(
    [
        "the",
        "of",
        "is",
        "and",
        "to",
        "in",
        "that",
        "we",
        "for",
        "an",
        "are",
        "by",
        "be",
        "as",
        "on",
        "with",
        "can",
        "if",
        "from",
        "which",
        "you",
        "it",
        "this",
        "then",
        "at",
        "have",
        "all",
        "not",
        "one",
        "has",
        "or",
    ]
)
_SORT_PIECE = 20_000  # values sorted at once while finding the median: ~2 ms each


def _jieba() -> Any:
    """jieba with its dictionary loaded (after `warm_up`)."""
    warm_up()
    import jieba

    return jieba


def warm_up() -> None:
    """Import jieba, load its dictionary and the IDF table. Idempotent and thread-safe: a
    second caller waits for the first one's load instead of loading again."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        # The load makes over a million objects, and the cyclic collector would walk them all,
        # holding the interpreter (the app's UI thread) for 0.1 s at a time: paused meanwhile,
        # and what the load made frozen after it (no later full collection walks it again).
        collecting = gc.isenabled()
        gc.disable()
        try:
            # jieba 0.42 imports pkg_resources, which newer setuptools deprecate with a
            # warning: not ours to fix, and it may not reach a full-screen terminal.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba

                # Before anything can trigger the dictionary load: its progress lines go to
                # stderr.
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _load_idf(Path(jieba.__file__).with_name("analyse") / "idf.txt")
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
        _ready = True


def _load_idf(path: Path) -> None:
    """jieba.analyse's IDFLoader: word → IDF, a later line winning, and the median IDF (what
    an unknown word gets), found without one long sort."""
    global _MEDIAN_IDF
    idf: dict[str, float] = {}
    for line in path.read_bytes().decode("utf-8").splitlines():
        word, freq = line.strip().split(" ")
        idf[word] = float(freq)
    values = list(idf.values())
    pieces = [sorted(values[i : i + _SORT_PIECE]) for i in range(0, len(values), _SORT_PIECE)]
    middle = len(values) // 2  # jieba: sorted(values)[len // 2]
    _MEDIAN_IDF = next(v for k, v in enumerate(heapq.merge(*pieces)) if k == middle)
    _IDF.clear()
    _IDF.update(idf)


def _extract_tags(text: str, top: int) -> list[str]:
    """`jieba.analyse.extract_tags(text, topK=top)`: words by term frequency × IDF, best
    first (ties in the order the words first occur)."""
    jieba = _jieba()
    freq: dict[str, float] = {}
    for w in jieba.cut(text):
        if len(w.strip()) < 2 or w.lower() in _JIEBA_STOP_WORDS:
            continue
        freq[w] = freq.get(w, 0.0) + 1.0
    total = sum(freq.values())
    for w in freq:
        freq[w] *= _IDF.get(w, _MEDIAN_IDF) / total
    return sorted(freq, key=freq.__getitem__, reverse=True)[:top]


def is_ready() -> bool:
    """True once `warm_up` has finished: calls below no longer block on loading."""
    return _ready


def is_useful_word(word: str) -> bool:
    """Whether a word is worth offering as a tag: not a figure, not one character, not
    boilerplate, not punctuation or space."""
    word = word.strip()
    if len(word) < 2:
        return False
    if _FIGURE_RE.fullmatch(word):
        return False
    if word in STOP_WORDS:
        return False
    # At least one letter (CJK ideographs are letters to str.isalpha); drops "——" or "……".
    return any(ch.isalpha() for ch in word)


def keywords(text: str, k: int = 8) -> list[str]:
    """Up to `k` keywords of `text`, best first (jieba's TF-IDF), without figures, single
    characters and the `STOP_WORDS` of planning boilerplate."""
    if k <= 0 or not text.strip():
        return []
    # Ask for more than `k`: the filter below drops some, and TF-IDF ranks figures and the
    # boilerplate verbs high (they are rare in the general-language IDF table).
    ranked = _extract_tags(text, k * 3 + 10)
    out: list[str] = []
    for word in ranked:
        if is_useful_word(word):
            out.append(word)
            if len(out) == k:
                break
    return out


def suggest_tags(text: str, existing: Sequence[str], k: int = 8) -> list[str]:
    """Up to `k` tags to offer for a passage: first the `existing` tags whose name occurs in it
    (in the order given, so a caller passing tags most-used first gets them first), then its
    `keywords`. No two suggestions share a normalised name (`normalise_tag`); an existing
    tag's spelling wins over a keyword's, and a keyword inside an existing tag already offered
    (产业园 when 产业园区 is) is left out: the reviewer's own tag covers it."""
    if k <= 0:
        return []
    hay = normalise_tag(text)
    seen: set[str] = set()
    out: list[str] = []
    for tag in existing:
        norm = normalise_tag(tag)
        if norm and norm not in seen and norm in hay:
            seen.add(norm)
            out.append(tag.strip())
            if len(out) == k:
                return out
    chosen = list(seen)
    for word in keywords(text, k):
        norm = normalise_tag(word)
        if norm not in seen and not any(norm in tag for tag in chosen):
            seen.add(norm)
            out.append(word)
            if len(out) == k:
                break
    return out


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` as jieba segments it, in order, for word-wise cursor
    moves. Offsets are string indices. Whitespace is not a word (a move skips it); a punctuation
    mark is a word of its own (a move stops at it, as in most editors)."""
    if not text:
        return []
    jieba = _jieba()
    return [(start, end) for word, start, end in jieba.tokenize(text) if not word.isspace()]


__all__ = [
    "STOP_WORDS",
    "is_ready",
    "is_useful_word",
    "keywords",
    "suggest_tags",
    "warm_up",
    "words",
]
