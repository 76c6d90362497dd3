"""Indicator names for a plan's targets, and a table of indicators across plans.

`plan_targets(analysis)` → list of `Target`: each figure that is a target (`Analysis.targets`)
with the indicator it measures: 一般预算收入增长8% → 一般预算收入 (growth), 引进北京项目200个以上 →
引进北京项目. `target_table(plans)` lines targets of several plans up by indicator key.

How a name is found (general clause rules, then parts of speech to trim at word boundaries):

1. The clause before the figure: from the last clause mark (。；，：…) or the end of the
   previous figure that is itself a value, to the figure.
2. A rate (a percentage, or a figure right after 增长/提高…) distributes over a list:
   工业总产值、固定资产投资、批发销售零售额增长9% is three indicators at 9%. A count or an
   amount does not (引进研发中心、中试基地、实验室等不少于5个 is one indicator): they add up.
3. The phrase is trimmed: text before the last auxiliary verb (实现, 完成, 力争, 确保 …) goes;
   leading time words, pronouns and conjunctions (全年, 今年, 其中) go; trailing cue verbs (增长,
   达到, 突破 …), particles, time words and one preposition (…占比由去年的) go.
4. An empty phrase inherits the name of the previous figure of the same sentence (规上工业总产值
   64亿元，增长9.8% → both 规上工业总产值); failing that the words after the figure are used.

5. A list of names before a run of as many figures (A、B、C增加值分别增长6.8%、12.3%、7.8%) pairs
   them in order, A→6.8%, B→12.3%, C→7.8%; a head noun the last name has and the others lack is
   theirs too (城镇和农村居民人均可支配收入分别增长… → 城镇居民人均可支配收入, …).
6. A name is a noun phrase: a leading enumerator (1., （二）, 一是) and a leading means phrase
   (通过…, 依托…) go, a name without a noun (建设) or with a figure in it is no name, and a
   comparison with another place (高于全国 8.5个百分点) is a gap, not a value: its role is
   `comparison` and it stays out of the table.

Each value carries its year and whether it is a target or a result (`targets_context`); names
written differently for one indicator share a key (`targets_names.group_key`: a small synonym
table and the scope-word rule), and the table's rows are (key, growth, kind).

Besides `Analysis.targets`, every figure of a paragraph after its announcement (…目标：) counts.
A figure followed, within its clause, by words and then another figure (超亿元项目35个, 50%以上村
营业收入超50万元) qualifies that noun rather than measuring something: it is a `qualifier` and
left out of the table. Dates, ordinals and year spans are never targets here.

The segmenter is loaded lazily (`segment.tag`: jieba.posseg's flags, from rjieba).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.core.document import Document
from zoneplan_tui.core.figures import Figure, extract_figures
from zoneplan_tui.core.figures import is_target as _cued
from zoneplan_tui.core.planmeta import PlanMeta
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.library.targets_clauses import clause_end as _clause_end
from zoneplan_tui.library.targets_clauses import clause_start as _clause_start
from zoneplan_tui.library.targets_clauses import sentence_start as _sentence_start
from zoneplan_tui.library.targets_context import TARGET, ValueContext
from zoneplan_tui.library.targets_names import (
    group_key,
    indicator_key,
    is_comparison,
    strip_enumerator,
)

RULES_VERSION = 3  # bump when a change alters results: the search index re-reads plans
_SKIP_KINDS = frozenset({"date", "ordinal"})
# Verbs that say a figure is aimed at, not what it measures; the name starts after the last one.
_AUX = ("实现", "完成", "力争", "确保", "争取", "预计", "预期", "计划", "有望", "努力", "达到")
_GROWTH = ("增长", "递增", "增加", "提高", "提升", "增速", "增幅")
# Words that end a phrase before its figure and are not part of the indicator.
_TRAIL_WORDS = frozenset(
    {
        *_GROWTH,
        *("达到", "达", "突破", "超过", "超", "为", "至", "到", "保持", "控制", "在", "各", "约"),
        *("提升至", "提高至", "提高到", "提升到", "增长到", "增至", "以上", "左右", "分别", "共"),
        *("累计", "合计", "总计", "等"),
    }
)
_LEAD_WORDS = frozenset(
    {
        *_AUX,
        *("全年", "年内", "今年", "当年", "本年", "每年", "明年", "其中", "同时", "主要", "重点"),
        *("全力", "积极", "大力", "力争", "争创", "年底前", "年末", "到年底", "并", "和", "及"),
    }
)
_LEAD_FLAGS = frozenset({"t", "c", "r", "p"})
# A means phrase before the verb of a name: 通过“以工代赈”发放劳务报酬 → 发放劳务报酬.
_MEANS = frozenset({"通过", "依托", "利用", "借助", "围绕", "按照", "根据", "结合", "依靠", "运用"})
# Flags of the words a name needs one of: nouns, verbal nouns, names, idioms, abbreviations.
_NOUN_FLAGS = ("n", "vn", "an", "j", "l", "i", "eng", "nz", "s")
_LIST_SEPARATORS = re.compile("[、和与及]")
_TRAIL_FLAGS = frozenset({"uj", "ul", "uz", "ug", "t", "r", "f", "d", "c", "x", "y"})


@dataclass(frozen=True, slots=True)
class Target:
    """One target figure of a plan and the indicator it measures."""

    indicator: str  # as written in the plan, trimmed: 一般预算收入
    key: str  # for matching across plans: `targets_names.group_key`
    growth: bool  # a growth rate (增长8%) rather than a level (64亿元)
    # "value"; "qualifier" for a figure that qualifies a noun (超亿元项目); "comparison" for a
    # gap to another place (高于全国8.5个百分点)
    role: str
    figure: Figure
    section: tuple[str, ...] = ()
    year: int | None = None  # the year the value is for
    kind: str = TARGET  # "target" or "result" (`targets_context`)

    @property
    def value(self) -> object:
        return self.figure.value

    @property
    def unit(self) -> str | None:
        return self.figure.unit

    @property
    def cmp(self) -> str | None:
        return self.figure.cmp

    def to_json(self) -> dict:
        f = self.figure
        return {
            "indicator": self.indicator,
            "key": self.key,
            "growth": self.growth,
            "role": self.role,
            "text": f.text,
            "kind": f.kind,
            "value": f.value,
            "unit": f.unit,
            "cmp": f.cmp,
            "start": f.start,
            "end": f.end,
            "line": f.line,
            "section": list(self.section),
            "year": self.year,
            "target_kind": self.kind,  # "kind" is the figure's (percent, money …)
        }


def _posseg(text: str) -> list[tuple[str, str, int]]:
    """(word, POS flag, offset) of the normalised `text`: the rules are written in Simplified,
    and the offsets give the words back as the plan writes them (Traditional stays so)."""
    # A fresh list: callers trim it. The cut is cached: a plan's clauses are cut for each of
    # their figures, half of them more than once.
    return list(_posseg_cached(text))


@lru_cache(maxsize=16384)
def _posseg_cached(text: str) -> tuple[tuple[str, str, int], ...]:
    from zoneplan_tui.library.segment import tag

    out = []
    pos = 0
    # HMM off: the same phrase is cut the same way in every plan, which is what matching needs.
    for word, flag in tag(normalise(text)):
        out.append((word, flag, pos))
        pos += len(word)
    return tuple(out)


def clean_phrase(phrase: str) -> tuple[str, bool]:
    """Trim a clause down to its indicator; returns (name, whether a growth cue was dropped)."""
    phrase = strip_enumerator(phrase.strip(" 、，,\u3000")).strip(" 、，,\u3000")
    growth = normalise(phrase).endswith(_GROWTH)
    toks = _posseg(phrase)
    _trim_tail(toks, preposition=True)
    # Keep what follows the last auxiliary verb; one inside quotes (“千人计划”) is a name.
    quoted = False
    aux = -1
    for i, (w, _, _) in enumerate(toks):
        if w in "“”":
            quoted = w == "“"
        elif w in _AUX and not quoted:
            aux = i
    if aux >= 0 and aux + 1 < len(toks):
        del toks[: aux + 1]
    _trim_tail(toks)
    while toks and (toks[0][0] in _LEAD_WORDS or toks[0][1] in _LEAD_FLAGS or toks[0][0] in _MEANS):
        if toks[0][0] in _MEANS:
            verb = next((i for i, t in enumerate(toks) if i and t[1] == "v"), None)
            if verb is not None and verb + 1 < len(toks):
                del toks[:verb]
                break
        toks.pop(0)
    if len(toks) > 1 and toks[0][0] == "新" and len(toks[1][0]) > 1 and toks[1][1] in ("v", "vn"):
        toks.pop(0)  # 新引进 → 引进, as most plans write it; 新设, 新增 are words of their own
    if not toks:
        return "", growth
    name = phrase[toks[0][2] : toks[-1][2] + len(toks[-1][0])].strip(' 、，,“”"')
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    return name, growth


def _trim_tail(toks: list[tuple[str, str, int]], preposition: bool = False) -> None:
    while toks and (
        toks[-1][0] in _TRAIL_WORDS or toks[-1][0] in _AUX or toks[-1][1] in _TRAIL_FLAGS
    ):
        toks.pop()
    if preposition and len(toks) > 1 and toks[-1][1] == "p":  # 占比由(去年的): one, then stop
        toks.pop()


def _last_verb(phrase: str) -> str:
    phrase = phrase.strip()
    toks = _posseg(phrase)
    _trim_tail(toks)
    if toks and toks[-1][1] == "v" and len(toks[-1][0]) > 1 and toks[-1][0] not in _AUX:
        w, _, at = toks[-1]
        return phrase[at : at + len(w)]
    return ""


def _qualifiers(text: str, figs: Sequence[Figure]) -> set[int]:
    """Figures that qualify a noun: words, then another figure, in the same clause (亿元以上
    项目25个); a threshold before a noun (超亿元项目); a rank (500强); and a figure listed with
    one of those (超10亿元、超百亿元的大项目). Walked from the end for that last rule."""
    out: set[int] = set()
    for i in range(len(figs) - 1, -1, -1):
        f = figs[i]
        end = _clause_end(text, f.end)
        after = text[f.end : end].strip('”’"）) ')
        nxt = figs[i + 1].start if i + 1 < len(figs) else len(text)
        if f.unit == "强" or after.startswith("的"):
            out.add(i)
        elif _LIST_GAP.fullmatch(text[f.end : nxt]):
            pass  # 95.5%和96.1%: a list of values, not a qualifier
        elif after and not _only_cue(after[: max(0, nxt - f.end)]):
            if nxt < end or f.cmp in (">", ">="):
                out.add(i)
        elif not after and i + 1 in out and text[f.end : nxt] == "、":
            out.add(i)
    return out


def _only_cue(words: str) -> bool:
    """提升至, 增长到: a from-figure followed by its to-figure, not a qualifier."""
    return bool(words) and bool(_CUE_ONLY.fullmatch(words))


_CUE_ONLY = re.compile(r"(?:提升|提高|增长|增加|下降|降低|减少|上升|扩大)?(?:至|到|为)")


def plan_targets(
    plan: Analysis, ntext: str | None = None, meta: PlanMeta | None = None
) -> list[Target]:
    """The targets of a plan with their indicators, in text order (qualifiers and comparisons
    included; `target_table` leaves them out). `ntext`, `meta`: the plan's text normalised and
    its `plan_meta`, when the caller has them (normalising a plan costs a tenth of this)."""
    text = plan.doc.text
    figs = [f for f in plan.figures if f.kind not in _SKIP_KINDS]
    if ntext is None:
        ntext = normalise(text)  # same offsets, Simplified words: the cues are written so
    target_ids = {id(plan.figures[i]) for i in plan.targets}
    # 增長 in a Traditional plan; then a goal list's figures. Each rule asked only of the
    # figures not already targets: the set is the same, for fewer scans.
    target_ids |= {id(f) for f in figs if id(f) not in target_ids and _cued(f, ntext)}
    target_ids |= {
        id(f) for f in figs if id(f) not in target_ids and _in_goal_list(plan.doc, f, ntext)
    }
    qualifiers = _qualifiers(ntext, figs)
    context = ValueContext(plan, ntext, meta)
    # the figures a name may not hold: values (a qualifier is part of its noun: 亿元以上项目)
    spans = sorted((f.start, f.end) for i, f in enumerate(figs) if i not in qualifiers)
    starts = [s for s, _ in spans]
    out: list[Target] = []
    named: dict[int, list[str]] = {}
    paired: dict[int, tuple[str, bool]] = {}
    floor = 0  # end of the last value figure: a clause never reaches back past it
    for i, f in enumerate(figs):
        is_target = id(f) in target_ids
        nxt = figs[i + 1].start if i + 1 < len(figs) else len(text)
        if i in qualifiers:
            if is_target:
                name, _ = clean_phrase(text[f.end : min(nxt, _clause_end(text, f.end))])
                out.append(_target(plan, context, name, False, "qualifier", f))
            continue
        after = text[f.end : min(nxt, _clause_end(text, f.end))].strip('”’"）) ')
        left_start = _clause_start(text, f.start, floor)
        left = _after_figures(text[left_start : f.start], left_start, spans, starts)
        floor = f.end
        if i not in paired:
            paired.update(_pair_list(text, figs, i, left))
        if i in paired:
            name, growth = paired[i]
            names = [name]
        else:
            names, growth = _names(text, f, left, after)
        if not names:
            names = _inherit(text, f, figs, i, named)
        named[i] = names
        is_target = is_target or growth  # 分别提高6.8%、…: a rate after a growth verb
        if is_target:
            role = "comparison" if is_comparison(left) else "value"
            out.extend(_target(plan, context, name, growth, role, f) for name in names)
    return out


def _target(
    plan: Analysis, context: ValueContext, name: str, growth: bool, role: str, f: Figure
) -> Target:
    where = context.of(f)
    return Target(name, group_key(name), growth, role, f, _sect(plan, f), where.year, where.kind)


def _names(text: str, f: Figure, left: str, after: str) -> tuple[list[str], bool]:
    """The names a figure measures, from the words after it or its clause before it."""
    rate = f.kind == "percent" or normalise(left).rstrip().endswith(_GROWTH)
    if after and not _only_cue(normalise(after)):
        # The figure stands before what it counts: 约30万平方米拆迁任务, 一至二个龙头企业;
        # not before a verb alone (x栋完成四层建设: 建设 counts nothing).
        name = _leading_noun_phrase(after)
        if not name:
            name, _ = clean_phrase(after)
        if name and _has_noun(name):
            name = _last_verb(left) + name
            if len(name) >= 2:
                return [name], False
    names: list[str] = []
    growth = False
    for item in left.split("、") if rate else [left]:
        name, g = clean_phrase(item)
        growth = growth or g
        if len(name) >= 2 and _names_something(name):
            names.append(name)
    return names, growth


def _leading_noun_phrase(after: str) -> str:
    """The noun phrase a figure counts, up to the first verb after it: 167条受损道路完成修复
    → 受损道路. Empty when a verb comes first."""
    toks = _posseg(after)
    end = next((i for i, t in enumerate(toks) if t[1] in _STOP_FLAGS), len(toks))
    toks = toks[:end]
    while toks and not toks[-1][1].startswith(_NOUN_FLAGS):
        toks.pop()
    if not toks:
        return ""
    return after[toks[0][2] : toks[-1][2] + len(toks[-1][0])].strip(' “”"')


_STOP_FLAGS = frozenset({"d", "p", "c", "x", "w", "uj", "ul"})


@lru_cache(maxsize=16384)
def _names_something(name: str) -> bool:
    """A name is words, not a figure: x栋, 95.5 name nothing (亿元以上项目 does). Cached: a
    plan's names recur (one per figure of a list), and scanning one for figures costs ~20 µs."""
    rest = name
    for f in reversed(extract_figures(name)):
        rest = rest[: f.start] + rest[f.end :]
    return len(rest.strip()) >= 2 and not rest.strip().replace(".", "").isdigit()


def _has_noun(name: str) -> bool:
    """A thing to count: a noun, a name or an abbreviation; an activity alone (建设) is none."""
    return any(flag.startswith(_THING_FLAGS) for _, flag, _ in _posseg(name))


_THING_FLAGS = ("n", "j", "l", "eng", "s", "i")


def _after_figures(
    left: str, at: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]
) -> str:
    """The clause after the last figure inside it: 95.5%、96.1% never names 96.1%, and a name
    never holds a figure (x栋完成四层建设). `spans` sorted, `starts` their starts: only the
    figures that start inside the clause are looked at (a plan has thousands)."""
    end = at + len(left)
    lo, hi = bisect_left(starts, at), bisect_right(starts, end)
    cut = max((e for s, e in spans[lo:hi] if e <= end), default=at)
    return left[cut - at :]


def _pair_list(text: str, figs: Sequence[Figure], i: int, left: str) -> dict[int, tuple[str, bool]]:
    """A list of names before a run of as many figures: A、B、C增加值分别增长6.8%、12.3%、7.8%
    → {i: A增加值, i+1: B增加值, i+2: C增加值}. Nothing when the counts differ."""
    run = i
    while run + 1 < len(figs) and _LIST_GAP.fullmatch(text[figs[run].end : figs[run + 1].start]):
        run += 1
    items = [s for s in _LIST_SEPARATORS.split(left) if s.strip()]
    count = run - i + 1
    if count < 2 or len(items) != count:
        return {}
    growth = normalise(left).rstrip().endswith((*_GROWTH, "分别"))
    names = [clean_phrase(item)[0] for item in items]
    names = _share_head(names)
    if any(len(n) < 2 for n in names):
        return {}
    return {i + k: (name, growth) for k, name in enumerate(names)}


_LIST_GAP = re.compile("(?:[、，,和与及 \u3000]|以及)+")


def _share_head(names: list[str]) -> list[str]:
    """城镇、农村居民人均可支配收入 → 城镇居民…, 农村居民…: a short name (four characters at
    most) that does not end as the last one does takes the last name's words after its first
    as its head noun (A、B、C增加值 → A增加值; 第一产业、…第三产业增加值 → 第一产业增加值);
    诉求解决率、群众满意率 each end in their own 率, 固定资产投资 is a name of its own."""
    last = names[-1] if names else ""
    toks = _posseg(last) if len(names) > 1 else []
    if len(toks) < 2:
        return names
    head = last[toks[1][2] :]
    return [
        n + head if len(n) <= _SHORT_NAME and n[-1:] != last[-1:] else n for n in names[:-1]
    ] + [last]


_SHORT_NAME = 4


_GOAL_LIST = re.compile(r"目标[:：]")


def _in_goal_list(doc: Document, f: Figure, ntext: str) -> bool:
    """In a paragraph that announces its targets (全年主要预期目标：规上工业总产值64亿元…),
    every figure after the announcement is one, cue word or not; but not one in a clause that
    itself announces what follows (重点抓好六个方面工作：)."""
    text = doc.text
    end = _clause_end(text, f.end)
    if end < len(text) and text[end] in "：:":
        return False
    # A slice of the normalised text, not the slice normalised: normalising the paragraph up
    # to each of its figures again was a tenth of the targets' time.
    return _GOAL_LIST.search(ntext, doc.line_start(f.line), f.start) is not None


def _sect(plan: Analysis, f: Figure) -> tuple[str, ...]:
    return plan.section_titles(f.line)


def _inherit(
    text: str, f: Figure, figs: Sequence[Figure], i: int, named: dict[int, list[str]]
) -> list[str]:
    """The names of the last named figure of the sentence, when it is the other measure of the
    same thing (64亿元，增长9.8%: a level and its rate); two levels (x栋…四层) or two rates
    share no name."""
    sentence = _sentence_start(text, f.start)
    for j in range(i - 1, -1, -1):
        if figs[j].end <= sentence:
            break
        if named.get(j):
            # …由去年的47.8%提升至50%以上: from one value to the other
            from_to = _only_cue(normalise(text[figs[j].end : f.start]).strip())
            return list(named[j]) if from_to or _rate(figs[j]) != _rate(f) else []
    return []


def _rate(f: Figure) -> bool:
    return f.unit in ("%", "pp")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One indicator across plans: `cells[plan]` is the list of that plan's targets for it,
    all of one kind (targets, or results)."""

    key: str
    indicator: str  # the first spelling met
    growth: bool
    cells: dict[str, list[Target]]
    kind: str = TARGET

    @property
    def years(self) -> list[int]:
        """The years the row's values are for, in order."""
        return sorted({t.year for ts in self.cells.values() for t in ts if t.year is not None})


def target_table(plans: Iterable[tuple[str, Sequence[Target]]]) -> list[TableRow]:
    """Indicators × plans. `plans` are (plan label, its targets); qualifiers and comparisons
    are left out. A row is one indicator (`group_key`), growth or level, target or result.
    Rows that several plans share come first, then by how many targets they hold; targets
    before results."""
    rows: dict[tuple[str, bool, str], TableRow] = {}
    for label, targets in plans:
        for t in targets:
            if t.role != "value":
                continue
            at = (t.key, t.growth, t.kind)
            row = rows.get(at)
            if row is None:
                row = rows[at] = TableRow(t.key, t.indicator, t.growth, {}, t.kind)
            row.cells.setdefault(label, []).append(t)
    return sorted(
        rows.values(),
        key=lambda r: (
            -len(r.cells),
            -sum(map(len, r.cells.values())),
            r.kind != TARGET,
            r.key,
            r.growth,
        ),
    )


__all__ = [
    "TableRow",
    "Target",
    "clean_phrase",
    "group_key",
    "indicator_key",
    "plan_targets",
    "target_table",
]
