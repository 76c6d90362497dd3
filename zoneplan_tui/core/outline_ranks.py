"""Headings from the typography a converter reported (`document.Hints.ranks`).

A Word heading style, an HTML `h2`, a PDF line set larger or bolder than the body: such a line
is a heading whatever its words, where plain text has only the words to go by. With ranks
present:

* an unnumbered heading is a ranked line that reads as a title (short, no sentence
  punctuation, not a caption, not chrome, not a table cell or boilerplate) and has a section
  under it: the next line is not ranked more prominently than itself (a cover's last line, a
  signature block set in another face, have nothing under them but the next heading). Two
  or three lines of one rank right after one another are one title wrapped (`Ranked.titles`
  joins them); more are a list;
* the text rules' guesses at unnumbered parts (`outline_headings.part_candidates`) count only
  where the type agrees (a 前言 still holds no sections: it stays a leaf);
* a ranked line repeating the heading right above it is not one (a running header kept where
  its part begins, under the part's divider page);
* a ranked line starting with a section marker is a numbered heading even where the text
  rules turned it down (`1　人口特征` before a line that is not prose); a `#` line the
  converter did not rank is none (the markdown reader leaves code blocks out).

Where they nest is `outline_levels.Nesting`'s business: by rank among the open headings.

The title, too: on a cover the title is the line set most prominently. When the head pass took
a less prominent line for it (a `機關編號` box in a corner, an agency line above the title) or
found none, `ranked_head` takes the most prominent line of the cover instead — the lines
before the first numbered line, table or paragraph — and the cover lines around it (up to the
first line that heads some prose, a number or a table) become boilerplate. A title the head
pass found wrapped into that line (`農業發展基金` / `基金用途明細表說明`, its last words set
larger) stays whole; a series line (`臺北市總預算案`) ranked like the title under it is not
part of it.

Ranks decide unnumbered headings only where they say something about the body: a page whose
only ranked line is its title (an HTML page with an `h1` and paragraphs) keeps the text
rules.

Plain text has no ranks, and nothing here changes its outline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.lazy_re import lazy_re
from zoneplan_tui.core.outline_head import Head
from zoneplan_tui.core.outline_headings import Candidate, in_order
from zoneplan_tui.core.outline_lines import (
    Body,
    Lines,
    joined,
    next_nonblank,
    original,
    paragraph_like,
)

# A title: at most this many characters a line (a wrapped title stays under it a line).
_TITLE_CHARS = 40
_WRAPPED = 3  # lines of one title at most
_COVER_LINES = 40  # a cover is read this far at most
_LEAF_RE = lazy_re(r"^(?:前言|序言|引言|导言|结束语|结语|后记)$")
_LETTERED_RE = lazy_re(r"^[A-Za-z][.．、)]")
_INFORMATIVE = 2  # ranked body lines that make the type, not the words, decide unnumbered headings


@dataclass(frozen=True, slots=True)
class Ranked:
    candidates: tuple[Candidate, ...]  # numbered and unnumbered, in order
    titles: Mapping[int, str] = field(default_factory=dict)  # line -> a wrapped title joined


def ranked_candidates(
    t: Lines,
    body: Body,
    ranks: Mapping[int, int],
    numbered: tuple[Candidate, ...],
    parts: tuple[Candidate, ...],
) -> Ranked:
    """All heading candidates: `numbered` and `parts` as they are without ranks (rules in the
    module docstring otherwise). `ranks`: 0-based line -> rank."""
    if sum(1 for i in ranks if i >= body.start and i not in body.boiler) < _INFORMATIVE:
        return Ranked(in_order(numbered, parts))  # a ranked title alone says nothing of parts
    # a 前言 holds no sections; a lone part the text rules call a leaf only for want of
    # evidence does, when the type sets the numbered headings after it less prominently
    # a `#` line the converter did not rank is no markdown heading (it sits in a code block)
    numbered = tuple(
        c for c in numbered if c.marker is None or c.marker.style[0] != "md" or c.index in ranks
    )
    leaf = {c.index for c in parts if c.leaf and _LEAF_RE.match(r.compact(t.s[c.index]))}
    taken = {c.index for c in numbered}
    extra: list[Candidate] = []
    found: list[Candidate] = []
    titles: dict[int, str] = {}
    skip: set[int] = set()
    for i in sorted(ranks):
        if i < body.start or i in skip or i in taken:
            continue
        if i in body.markers:
            if _numbered_title(t, body, i):
                extra.append(Candidate(i, body.markers[i]))
            continue
        if not _reads_as_title(t, body, i):
            continue
        run = [i]
        while run[-1] + 1 < t.n and ranks.get(run[-1] + 1) == ranks[i]:
            if not _reads_as_title(t, body, run[-1] + 1):
                break
            run.append(run[-1] + 1)
        skip.update(run)
        j = _next_line(t, body, run[-1] + 1)
        if len(run) > _WRAPPED or j is None:
            continue  # a list of styled lines, or a heading with nothing under it
        after = ranks.get(j)
        if after is not None and after < ranks[i]:
            continue  # nothing under it before a more prominent heading: a cover, a signature
        if _repeats(t, body, i, numbered, extra, found):
            continue  # a running header naming the part whose divider heading is just above
        found.append(Candidate(i, None, leaf=i in leaf))
        if len(run) > 1:
            titles[i] = joined(t, run[0], run[-1])
    return Ranked(in_order(numbered, tuple(extra), tuple(found)), titles)


def ranked_head(t: Lines, head: Head, ranks: Mapping[int, int], tables: frozenset[int]) -> Head:
    """`head` with the cover's most prominent line as the title when the head pass took a
    less prominent one (rule in the module docstring)."""
    if not ranks:
        return head
    if head.title is not None and _toc(r.compact(r.fold(head.title))):
        # a 目次 label is the contents' title, not the document's
        head = replace(head, title=None, title_index=None)
    cover = []
    for i in range(min(t.n, _COVER_LINES)):
        s = t.s[i]
        if not s:
            continue
        if i in tables or r.match_marker(s) is not None or paragraph_like(t, i):
            break
        cover.append(i)
    ranked = [i for i in cover if i in ranks and r.is_titleish(t.s[i]) and not _toc(t.s[i])]
    if not ranked:
        return head
    best = min(ranked, key=lambda i: (ranks[i], i))
    if _wraps(t, head, best):
        return head
    current = None if head.title_index is None else ranks.get(head.title_index)
    if current is not None and current <= ranks[best]:
        return head
    end = best
    while end + 1 < t.n and ranks.get(end + 1) == ranks[best] and end + 1 - best < _WRAPPED:
        end += 1  # the title wrapped over lines of its size
    if end > best and not all(r.is_titleish(t.s[i]) for i in range(best, end + 1)):
        end = best
    if end > best and r.SERIES_RE.search(t.s[best]) and r.has_title_end(t.s[best + 1]):
        best += 1  # the series (`臺北市總預算案`) over this volume's own title
    title = joined(t, best, end) if end > best else original(t, best)
    boiler = set(head.boiler) | {i for i in range(best) if t.s[i]}
    boiler.discard(best)
    body = end + 1
    while (j := next_nonblank(t, body)) is not None and _cover_line(t, j, tables):
        boiler.add(j)  # the publisher, the year, a 目次 label: the cover's, not a part's
        body = j + 1
    return replace(
        head, title=title, title_index=best, body=max(head.body, body), boiler=frozenset(boiler)
    )


def _cover_line(t: Lines, j: int, tables: frozenset[int]) -> bool:
    """A short line after the title that heads no text of its own: the next line is not
    prose (a heading with its paragraph under it stays in the body)."""
    s = t.s[j]
    if j in tables or r.match_marker(s) is not None or paragraph_like(t, j):
        return False
    k = next_nonblank(t, j + 1)
    return k is not None and not paragraph_like(t, k) and len(s) <= _TITLE_CHARS


def _toc(s: str) -> bool:
    return bool(r.TOC_RE.match(s)) or s.endswith(("目次", "目录", "目錄"))


def _repeats(
    t: Lines, body: Body, i: int, *groups: tuple[Candidate, ...] | list[Candidate]
) -> bool:
    """Whether line `i` repeats the title of the heading candidate right before it, with
    nothing but boilerplate and blank lines between them."""
    before = [c.index for g in groups for c in g if c.index < i]
    if not before:
        return False
    k = max(before)
    if any(t.s[j] and j not in body.boiler for j in range(k + 1, i)):
        return False
    m = body.markers.get(k)
    title = t.s[k][m.text_start :] if m is not None else t.s[k]
    return r.compact(title) == r.compact(t.s[i])


def _next_line(t: Lines, body: Body, i: int) -> int | None:
    while i < t.n:
        if t.s[i] and i not in body.boiler:
            return i
        i += 1
    return None


def _wraps(t: Lines, head: Head, i: int) -> bool:
    """Whether the title the head pass found starts above line `i` and goes on into it: a
    title wrapped with its last words set larger (`農業發展基金` / `基金用途明細表說明`)."""
    if head.title is None or head.title_index is None or head.title_index >= i:
        return False
    return r.compact(head.title).endswith(r.compact(t.s[i]))


def _reads_as_title(t: Lines, body: Body, i: int) -> bool:
    if i in body.boiler or i in body.tables or i in body.markers:
        return False
    s = t.s[i]
    if not r.is_clean_short(s, _TITLE_CHARS) or r.is_chrome(s) or r.TABLE_CAPTION_RE.match(s):
        return False
    if _chinese(s) < 2 or _LETTERED_RE.match(s):
        return False  # figures or axis labels; `A．热爱自然` is an answer option, not a title
    # a marker the earlier passes turned down is no title either
    return r.match_marker(s) is None and not _toc(s)


def _chinese(s: str) -> int:
    return sum(1 for ch in s if "\u3400" <= ch <= "\u9fff")


def _numbered_title(t: Lines, body: Body, i: int) -> bool:
    """A marker line set as a heading: a short title after the marker."""
    s = t.s[i]
    text = s[body.markers[i].text_start :]
    return bool(text) and r.is_clean_short(text, _TITLE_CHARS) and not r.is_chrome(s)
