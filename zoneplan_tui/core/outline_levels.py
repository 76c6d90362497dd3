"""The level pass: which heading candidates are headings, at what level, with what title.

`assign_levels(lines, body, candidates)` walks the candidates in order with a `Nesting`, the
stack of open heading styles; the stack is the pass's own state and does not outlive it.

Typographic ranks (`ranks`, from a converter: 1 the most prominent) place unnumbered headings
among the numbered ones: an unnumbered heading closes the open headings set less prominently
than itself (or like the body) and nests under the more prominent ones, so a part title set
above every numbered heading sits above `一、`, and two unnumbered ranks nest. A numbered heading
keeps the level its marker gives it; its rank only breaks the tie the marker rules leave open
(two styles the document has not yet nested either way, whose numbering does not say which is
outer: the more prominent is outer), and it closes an unnumbered heading set no more
prominently than itself. Without ranks every unnumbered heading is a part at level 1 and
everything else is as it was.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from zoneplan_tui.core import outline_rules as r
from zoneplan_tui.core.outline_headings import Candidate, part_title
from zoneplan_tui.core.outline_lines import Body, Lines, ends_sentence
from zoneplan_tui.core.outline_model import Heading


def assign_levels(
    t: Lines,
    body: Body,
    candidates: tuple[Candidate, ...],
    ranks: Mapping[int, int] | None = None,
    titles: Mapping[int, str] | None = None,
) -> tuple[Heading, ...]:
    """`ranks`: 0-based line -> typographic rank, for the lines a converter ranked; `titles`:
    0-based line -> the title of an unnumbered heading wrapped over lines, joined."""
    nesting = Nesting([c.marker for c in candidates])
    ranks = ranks or {}
    titles = titles or {}
    out: list[Heading] = []
    for k, c in enumerate(candidates):
        rank = ranks.get(c.index)
        if c.marker is None:
            if rank is not None and nesting.interrupts(k, rank):
                continue  # a caption or label set large inside a numbered run
            part_level = nesting.open_part(leaf=c.leaf, rank=rank)
            out.append(Heading(c.index + 1, part_level, "", part_title(t, c, titles.get(c.index))))
            continue
        m = c.marker
        title = _title(t, body, c.index, m)
        level = nesting.place(k, m, title, rank)
        if level is None:
            continue  # out of sequence: a number in prose, not a heading
        folded = t.folded[c.index]
        col = len(folded) - len(folded.lstrip())
        marker = r.marker_text(t.raw[c.index][col:], m)
        out.append(Heading(c.index + 1, level, marker, title))
    return tuple(out)


def _title(t: Lines, body: Body, i: int, m: r.Marker) -> str:
    stripped = t.raw[i].strip()
    folded = t.s[i]
    start = m.text_start
    j = i + 1
    # hard-wrapped text: a heading that runs to the full width goes on on the next line
    full = body.wrap and len(folded) >= body.wrap - 2 and not ends_sentence(folded)
    if full and j < t.n and t.s[j] and j not in body.markers and j not in body.tables:
        stripped += t.raw[j].strip()
        folded += t.s[j]
    title = r.heading_title(stripped[start:], folded[start:], len(stripped))
    return title.rstrip("*").rstrip() if m.bold != -1 else title  # `**一、总体要求**`


@dataclass(slots=True)
class OpenHeading:
    style: r.Style
    level: int
    number: int
    path: tuple[int, ...]
    rank: int | None = None  # typographic rank, None when set like the body (or unknown)


class Nesting:
    """The stack of open heading styles that gives each heading its level.

    A style already open continues as a sibling of the open heading; a style new to the stack
    nests under the innermost open heading, unless the document shows it belongs higher up
    (then the open headings it outranks are closed first). Levels thus depend on the parent and
    never jump by more than one."""

    def __init__(self, markers: list[r.Marker | None]) -> None:
        """`markers`: the candidate headings in order, None for an unnumbered part."""
        self.stack: list[OpenHeading] = []
        self.ancestors: dict[r.Style, set[r.Style]] = {}  # styles seen open above each style
        self.running: dict[r.Style, int] = {}  # last number of each style, across parents
        self.markers = markers
        self.positions: dict[r.Style, list[int]] = {}  # candidate positions of each style
        for k, m in enumerate(markers):
            if m is not None:
                self.positions.setdefault(m.style, []).append(k)

    def open_part(self, leaf: bool, rank: int | None = None) -> int:
        """An unnumbered part heading; its numbered sections nest under it (not under a leaf
        such as 前言). Without a rank it is at level 1; with one it closes the open headings
        set no more prominently and nests under the rest. Returns its level."""
        stack = self.stack
        if rank is None:
            stack.clear()
        else:
            while stack and not _above(stack[-1].rank, rank):
                stack.pop()
        level = stack[-1].level + 1 if stack else 1
        if not leaf:
            stack.append(OpenHeading(("", 0), level, 0, (), rank))
        return level

    def interrupts(self, k: int, rank: int) -> bool:
        """Whether an unnumbered heading of `rank` at candidate `k` would close an open
        numbered heading set less prominently whose count goes on right after it (`组织系统图`
        between `一、` and `二、`): the count shows it is no part above them."""
        for o in self.stack:
            if o.style[0] == "" or _above(o.rank, rank) or o.rank == rank:
                continue
            # the next numbered candidate, past other unnumbered ones (a second caption)
            nxt = next((j for j in range(k + 1, len(self.markers)) if self.markers[j]), None)
            m = None if nxt is None else self.markers[nxt]
            if m is not None and m.style == o.style and m.number == o.number + 1:
                return True
        return False

    def place(self, k: int, m: r.Marker, title: str, rank: int | None = None) -> int | None:
        """Level of candidate `k`, or None when its number does not fit the sequence."""
        stack = self.stack
        pos = self._open_of_style(m.style, rank)
        if pos is not None and m.number == 1 and _above(stack[pos].rank, rank):
            pos = None  # `一、` restarting under a more prominent `一、`: a list inside it
        if pos is not None:
            if not self._sibling_ok(stack, pos, m, title):
                return None
            level = stack[pos].level
            del stack[pos:]
        else:
            while stack and self._closes(stack[-1], m.style, k, rank):
                stack.pop()
            if not self._new_ok(stack, m, self.running, title) and not self._run_follows(k, m):
                return None
            level = stack[-1].level + 1 if stack else 1
            self.ancestors.setdefault(m.style, set()).update(o.style for o in stack)
        stack.append(OpenHeading(m.style, level, m.number, m.path, rank))
        self.running[m.style] = m.number
        return level

    def _open_of_style(self, style: r.Style, rank: int | None) -> int | None:
        """Stack index of the open heading of `style` a new one continues: the innermost, or,
        when the style is open twice (a list inside a more prominent list of the same
        style), the one set like the new heading."""
        found = [j for j in range(len(self.stack)) if self.stack[j].style == style]
        if not found:
            return None
        alike = [j for j in found if self.stack[j].rank == rank]
        return alike[-1] if alike else found[-1]

    def _next_of_style(self, k: int, style: r.Style) -> r.Marker | None:
        """The next candidate after `k` numbered in `style`."""
        later = self.positions.get(style, [])
        at = bisect_right(later, k)
        return self.markers[later[at]] if at < len(later) else None

    def _run_follows(self, k: int, m: r.Marker) -> bool:
        """A style seen for the first time part-way through its count (an excerpt starting at
        （三）, a 一、 lost in the title) is still a heading when the count carries on, or, for a
        `第X章`-like marker, when the next candidate is its first child (`第一节`)."""
        if m.style in self.running:
            return False
        if m.style[0] == "dec":
            return self._decimal_follows(k, m)
        if m.style[0] == "di" and k + 1 < len(self.markers):
            # an excerpt that starts at `第五章` with its `第一节` under it
            nxt = self.markers[k + 1]
            if nxt is not None and nxt.style[0] == "di" and nxt.style[1] > m.style[1]:
                return nxt.number == 1
        following = self._next_of_style(k, m.style)
        return following is not None and following.number == m.number + 1

    def _decimal_follows(self, k: int, m: r.Marker) -> bool:
        """An excerpt that starts at `5　区域协调` or `5.1.2　省级…`: a spaced decimal whose next
        candidate is its first child or its next sibling. (`2.5万吨` at a line start has
        no space and is never followed like that.)"""
        if m.text_start == m.end or k + 1 >= len(self.markers):
            return False
        nxt = self.markers[k + 1]
        if nxt is None or nxt.style[0] != "dec":
            return False
        depth = len(m.path)
        child = len(nxt.path) == depth + 1 and nxt.path[:depth] == m.path and nxt.number == 1
        sibling = nxt.style == m.style and nxt.path[:-1] == m.path[:-1]
        return child or (sibling and nxt.number == m.number + 1)

    def _closes(self, top: OpenHeading, new: r.Style, k: int, rank: int | None = None) -> bool:
        """Whether a style new to the stack closes the open heading `top` instead of nesting.

        In order: ranked families (章 > 节, ## > ###, 1 > 1.1); how the document has nested the
        two styles so far; whether `top`'s numbering carries on after this point (then it is
        the outer style: a preamble list `1. 2.` before `一、` does not carry on); the
        typographic ranks when they differ; and last the conventional order of the styles."""
        style = top.style
        if style[0] == "":
            # an unnumbered part holds everything up to the next part, or, when it is ranked,
            # what is set less prominently than itself
            return top.rank is not None and rank is not None and rank <= top.rank
        if style[0] == new[0] and style[0] in r.RANKED_FAMILIES:
            return style[1] >= new[1]
        new_above = new in self.ancestors.get(style, ())
        top_above = style in self.ancestors.get(new, ())
        if new_above != top_above:
            return new_above
        following = self._next_of_style(k, style)
        if following is not None and following.number == top.number + 1:
            return False
        if top.rank != rank and (top.rank is not None or rank is not None):
            return _above(rank, top.rank)
        return r.conventional_rank(new) < r.conventional_rank(style)

    @staticmethod
    def _sibling_ok(stack: list[OpenHeading], pos: int, m: r.Marker, title: str) -> bool:
        """A marker of an open style continues its numbering (a gap of one only when it reads as
        a heading), restarts it at 1, or is a decimal whose parent is open."""
        last = stack[pos]
        if m.style[0] == "md":
            return True  # `#` makes a heading whatever its numbering says
        if m.style[0] == "dec" and m.style[1] > 1 and m.path[:-1] != last.path[:-1]:
            # 2.1 after 1.3: fine when its parent 2 is open or 2 simply was never written
            successor = m.path[:-2] == last.path[:-2] and m.path[-2] == last.path[-2] + 1
            return m.number == 1 and (successor or _parent_open(stack[:pos], m.path))
        if m.number == 1 or last.number <= m.number <= last.number + 1:
            return True
        return m.number == last.number + 2 and 0 < len(title) <= r.TITLE_LIMIT

    @staticmethod
    def _new_ok(
        stack: list[OpenHeading], m: r.Marker, running: dict[r.Style, int], title: str
    ) -> bool:
        """A style that opens under the current heading starts at 1 or carries on its count from
        an earlier section (numbering that runs across parents)."""
        family, rank = m.style
        if family == "md":
            return True
        if family == "dec" and rank > 1:
            if _parent_open(stack, m.path):
                return m.number in (1, running.get(m.style, 0) + 1)
            # a plan numbered from 1.1 with no bare 1: only a spaced `1.1　总则`, since `1.1亿元`
            # at a line start is a figure
            spaced = m.text_start > m.end
            return spaced and all(v == 1 for v in m.path) and m.style not in running
        last = running.get(m.style)
        if m.number == 1 or (last is not None and last < m.number <= last + 2):
            return True
        return last is None and m.number == 2 and 0 < len(title) <= r.TITLE_LIMIT


def _above(rank: int | None, other: int | None) -> bool:
    """Whether a heading of typographic `rank` is set more prominently than one of `other`
    (None: set like the body)."""
    return rank is not None and (other is None or rank < other)


def _parent_open(stack: list[OpenHeading], path: tuple[int, ...]) -> bool:
    """A decimal heading such as 2.3 needs its parent 2 (as `2` or `2.`) open on the stack."""
    parent = path[:-1]
    depth = len(path)
    for o in stack:
        if o.path == parent and (
            o.style == ("dec", depth - 1) or (depth == 2 and o.style[0] == "num")
        ):
            return True
    return False
