"""Search normalisation: Traditional → Simplified, compatibility ideographs → unified, one for one.

`normalise(text)` returns a string of exactly the same length as `text`, every character replaced
by at most one other character. That is what lets the search index keep offsets: a match found
in the normalised text of a passage is at the same offsets in `Document.text`.

Why character by character rather than OpenCC's phrase conversion: phrase rules can change the
length of a string (and so every offset after them), and for matching a query against a plan the
character table is what matters (國→国, 發→发, 區→区). The table is OpenCC's own, read from the
dictionary files of the pure-Python `opencc-python-reimplemented` package (TSCharacters, plus the
Taiwan and Hong Kong variant tables folded back to the standard Traditional form first); only
one-character → one-character entries are used, the first candidate when OpenCC lists several.
When the package is missing the folding of width and compatibility ideographs still works and
Traditional text simply is not folded (`has_opencc()` says which).

Also folded: CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) and Kangxi radicals
(U+2F00–2FDF, which PDF extraction produces for 一, 人, 口 …) to the unified ideograph NFKC gives,
full-width letters and digits to ASCII, and ASCII letters to lower case.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

RULES_VERSION = 1  # bump when a change alters results: the search index re-reads plans
_OPENCC_FILES = ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt")


def _read_pairs(name: str) -> list[tuple[str, str]]:
    try:
        text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return []
    pairs = []
    for line in text.splitlines():
        src, _, dst = line.partition("\t")
        first = dst.split(" ")[0] if dst else ""
        if len(src) == 1 and len(first) == 1 and src != first:
            pairs.append((src, first))
    return pairs


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0x2F00, 0x2FDF)):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    # Full-width letters and digits, not punctuation: Chinese text is full of ，。：, and
    # leaving them alone means most Simplified text normalises to itself (the index stores the
    # normalised text only where it differs).
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for cp in range(lo, hi + 1):
            table[cp] = chr(cp - 0xFEE0)
    variants: dict[str, str] = {}
    for name in _OPENCC_FILES[:2]:
        variants.update(_read_pairs(name))
    t2s = dict(_read_pairs(_OPENCC_FILES[2]))
    for src, dst in variants.items():  # 啓 → 啟 → 启
        table.setdefault(ord(src), t2s.get(dst, dst))
    for src, dst in t2s.items():
        table[ord(src)] = dst
    # A compatibility ideograph may fold to a Traditional one: fold it the rest of the way.
    for cp, ch in list(table.items()):
        nxt = t2s.get(ch)
        if nxt is not None:
            table[cp] = nxt
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for cp in range(0xFF21, 0xFF3B):
        table[cp] = chr(cp - 0xFEE0 + 32)
    return table


def has_opencc() -> bool:
    """Whether the OpenCC tables were found (Traditional text folds to Simplified)."""
    return bool(_read_pairs(_OPENCC_FILES[2]))


def normalise(text: str) -> str:
    """`text` folded for search; always the same length as `text`."""
    return text.translate(_table())


__all__ = ["has_opencc", "normalise"]
