"""Search inside one document across scripts and widths, with offsets into the text as written.

`/内湖区` must find `內湖區`, `/家具` must find `傢俱` (a phrase: the character table alone keeps
傢), `/2025年` must find a `年` written as the compatibility ideograph U+F98E, and the match must
be highlighted on exactly the characters of the plan that matched. So the text is folded in two
passes, each keeping where every folded character came from:

1. **Phrases**: OpenCC's `t2s` (the official package, through `textnorm.converter`) turns
   Traditional words into Simplified ones (傢俱→家具, 瞭解→了解, 牴觸→抵触). It works line by line
   and almost always keeps a line's length; where it does not, the two lines are aligned and
   each changed run maps to the whole run it replaced.
2. **Characters**: the search index's table (`textnorm.normalise`: variants, compatibility
   ideographs, full-width letters and digits), then NFKC and case folding, per character: `㎡`
   becomes `m2`, `…` becomes `...`, and both of those map back to the one character.

A match `[a, b)` of the folded text is `[start of a, end of b - 1]` in the original: a match
that covers part of what one character (or one replaced phrase) became covers all of it. The
query is folded the same way. Matching is plain text, case-insensitive, non-overlapping.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Literal

from zoneplan_tui.core.textnorm import converter, normalise

Converter = Callable[[str], str]

# Characters that NFKC or lower-casing may change, after the table: not ASCII (the table
# lower-cases it), not the unified ideographs (NFKC keeps them). Everything else is looked at.
_CANDIDATES = re.compile("[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded text and, per folded character, the span of the original it came from
    (None: the same offsets, the common case of Simplified text)."""

    text: str
    starts: array[int] | None = None
    ends: array[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span `[start, end)` (end > start)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _phrase_converter() -> Converter | None:
    conv = converter("t2s")
    return None if conv is None else conv.convert


def _align(line: str, out: str, base: int, starts: array[int], ends: array[int]) -> None:
    """Append the original spans of `out`, the conversion of `line` (at `base`), whose length
    differs: equal runs map one to one, a changed run to the whole run it replaced."""
    matcher = SequenceMatcher(None, line, out, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            starts.extend(range(base + i1, base + i2))
            ends.extend(range(base + i1 + 1, base + i2 + 1))
        else:
            starts.extend([base + i1] * (j2 - j1))
            ends.extend([base + i2] * (j2 - j1))


def fold_phrases(text: str, convert: Converter | None) -> Folded:
    """Pass 1: `text` through the phrase converter, line by line, with the original spans."""
    if convert is None or not text:
        return Folded(text)
    lines = text.split("\n")
    converted = convert(text).split("\n")
    if len(converted) != len(lines):  # never seen: convert line by line instead
        converted = [convert(line) for line in lines]
    if all(len(a) == len(b) for a, b in zip(lines, converted, strict=True)):
        return Folded("\n".join(converted))
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    base = 0
    for index, (line, out) in enumerate(zip(lines, converted, strict=True)):
        if index:  # the "\n" before this line
            starts.append(base - 1)
            ends.append(base)
        if len(out) == len(line):
            starts.extend(range(base, base + len(line)))
            ends.extend(range(base + 1, base + len(line) + 1))
        else:
            _align(line, out, base, starts, ends)
        base += len(line) + 1
    return Folded("\n".join(converted), starts, ends)


@cache
def fold_char(char: str) -> str:
    """Pass 2 for one character (already through the table): NFKC, then case folded."""
    return unicodedata.normalize("NFKC", char).casefold()


def fold_chars(text: str) -> tuple[str, array[int] | None]:
    """Pass 2: the table, NFKC and case folding, with the index each folded character came from
    (None when every character folded to exactly one)."""
    tabled = normalise(text)
    changes = {c: fold_char(c) for c in set(_CANDIDATES.findall(tabled))}
    changes = {c: f for c, f in changes.items() if f != c}
    if not changes:
        return tabled, None
    mapping: dict[str, str | int | None] = dict(changes)
    folded = tabled.translate(str.maketrans(mapping))
    if all(len(f) == 1 for f in changes.values()):
        return folded, None
    source: array[int] = array("q")
    done = 0
    grown = re.compile("|".join(re.escape(c) for c, f in changes.items() if len(f) != 1))
    for m in grown.finditer(tabled):
        at = m.start()
        source.extend(range(done, at))
        source.extend([at] * len(changes[m.group()]))
        done = at + 1
    source.extend(range(done, len(tabled)))
    return folded, source


def fold(text: str, convert: Converter | Literal["opencc"] | None = "opencc") -> Folded:
    """`text` folded for search, with the original span of every folded character.
    `convert`: the phrase converter ("opencc": OpenCC's t2s when it is installed; None: none)."""
    phrases = fold_phrases(text, _phrase_converter() if convert == "opencc" else convert)
    folded, source = fold_chars(phrases.text)
    if source is None:
        return Folded(folded, phrases.starts, phrases.ends)
    if phrases.starts is None or phrases.ends is None:
        return Folded(folded, source, array("q", (i + 1 for i in source)))
    p_starts, p_ends = phrases.starts, phrases.ends
    return Folded(
        folded, array("q", (p_starts[i] for i in source)), array("q", (p_ends[i] for i in source))
    )


def find_all(
    folded: Folded, query: str, convert: Converter | Literal["opencc"] | None = "opencc"
) -> list[tuple[int, int]]:
    """The original spans of every occurrence of `query` in the folded text, in order."""
    needle = fold(query, convert).text
    if not needle:
        return []
    hay = folded.text
    spans: list[tuple[int, int]] = []
    at = hay.find(needle)
    while at >= 0:
        span = folded.span(at, at + len(needle))
        # Two folded matches inside one replaced run map to the same original span.
        if span[1] > span[0] and (not spans or span[0] >= spans[-1][1]):
            spans.append(span)
        at = hay.find(needle, at + len(needle))
    return spans


__all__ = ["Folded", "find_all", "fold", "fold_char", "fold_chars", "fold_phrases"]
