"""The closing-matter passes: boilerplate after the body start.

Each returns the lines it finds to be boilerplate; the two that find lists numbered like
sections (a page-end link list, a notice's attachment list) also say which lines lose their
marker (`Closing.unmarked`), and the passes after them see the markers without those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from zoneplan_tui.core import outline_chrome as chrome
from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.outline_head import Head
from zoneplan_tui.core.outline_lines import Lines, next_nonblank, paragraph_like, title_key

_LINK_LIST_MAX = 40  # entries (and footer lines) a page-end link list may hold
_LABEL_MAX = 16  # characters of a crawler's section label (`## 政策全文`)


@dataclass(frozen=True, slots=True)
class Closing:
    boiler: frozenset[int]
    unmarked: frozenset[int]  # lines whose number is no section marker (a list entry)


_NONE = Closing(frozenset(), frozenset())


def without(markers: Mapping[int, r.Marker], lines: frozenset[int]) -> Mapping[int, r.Marker]:
    """`markers` less those on `lines`."""
    if not lines:
        return markers
    return MappingProxyType({i: m for i, m in markers.items() if i not in lines})


def link_list(t: Lines, head: Head) -> Closing:
    """A `相关链接` list at the page end, numbered or not: its `1.某市…` entries are links,
    not sections. Only when nothing after the label reads as prose."""
    seen = 0
    for i in range(t.n - 1, head.body - 1, -1):
        s = t.s[i]
        if not s:
            continue
        if chrome.LINK_LIST_RE.match(s) and len(s) <= 30:
            break
        seen += 1
        if len(s) > 60 or "。" in s or seen > _LINK_LIST_MAX:
            return _NONE
    else:
        return _NONE
    lines = frozenset(j for j in range(i, t.n) if t.s[j])
    return Closing(lines, lines)


def page_tail(
    t: Lines, head: Head, tables: frozenset[int], markers: Mapping[int, r.Marker]
) -> frozenset[int]:
    """Page chrome after the last section: from its first chrome line to the end, provided
    nothing after it reads as content (a long paragraph or a section marker)."""
    n = t.n
    last_marker = max(markers, default=head.body - 1)
    start = max(head.body, last_marker + 1)
    weak_after = [True] * (n + 1)
    for i in range(n - 1, start - 1, -1):
        s = t.s[i]
        weak = not s or (len(s) <= 100 and i not in markers) or chrome.is_chrome(s)
        weak_after[i] = weak and weak_after[i + 1]
    for i in range(start, n):
        s = t.s[i]
        if s and weak_after[i + 1] and len(s) <= 80 and i not in tables and chrome.is_chrome(s):
            return frozenset(j for j in range(i, n) if t.s[j])
    return frozenset()


def title_repeats(t: Lines, head: Head) -> frozenset[int]:
    """A repeat of the title in the body: at the page end, or a PDF page's running header."""
    title = title_key(head.title)
    if not title:
        return frozenset()
    found = set()
    for i in range(head.body, t.n):
        s = t.s[i]
        near = abs(len(s) - len(title)) <= 20 and i != head.title_index
        # (the `in` test first: compact() is slow, and most lines differ at once)
        if near and title[0] in s and r.compact(s) == title:
            found.add(i)
    return frozenset(found)


def closing_blocks(
    t: Lines, head: Head, tables: frozenset[int], markers: Mapping[int, r.Marker]
) -> Closing:
    """Closing dates with the signatures above them, 此件公开发布 notes, 附件 labels, the
    imprint line, PDF page numbers, a notice's attachment list and a crawler's labels."""
    boiler: set[int] = set()
    unmarked: set[int] = set()  # grows as the scan goes: later lines see it
    for i, m in markers.items():
        # `## 原文` between the parts of a crawled page: no section (a crawler's label without
        # `#` is chrome, so never a part heading either)
        s = t.s[i]
        if m.style[0] == "md" and len(s) <= _LABEL_MAX and chrome.is_crawler_label(s):
            boiler.add(i)
            unmarked.add(i)
    for i in range(head.body, t.n):
        s = t.s[i]
        if not s or i in tables or (i in markers and i not in unmarked):
            continue
        if r.PAGE_NUMBER_RE.match(s):
            boiler.add(i)  # `— 3 —`, `第3页 共10页`: PDF page furniture
        elif r.ATTACHMENT_LIST_RE.match(s):
            _attachment_list(t, i, boiler, unmarked)
        elif r.ATTACHMENT_LABEL_RE.match(s):
            boiler.add(i)
            items = _attachment_items(t, i)
            boiler.update(items)  # `附件：` then `1.X` `2.Y`: the list of attachments
            unmarked.update(items)
        elif r.CLOSING_NOTE_RE.match(s):
            boiler.add(i)
        elif len(s) <= 50 and r.IMPRINT_RE.match(s):
            boiler.add(i)  # the imprint line `…办公室　2024年2月20日印发`
        elif r.is_date(s):
            boiler.add(i)
            j = i - 1
            while j >= head.body:
                above = t.s[j]
                if above and not (r.is_clean_short(above) and r.ORG_SUFFIX_RE.search(above)):
                    break
                if above:
                    boiler.add(j)  # a signature
                j -= 1
    return Closing(frozenset(boiler), frozenset(unmarked))


def _attachment_items(t: Lines, i: int) -> list[int]:
    """The attachments listed under an `附件：` label on lines of their own (`１．X`, `２．Y`):
    numbered from 1, one after the other, short and without a sentence. An appended part
    (`附件1` over its own title) has its title there instead. After a label without a colon
    the list must not run into prose, which would make its items sections."""
    items: list[int] = []
    j = next_nonblank(t, i + 1)
    while j is not None:
        s = t.s[j]
        m = r.ATTACHMENT_ITEM_RE.match(s)
        marker = r.match_marker(s) if m else None
        if marker is None or "。" in s or marker.number != len(items) + 1:
            break
        items.append(j)
        j = next_nonblank(t, j + 1)
    if not items:
        return []
    if not t.s[i].endswith(":") and j is not None and paragraph_like(t, j):
        return []
    return items


def _attachment_list(t: Lines, i: int, boiler: set[int], unmarked: set[int]) -> None:
    """`附件：1.X` and the `2.Y` lines under it name the attachments of a notice: closing
    matter like the `附件` label, and never headings."""
    boiler.add(i)
    j = i + 1
    while j < t.n and r.ATTACHMENT_ITEM_RE.match(t.s[j]) and "。" not in t.s[j]:
        boiler.add(j)
        unmarked.add(j)
        j += 1
