"""The head pass: web chrome, the document title and the front matter up to the body start.

`read_head(lines, wrap)` → `Head`. The steps below each add the lines they skip to one local
`boiler` set; it leaves the pass frozen.
"""

from __future__ import annotations

from dataclasses import dataclass

from zoneplan_tui.core import outline_chrome as chrome
from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core import outline_toc as toc
from zoneplan_tui.core.outline_lines import (
    Lines,
    is_heading_line,
    joined,
    next_nonblank,
    original,
    title_key,
)

_SPEAKER_MAX = 20
_JOINERS = ("的", "和", "与", "及", "暨", "关于", "之")
_NOTICE_LOOKAHEAD = 150  # lines after a cover notice's title searched for the plan's title


@dataclass(frozen=True, slots=True)
class Head:
    title: str | None
    title_index: int | None
    body: int  # first body line
    boiler: frozenset[int]  # the non-blank lines before the body, but the title's


def read_head(t: Lines, wrap: int) -> Head:
    """Skip web chrome, find the document title (the plan's own title when a cover notice
    wraps it), then skip metadata, bylines, addressees and a table of contents to the body."""
    boiler: set[int] = set()
    first = _skip_chrome(t, 0, boiler)
    if first is None:
        return Head(None, None, next_nonblank(t, 0) or 0, frozenset(boiler))
    s = t.s[first]
    if toc.is_toc_label(s) and (after_toc := toc.title_after_toc(t, first)) is not None:
        # a table of contents placed before the title line
        boiler.update(j for j in range(first, after_toc) if t.s[j])
        first, s = after_toc, t.s[after_toc]
    if s.startswith("# "):  # a markdown title
        start, end, title = first, first, original(t, first)[1:].strip()
    elif (annex := r.ANNEX_TITLE_RE.match(s)) is not None:
        # the document is an annex: its title is the text after the label
        line = t.raw[first]
        col = len(line) - len(line.lstrip())
        start, end, title = first, first, line[col + annex.start("t") :].strip()
    elif is_heading_line(t, first) or not r.is_titleish(s) or r.is_addressee(s):
        # no title line: the page's title field may give one, a byline may still come first
        field = _title_from_field(t, first)
        index, field_title = field if field is not None else (None, None)
        if index is not None:
            boiler.discard(index)
        body = _skip_front_matter(t, first, field_title, boiler)
        return Head(field_title, index, body, frozenset(boiler))
    elif wrap and len(s) >= wrap - 2 and not r.has_title_end(s):
        return Head(None, None, first, frozenset(boiler))  # a hard-wrapped paragraph's first line
    else:
        first = _past_header(t, first, boiler)
        end = title_continuation(t, first)
        start, title = first, joined(t, first, end)
        plan = _wrapped_plan_title(t, title, end)
        if plan is not None:
            (start, end), title = plan, joined(t, *plan)
    boiler.update(i for i in range(first, start) if t.s[i])  # a cover notice before the plan
    body = _skip_front_matter(t, end + 1, title, boiler)
    return Head(title, start, body, frozenset(boiler))


def _skip_chrome(t: Lines, i: int, boiler: set[int]) -> int | None:
    """First line after the page header: chrome, metadata rows (a row a line, or a key cell
    with its value cell under it), dates, a 文号 and an 附件 label."""
    meta = False  # the line before was metadata: a bare label here is a key cell too
    while i < t.n:
        s = t.s[i]
        if not s:
            i += 1
            continue
        key = _key_cell(s, meta)
        if not (key or _header_line(s)):
            return i
        boiler.add(i)
        meta = True
        if key and (value := _value_cell(t, i, before_title=True)) is not None:
            boiler.add(value)
            i = value
        i += 1
    return None


def _header_line(s: str) -> bool:
    return (
        chrome.is_chrome(s)
        or r.is_code(s)
        or r.is_parenthesised(s)  # a cover's `（自115年1月1日起至115年12月31日止）`, a note
        or r.is_date(s)
        or r.ATTACHMENT_LABEL_RE.match(s) is not None
        or (len(s) <= 30 and r.DOC_NUMBER_RE.search(s) is not None)
    )


def _key_cell(s: str, meta: bool) -> bool:
    """A metadata key alone on its line: a known key, or, among other metadata, any short
    label (never a salutation or an addressee, which also end on a colon)."""
    if chrome.key_cell(s):
        return True
    return meta and chrome.label_cell(s) and not (r.SALUTATION_RE.match(s) or r.is_addressee(s))


def _value_cell(t: Lines, i: int, before_title: bool) -> int | None:
    """The value cell under the key cell `i`, if the next line reads as one. Before the
    title is found, a title field's value is the title, and a title-like line after a key
    is the title when the key had no value (the metadata ends there)."""
    if before_title and chrome.title_key_cell(t.s[i]):
        return None
    j = next_nonblank(t, i + 1)
    if j is None:
        return None
    v = t.s[j]
    if len(v) > 80 or "。" in v or chrome.key_cell(v) or chrome.label_cell(v):
        return None
    if is_heading_line(t, j):
        return None
    if before_title and len(v) >= 10 and r.is_titleish(v) and r.has_title_end(v):
        k = next_nonblank(t, j + 1)
        if k is None or not (chrome.is_chrome(t.s[k]) or chrome.label_cell(t.s[k])):
            return None
    return j


def _title_from_field(t: Lines, first: int) -> tuple[int, str] | None:
    """With no title line, the page's own title field in the metadata header is the title."""
    for i in range(first):
        m = chrome.TITLE_FIELD_RE.match(t.s[i])
        if m is not None and r.is_titleish(m.group(1)):
            line = t.raw[i]
            col = len(line) - len(line.lstrip())
            return i, line[col + m.start(1) : col + m.end(1)]
    return None


def _past_header(t: Lines, i: int, boiler: set[int]) -> int:
    """Skip a red header or issuer line (`XX市人民政府文件`, `XX管理委员会`) standing above
    the title: the title is the next titled line within a few lines."""
    if not (r.HEADER_RE.search(t.s[i]) or r.ORG_SUFFIX_RE.search(t.s[i])):
        return i
    j = i + 1
    for _ in range(4):
        k = next_nonblank(t, j)
        if k is None:
            return i
        s = t.s[k]
        # the title may be wrapped: `关于…执行情况` / `与…草案的报告`
        whole = r.fold(joined(t, k, title_continuation(t, k)))
        if r.is_titleish(s) and r.has_title_end(whole) and not is_heading_line(t, k):
            boiler.update(x for x in range(i, k) if t.s[x])
            return k
        # a red header may take two lines (`某市人民政府` / `办 公 厅 文 件`), then the 文号
        header = r.HEADER_RE.search(s) or r.ORG_SUFFIX_RE.search(s)
        if not (header or chrome.is_chrome(s) or r.DOC_NUMBER_RE.search(s) or r.is_date(s)):
            return i
        j = k + 1
    return i


def title_continuation(t: Lines, i: int) -> int:
    """Last line of a title wrapped over two lines (i itself when it is not wrapped)."""
    j = next_nonblank(t, i + 1, i + 3)
    if j is None:
        return i
    a, b = t.s[i], t.s[j]
    if not r.is_titleish(b) or is_heading_line(t, j):
        return i
    if r.PERIOD_NOTE_RE.match(b) and not r.is_parenthesised(a):
        return j
    if r.is_parenthesised(b) or r.is_addressee(b) or r.ORG_SUFFIX_RE.search(b):
        return i
    if r.HEADER_RE.search(a) or r.ORG_SUFFIX_RE.search(a) or r.is_parenthesised(a):
        return i  # an issuer line or a `（此件公开发布）` note above the title
    unbalanced = a.count("《") > a.count("》") or a.count("(") > a.count(")")
    if unbalanced or a.endswith(_JOINERS) or b.startswith(_JOINERS):
        return j
    if r.has_title_end(b) and not r.has_title_end(a):
        return j
    # a report's title in two lines, its byline under them (`决胜…社会` / `夺取…胜利` /
    # `——在…上的报告`): the byline closes the title, so the second line is still title
    k = next_nonblank(t, j + 1, j + 3)
    byline = k is not None and r.BYLINE_RE.match(t.s[k]) is not None
    return j if byline and not r.has_title_end(a) else i


def _wrapped_plan_title(t: Lines, notice_title: str, notice_end: int) -> tuple[int, int] | None:
    """The plan's own title (first and last line) when the title found so far is a cover
    notice handing it out: the titled line naming the same plan, or failing that the first
    titled line after the letter's date or an 附件 label. None when the notice is the
    document itself."""
    names = r.notice_names(notice_title)
    if not names:
        return None
    fallback = None
    letter_closed = False
    numbered = False  # a heading numbered 1 seen: the outline, or the letter's own list
    notice = title_key(notice_title)  # a repeat of the notice is not the plan
    i = notice_end + 1
    while i < min(t.n, notice_end + _NOTICE_LOOKAHEAD):
        s = t.s[i]
        m = r.match_marker(s) if s else None
        if m is not None and m.number == 1:
            if fallback is not None:
                break  # the outline itself has started
            # the letter may number its own requests (`一、提高认识…`) before the plan:
            # from here on only a line naming the plan counts
            numbered = True
        if s and m is None and r.is_titleish(s) and r.compact(s) != notice:
            end = title_continuation(t, i)
            whole = joined(t, i, end)
            if any(r.same_title(whole, name) for name in names):
                return i, end
            closed = letter_closed and not numbered
            if fallback is None and closed and r.has_title_end(r.fold(whole)):
                fallback = (i, end)
            i = end + 1
            continue
        if s and (r.is_date(s) or r.ATTACHMENT_LABEL_RE.match(s) or r.CLOSING_NOTE_RE.match(s)):
            letter_closed = True
        i += 1
    return fallback


def _skip_front_matter(t: Lines, i: int, title: str | None, boiler: set[int]) -> int:
    """First body line after the title: metadata, bylines with the speaker's name, 文号,
    addressees, adoption notes and a table of contents are skipped as boilerplate."""
    key = title_key(title)
    byline = ""  # "open" while a byline may go on to the next line, "closed" once it ended
    meta = False  # the line before was metadata
    listed_once = False
    while i < t.n:
        s = t.s[i]
        if not s:
            i += 1
            continue
        if toc.is_toc_label(s) or toc.is_named_toc(t, i):
            end = toc.toc_end(t, i)
            boiler.update(j for j in range(i, end) if t.s[j])
            i = end
            continue
        if _key_cell(s, meta):
            boiler.add(i)
            value = _value_cell(t, i, before_title=False)
            if value is not None:
                boiler.add(value)
                i = value
            i += 1
            continue
        meta = chrome.is_chrome(s)
        if r.BYLINE_RE.match(s) or (byline == "open" and r.BYLINE_END_RE.search(s)):
            # `——2025年3月21日在…第十九届` may wrap onto `人民代表大会第四次会议上`
            byline = "closed" if r.BYLINE_END_RE.search(s) else "open"
        elif byline and _is_speaker(s):
            byline = ""
        elif _is_speaker(s) and _byline_follows(t, i):
            pass  # the speaker's name may also come before the byline
        elif not (_front_matter(s) or r.compact(s) == key):
            listed = None if listed_once else toc.heading_list_end(t, i)
            if listed is None:
                return i
            listed_once = True  # the headings listed before the body, then the body
            boiler.update(j for j in range(i, listed) if t.s[j])
            i = listed
            continue
        elif not (r.is_parenthesised(s) or r.is_date(s)):
            byline = ""  # a `（2024年1月5日）` date between byline and speaker keeps it open
        boiler.add(i)
        i += 1
    return i


def _byline_follows(t: Lines, i: int) -> bool:
    j = next_nonblank(t, i + 1)
    return j is not None and r.BYLINE_RE.match(t.s[j]) is not None


def _is_speaker(s: str) -> bool:
    return (
        len(s) <= _SPEAKER_MAX
        and r.is_clean_short(s)
        and r.match_marker(s) is None
        and not r.SALUTATION_RE.match(s)
    )


def _front_matter(s: str) -> bool:
    """Lines that may stand between a title and the body (`s` folded and stripped)."""
    return (
        chrome.is_chrome(s)
        or r.is_code(s)
        or r.is_parenthesised(s)
        or r.is_addressee(s)
        or r.is_date(s)
        or r.ATTACHMENT_LABEL_RE.match(s) is not None
        or (len(s) <= 120 and r.PHOTO_CAPTION_RE.search(s) is not None)
        or r.SPEAKER_RE.match(s) is not None
        or (len(s) <= 30 and r.DOC_NUMBER_RE.search(s) is not None)
        or r.is_issuer_line(s)
    )
