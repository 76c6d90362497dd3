"""Whether a value is a target or a result, and which year it is for.

A government work report reviews the past year (`2025年…增长4.7%`, 完成, 实现了) and then sets
this year's targets (`2026年…预期目标`, 力争, 左右); a work plan sets targets; a statistical
bulletin reports results. `ValueContext.of(figure)` reads, for one figure of a plan:

year, the first of:
  1. the last year named in the figure's sentence before it: a date figure (2025年, 2025年3月)
     or a relative word (今年, 明年, 去年/上年/过去一年, 前年) counted from the plan's year;
  2. a year named at the opening of the figure's paragraph (`2025年，…`, `过去一年，…`);
  3. a year named in the headings around it (`一、2023 年工作回顾`, `二、今年重点任务`);
  4. the plan's year (its title's, else the latest year its headings name).

kind, the first rule that decides:
  0. a year bound to the value (去年的47.8%) against the plan's year: earlier is a result;
  1. words of the sentence before the figure: aims (目标, 预期, 力争, 确保, 争取, 计划, 力求,
     预计, 努力实现, 将达到…) make a target; accounts (完成了, 实现了, 同比, 累计完成, 较好完成…)
     a result — an aim word wins, since 力争实现 is still an aim; 比上年 is neither (a plan
     aims at 比上年增长6% as a report counts it);
  2. the year against the plan's: an earlier year is a result, a later one a target;
  3. an approximate value (左右) is a target: results are counted, not estimated;
  4. the headings around it: 回顾, 成绩, 成效, 总结, 完成情况 → result; 目标, 任务, 安排, 计划,
     要点, 思路 → target;
  5. otherwise a target: the table is of targets, and a plan's unmarked figures mostly are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.core.figures import Figure
from zoneplan_tui.core.planmeta import PlanMeta, plan_meta
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.library.targets_clauses import sentence_start as _sentence_start

TARGET, RESULT = "target", "result"

_AIMS = re.compile(
    "目标|预期|力争|确保|争取|计划|力求|预计|有望|拟|期间|努力(?:实现|达到|完成|争取)"
    "|(?:将|要|需)(?:达到|实现|突破|完成|增长|新增|提高|提升|控制|保持)"
)
_ACCOUNTS = re.compile(
    "(?:完成|实现|达到|增长|提高|下降|减少|新增|突破)了|同比|上年同期"
    "|累计完成|已完成|已经|较好完成|超额完成|圆满完成|共完成"
)
_RESULT_HEADINGS = re.compile("回顾|成绩|成效|总结|完成情况|执行情况|进展情况|基本情况|过去")
_TARGET_HEADINGS = re.compile("目标|任务|安排|计划|要点|思路|打算|展望|部署|举措")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_RELATIVE = {
    "今年": 0, "本年度": 0, "本年": 0, "明年": 1, "去年": -1, "上年": -1, "上一年": -1,
    "过去一年": -1, "前年": -2,
}  # fmt: skip
_RELATIVE_RE = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))
_COMPARED = frozenset("比较同与于")
_OPENING = 12  # characters of a paragraph's opening that may name its year


@dataclass(frozen=True, slots=True)
class Context:
    year: int | None
    kind: str  # TARGET or RESULT


class ValueContext:
    """The year and kind of the figures of one plan (see the module's rules)."""

    def __init__(
        self, plan: Analysis, ntext: str | None = None, meta: PlanMeta | None = None
    ) -> None:
        """`ntext`, `meta`: the plan's text normalised and its metadata, when the caller has
        them."""
        self.plan = plan
        # the cue words are written in Simplified
        self.text = normalise(plan.doc.text) if ntext is None else ntext
        self.base = _plan_year(plan, meta)
        # year-bearing figures: 2025年, 2025年3月 (not ranges: 2021—2025年)
        self._years = [(f.start, f.end, y) for f in plan.figures if (y := _year_of(f))]
        self._starts = [f.start for f in plan.figures]
        # Heading titles normalised, and the years they name: once per plan, where every
        # figure of a section asked again for its headings'.
        self._titles: dict[str, str] = {}
        self._title_years: dict[str, int | None] = {}

    def of(self, f: Figure) -> Context:
        text = self.text
        start = _sentence_start(text, f.start)
        before = text[start : f.start]
        year, bound = self._year_in(start, f.start)
        para = self.plan.doc.line_start(f.line)
        if year is None and start > para:
            year, bound = self._year_in(para, min(f.start, para + _OPENING))
        headings = [h.title for h in self.plan.outline.section_path(f.line)]
        if year is None:
            year = next((y for t in reversed(headings) if (y := self._heading_year(t))), None)
        kind = self._kind(before, year, bound, headings, f)
        return Context(year if year is not None else self.base, kind)

    def _year_in(self, lo: int, hi: int) -> tuple[int | None, bool]:
        """The last year named between offsets lo and hi, and whether it is bound to the
        value (去年的47.8%: a year with 的 is the year of the next figure only)."""
        text = self.text
        mentions = [(s, e, y) for s, e, y in self._years if lo <= s < hi]
        if self.base is not None:
            for m in _RELATIVE_RE.finditer(text, lo, hi):
                if text[m.start() - 1 : m.start()] in _COMPARED:
                    continue  # 比上年增长: the year compared with, not the year of the value
                mentions.append((m.start(), m.end(), self.base + _RELATIVE[m.group()]))
        for _start, e, y in sorted(mentions, reverse=True):
            bound = text[e : e + 1] == "的"
            later = bisect_right(self._starts, e)
            if bound and later < len(self._starts) and self._starts[later] < hi:
                continue  # 去年的47.8%提升至50%: 去年 is 47.8%'s year, not 50%'s
            return y, bound
        return None, False

    def _normalised(self, title: str) -> str:
        t = self._titles.get(title)
        if t is None:
            t = self._titles[title] = normalise(title)
        return t

    def _heading_year(self, title: str) -> int | None:
        if title not in self._title_years:
            self._title_years[title] = self._year_named(self._normalised(title))
        return self._title_years[title]

    def _year_named(self, t: str) -> int | None:
        if m := _YEAR.search(t):
            return int(m.group(1))
        if (m2 := _RELATIVE_RE.search(t)) and self.base is not None:
            return self.base + _RELATIVE[m2.group()]
        return None

    def _kind(
        self, before: str, year: int | None, bound: bool, headings: list[str], f: Figure
    ) -> str:
        relation = None
        if year is not None and self.base is not None and year != self.base:
            relation = RESULT if year < self.base else TARGET
        if bound and relation:
            return relation  # 确保…由去年的47.8%: last year's value, whatever the sentence aims at
        aim, account = _AIMS.search(before), _ACCOUNTS.search(before)
        if aim:
            return TARGET
        if account:
            return RESULT
        if relation:
            return relation
        if normalise(f.text).endswith("左右"):
            return TARGET  # results are counted, not estimated
        for t in reversed(headings):
            t = self._normalised(t)
            if _TARGET_HEADINGS.search(t):
                return TARGET
            if _RESULT_HEADINGS.search(t):
                return RESULT
        return TARGET


def _year_of(f: Figure) -> int | None:
    if f.kind != "date":
        return None
    v = f.value
    if isinstance(v, int):
        return v
    if isinstance(v, str) and len(v) >= 4 and v[:4].isdigit():
        return int(v[:4])
    return None


def _plan_year(plan: Analysis, meta: PlanMeta | None = None) -> int | None:
    """The plan's year: its title's, else the latest its headings name."""
    if meta is None:
        meta = plan_meta(plan.doc, plan.outline)
    if meta.year is not None:
        return meta.year
    years = Counter(
        int(m.group(1)) for h in plan.outline.headings for m in _YEAR.finditer(normalise(h.title))
    )
    return max(years) if years else None


__all__ = ["RESULT", "TARGET", "Context", "ValueContext"]
