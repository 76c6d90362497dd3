"""A one-for-one character map (a `str.translate` table) applied quickly to long text.

    FOLD = CharMap({ord("Ａ"): ord("A"), ...})
    FOLD(text) == text.translate(table)        # always, character for character

Why: `str.translate` looks every character of CJK text up in the table's dict, about 23 ns a
character, 0.7 ms for a 30,000-character plan; and a plan is folded three times on its way into
the search index (`outline_rules.fold`, `numerals.fold`, `textnorm.normalise`). Most characters of
most plans map to themselves, so a regex of the table's keys finds the few that change (in C, a
few ns a character) and only those are looked up, by a Python callback (~150 ns each). Where the
changed characters are dense (a Traditional plan normalised to Simplified) the callbacks would
cost more than `translate`: past one in `_DENSE` characters the text is translated whole instead,
so that case costs only the probe of its first `len // _DENSE` changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Shorter text is translated directly: the regex's per-call cost is that of a few dozen lookups.
_SHORT = 256
# Below one changed character in 32 the regex is ~3x faster than translate (2 ns a character to
# scan, 150 ns a change); above it translate wins, and the probe wastes at most ~5 ns a character.
_DENSE = 32


class CharMap:
    __slots__ = ("_lookup", "_pattern", "_table")

    def __init__(self, table: Mapping[int, int | str]) -> None:
        """`table`: code point → code point or one character, as `str.translate` takes."""
        self._table = dict(table)
        self._lookup: dict[str, str] = {
            chr(k): chr(v) if isinstance(v, int) else v for k, v in table.items()
        }
        self._pattern: re.Pattern[str] | None = None  # compiled on first long text

    def __call__(self, text: str) -> str:
        if len(text) < _SHORT:
            return text.translate(self._table)
        pattern = self._pattern or self._compile()
        limit = len(text) // _DENSE
        out, changed = pattern.subn(self._replace, text, count=limit)
        if changed < limit:
            return out
        return text.translate(self._table)

    def _replace(self, m: re.Match[str]) -> str:
        ch = m.group()
        return self._lookup.get(ch, ch)  # a character the class spans but the table lacks

    def _compile(self) -> re.Pattern[str]:
        self._pattern = re.compile(_char_class(self._table))
        return self._pattern


def _char_class(table: Mapping[int, object]) -> str:
    """A regex class of the table's keys. Within the Basic Multilingual Plane the keys are listed
    (re makes a bitmap of them: one lookup a character); above it, where re would test every
    listed key in turn for every character, one range spans them (`_replace` passes the others
    through unchanged)."""
    bmp = sorted(k for k in table if k < 0x10000)
    astral = [k for k in table if k >= 0x10000]
    parts: list[str] = []
    i = 0
    while i < len(bmp):
        j = i
        while j + 1 < len(bmp) and bmp[j + 1] == bmp[j] + 1:
            j += 1
        lo, hi = re.escape(chr(bmp[i])), re.escape(chr(bmp[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    if astral:
        parts.append(f"{re.escape(chr(min(astral)))}-{re.escape(chr(max(astral)))}")
    # An empty table matches nothing: a class that excludes every character.
    return f"[{''.join(parts)}]" if parts else r"[^\s\S]"


__all__ = ["CharMap"]
