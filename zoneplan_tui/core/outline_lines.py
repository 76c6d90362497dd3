"""The lines of a plan as the outline passes read them, and what the early passes settle about
each body line (`Body`), which the heading and item passes read.

Line indexes here are 0-based; only the `Outline` records count lines from 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from zoneplan_tui.core import outline_rules as r


@dataclass(frozen=True, slots=True)
class Lines:
    """The text split on "\\n" only. `raw` is what output copies; `folded` has the same lengths
    (see `outline_rules.fold`); `s`, folded and stripped, is what every rule matches."""

    raw: tuple[str, ...]
    folded: tuple[str, ...]
    s: tuple[str, ...]
    n: int


def read_lines(text: str) -> Lines:
    raw = tuple(text.split("\n"))
    folded = tuple(r.fold(text).split("\n"))
    return Lines(raw, folded, tuple(line.strip() for line in folded), len(raw))


@dataclass(frozen=True, slots=True)
class Body:
    """What the passes up to the closing matter found, as the heading and item passes need it."""

    start: int  # first body line
    title_key: str  # the title as `r.compact` compares it, "" without one: running heads repeat it
    wrap: int  # line width of hard-wrapped text, 0 when lines are paragraphs
    boiler: frozenset[int]  # boilerplate lines, before the body and in it
    tables: frozenset[int]  # table cells
    markers: Mapping[int, r.Marker]  # section markers at body line starts that may be headings


def next_nonblank(t: Lines, i: int, limit: int | None = None) -> int | None:
    end = t.n if limit is None else min(t.n, limit)
    s = t.s
    for j in range(i, end):
        if s[j]:
            return j
    return None


def original(t: Lines, i: int) -> str:
    return t.raw[i].strip()


def joined(t: Lines, start: int, end: int) -> str:
    """Lines `start` to `end` as written, run together (a title wrapped over two lines)."""
    return "".join(original(t, i) for i in range(start, end + 1) if t.s[i])


def is_heading_line(t: Lines, i: int) -> bool:
    m = r.match_marker(t.s[i])
    return m is not None and m.text_start < len(t.s[i])


def paragraph_like(t: Lines, i: int) -> bool:
    s = t.s[i]
    return len(s) > 40 or s[-1] in "。;!?:" or "。" in s


def ends_sentence(s: str) -> bool:
    """Whether a folded line ends its sentence (closing quotes and brackets aside)."""
    return s.rstrip("”’\"')】》]")[-1:] in ("。", ";", ":", "!", "?", "")


def title_key(title: str | None) -> str:
    """A title as lines repeating it are compared to it."""
    return r.compact(r.fold(title or ""))


def wrap_width(t: Lines) -> int:
    """Line width of hard-wrapped text (PDF extraction), or 0 for one paragraph per line.

    Wrapped text has many lines of about the same length that stop mid-sentence."""
    lengths = [len(x) for x in t.s if len(x) >= 10]
    if len(lengths) < 20:
        return 0
    counts = Counter(lengths)
    # A full line of pure CJK text is the commonest length; digits and Latin letters are
    # narrower, so full lines holding them have a few more characters, never fewer.
    width = max(counts, key=lambda n: (counts[n], n))
    if width < 15:
        return 0
    band = [x for x in t.s if width - 1 <= len(x) <= width + 6]
    open_ended = sum(1 for x in band if not ends_sentence(x))
    # lines of a list of headings are also alike and open-ended, but they start with markers
    marked = sum(1 for x in band if r.MARKER_RE.match(x))
    full = len(band) * 10 >= len(lengths) * 4 and open_ended * 2 >= len(band)
    return width if full and marked * 5 <= len(band) else 0
