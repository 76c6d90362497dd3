"""Who issued a plan and for which year, read from its title and metadata lines.

`plan_meta(doc, outline)` → `PlanMeta(title, body, year)`. Pure core, regex only.

The rules, in order (none names a particular plan):

* year: a four-digit year before 年 in the title (2019年工作要点); else the year of a
  publication line near the top (发布时间 / 发文日期 / 成文日期 … 2017-03-27); else none. A
  redacted year (xxxx年) is no year.
* body: the part of the title before the year, with a leading 中共 / 关于印发 and a trailing
  organ (党工委, 工委, 管委会, 人民政府 …) removed: 中共武清开发区工委2019年工作要点 →
  武清开发区. A title with nothing before its year (2017年工作计划) falls back to a metadata line
  (发布机构 / 发文机关 / 来源单位 / 来源 …), with the same organ suffixes removed and the
  "中国XX" form of county web portals read as XX; then to the first "…开发区/园区/新区 管委会"
  style phrase of the opening lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zoneplan_tui.core.document import Document
from zoneplan_tui.core.outline import Outline
from zoneplan_tui.core.overrides import Overrides
from zoneplan_tui.core.textnorm import normalise

RULES_VERSION = 2  # bump when a change alters results: the search index re-reads plans
HEAD_LINES = 40  # metadata sits above the body; never look further than this

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE_LINE = re.compile(
    r"(?:发布时间|发布日期|发文日期|成文日期|印发日期|日期|时间)\s*[:：]?\s*((?:19|20)\d{2})\s*[-./年]"
)
_META_BODY = re.compile(
    r"(?:发布机构|发文机关|发文单位|来源单位|信息来源|发布单位|来源)\s*[:：]\s*"
    r"([^\s:：|｜，,。]{2,30})"
)
_PREFIX = re.compile(r"^(?:关于印发|关于|印发|中共|中国共产党)+")
# The organ that issues a zone's plan; removed so that the zone itself remains.
_ORGAN = re.compile(
    r"(?:党工委|党委|工委|工作委员会|管委会|管理委员会|管委|人民政府|政府|办公室|办事处|委员会)+$"
)
_ZONE_PHRASE = re.compile(
    r"([\w（）()]{2,20}?(?:开发区|园区|新区|高新区|经开区|保税区|试验区|工业区|示范区))"
    r"(?:管委会|管理委员会|党工委|工委)"
)
_PORTAL = re.compile(r"中国([\u4e00-\u9fff]{2,3})")  # 中国海门: a county portal's name


@dataclass(frozen=True, slots=True)
class PlanMeta:
    title: str  # the outline's title, or the file name without suffix when there is none
    body: str | None  # issuing body or zone: 武清开发区, 长沙经济技术开发区
    year: int | None  # the year the plan is for (or, failing that, published)


def _clean_body(text: str) -> str | None:
    """The body in `text`, as written; the rules read its normalised form (same offsets)."""
    norm = normalise(text)
    s, e = 0, len(norm)
    while s < e and norm[s] in _EDGE:
        s += 1
    while e > s and norm[e - 1] in _EDGE:
        e -= 1
    if m := _PREFIX.match(norm, s, e):
        s = m.end()
    if m := _ORGAN.search(norm[:e], s):
        e = m.start()
    while e > s and norm[e - 1] in _EDGE:
        e -= 1
    if m := _PORTAL.fullmatch(norm, s, e):
        s, e = m.span(1)
    return text[s:e] if e - s >= 2 else None


_EDGE = " 《》“”\"'·-—\u3000"


def plan_meta(doc: Document, outline: Outline, overrides: Overrides | None = None) -> PlanMeta:
    """`overrides`: the reader's corrections; a title, body or year given there wins (the body
    and year are still read from a corrected title when not given themselves)."""
    read = _read_meta(doc, outline, overrides.title if overrides else None)
    if overrides is None:
        return read
    return PlanMeta(
        title=read.title,
        body=overrides.body if overrides.body is not None else read.body,
        year=overrides.year if overrides.year is not None else read.year,
    )


def _read_meta(doc: Document, outline: Outline, title_override: str | None) -> PlanMeta:
    title = (title_override if title_override is not None else outline.title or "").strip()
    limit = min(doc.line_count, max(HEAD_LINES, (outline.title_line or 0) + 3))
    # Rules are written in Simplified; normalised lines keep offsets, so what is returned is
    # sliced from the plan's own text (a Traditional plan keeps its script).
    head = [doc.line_text(i) for i in range(1, limit + 1)]
    year: int | None = None
    body: str | None = None
    if title:
        m = _YEAR_IN_TITLE.search(normalise(title))
        if m:
            year = int(m.group(1))
            body = _clean_body(title[: m.start()])
    if year is None:
        for line in head:
            m = _DATE_LINE.search(normalise(line))
            if m:
                year = int(m.group(1))
                break
    if body is None:
        for line in head:
            m = _META_BODY.search(normalise(line))
            if m and (found := _clean_body(line[m.start(1) : m.end(1)])):
                body = found
                break
    if body is None:
        for line in head:
            m = _ZONE_PHRASE.search(normalise(line))
            if m:
                body = _clean_body(line[m.start(1) : m.end(1)])
                break
    return PlanMeta(title=title or doc.path.stem, body=body, year=year)


__all__ = ["PlanMeta", "plan_meta"]
