"""The heading-candidate passes: markers at line starts, the numbered lines that may be
headings, and the short unnumbered lines that open a part of the plan.

`outline_levels.assign_levels` then decides which candidates are headings, and at what level.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from zoneplan_tui.core import outline_chrome as chrome
from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.lazy_re import lazy_re
from zoneplan_tui.core.outline_head import Head, title_continuation
from zoneplan_tui.core.outline_lines import (
    Body,
    Lines,
    ends_sentence,
    joined,
    next_nonblank,
    original,
    paragraph_like,
)

_LEAF_PART_RE = lazy_re(r"^(?:前言|序言|引言|导言|结束语|结语|后记)$")
_APPENDIX_PART_RE = lazy_re(r"(?:名词解释|术语解释|附录|注释|编制说明)$")
# The label of a glossary: `注解：`, `名词解释：`, its numbered entries defining the terms.
_GLOSSARY_LABEL_RE = lazy_re(
    r"^(?:注解|注释|名词解释|名词注释|术语解释|词语解释|指标解释|主要指标解释|释义)\s*:$"
)
_DEFINITION_RE = lazy_re(r"^[^,。;:]{1,20}:\s*(?:指|是指|系指|即|为)")
# Characters no paragraph ends on: a line that stops on one was cut mid-sentence.
_NO_PARAGRAPH_END = frozenset(",、第的和与及或之对把被将从向在为")
_ANNEX_LOOKAHEAD = 200  # lines after a closing `附件：X` searched for the annex titled X


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int  # line
    marker: r.Marker | None  # None for an unnumbered heading
    leaf: bool = False  # unnumbered part that does not contain the headings after it
    last: int = -1  # last line of an unnumbered title wrapped over two lines, -1 if one line


def find_markers(t: Lines, head: Head, tables: frozenset[int]) -> Mapping[int, r.Marker]:
    """The section marker starting each body line that is neither boilerplate nor a cell."""
    markers: dict[int, r.Marker] = {}
    s, boiler = t.s, head.boiler
    for i in range(head.body, t.n):
        if s[i] and i not in boiler and i not in tables:
            m = r.match_marker(s[i])
            if m is not None:
                markers[i] = m
    # `01综合`: a number glued to its title numbers sections only in a document that pads
    # them from `01`; elsewhere `15分钟生活圈` starts with a figure, not a marker
    glued = [i for i, m in markers.items() if _glued(m)]
    if glued and not any(s[i].startswith("01") for i in glued):
        for i in glued:
            del markers[i]
    return MappingProxyType(markers)


def _glued(m: r.Marker) -> bool:
    return m.style == ("dec", 1) and m.text_start == m.end


def numbered_candidates(t: Lines, body: Body) -> tuple[Candidate, ...]:
    """The marker lines that may be headings: not a bare marker, not a number inside a
    sentence wrapped onto this line, not a list item of a markdown plan."""
    markers = body.markers
    markdown = any(m.style[0] == "md" for m in markers.values())
    # `1　总则` is a decimal heading only in a plan that also numbers `1.1`, `1.2` under it
    decimal_parents = {m.path[0] for m in markers.values() if m.style == ("dec", 2)}
    return tuple(
        Candidate(i, m)
        for i, m in sorted(markers.items())
        if _plausible(t, body, i, m, markdown, decimal_parents)
    )


def in_order(*groups: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(sorted((c for g in groups for c in g), key=lambda c: c.index))


def _plausible(
    t: Lines, body: Body, i: int, m: r.Marker, markdown: bool, decimal_parents: set[int]
) -> bool:
    text = t.s[i][m.text_start :]
    if not text:
        return False  # a bare marker: a table cell or a stray number
    if not any(ch.isalpha() for ch in text):
        return False  # `①　②　③`, `1. 2 3`: labels under figures or a chart, no title
    if m.style == ("dec", 1) and (
        len(text) > 30
        or "。" in text
        or (m.number not in decimal_parents and not _bare_chapter(t, body, i, text))
    ):
        return False  # `1　总则` is a short title; `1 年内完成…。` and `01　人工智能` are not
    if markdown and m.style[0] in r.LIST_STYLES and not _list_heading(t, body, i):
        return False
    if body.wrap and _continues_wrapped_line(t, body, i):
        return False
    return not _continues_long_line(t, body, i)


def _continues_long_line(t: Lines, body: Body, i: int) -> bool:
    """A marker right after a long prose line cut off where no paragraph can end (`…推动
    第一、第` / `二、三产业融合…`, a trailing comma or 的/和) continues that sentence, even
    when the text is too short for the hard-wrap statistics. A line ending on any other
    word may be a paragraph that lost its 。, so it does not count."""
    j = _before_page_break(t, body, i - 1)
    if j < body.start or j in body.boiler or j in body.tables or j in body.markers:
        return False
    prev = t.s[j]
    if len(prev) < r.TITLE_LIMIT:
        return False  # a blank line, or a short line: a heading or a label above the marker
    return prev[-1] in _NO_PARAGRAPH_END


def _bare_chapter(t: Lines, body: Body, i: int, text: str) -> bool:
    """`2　规划目标` in a plan without `2.1`: a chapter when it reads as one, a short
    one-word title (no leading zero as in a box's `01　人工智能`, no cells after spaces)
    followed by prose."""
    spaced = not _glued(body.markers[i])
    if (spaced and t.s[i][0] == "0") or any(ch.isspace() for ch in text):
        return False
    if not r.is_clean_short(text):
        return False
    j = next_nonblank(t, i + 1)
    return j is not None and j not in body.markers and paragraph_like(t, j)


def _continues_wrapped_line(t: Lines, body: Body, i: int) -> bool:
    """A marker at the start of a wrapped line whose previous line ran to the full width
    without ending its sentence is a number inside the sentence (`…第\\n二、三产业`)."""
    j = _before_page_break(t, body, i - 1)
    while j >= body.start and not t.s[j]:
        j -= 1
    if j < body.start:
        return False
    prev = t.s[j]
    return len(prev) >= body.wrap - 2 and not ends_sentence(prev)


def _before_page_break(t: Lines, body: Body, j: int) -> int:
    """Line `j`, or, when it ends a PDF page break (a page number, a running head repeating
    the title, blank lines), the line before the break: a sentence goes on across it."""
    k, paged = j, False
    title = body.title_key
    while k >= body.start and (not t.s[k] or k in body.boiler):
        s = t.s[k]
        if s and r.PAGE_NUMBER_RE.match(s):
            paged = True
        elif s and not (title and r.compact(s) == title):
            return j
        k -= 1
    return k if paged else j


def _list_heading(t: Lines, body: Body, i: int) -> bool:
    """In a markdown plan a numbered list item heads a section only when it is a short title
    followed by its own body."""
    if t.folded[i][:1].isspace():
        return False
    text = t.s[i][body.markers[i].text_start :]
    if "。" in text or len(t.s[i]) > r.TITLE_LIMIT:
        return False
    j = next_nonblank(t, i + 1)
    return j is not None and j not in body.markers and not t.s[j].startswith(("-", "*"))


def part_candidates(t: Lines, body: Body, numbered: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Unnumbered part headings: short standalone lines that open a part of the plan.

    Appendix parts (after an 附件 label, 名词解释) and 前言-like leaf parts are named as such.
    Any other line qualifies when it opens the numbering (no numbered heading before it, or
    the next one restarts at 1), or when an earlier one did (the parts of a work report).
    A lone such line is a leaf: the numbered headings after it stay at their own level."""
    marker_lines = [c.index for c in numbered]
    seen_styles: dict[r.Style, int] = {}  # style -> first line using it
    for c in numbered:
        if c.marker is not None:
            seen_styles.setdefault(c.marker.style, c.index)
    found: list[Candidate] = []
    generic: list[Candidate] = []
    prev: int | None = None  # previous non-blank line, boilerplate included
    wrapped = -1  # second line of the last appendix title
    for i in range(body.start, t.n):
        if not t.s[i]:
            continue
        p, prev = prev, i
        if i <= wrapped:
            continue
        kind = _part_kind(t, body, i, p)
        if kind is None:
            continue
        k = bisect_right(marker_lines, i)
        after = numbered[k].marker if k < len(numbered) else None
        opens = k == 0 or (after is not None and after.number == 1)
        # the next heading takes up a numbering already used: a new part begins here
        restarts = opens and after is not None and seen_styles.get(after.style, i) < i
        if not (restarts or _stands_alone(t, body, i, p, named=kind == "appendix")):
            continue
        if kind == "appendix":
            last = _appendix_title_end(t, body, i)
            found.append(Candidate(i, None, last=last if last != i else -1))
            wrapped = last
        elif kind != "generic":
            found.append(Candidate(i, None, leaf=kind == "leaf"))
        elif opens or generic:
            generic.append(Candidate(i, None))
    if len(generic) == 1:
        generic[0] = Candidate(generic[0].index, None, leaf=True)
    return in_order(tuple(found), tuple(generic))


def part_title(t: Lines, c: Candidate, joined_title: str | None = None) -> str:
    """The title of an unnumbered part heading: its line (or two lines) as written, or
    `joined_title` (a ranked title wrapped over lines, joined), less an `附件1：` label,
    markdown bold or a glossary label's colon."""
    i = c.index
    title = joined_title or (original(t, i) if c.last == -1 else joined(t, i, c.last))
    if (titled := r.ATTACHMENT_TITLED_RE.match(t.s[i])) is not None:
        title = title[titled.start("t") :].strip()  # `附件1：重点项目清单`
    if title.startswith("**") and title.endswith("**"):
        title = title[2:-2].strip()  # `**2024年工作回顾**`: markdown bold
    if _GLOSSARY_LABEL_RE.match(t.s[i]):
        title = title[:-1].rstrip()  # `注解：`
    return title


def _part_kind(t: Lines, body: Body, i: int, p: int | None) -> str | None:
    """ "appendix", "leaf" or "generic" when line `i` could title a part, else None.
    `p` is the previous non-blank line."""
    s = t.s[i]
    if i in body.boiler or i in body.tables or i in body.markers:
        return None
    if _GLOSSARY_LABEL_RE.match(s) and _glossary_follows(t, body, i):
        return "appendix"
    titled = r.ATTACHMENT_TITLED_RE.match(s)
    if titled is not None and r.is_clean_short(titled.group("t")):
        if _titled_later(t, i, r.compact(titled.group("t"))):
            return None  # the closing block's list of attachments: the annex follows
        nxt = _next_body_line(t, body, i + 1)
        return None if nxt is None or nxt in body.tables else "appendix"
    if not r.is_clean_short(s) or chrome.is_chrome(s) or r.TABLE_CAPTION_RE.match(s):
        return None
    if r.FIGURE_CAPTION_RE.search(s):
        return None  # `组织系统图` captions the figure under it
    if body.wrap and (len(s) >= body.wrap - 2 or (p is not None and not ends_sentence(t.s[p]))):
        return None  # in hard-wrapped text only a line after a finished sentence can be one
    nxt = _next_body_line(t, body, i + 1)
    if nxt is None or nxt in body.tables:
        return None
    key = r.compact(s)
    if (p is not None and r.ATTACHMENT_LABEL_RE.match(t.s[p])) or _APPENDIX_PART_RE.search(key):
        return "appendix"
    return "leaf" if _LEAF_PART_RE.match(key) else "generic"


def _titled_later(t: Lines, i: int, title: str) -> bool:
    """Whether a line after `i` — or two, a title wrapped — stands alone as `title`: the
    annex a closing `附件：X` names, printed after it under its own title (within a few pages:
    the signature, date and imprint stand between)."""
    for j in range(i + 1, min(t.n, i + _ANNEX_LOOKAHEAD)):
        key = r.compact(t.s[j])
        if not key or not title.startswith(key):
            continue
        if key == title:
            return True
        k = next_nonblank(t, j + 1)
        if k is not None and key + r.compact(t.s[k]) == title:
            return True
    return False


def _glossary_follows(t: Lines, body: Body, i: int) -> bool:
    """A glossary's entries under its label define terms: `1.人口性别比：指…`. Notes under
    `注释：` that say something else (`1.本公报中数据均为初步统计数`) keep it a label."""
    j = _next_body_line(t, body, i + 1)
    m = body.markers.get(j) if j is not None else None
    if j is None or m is None:
        return False
    return _DEFINITION_RE.match(t.s[j][m.text_start :]) is not None


def _appendix_title_end(t: Lines, body: Body, i: int) -> int:
    """Last line of an appended part's title: the title of an 附件 may wrap onto a second
    line (`2024—2026年某省` / `农机购置补贴机具种类范围`), joined as a document title is. The
    second line is no heading, table cell or part name of its own (`说明`)."""
    j = title_continuation(t, i)
    if j == i or j in body.boiler or j in body.tables or j in body.markers:
        return i
    b = r.compact(t.s[j])
    if len(b) < 4 or not r.is_clean_short(t.s[j]) or _part_name(b):
        return i
    return j


def _part_name(key: str) -> bool:
    return _LEAF_PART_RE.match(key) is not None or _APPENDIX_PART_RE.search(key) is not None


def _stands_alone(t: Lines, body: Body, i: int, p: int | None, named: bool = False) -> bool:
    """Prose (or the body start, or boilerplate) before, prose or a numbered heading after:
    a run of short lines is a signature block, a list or a table, not a part title. A line
    that names an appendix (`名词解释`) may also follow a heading that has no body."""
    if p is not None and r.ATTACHMENT_LABEL_RE.match(t.s[p]):
        return True
    if (
        not named
        and p is not None
        and p >= body.start
        and p not in body.boiler
        and not paragraph_like(t, p)
    ):
        return False
    nxt = _next_body_line(t, body, i + 1)
    return nxt is not None and (nxt in body.markers or paragraph_like(t, nxt))


def _next_body_line(t: Lines, body: Body, i: int) -> int | None:
    while i < t.n:
        if t.s[i] and i not in body.boiler:
            return i
        i += 1
    return None
