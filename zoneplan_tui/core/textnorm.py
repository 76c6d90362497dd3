"""Search normalisation: Traditional → Simplified, compatibility ideographs → unified, one for one.

`normalise(text)` returns a string of exactly the same length as `text`, every character replaced
by at most one other character. That is what lets the search index keep offsets: a match found
in the normalised text of a passage is at the same offsets in `Document.text`.

Why character by character rather than OpenCC's phrase conversion: phrase rules can change the
length of a string (and so every offset after them), and for matching a query against a plan the
character table is what matters (國→国, 發→发, 區→区). The in-document search, which maps its
offsets back itself, adds the phrases (`core/textmatch.py`). The table is OpenCC's own, read
through the official `opencc` package: every CJK character converted on its own with `t2s`
(TSCharacters: the first candidate where OpenCC lists several), else with `tw2s` and `hk2s`
(the Taiwan and Hong Kong variant forms folded back first); only results of one character are
used. When the package is missing the folding of width and compatibility ideographs still works
and Traditional text simply is not folded (`has_opencc()` says which).

Also folded: CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) and Kangxi radicals
(U+2F00–2FDF, which PDF extraction produces for 一, 人, 口 …) to the unified ideograph NFKC gives,
full-width letters and digits to ASCII, and ASCII letters to lower case.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from zoneplan_tui.core.charmap import CharMap

RULES_VERSION = 2  # bump when a change alters results: the search index re-reads plans

# The code points OpenCC's character tables cover: CJK radicals and symbols, Extension A, the
# unified ideographs, the compatibility ideographs and the supplementary planes' ideographs.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)
_CONFIGS = ("t2s", "tw2s", "hk2s")  # in order: the first one-character change wins


@cache
def converter(config: str) -> Any | None:
    """OpenCC's converter of `config` ("t2s"), or None without the package."""
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC(config)


# Folded by NFKC: compatibility ideographs (both blocks) and Kangxi radicals.
_COMPAT_RANGES = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0x2F00, 0x2FDF))
# Full-width letters and digits, not punctuation: Chinese text is full of ，。：, and leaving
# them alone means most Simplified text normalises to itself (the index stores the normalised
# text only where it differs).
_WIDE_ALNUM_RANGES = ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
_UPPER_RANGES = ((ord("A"), ord("Z")), (0xFF21, 0xFF3A))


def _pick(cps: frozenset[int] | None, ranges: tuple[tuple[int, int], ...]) -> list[int]:
    """The code points of `ranges`, or of those among `cps` (None: all of them), in order."""
    if cps is None:
        return [cp for lo, hi in ranges for cp in range(lo, hi + 1)]
    return sorted(cp for cp in cps if any(lo <= cp <= hi for lo, hi in ranges))


def _one_to_one(config: str, chars: list[str]) -> dict[str, str]:
    """Those of `chars` that `config` turns into one other character, each converted alone."""
    conv = converter(config)
    if conv is None or not chars:
        return {}
    # One conversion call for all of them: the line ends keep each character a phrase of its own.
    out = conv.convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # never seen; a table of nothing rather than a wrong one
        return {}
    return {c: o for c, o in zip(chars, out, strict=True) if len(o) == 1 and o != c}


def _table_for(cps: frozenset[int] | None) -> dict[int, str]:
    """The folding table's entries for `cps` (None: the whole table). Every entry depends on its
    own character only, so the entries for a few characters are those of the whole table."""
    table: dict[int, str] = {}
    for cp in _pick(cps, _COMPAT_RANGES):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    for cp in _pick(cps, _WIDE_ALNUM_RANGES):
        table[cp] = chr(cp - 0xFEE0)
    cjk = [chr(cp) for cp in _pick(cps, _CJK_RANGES)]
    t2s, *variants = (_one_to_one(config, cjk) for config in _CONFIGS)
    for found in variants:  # 啓 → 啟 → 启
        for src, dst in found.items():
            table.setdefault(ord(src), dst)
    for src, dst in t2s.items():
        table[ord(src)] = dst
    # A compatibility ideograph may fold to a Traditional one: fold it the rest of the way.
    if cps is not None:  # the t2s of the folded characters not asked for
        seen = frozenset(cjk)
        into = frozenset(ord(ch) for ch in table.values() if ch not in seen)
        t2s.update(_one_to_one("t2s", [chr(cp) for cp in _pick(into, _CJK_RANGES)]))
    for cp, ch in list(table.items()):
        nxt = t2s.get(ch)
        if nxt is not None:
            table[cp] = nxt
    for cp in _pick(cps, _UPPER_RANGES):
        table[cp] = chr(cp - 0xFEE0 + 32) if cp > 0xFF00 else chr(cp + 32)
    return table


@cache
def _table() -> dict[int, str]:
    return _table_for(None)


# A query or a title is folded with the entries of its own characters, gathered as they come:
# the whole table takes a quarter of a second to build (three OpenCC conversions of 100,000
# characters), most of a `zoneplan search` command. Once it exists, or once texts are long or
# many, the whole table.
_SHORT_TEXT = 200
_FEW_CHARS = 3000
_partial: dict[int, str] = {}
_partial_cps: set[int] = set()


def _fold_short(text: str) -> str | None:
    if len(text) > _SHORT_TEXT or _table.cache_info().currsize or len(_partial_cps) > _FEW_CHARS:
        return None
    new = frozenset(map(ord, text)) - _partial_cps
    if new:
        _partial.update(_table_for(new))
        _partial_cps.update(new)  # after the entries: a character listed has its entry
    return text.translate(_partial)


def has_opencc() -> bool:
    """Whether OpenCC is there (Traditional text folds to Simplified)."""
    return converter("t2s") is not None


@cache
def _charmap() -> CharMap:
    # The index normalises every plan whole, and most characters of a Simplified plan are their
    # own: see core/charmap.py.
    return CharMap(_table())


def normalise(text: str) -> str:
    """`text` folded for search; always the same length as `text`."""
    short = _fold_short(text)
    if short is not None:
        return short
    return _charmap()(text)


__all__ = ["converter", "has_opencc", "normalise"]
