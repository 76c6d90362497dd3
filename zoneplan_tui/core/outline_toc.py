"""Tables of contents: `目录` (`目 錄`, `目次`, `總目次`) and its entries, wherever they stand.

A table of contents repeats the headings of the document; none of its lines is a heading.
It may come before the title (a Word file whose contents page comes first), between the
title and the body, in the middle of the document before an annex, or without its label, as
the list of headings repeated before the body. Its entries carry page numbers after leader
dots (`一、总体要求……1`, `1.食品工业……（116）`, `歲入來源別預算表 02004- 7頁`), on a line of
their own (`6`), or none at all.

The head pass calls `toc_end`, `title_after_toc` and `heading_list_end` for a table of contents
up to the body start; `contents_pages` finds those in the body.
"""

from __future__ import annotations

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.lazy_re import lazy_re
from zoneplan_tui.core.outline_lines import Lines, is_heading_line, next_nonblank

# a page reference at the end of an entry: leader dots or a space, then the page (or pages)
_PAGE_REF_RE = lazy_re(
    r"(?:[.…·•_]{2,}|\s)\s*(?:第\s*)?\(?\s*[0-9][0-9\s\-~—–]{0,10}\)?\s*第?\s*[页頁]?$"
    r"|[.…·•_]{3,}\s*$"
    # a template's placeholder page: `……○○`, `.XX`
    r"|(?:[.…·•_]+|\s)\s*(?:○○|〇〇|[xX]{2})$"
)
_NAMED_TOC_RE = lazy_re(r"^[\u4e00-\u9fff]{1,8}目\s*(?:录|錄|次)$")
# a page number on a line of its own under its entry
_PAGE_ONLY_RE = lazy_re(r"^\(?\s*[0-9]{1,4}(?:\s*[-~—–]\s*[0-9]{1,4})?\s*\)?$")
_ENTRY_MAX = 60
_LABEL_MAX = 16
_PAGED_ENTRY_MAX = 90


def is_toc_label(s: str) -> bool:
    return len(s) <= _LABEL_MAX and r.TOC_RE.match(s) is not None


def is_named_toc(t: Lines, i: int) -> bool:
    """A label naming what it lists (`計畫書目錄`, `规划文本目录`): a table of contents only
    when entries with page references follow (two of the next three lines), since a
    `产业目录` may also be the title of a list."""
    if len(t.s[i]) > _LABEL_MAX or _NAMED_TOC_RE.match(t.s[i]) is None:
        return False
    following: list[str] = []
    j = next_nonblank(t, i + 1)
    while j is not None and len(following) < 3:
        following.append(t.s[j])
        j = next_nonblank(t, j + 1)
    return sum(1 for x in following if paged(x)) >= 2


def paged(s: str) -> bool:
    """An entry with its page number, or the page number under an entry."""
    return _PAGE_ONLY_RE.match(s) is not None or (
        len(s) <= _PAGED_ENTRY_MAX and "。" not in s and _PAGE_REF_RE.search(s) is not None
    )


def entry_like(s: str) -> bool:
    return paged(s) or (len(s) <= _ENTRY_MAX and "。" not in s)


def entry_key(s: str) -> str:
    """An entry as the heading it names is compared to it: no page reference, no spaces."""
    return r.compact(_PAGE_REF_RE.sub("", s))


def _repeat(t: Lines, first: int) -> int | None:
    """The line after `first` that repeats it (the heading the first entry names)."""
    key = entry_key(t.s[first])
    if not key:
        return None
    return next((j for j in range(first + 1, t.n) if r.compact(t.s[j]) == key), None)


def toc_end(t: Lines, i: int) -> int:
    """The first line after the table of contents whose label is line `i`.

    The entries run while lines look like entries, up to the first line repeating one of
    them: the heading it names, where the body starts. With page numbers, the contents end
    sooner, after the last entry holding one (and any numbered entries right after it):
    what follows before the first heading, a `前言` the contents do not list, is body."""
    first = next_nonblank(t, i + 1)
    if first is None:
        return t.n
    s = t.s
    keys: set[str] = set()
    end, last_paged = first, -1
    while end < t.n:
        x = s[end]
        if x:
            page_only = _PAGE_ONLY_RE.match(x) is not None
            if not page_only and (not entry_like(x) or r.compact(x) in keys):
                break
            if paged(x):
                last_paged = end
            if not page_only:
                keys.add(entry_key(x))
        end += 1
    return end if last_paged == -1 else last_paged + 1


def title_after_toc(t: Lines, i: int) -> int | None:
    """A table of contents (label at `i`) before the title line: the title is the line just
    before the repeat of the first entry, if it reads as a title (a title ending, no marker)."""
    first = next_nonblank(t, i + 1)
    if first is None:
        return None
    end = _repeat(t, first)
    if end is None:
        return None
    k = end - 1
    while k > first and not t.s[k]:
        k -= 1
    s = t.s[k]
    if k <= first or is_heading_line(t, k) or not (r.is_titleish(s) and r.has_title_end(s)):
        return None
    return k


def heading_list_end(t: Lines, i: int) -> int | None:
    """A table of contents without its label: the headings listed before the body (from line
    `i`, a heading line), up to the repeat of the first one. All lines in between are entries,
    and most of them are repeated after it."""
    if not is_heading_line(t, i):
        return None
    j = _repeat(t, i)
    if j is None:
        return None
    entries = [k for k in range(i, j) if t.s[k]]
    if len(entries) < 2 or not all(entry_like(t.s[k]) for k in entries):
        return None
    later = {r.compact(x) for x in t.s[j:] if len(x) <= _PAGED_ENTRY_MAX}
    repeated = sum(1 for k in entries if entry_key(t.s[k]) in later)
    return j if repeated * 3 >= len(entries) * 2 else None


def contents_pages(t: Lines, start: int, skip: frozenset[int]) -> frozenset[int]:
    """The lines of the tables of contents from line `start` on (an annex's `目 录` in the
    middle of the document), less the lines in `skip`."""
    s = t.s
    # every label ends in 目录, 目錄 or 目次: one cheap test keeps the scan fast
    labels = [i for i in range(start, t.n) if "目" in s[i] and len(s[i]) <= _LABEL_MAX]
    found: set[int] = set()
    end = start
    for i in labels:
        if i < end or i in skip or not (is_toc_label(s[i]) or is_named_toc(t, i)):
            continue
        end = toc_end(t, i)
        found.update(j for j in range(i, end) if s[j])
    return frozenset(found)
