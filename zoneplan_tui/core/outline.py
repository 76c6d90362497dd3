"""The outline of a plan: title, body start, boilerplate, headings with levels, inline items.

A pure, stdlib-only core: `parse_outline(text)` takes the decoded text of a `Document` (lines split
on "\\n" only) and returns an immutable `Outline`. The rules are those of the gold guides
(tests/gold/GUIDE.md and GUIDE-MORE.md); docs/outline-design.md explains how they are applied.

The parse runs in passes over the lines, each a simple scan:

1. head: skip web chrome, find the document title (the plan's own title when a cover notice
   wraps it), then skip metadata, bylines, addressees and a table of contents to the body start;
2. boilerplate inside and after the body: page chrome at the end, closing dates and signatures;
3. table regions (tab- or pipe-separated rows, or runs of one-cell-per-line);
4. headings: a marker at the start of a line, sanity-checked against the numbering so far, with
   the level taken from a stack of open styles; short unnumbered part headings;
5. inline `一是…二是…` items.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from zoneplan_tui.core import outline_rules as r


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # 1-based line number in the decoded text
    level: int  # 1 = top level
    marker: str  # the marker exactly as in the file ("一、", "(一)", "1.", "第一章", "## ", "")
    title: str


@dataclass(frozen=True, slots=True)
class InlineItem:
    line: int
    marker: str  # "一是", "二要" ...
    title: str
    column: int  # 0-based character offset of the marker within its line


@dataclass(frozen=True)
class Outline:
    title: str | None
    title_line: int | None
    body_start_line: int
    boilerplate_lines: tuple[int, ...]
    headings: tuple[Heading, ...]
    inline_items: tuple[InlineItem, ...]
    table_lines: tuple[int, ...] = ()
    # Derived lookups for section_path/section_index; not part of equality or repr.
    _lines: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _parents: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parents: list[int] = []
        open_at: list[int] = []  # open_at[level - 1] = index of the open heading of that level
        for i, h in enumerate(self.headings):
            del open_at[h.level - 1 :]
            parents.append(open_at[-1] if open_at else -1)
            open_at.append(i)
        object.__setattr__(self, "_lines", tuple(h.line for h in self.headings))
        object.__setattr__(self, "_parents", tuple(parents))

    def to_json(self, file: str) -> dict:
        return {
            "file": file,
            "title": self.title,
            "title_line": self.title_line,
            "body_start_line": self.body_start_line,
            "headings": [
                {"line": h.line, "level": h.level, "marker": h.marker, "title": h.title}
                for h in self.headings
            ],
            "inline_items": [
                {"line": it.line, "marker": it.marker, "title": it.title}
                for it in self.inline_items
            ],
        }

    def section_index(self, line: int) -> int | None:
        """Index into `headings` of the innermost heading at or before `line`."""
        i = bisect_right(self._lines, line) - 1
        return i if i >= 0 else None

    def section_path(self, line: int) -> tuple[Heading, ...]:
        """The headings enclosing `line`, top level first; () before the first heading."""
        i = self.section_index(line)
        chain: list[Heading] = []
        while i is not None and i >= 0:
            chain.append(self.headings[i])
            i = self._parents[i]
        return tuple(reversed(chain))


def parse_outline(text: str, tables: Iterable[tuple[int, int]] = ()) -> Outline:
    """`tables`: 1-based (first, last) line ranges known to be table rows, such as the rows a
    Word or HTML converter flattened; they join the table regions the parser finds itself."""
    if not text.strip():
        return Outline(None, None, 1, (), (), ())
    return _Parser(text, tables).run()


# --- the parser ---------------------------------------------------------------------------------

_LEAF_PART_RE = re.compile(r"^(?:前言|序言|引言|导言|结束语|结语|后记)$")
_APPENDIX_PART_RE = re.compile(r"(?:名词解释|术语解释|附录|注释|编制说明)$")
_SPEAKER_MAX = 20
_JOINERS = ("的", "和", "与", "及", "暨", "关于", "之")
_RUN_GAP = 8  # lines an inline run may span between two items
_NOTICE_LOOKAHEAD = 150  # lines after a cover notice's title searched for the plan's title
_LINK_LIST_MAX = 40  # entries (and footer lines) a page-end link list may hold
# Characters no paragraph ends on: a line that stops on one was cut mid-sentence.
_NO_PARAGRAPH_END = frozenset(",、第的和与及或之对把被将从向在为")


@dataclass(slots=True)
class _Candidate:
    index: int  # 0-based line index
    marker: r.Marker | None  # None for an unnumbered heading
    leaf: bool = False  # unnumbered part that does not contain the headings after it


class _Parser:
    def __init__(self, text: str, tables: Iterable[tuple[int, int]] = ()) -> None:
        self.lines = text.split("\n")
        folded = r.fold(text).split("\n")
        self.folded = folded
        self.s = [line.strip() for line in folded]  # folded and stripped, for all matching
        self.n = len(self.lines)
        self.boiler: set[int] = set()
        self.tables: set[int] = {i - 1 for a, b in tables for i in range(a, b + 1)}
        self.title: str | None = None
        self.title_index: int | None = None
        self.title_end = -1  # last line of a wrapped title
        self.body = 0
        self.markers: dict[int, r.Marker] = {}
        self.wrap = 0  # line width of hard-wrapped text, 0 when lines are paragraphs
        self.decimal_parents: set[int] = set()

    def run(self) -> Outline:
        self.wrap = self._wrap_width()
        self._head()
        self._find_tables()
        for i in range(self.body, self.n):
            if self.s[i] and i not in self.boiler and i not in self.tables:
                m = r.match_marker(self.s[i])
                if m is not None:
                    self.markers[i] = m
        self._tail()
        self._closing_blocks()
        headings = self._headings()
        items = self._inline_items({h.line - 1 for h in headings})
        return Outline(
            title=self.title,
            title_line=None if self.title_index is None else self.title_index + 1,
            body_start_line=min(self.body, self.n - 1) + 1,
            boilerplate_lines=tuple(sorted(i + 1 for i in self.boiler)),
            headings=tuple(headings),
            inline_items=tuple(items),
            table_lines=tuple(sorted(i + 1 for i in self.tables)),
        )

    # --- small helpers ----------------------------------------------------------------------

    def _next_nonblank(self, i: int, limit: int | None = None) -> int | None:
        end = self.n if limit is None else min(self.n, limit)
        for j in range(i, end):
            if self.s[j]:
                return j
        return None

    def _original(self, i: int) -> str:
        return self.lines[i].strip()

    def _is_heading_line(self, i: int) -> bool:
        m = r.match_marker(self.s[i])
        return m is not None and m.text_start < len(self.s[i])

    # --- head: title and body start ---------------------------------------------------------

    def _head(self) -> None:
        first = self._skip_chrome(0)
        if first is None:
            self.body = self._next_nonblank(0) or 0
            return
        s = self.s[first]
        if r.TOC_RE.match(s) and (title := self._title_after_toc(first)) is not None:
            first, s = title, self.s[title]  # a table of contents placed before the title line
        if s.startswith("# "):  # a markdown title
            self._set_title(first, first, self._original(first)[1:].strip())
        elif self._is_heading_line(first) or not r.is_titleish(s) or r.is_addressee(s):
            self._title_from_field(first)
            self.body = self._skip_front_matter(first)  # no title: a byline may still come first
            return
        elif self.wrap and len(s) >= self.wrap - 2 and not r.has_title_end(s):
            self.body = first  # the first line of a hard-wrapped paragraph
            return
        else:
            first = self._past_header(first)
            end = self._title_continuation(first)
            self._set_title(first, end, self._joined(first, end))
            plan = self._wrapped_plan_title(end)
            if plan is not None:
                self._set_title(plan[0], plan[1], self._joined(*plan))
        for i in range(first, self.title_index or 0):
            if self.s[i]:
                self.boiler.add(i)
        self.body = self._skip_front_matter(self.title_end + 1)

    def _title_from_field(self, first: int) -> None:
        """With no title line, the page's own title field in the metadata header is the title."""
        for i in range(first):
            m = r.TITLE_FIELD_RE.match(self.s[i])
            if m is not None and r.is_titleish(m.group(1)):
                col = len(self.lines[i]) - len(self.lines[i].lstrip())
                self._set_title(i, i, self.lines[i][col + m.start(1) : col + m.end(1)])
                self.boiler.discard(i)
                return

    def _past_header(self, i: int) -> int:
        """Skip a red header or issuer line (`XX市人民政府文件`, `XX管理委员会`) standing above
        the title: the title is the next titled line within a few lines."""
        if not (r.HEADER_RE.search(self.s[i]) or r.ORG_SUFFIX_RE.search(self.s[i])):
            return i
        j = i + 1
        for _ in range(4):
            j = self._next_nonblank(j)
            if j is None:
                return i
            s = self.s[j]
            # the title may be wrapped: `关于…执行情况` / `与…草案的报告`
            whole = r.fold(self._joined(j, self._title_continuation(j)))
            if r.is_titleish(s) and r.has_title_end(whole) and not self._is_heading_line(j):
                self.boiler.update(k for k in range(i, j) if self.s[k])
                return j
            if not (r.is_chrome(s) or r.DOC_NUMBER_RE.search(s) or r.is_date(s)):
                return i
            j += 1
        return i

    def _skip_chrome(self, i: int) -> int | None:
        """First line after the page header: chrome, metadata, dates and an 附件 label."""
        while i < self.n:
            s = self.s[i]
            if s:
                if not (r.is_chrome(s) or r.is_date(s) or r.ATTACHMENT_LABEL_RE.match(s)):
                    return i
                self.boiler.add(i)
            i += 1
        return None

    def _set_title(self, start: int, end: int, title: str) -> None:
        self.title_index, self.title_end, self.title = start, end, title

    def _joined(self, start: int, end: int) -> str:
        return "".join(self._original(i) for i in range(start, end + 1) if self.s[i])

    def _title_continuation(self, i: int) -> int:
        """Last line of a title wrapped over two lines (i itself when it is not wrapped)."""
        j = self._next_nonblank(i + 1, i + 3)
        if j is None:
            return i
        a, b = self.s[i], self.s[j]
        if not r.is_titleish(b) or self._is_heading_line(j):
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
        return j if r.has_title_end(b) and not r.has_title_end(a) else i

    def _wrapped_plan_title(self, notice_end: int) -> tuple[int, int] | None:
        """The plan's own title (first and last line) when the title found so far is a cover
        notice handing it out: the titled line naming the same plan, or failing that the first
        titled line after the letter's date or an 附件 label. None when the notice is the
        document itself."""
        names = r.notice_names(self.title or "")
        if not names:
            return None
        fallback = None
        letter_closed = False
        numbered = False  # a heading numbered 1 seen: the outline, or the letter's own list
        notice = r.compact(r.fold(self.title or ""))  # a repeat of the notice is not the plan
        i = notice_end + 1
        while i < min(self.n, notice_end + _NOTICE_LOOKAHEAD):
            s = self.s[i]
            m = r.match_marker(s) if s else None
            if m is not None and m.number == 1:
                if fallback is not None:
                    break  # the outline itself has started
                # the letter may number its own requests (`一、提高认识…`) before the plan:
                # from here on only a line naming the plan counts
                numbered = True
            if s and m is None and r.is_titleish(s) and r.compact(s) != notice:
                end = self._title_continuation(i)
                joined = self._joined(i, end)
                if any(r.same_title(joined, name) for name in names):
                    return i, end
                closed = letter_closed and not numbered
                if fallback is None and closed and r.has_title_end(r.fold(joined)):
                    fallback = (i, end)
                i = end + 1
                continue
            if s and (r.is_date(s) or r.ATTACHMENT_LABEL_RE.match(s) or r.CLOSING_NOTE_RE.match(s)):
                letter_closed = True
            i += 1
        return fallback

    def _skip_front_matter(self, i: int) -> int:
        """First body line after the title: metadata, bylines with the speaker's name, 文号,
        addressees, adoption notes and a table of contents are skipped as boilerplate."""
        title = r.compact(r.fold(self.title or ""))
        byline = ""  # "open" while a byline may go on to the next line, "closed" once it ended
        while i < self.n:
            s = self.s[i]
            if not s:
                i += 1
                continue
            if r.TOC_RE.match(s):
                i = self._skip_toc(i)
                continue
            if r.BYLINE_RE.match(s) or (byline == "open" and r.BYLINE_END_RE.search(s)):
                # `——2025年3月21日在…第十九届` may wrap onto `人民代表大会第四次会议上`
                byline = "closed" if r.BYLINE_END_RE.search(s) else "open"
            elif byline and self._is_speaker(s):
                byline = ""
            elif self._is_speaker(s) and self._byline_follows(i):
                pass  # the speaker's name may also come before the byline
            elif not (_front_matter(s) or r.compact(s) == title):
                return i
            elif not (r.is_parenthesised(s) or r.is_date(s)):
                byline = ""  # a `（2024年1月5日）` date between byline and speaker keeps it open
            self.boiler.add(i)
            i += 1
        return i

    def _byline_follows(self, i: int) -> bool:
        j = self._next_nonblank(i + 1)
        return j is not None and r.BYLINE_RE.match(self.s[j]) is not None

    def _is_speaker(self, s: str) -> bool:
        return (
            len(s) <= _SPEAKER_MAX
            and r.is_clean_short(s)
            and r.match_marker(s) is None
            and not r.SALUTATION_RE.match(s)
        )

    def _skip_toc(self, i: int) -> int:
        """Mark a table of contents (目录 and its entries) as boilerplate; return the body line."""
        self.boiler.add(i)
        first = self._next_nonblank(i + 1)
        if first is None:
            return self.n
        key = r.compact(r.TOC_PAGE_RE.sub("", self.s[first]))
        end = None
        for j in range(first + 1, self.n):
            if key and r.compact(self.s[j]) == key:
                end = j
                break
        if end is None:  # no repeat of the first entry: entries run while they look like ones
            end = first
            while end < self.n and (not self.s[end] or self._toc_entry(self.s[end])):
                end += 1
        for j in range(first, end):
            if self.s[j]:
                self.boiler.add(j)
        return end

    def _title_after_toc(self, i: int) -> int | None:
        """A table of contents before the title line: the title is the line just before the
        repeat of the first entry, if it reads as a title (a title ending, no marker). The
        contents before it are boilerplate."""
        first = self._next_nonblank(i + 1)
        if first is None:
            return None
        key = r.compact(r.TOC_PAGE_RE.sub("", self.s[first]))
        end = next(
            (j for j in range(first + 1, self.n) if key and r.compact(self.s[j]) == key), None
        )
        if end is None:
            return None
        t = end - 1
        while t > first and not self.s[t]:
            t -= 1
        s = self.s[t]
        if t <= first or self._is_heading_line(t) or not (r.is_titleish(s) and r.has_title_end(s)):
            return None
        self.boiler.update(j for j in range(i, t) if self.s[j])
        return t

    @staticmethod
    def _toc_entry(s: str) -> bool:
        return len(s) <= 60 and "。" not in s

    # --- boilerplate after the body start -----------------------------------------------------

    def _tail(self) -> None:
        """Page chrome after the last section: from its first chrome line to the end, provided
        nothing after it reads as content (a long paragraph or a section marker)."""
        self._link_list()
        last_marker = max(self.markers, default=self.body - 1)
        start = max(self.body, last_marker + 1)
        weak_after = [True] * (self.n + 1)
        for i in range(self.n - 1, start - 1, -1):
            s = self.s[i]
            weak = not s or (len(s) <= 100 and i not in self.markers) or r.is_chrome(s)
            weak_after[i] = weak and weak_after[i + 1]
        for i in range(start, self.n):
            s = self.s[i]
            if s and weak_after[i + 1] and len(s) <= 80 and i not in self.tables and r.is_chrome(s):
                self.boiler.update(j for j in range(i, self.n) if self.s[j])
                break
        # a repeat of the title at the page end, or a PDF page's running header
        title = r.compact(r.fold(self.title or ""))
        if title:
            for i in range(self.body, self.n):
                s = self.s[i]
                near = abs(len(s) - len(title)) <= 20 and i != self.title_index
                # (the `in` test first: compact() is slow, and most lines differ at once)
                if near and title[0] in s and r.compact(s) == title:
                    self.boiler.add(i)

    def _link_list(self) -> None:
        """A `相关链接` list at the page end, numbered or not: its `1.某市…` entries are links,
        not sections. Only when nothing after the label reads as prose."""
        seen = 0
        for i in range(self.n - 1, self.body - 1, -1):
            s = self.s[i]
            if not s:
                continue
            if r.LINK_LIST_RE.match(s) and len(s) <= 30:
                break
            seen += 1
            if len(s) > 60 or "。" in s or seen > _LINK_LIST_MAX:
                return
        else:
            return
        for j in range(i, self.n):
            if self.s[j]:
                self.boiler.add(j)
                self.markers.pop(j, None)

    def _closing_blocks(self) -> None:
        """Closing dates with the signatures above them, 此件公开发布 notes, 附件 labels."""
        for i in range(self.body, self.n):
            s = self.s[i]
            if not s or i in self.tables or i in self.markers:
                continue
            if r.PAGE_NUMBER_RE.match(s):
                self.boiler.add(i)  # `— 3 —`, `第3页 共10页`: PDF page furniture
            elif r.ATTACHMENT_LIST_RE.match(s):
                self._attachment_list(i)
            elif r.ATTACHMENT_LABEL_RE.match(s) or r.CLOSING_NOTE_RE.match(s):
                self.boiler.add(i)
            elif len(s) <= 50 and r.IMPRINT_RE.match(s):
                self.boiler.add(i)  # the imprint line `…办公室　2024年2月20日印发`
            elif r.is_date(s):
                self.boiler.add(i)
                j = i - 1
                while j >= self.body:
                    t = self.s[j]
                    if t and not (r.is_clean_short(t) and r.ORG_SUFFIX_RE.search(t)):
                        break
                    if t:
                        self.boiler.add(j)
                    j -= 1

    def _attachment_list(self, i: int) -> None:
        """`附件：1.X` and the `2.Y` lines under it name the attachments of a notice: closing
        matter like the `附件` label, and never headings."""
        self.boiler.add(i)
        j = i + 1
        while j < self.n and r.ATTACHMENT_ITEM_RE.match(self.s[j]) and "。" not in self.s[j]:
            self.boiler.add(j)
            self.markers.pop(j, None)
            j += 1

    # --- tables -------------------------------------------------------------------------------

    def _find_tables(self) -> None:
        run: list[int] = []  # consecutive short non-blank lines (blank lines do not break it)
        for i in range(self.body, self.n):
            s = self.s[i]
            if not s:
                continue
            if i in self.tables or self._separated_row(i):
                self.tables.add(i)
            elif len(s) <= r.TABLE_CELL_MAX and "。" not in s and i not in self.boiler:
                run.append(i)
                continue
            self._table_run(run)
            run = []
        self._table_run(run)

    def _separated_row(self, i: int) -> bool:
        raw = self.folded[i].strip()
        if raw.startswith("|") and raw.count("|") >= 3:
            return True
        if "\t" not in raw:
            return False
        cells = [c for c in raw.split("\t") if c.strip()]
        if len(cells) < 2:
            return False
        # `一、\t总体要求`: a tab after a marker is a separator, not a cell boundary
        return not (len(cells) == 2 and r.MARKER_RE.fullmatch(cells[0].strip()) is not None)

    def _table_run(self, run: list[int]) -> None:
        """A run of short lines is a flattened table when it has header or numeric cells."""
        if len(run) < 6:
            return
        header = [i for i in run if r.TABLE_HEADER_RE.match(self.s[i])]
        numeric = [i for i in run if r.NUMERIC_CELL_RE.match(self.s[i])]
        if len(header) < 2 and (len(numeric) < 3 or len(numeric) * 4 < len(run)):
            # a table of text cells only: a caption `表1 …` with at least 6 cells after it
            cap = next(
                (k for k, i in enumerate(run) if r.TABLE_ONLY_CAPTION_RE.match(self.s[i])), -1
            )
            if cap == -1 or len(run) - cap - 1 < 6:
                return
            header = [run[cap]]
        evidence = sorted(header + numeric)
        start = run.index(evidence[0])
        # a caption (表1 …) just before the first cell belongs to the table
        if start > 0 and r.TABLE_CAPTION_RE.match(self.s[run[start - 1]]):
            start -= 1
        cells = run[start:]
        # section headings right after the table are followed by prose, not cells
        while cells and cells[-1] > evidence[-1] and r.match_marker(self.s[cells[-1]]):
            cells.pop()
        self.tables.update(cells)

    # --- headings -----------------------------------------------------------------------------

    def _headings(self) -> list[Heading]:
        markdown = any(m.style[0] == "md" for m in self.markers.values())
        # `1　总则` is a decimal heading only in a plan that also numbers `1.1`, `1.2` under it
        self.decimal_parents = {m.path[0] for m in self.markers.values() if m.style == ("dec", 2)}
        cands = [
            _Candidate(i, m)
            for i, m in sorted(self.markers.items())
            if self._plausible(i, m, markdown, self.wrap)
        ]
        return self._assign_levels(self._with_unnumbered(cands))

    def _plausible(self, i: int, m: r.Marker, markdown: bool, wrap: int) -> bool:
        text = self.s[i][m.text_start :]
        if not text:
            return False  # a bare marker: a table cell or a stray number
        if m.style == ("dec", 1) and (
            len(text) > 30
            or "。" in text
            or (m.number not in self.decimal_parents and not self._bare_chapter(i, text))
        ):
            return False  # `1　总则` is a short title; `1 年内完成…。` and `01　人工智能` are not
        if markdown and m.style[0] in r.LIST_STYLES and not self._list_heading(i):
            return False
        if wrap and self._continues_wrapped_line(i, wrap):
            return False
        return not self._continues_long_line(i)

    def _continues_long_line(self, i: int) -> bool:
        """A marker right after a long prose line cut off where no paragraph can end (`…推动
        第一、第` / `二、三产业融合…`, a trailing comma or 的/和) continues that sentence, even
        when the text is too short for the hard-wrap statistics. A line ending on any other
        word may be a paragraph that lost its 。, so it does not count."""
        j = self._before_page_break(i - 1)
        if j < self.body or j in self.boiler or j in self.tables or j in self.markers:
            return False
        prev = self.s[j]
        if len(prev) < r.TITLE_LIMIT:
            return False  # a blank line, or a short line: a heading or a label above the marker
        return prev[-1] in _NO_PARAGRAPH_END

    def _bare_chapter(self, i: int, text: str) -> bool:
        """`2　规划目标` in a plan without `2.1`: a chapter when it reads as one, a short
        one-word title (no leading zero as in a box's `01　人工智能`, no cells after spaces)
        followed by prose."""
        s = self.s[i]
        if s[0] == "0" or any(ch.isspace() for ch in text) or not r.is_clean_short(text):
            return False
        j = self._next_nonblank(i + 1)
        return j is not None and j not in self.markers and self._paragraph_like(j)

    def _wrap_width(self) -> int:
        """Line width of hard-wrapped text (PDF extraction), or 0 for one paragraph per line.

        Wrapped text has many lines of about the same length that stop mid-sentence."""
        lengths = [len(x) for x in self.s if len(x) >= 10]
        if len(lengths) < 20:
            return 0
        counts = Counter(lengths)
        # A full line of pure CJK text is the commonest length; digits and Latin letters are
        # narrower, so full lines holding them have a few more characters, never fewer.
        width = max(counts, key=lambda n: (counts[n], n))
        if width < 15:
            return 0
        band = [x for x in self.s if width - 1 <= len(x) <= width + 6]
        open_ended = sum(1 for x in band if not _ends_sentence(x))
        # lines of a list of headings are also alike and open-ended, but they start with markers
        marked = sum(1 for x in band if r.MARKER_RE.match(x))
        full = len(band) * 10 >= len(lengths) * 4 and open_ended * 2 >= len(band)
        return width if full and marked * 5 <= len(band) else 0

    def _continues_wrapped_line(self, i: int, wrap: int) -> bool:
        """A marker at the start of a wrapped line whose previous line ran to the full width
        without ending its sentence is a number inside the sentence (`…第\n二、三产业`)."""
        j = self._before_page_break(i - 1)
        while j >= self.body and not self.s[j]:
            j -= 1
        if j < self.body:
            return False
        prev = self.s[j]
        return len(prev) >= wrap - 2 and not _ends_sentence(prev)

    def _before_page_break(self, j: int) -> int:
        """Line `j`, or, when it ends a PDF page break (a page number, a running head repeating
        the title, blank lines), the line before the break: a sentence goes on across it."""
        k, paged = j, False
        title = r.compact(r.fold(self.title or ""))
        while k >= self.body and (not self.s[k] or k in self.boiler):
            s = self.s[k]
            if s and r.PAGE_NUMBER_RE.match(s):
                paged = True
            elif s and not (title and r.compact(s) == title):
                return j
            k -= 1
        return k if paged else j

    def _list_heading(self, i: int) -> bool:
        """In a markdown plan a numbered list item heads a section only when it is a short title
        followed by its own body."""
        if self.folded[i][:1].isspace():
            return False
        m = self.markers[i]
        text = self.s[i][m.text_start :]
        if "。" in text or len(self.s[i]) > r.TITLE_LIMIT:
            return False
        j = self._next_nonblank(i + 1)
        return j is not None and j not in self.markers and not self.s[j].startswith(("-", "*"))

    def _paragraph_like(self, i: int) -> bool:
        s = self.s[i]
        return len(s) > 40 or s[-1] in "。;!?:" or "。" in s

    def _with_unnumbered(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Add unnumbered part headings: short standalone lines that open a part of the plan.

        Appendix parts (after an 附件 label, 名词解释) and 前言-like leaf parts are named as such.
        Any other line qualifies when it opens the numbering (no numbered heading before it, or
        the next one restarts at 1), or when an earlier one did (the parts of a work report).
        A lone such line is a leaf: the numbered headings after it stay at their own level."""
        marker_lines = [c.index for c in cands]
        seen_styles: dict[r.Style, int] = {}  # style -> first line using it
        for c in cands:
            if c.marker is not None:
                seen_styles.setdefault(c.marker.style, c.index)
        found: list[_Candidate] = []
        generic: list[_Candidate] = []
        prev: int | None = None  # previous non-blank line, boilerplate included
        for i in range(self.body, self.n):
            if not self.s[i]:
                continue
            p, prev = prev, i
            kind = self._part_kind(i, p)
            if kind is None:
                continue
            k = bisect_right(marker_lines, i)
            after = self.markers[marker_lines[k]] if k < len(marker_lines) else None
            opens = k == 0 or (after is not None and after.number == 1)
            # the next heading takes up a numbering already used: a new part begins here
            restarts = opens and after is not None and seen_styles.get(after.style, i) < i
            if not (restarts or self._stands_alone(i, p, named=kind == "appendix")):
                continue
            if kind != "generic":
                found.append(_Candidate(i, None, leaf=kind == "leaf"))
            elif opens or generic:
                generic.append(_Candidate(i, None))
        if len(generic) == 1:
            generic[0].leaf = True
        return sorted(cands + found + generic, key=lambda c: c.index)

    def _part_kind(self, i: int, p: int | None) -> str | None:
        """ "appendix", "leaf" or "generic" when line `i` could title a part, else None.
        `p` is the previous non-blank line."""
        s = self.s[i]
        if i in self.boiler or i in self.tables or i in self.markers:
            return None
        titled = r.ATTACHMENT_TITLED_RE.match(s)
        if titled is not None and r.is_clean_short(titled.group("t")):
            nxt = self._next_body_line(i + 1)
            return None if nxt is None or nxt in self.tables else "appendix"
        if not r.is_clean_short(s) or r.is_chrome(s) or r.TABLE_CAPTION_RE.match(s):
            return None
        if self.wrap and (
            len(s) >= self.wrap - 2 or (p is not None and not _ends_sentence(self.s[p]))
        ):
            return None  # in hard-wrapped text only a line after a finished sentence can be one
        nxt = self._next_body_line(i + 1)
        if nxt is None or nxt in self.tables:
            return None
        key = r.compact(s)
        if (p is not None and r.ATTACHMENT_LABEL_RE.match(self.s[p])) or _APPENDIX_PART_RE.search(
            key
        ):
            return "appendix"
        return "leaf" if _LEAF_PART_RE.match(key) else "generic"

    def _stands_alone(self, i: int, p: int | None, named: bool = False) -> bool:
        """Prose (or the body start, or boilerplate) before, prose or a numbered heading after:
        a run of short lines is a signature block, a list or a table, not a part title. A line
        that names an appendix (`名词解释`) may also follow a heading that has no body."""
        if p is not None and r.ATTACHMENT_LABEL_RE.match(self.s[p]):
            return True
        if (
            not named
            and p is not None
            and p >= self.body
            and p not in self.boiler
            and not self._paragraph_like(p)
        ):
            return False
        nxt = self._next_body_line(i + 1)
        return nxt is not None and (nxt in self.markers or self._paragraph_like(nxt))

    def _next_body_line(self, i: int) -> int | None:
        while i < self.n:
            if self.s[i] and i not in self.boiler:
                return i
            i += 1
        return None

    def _assign_levels(self, cands: list[_Candidate]) -> list[Heading]:
        nesting = r.Nesting([c.marker for c in cands])
        out: list[Heading] = []
        for k, c in enumerate(cands):
            if c.marker is None:
                nesting.open_part(leaf=c.leaf)
                title = self._original(c.index)
                if (titled := r.ATTACHMENT_TITLED_RE.match(self.s[c.index])) is not None:
                    title = title[titled.start("t") :].strip()  # `附件1：重点项目清单`
                if title.startswith("**") and title.endswith("**"):
                    title = title[2:-2].strip()  # `**2024年工作回顾**`: markdown bold
                out.append(Heading(c.index + 1, 1, "", title))
                continue
            m = c.marker
            title = self._title(c.index, m)
            level = nesting.place(k, m, title)
            if level is None:
                continue  # out of sequence: a number in prose, not a heading
            col = len(self.folded[c.index]) - len(self.folded[c.index].lstrip())
            marker = r.marker_text(self.lines[c.index][col:], m)
            out.append(Heading(c.index + 1, level, marker, title))
        return out

    def _title(self, i: int, m: r.Marker) -> str:
        stripped = self.lines[i].strip()
        folded = self.s[i]
        start = m.text_start
        j = i + 1
        # hard-wrapped text: a heading that runs to the full width goes on on the next line
        full = self.wrap and len(folded) >= self.wrap - 2 and not _ends_sentence(folded)
        if full and j < self.n and self.s[j] and j not in self.markers and j not in self.tables:
            stripped += self.lines[j].strip()
            folded += self.s[j]
        title = r.heading_title(stripped[start:], folded[start:], len(stripped))
        return title.rstrip("*").rstrip() if m.bold != -1 else title  # `**一、总体要求**`

    # --- inline items -------------------------------------------------------------------------

    def _inline_items(self, heading_lines: set[int]) -> list[InlineItem]:
        items: list[InlineItem] = []
        runs: dict[str, tuple[int, int]] = {}  # suffix -> (last value, line index)
        for i in range(self.body, self.n):
            line = self.folded[i]
            if not self.s[i] or i in self.boiler or i in self.tables:
                continue
            if i in heading_lines:
                runs.clear()  # a run never continues into another section
            if "是" not in line and "要" not in line:
                continue
            indent = len(line) - len(line.lstrip())
            for m in r.INLINE_RE.finditer(line):
                pos = m.start()
                if pos > indent and line[pos - 1] not in r.INLINE_BOUNDARY:
                    continue
                value = r.cn_value(m.group(1))
                suffix = m.group(2)
                if value != 1:
                    last = runs.get(suffix)
                    if last is None or last[0] != value - 1 or i - last[1] > _RUN_GAP:
                        continue
                runs[suffix] = (value, i)
                title = r.inline_title(self.lines[i], line, m.end())
                items.append(InlineItem(i + 1, self.lines[i][pos : m.end()], title, pos))
        return items


def _front_matter(s: str) -> bool:
    """Lines that may stand between a title and the body (`s` folded and stripped)."""
    return (
        r.is_chrome(s)
        or r.is_parenthesised(s)
        or r.is_addressee(s)
        or r.is_date(s)
        or r.ATTACHMENT_LABEL_RE.match(s) is not None
        or (len(s) <= 120 and r.PHOTO_CAPTION_RE.search(s) is not None)
        or r.SPEAKER_RE.match(s) is not None
        or (len(s) <= 30 and r.DOC_NUMBER_RE.search(s) is not None)
    )


def _ends_sentence(s: str) -> bool:
    """Whether a folded line ends its sentence (closing quotes and brackets aside)."""
    return s.rstrip("”’\"')】》]")[-1:] in ("。", ";", ":", "!", "?", "")
