"""The figure grammar: one anchored master regex, the cheap regex that finds where a figure may
start, and the word tables the scanner (`figures.py`) reads a match with.

    [prefix comparator] numeric core [multiplier 千/万/亿] [unit or measure word] [suffix cmp]

A single space (or an ideographic one) may sit between the parts, as Traditional-Chinese and
PDF text writes them (`超過 15％`, `約 28 萬多人`, `西元 2036 年`); a space never joins two
numbers except in a compound amount whose second part is smaller (`30 萬 8 千人`, `3亿5000万元`).
"""

from __future__ import annotations

import re
from functools import cache

from zoneplan_tui.core.figures_units import UNIT_RE
from zoneplan_tui.core.numerals import NUMERAL_CHARS, NUMERAL_STARTS

_NC = NUMERAL_CHARS
_S = r"[ \u3000]?"  # one optional space between the parts of a figure
_AN = r"(?<![0-9A-Za-z])(?<![0-9]\.)(?:[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
# A Chinese decimal reads 点 and then digit by digit: 三点五亿元, 零点五个百分点.
_CDEC = r"(?:点[〇零一二三四五六七八九]{1,6})"
_CN = rf"(?<![{_NC}第数几])(?:零{_CDEC}|[{NUMERAL_STARTS}][{_NC}]{{0,23}}{_CDEC}?)"
_PH = r"(?<![A-Za-z])x+(?:\.x+)?(?![A-Za-z])"
_PHX = r"(?<![A-Za-z])x"
_PHY = r"(?<![0-9A-Za-z])(?:x{1,4}|[0-9]{2}x{2}|[0-9]{3}x)"  # xxxx年, 20xx年
# Every run is bounded: an unbounded class would backtrack quadratically over 百百百百….
_NUM = rf"[0-9]{{1,12}}(?:\.[0-9]{{1,12}})?|[{_NC}]{{1,12}}{_CDEC}?"
# 千 before 瓦/克/米/伏 is the unit's own (5千瓦时, 3千米), not a multiplier.
_MULT = r"(?:万亿|[十百千]?[万亿]|百|千(?![瓦克米伏]))"
_SEP = r"(?:至|到|~|-|—{1,2}|–|―)"
_Y = r"(?<![0-9A-Za-z])(?<![0-9]\.)[0-9]{1,4}"
_M = r"(?:1[0-2]|0?[1-9]|x{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|x{1,2}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
# 底/末/初/旬 name a part of the month or year and stay outside the span, as 前 and 以来 do
# (2019年3月底前: the figure is 2019年3月); the grammar only looks at them.
_DSUF = r"(?:底|末|初|上旬|中旬|下旬)"
# A compound amount: 30万8千, 3亿5000万 (the second part below the first multiplier).
_TAIL = (
    rf"(?:(?<=万){_S}(?P<t{{k}}>[0-9]{{{{1,4}}}}){_S}(?P<tx{{k}}>[千百])(?![0-9])"
    rf"|(?<=亿){_S}(?P<ty{{k}}>[0-9]{{{{1,4}}}}){_S}(?P<tyx{{k}}>[万千百])(?![0-9]))?"
)

PREFIXES = (
    "不能超过|不得超过|不应超过|不宜超过|不少于|不低于|不超过|不高于|不多于|不大于|不小于|不足"
    "|至少|超过|超|(?<![签合节公条邀预制履违特守誓解租践相毁])约|(?<![最附邻临就亲贴接靠])近|逾"
)
SUFFIXES = "及以上|及以下|以上|以下|以内|左右"

_MASTER_SOURCE = rf"""
    (?:(?P<pre>{PREFIXES}){_S})?
    (?:
      (?P<iso>(?<![0-9A-Za-z.])(?:1[89]|2[01])[0-9]{{2}}(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])
         (?:(?P=isep)(?P<id>3[01]|[12][0-9]|0?[1-9])
            (?:[ T\u3000]{{1,2}}(?P<ih>[01]?[0-9]|2[0-3]):(?P<imin>[0-5][0-9])
               (?::(?P<isec>[0-5][0-9]))?)?
         )?(?![0-9.%]|\s?[{_NC}元年月日个家项])
      )
    | (?P<date>(?:(?:(?P<roc>民国)|(?P<ce>西元|公元)){_S})?
         (?P<y>{_Y}|{_PHY}|(?<![{_NC}])[〇零一二三四五六七八九十百]{{1,6}})
         {_S}(?P<yn>年)(?P<ydu>度)?
         (?:{_S}(?P<m>{_M})(?:{_SEP}(?P<m2>{_M}))?{_S}月(?P<mf>份)?
            (?:{_SEP}(?P<m3>{_M})月份?|{_S}(?P<d>{_DAY}){_S}[日号])?)?
         (?:(?P<ysep>{_SEP})(?P<y2>[0-9]{{4}})年(?:(?P<m4>{_M})月)?)?
      )
    | (?P<md>(?<![0-9])(?P<mm>1[0-2]|0?[1-9]|{_PHX}{{1,2}})月(?P<mmf>份)?
         (?:{_SEP}(?P<mm2>1[0-2]|0?[1-9])月份?|(?P<mdd>3[01]|[12][0-9]|0?[1-9]|x{{1,2}})[日号])?)
    | (?P<cmd>(?<![{_NC}])(?P<cm>十[一二]?|[一二三四五六七八九])月
         (?:(?P<cd>{_DAY})[日号]|份)?)
    | (?P<dday>(?<![0-9.])(?:3[01]|[12][0-9]|0?[1-9])日)
    | (?P<pct>百分之(?P<pn>{_NUM})(?:{_SEP}(?:百分之)?(?P<pn2>{_NUM}))?)
    | (?P<frac>(?<![0-9{_NC}])(?P<fd>{_NUM})分之(?P<fn>{_NUM}))
    | (?P<meet>(?<![0-9{_NC}])(?:[0-9]{{1,3}}|[{_NC}]{{1,4}})届
         (?:(?:[0-9]{{1,3}}|[{_NC}]{{1,4}})[次中])?)
    | (?P<ord>第(?P<on>[0-9]{{1,9}}|[{_NC}]{{1,12}}|x{{1,4}})
         (?P<ou>季度|批次|阶段|年度|年|次|轮|批|名|位)?)
    | (?P<gen>(?:(?P<neg>(?<![0-9A-Za-z%])[-−])?(?P<a1>{_AN})|(?P<c1>{_CN})|(?P<p1>{_PH}))
         (?:{_S}(?P<mid1>[多余]))?(?:{_S}(?P<x1>{_MULT}))?{_TAIL.format(k=1)}(?P<late1>[多余])?
         (?:{_S}(?P<u1>{UNIT_RE}))?
         (?:(?P<sep>{_SEP})(?:(?P<a2>{_AN})|(?P<c2>{_CN})|(?P<p2>{_PH}))(?P<mid2>[多余])?
            (?:{_S}(?P<x2>{_MULT}))?(?P<late2>[多余])?(?:{_S}(?P<u2>{UNIT_RE}))?)?
      )
    | (?P<imp>(?<![0-9x{_NC}])(?:万亿|[十百千]?[万亿]|[百千]))(?P<iu>{UNIT_RE})
    )
    (?:{_S}(?P<suf>{SUFFIXES}))?
    """


@cache
def master() -> re.Pattern[str]:
    # Compiled on first use (about 30 ms): importing Figure or describe stays cheap.
    return re.compile(_MASTER_SOURCE, re.VERBOSE)


CANDIDATE = re.compile(
    rf"[0-9x{NUMERAL_STARTS}第百千万亿超逾]|不(?:少于|低于|超过|能超过|得超过|应超过|宜超过|高于"
    r"|多于|大于|小于|足)|至少|约|近|民国|西元|公元|零点|[-−](?=[0-9])"
)
# Lexicalised phrases that the grammar would otherwise read as counts (kept deliberately short).
LEXICON = re.compile(
    "(?:(?<=大气)|(?<=[水土国新]))十条"  # policy nicknames: 大气十条, 水十条
    "|一批|一支|一线|一般|一体|一期|二期|二次|八项规定|两个维护|两个确保|两个覆盖|两个责任|两个一百年"
    "|两个毫不动摇|三个代表|四个全面|四个意识|四个自信|五位一体|三严三实|三会一课|两学一做|三番五次"
    # N个一X slogans (四个一, 三个一批, 五个一工程); not 三个一万亩 (a number goes on), 两个一流
    "|[两二三四五六七八九十]个一(?![0-9〇零一二三四五六七八九十百千万亿点流])"
)
QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))
CMP = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "以上": ">=", "及以上": ">=",
    "不超过": "<=", "不能超过": "<=", "不得超过": "<=", "不应超过": "<=", "不宜超过": "<=",
    "不高于": "<=", "不多于": "<=", "不大于": "<=", "以下": "<=", "及以下": "<=", "以内": "<=",
    "不足": "<", "超过": ">", "超": ">", "逾": ">", "约": "~", "近": "~", "左右": "~",
    # 余/多 inside a figure (300余户, 80多个) mean "more than"; the gold labels xxx余户 as ">".
    "余": ">", "多": ">",
}  # fmt: skip
MULTS = {
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
    "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12,
}  # fmt: skip
MEETINGS = ("全会", "全体会议", "全国代表大会", "代表大会", "会议", "党代会")
HEADING_TAIL = frozenset(" \u3000\u00a0\t、.)）")
DSUF_RE = re.compile(_DSUF)
BRANCHES = ("iso", "date", "md", "cmd", "dday", "pct", "frac", "meet", "ord", "gen", "imp")
# Word comparators that make a bare number a figure (容积率不低于1.2): not 约/近, which also
# mean "nearly" before any number.
WORD_PREFIXES = frozenset(
    k for k, v in CMP.items() if len(k) > 1 and k not in ("以上", "以下", "以内", "左右")
) - {"及以上", "及以下"}
