"""Figures in a plan's text: targets, amounts, counts, areas, percentages, dates, placeholders.

What counts as a figure, its span and its normalised value follow `tests/gold/NUMBERS.md`:

    [prefix comparator] numeric core [multiplier 千/万/亿] [unit or measure word] [suffix cmp]

Design. The text is first folded one character for one (full-width digits to ASCII, 萬 to 万, …;
see `numerals.fold`), so every offset found in the folded text is an offset in the original. A
cheap candidate regex finds where a figure may start; an anchored master regex then reads the
whole grammar at that point in C, and a little Python per match validates and normalises it.
Characters that cannot start a figure are skipped by the regex engine, which is what makes a
megabyte take a fraction of a second.

Most non-figures are kept out by the grammar itself rather than by word lists: a figure needs a
unit (so 十三五, 合六, (一), 一是 never match), a Chinese numeral must be well formed (一三五十 is
not), 第X is consumed as an ordinal (第一章, 第一要务), 届 swallows meeting ordinals (五届九次),
a lone 一 or 二 with a measure word is an article or a prefix (一批, 一支, 二次开发), a placeholder
with no unit is a redacted name (xx工业园区), and Chinese numerals inside short quotes or 《》
are slogans and titles (“七大战役”, “大气十条”). The remaining lexicalised phrases are in
`_LEXICON`, with the policy nicknames 大气十条/水十条 that are written unquoted too.

Chinese numerals take a decimal read digit by digit after 点 (三点五亿元, 百分之七点五,
零点五个百分点), and in a Chinese range the high bound's own 万/亿 is shared with the low bound
(一至二万亩 is [1e4, 2e4]) as 1000至3000万元 shares its 万. The redaction mark ××× (and a lone
× away from digits, ×月 ×家) is read like xxx; see `numerals.fold`. A currency named before the
number (新臺幣3億元) sets the unit, and a three-digit 年度 (113年度) is a ROC year in any script.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from zoneplan_tui.core.numerals import (
    NUMERAL_CHARS,
    NUMERAL_STARTS,
    digit_string,
    fold,
    parse_chinese,
)

KINDS = ("percent", "money", "count", "area", "date", "range", "ordinal", "placeholder", "other")

Value = float | int | str | list | None


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    kind: str
    value: Value
    unit: str | None
    cmp: str | None
    core_start: int
    core_end: int
    line: int

    def to_json(self, section: list[str]) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "cmp": self.cmp,
            "line": self.line,
            "section": list(section),
        }


# --- units ------------------------------------------------------------------------------------
# unit as written (folded) -> (kind, normalised unit, factor to the normalised unit)
_UNITS: dict[str, tuple[str, str, Decimal]] = {}


def _add(kind: str, norm: str | None, factor: str, *names: str) -> None:
    for name in names:
        _UNITS[name] = (kind, norm or name, Decimal(factor))


_add("percent", "%", "0.01", "%")
_add("percent", "%", "0.001", "‰")
_add("percent", "pp", "1", "个百分点", "百分点")
_add("money", "CNY", "1", "元", "元人民币", "人民币")
_add("money", "USD", "1", "美元")
_add("money", "EUR", "1", "欧元")
_add("money", "HKD", "1", "港元", "港币")
_add("money", "JPY", "1", "日元", "日圆")
_add("money", "GBP", "1", "英镑")
_add("money", "TWD", "1", "新台币", "台币")
# Per-unit rates (5000元/平方米, 1.5万元/亩): money, the currency normalised, the measure kept.
for _cur, _cn in (("元", "CNY"), ("美元", "USD")):
    for _den, _dn in (("平方米", "m2"), ("平米", "m2"), ("㎡", "m2"), ("m2", "m2"), ("亩", "亩")):
        _add("money", f"{_cn}/{_dn}", "1", f"{_cur}/{_den}")
    for _den in (
        "吨",
        "人",
        "户",
        "年",
        "月",
        "天",
        "次",
        "公里",
        "千瓦时",
        "度",
        "个",
        "家",
        "套",
    ):
        _add("money", f"{_cn}/{_den}", "1", f"{_cur}/{_den}")
_add("area", "m2", "1", "平方米", "平米", "平方公尺", "㎡", "m2", "m²", "平方")
_add("area", "m2", "1000000", "平方公里", "平方千米", "km2", "km²")
_add("area", "m2", "10000", "公顷")
_add("area", "m2", "3.305785", "坪")
_add("area", "亩", "1", "亩")
# Measure words: the count keeps the word as its unit (300个 -> 300, 个).
_add(
    "count",
    None,
    "1",
    *"个家项次场名人位条批户座栋幢所处台套件张份支种类辆艘架轮篇笔宗块层棵株盏床岁",
)
_add("count", None, "1", *"册部头只款组间幅")
_add("count", None, "1", "批次", "大类", "人次", "户次", "车次", "架次", "场次", "家次", "项次")
_add("count", None, "1", "台套", "个月")
_add("count", None, "1", "年", "天", "周", "小时", "分钟", "月", "日")  # durations; 月/日 in ranges
_add("other", None, "1", "周年", "强", "倍", "吨级", "吨", "公吨", "公里", "千米", "米", "千瓦时")
_add("other", None, "1", "千瓦", "兆瓦", "千伏", "立方米", "标箱", "公斤", "千克", "斤", "分")
_add("other", None, "1", "微克/立方米", "毫克/立方米", "毫克/升", "吨标准煤", "吨标煤")
_add("other", None, "1", "m³", "m3", "kV", "kW", "kWh", "MW", "GW", "km", "TEU", "kg")
_add("skip", None, "1", "大")  # 十大, 十九大: groupings and congresses, consumed, not figures

_DURATIONS = frozenset(("年", "天", "周", "小时", "分钟", "个月", "月", "日"))
# A measure word followed by these is the first character of a word, not a unit: 3家具, xx人民政府.
_UNIT_BLOCK: dict[str, tuple[str, ...]] = {
    "项": ("目",),
    "家": ("具", "庭", "电", "乡", "属", "居", "渠"),
    "人": ("民", "大", "才", "社", "事", "力", "口", "文", "居", "工", "员", "群", "类", "物"),
    "名": ("单", "称", "牌", "录", "片", "优", "义", "额", "誉", "胜", "校", "字"),
    "位": ("于", "置", "次", "列", "居"),
    "座": ("谈", "位", "右"),
    "场": ("所", "地", "景", "馆", "站", "景"),
    "次": ("要", "生", "序", "级", "日", "年", "贷", "全会"),  # 十一届五次、六次全会
    "户": ("外", "籍", "型", "口"),
    "批": ("准", "复", "示", "发", "评"),
    "层": ("级", "面", "次"),
    "类": ("型", "别", "似"),
    "种": ("植", "子", "类", "养", "业"),
    "条": ("例", "件", "款", "线"),
    "处": ("理", "置", "罚", "室", "长", "级", "于"),
    "台": ("湾", "河", "山", "州", "县", "区", "阶", "风", "账", "帐", "商"),
    "支": ("持", "撑", "付", "出", "援", "柱", "部", "行"),
    "所": ("有", "属", "在", "以", "得", "谓", "长"),
    "套": ("餐",),
    "部": ("门", "署", "委", "分", "长", "位", "队", "件", "属", "级", "会", "省"),
    "头": ("部", "脑", "条", "像", "衔", "号", "雁"),
    "只": ("有", "是", "要", "能", "需", "在", "会", "为", "可"),
    "款": ("项", "式"),
    "组": ("织", "建", "成", "团", "合", "长", "委", "件", "群"),
    "间": ("隔", "接", "歇", "距", "断"),
    "件": ("事",),
    "天": ("然", "津", "地", "空", "鹅", "下"),
    "周": ("边", "期", "转", "密", "末"),
    "张": ("家",),
    "份": ("额",),
    "分": ("别", "类", "配", "析", "布", "局", "区", "工", "会", "之"),
    "米": ("粮", "面"),
    "年": ("均", "报", "鉴", "检", "审", "级", "轻", "龄", "会"),
    "日": ("报", "常", "益", "程", "本", "用", "趋", "新", "夜", "照", "记", "志", "历"),
    "月": ("报", "饼", "球", "光", "亮"),
    "元": ("素", "化", "旦", "宵", "老", "首"),
}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))

# --- the master grammar -----------------------------------------------------------------------
_NC = NUMERAL_CHARS
_AN = r"(?<![0-9A-Za-z])(?<![0-9]\.)(?:[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
# A Chinese decimal reads 点 and then digit by digit: 三点五亿元, 零点五个百分点.
_CDEC = r"(?:点[〇零一二三四五六七八九]{1,6})"
_CN = rf"(?<![{_NC}第数几])(?:零{_CDEC}|[{NUMERAL_STARTS}][{_NC}]{{0,23}}{_CDEC}?)"
_PH = r"(?<![A-Za-z])x+(?:\.x+)?(?![A-Za-z])"
_PHX = r"(?<![A-Za-z])x"
_PHY = r"(?<![0-9A-Za-z])(?:x{1,4}|[0-9]{2}x{2}|[0-9]{3}x)"  # xxxx年, 20xx年
# Every run is bounded: an unbounded class would backtrack quadratically over 百百百百….
_NUM = rf"[0-9]{{1,12}}(?:\.[0-9]{{1,12}})?|[{_NC}]{{1,12}}{_CDEC}?"
_MULT = r"(?:万亿|[十百千]?[万亿]|[百千])"
_SEP = r"(?:至|到|~|-|—{1,2}|–|―)"
_Y = r"(?<![0-9A-Za-z])(?<![0-9]\.)[0-9]{1,4}"
_M = r"(?:1[0-2]|0?[1-9]|x{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|x{1,2}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DSUF = r"(?:底|末|初|上旬|中旬|下旬)"

_MASTER_SOURCE = rf"""
    (?P<pre>不少于|不低于|不超过|超过|超|(?<![签合节公条邀预制履违特守誓解租践相毁])约
       |(?<![最附邻临就亲贴接靠])近|逾)?
    (?:
      (?P<iso>(?<![0-9A-Za-z.])(?:1[89]|2[01])[0-9]{{2}}(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])
         (?:(?P=isep)(?P<id>3[01]|[12][0-9]|0?[1-9])
            (?:[ T\u3000]{{1,2}}(?P<ih>[01]?[0-9]|2[0-3]):(?P<imin>[0-5][0-9])
               (?::(?P<isec>[0-5][0-9]))?)?
         )?(?![0-9.%]|\s?[{_NC}元年月日个家项])
      )
    | (?P<date>(?P<roc>民国[ \u3000]?)?
         (?P<y>{_Y}|{_PHY}|(?<![{_NC}])[〇零一二三四五六七八九十百]{{1,6}})
         [ \u3000]?(?P<yn>年)(?P<ydu>度)?
         (?:[ \u3000]?(?P<m>{_M})(?:{_SEP}(?P<m2>{_M}))?[ \u3000]?月(?P<mf>份)?
            (?:{_SEP}(?P<m3>{_M})月份?|[ \u3000]?(?P<d>{_DAY})[ \u3000]?[日号])?)?
         (?P<dsuf>{_DSUF})?
         (?:{_SEP}(?P<y2>[0-9]{{4}})年)?
      )
    | (?P<md>(?<![0-9])(?P<mm>1[0-2]|0?[1-9]|{_PHX}{{1,2}})月(?P<mmf>份)?
         (?:{_SEP}(?P<mm2>1[0-2]|0?[1-9])月份?|(?P<mdd>3[01]|[12][0-9]|0?[1-9]|x{{1,2}})[日号])?
         (?P<mdsuf>{_DSUF})?)
    | (?P<cmd>(?<![{_NC}])(?P<cm>十[一二]?|[一二三四五六七八九])月
         (?:(?P<cd>{_DAY})[日号]|份{_DSUF}?|{_DSUF}))
    | (?P<dday>(?<![0-9.])(?:3[01]|[12][0-9]|0?[1-9])日)
    | (?P<pct>百分之(?P<pn>{_NUM}))
    | (?P<frac>(?<![0-9{_NC}])(?P<fd>{_NUM})分之(?P<fn>{_NUM}))
    | (?P<meet>(?<![0-9{_NC}])(?:[0-9]{{1,3}}|[{_NC}]{{1,4}})届
         (?:(?:[0-9]{{1,3}}|[{_NC}]{{1,4}})[次中])?)
    | (?P<ord>第(?P<on>[0-9]{{1,9}}|[{_NC}]{{1,12}}|x{{1,4}})
         (?P<ou>季度|批次|阶段|年|次|轮|批|名|位)?)
    | (?P<gen>(?:(?P<neg>(?<![0-9A-Za-z%])[-−])?(?P<a1>{_AN})|(?P<c1>{_CN})|(?P<p1>{_PH}))
         (?P<mid1>[多余])?(?:[ \u3000]?(?P<x1>{_MULT}))?(?P<late1>[多余])?
         (?:[ \u3000]?(?P<u1>{_UNIT_RE}))?
         (?:(?P<sep>{_SEP})(?:(?P<a2>{_AN})|(?P<c2>{_CN})|(?P<p2>{_PH}))(?P<mid2>[多余])?
            (?:[ \u3000]?(?P<x2>{_MULT}))?(?P<late2>[多余])?(?:[ \u3000]?(?P<u2>{_UNIT_RE}))?)?
      )
    | (?P<imp>(?<![0-9x{_NC}])(?:万亿|[十百千]?[万亿]|[百千]))(?P<iu>{_UNIT_RE})
    )
    (?P<suf>以上|以下|以内|左右)?
    """


@cache
def _master() -> re.Pattern[str]:
    # Compiled on first use (about 30 ms): importing Figure or describe stays cheap.
    return re.compile(_MASTER_SOURCE, re.VERBOSE)


_CANDIDATE = re.compile(
    rf"[0-9x{NUMERAL_STARTS}第百千万亿超逾]|不(?:少于|低于|超过)|约|近|民国|零点|[-−](?=[0-9])"
)
# Lexicalised phrases that the grammar would otherwise read as counts (kept deliberately short).
_LEXICON = re.compile(
    "(?:(?<=大气)|(?<=[水土国新]))十条"  # policy nicknames: 大气十条, 水十条
    "|一批|一支|一线|一般|一体|一期|二期|二次|八项规定|两个维护|两个确保|两个覆盖|两个责任|两个一百年"
    "|两个毫不动摇|三个代表|四个全面|四个意识|四个自信|五位一体|三严三实|三会一课|两学一做|三番五次"
    # N个一X slogans (四个一, 三个一批, 五个一工程); not 三个一万亩 (a number goes on), 两个一流
    "|[两二三四五六七八九十]个一(?![0-9〇零一二三四五六七八九十百千万亿点流])"
)
_QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))
_CMP = {
    "不少于": ">=", "不低于": ">=", "以上": ">=", "不超过": "<=", "以下": "<=", "以内": "<=",
    "超过": ">", "超": ">", "逾": ">", "约": "~", "近": "~", "左右": "~",
    # 余/多 inside a figure (300余户, 80多个) mean "more than"; the gold labels xxx余户 as ">".
    "余": ">", "多": ">",
}  # fmt: skip
_MULTS = {
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
    "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12,
}  # fmt: skip
_MEETINGS = ("全会", "全体会议", "全国代表大会", "代表大会", "会议", "党代会")
_HEADING_TAIL = frozenset(" \u3000\u00a0\t、.)）")
_TARGET_CUES = ("增长", "力争", "确保", "达到", "新增", "完成", "引进", "突破", "实现")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_TRADITIONAL_HINTS = re.compile("[國與為會發區業這們對於劃開資經濟產計畫個項場]")
_SIMPLIFIED_HINTS = re.compile("[国与为会发区业这们对于划开资经济产计画个项场]")


class _Reject(Exception):
    """A match that reads as grammar but is not a figure; its characters are consumed."""


class _Ctx:
    """One master-regex match: its span, the comparators around it, and where scanning resumes."""

    __slots__ = ("ce", "cs", "end", "m", "pre", "resume", "start", "suf")

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m
        self.start, self.end = m.span()
        self.pre: str | None = m.group("pre")
        self.suf: str | None = m.group("suf")
        self.cs = m.end("pre") if self.pre else self.start
        self.ce = m.start("suf") if self.suf else self.end
        self.resume = self.end

    def cmp(self, mid: str | None = None) -> str | None:
        word = self.pre or self.suf or mid
        return _CMP[word] if word else None

    def recent(self) -> None:
        """近三年, 近5年: 近 before a duration means "the past", not "about"."""
        if self.pre == "近":
            self.start, self.pre = self.cs, None


def extract_figures(text: str) -> list[Figure]:
    """All figures in `text`, sorted and non-overlapping.

    A match the grammar turns down (`_Reject`) is skipped and scanning goes on. Any other error
    is a bug in a rule and propagates: caught, it would read as "no figures here"."""
    return _Scanner(text).run()


class _Scanner:
    __slots__ = ("_line_starts", "_trad", "nt", "out", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.nt = fold(text)
        self.out: list[Figure] = []
        self._line_starts: list[int] | None = None
        self._trad: bool | None = None

    def run(self) -> list[Figure]:
        nt, search, match, lexicon = self.nt, _CANDIDATE.search, _master().match, _LEXICON.match
        pos = 0
        while (c := search(nt, pos)) is not None:
            p = c.start()
            if (lex := lexicon(nt, p)) is not None:
                pos = lex.end()
                continue
            if (m := match(nt, p)) is None:
                pos = p + 1
                continue
            ctx = _Ctx(m)
            try:
                self._build(ctx)
            except _Reject:
                # skip this match only; a `-5日` turned down as read from its sign is read
                # afresh from its number
                ctx.resume = p + 1 if m.group("neg") else ctx.end
            pos = max(ctx.resume, p + 1)
        return self.out

    # --- helpers ------------------------------------------------------------------------------
    def _line(self, pos: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0] + [i.end() for i in re.finditer("\n", self.nt)]
        return bisect_right(self._line_starts, pos)

    def _traditional(self) -> bool:
        if self._trad is None:
            t = len(_TRADITIONAL_HINTS.findall(self.text))
            self._trad = t > 2 * len(_SIMPLIFIED_HINTS.findall(self.text))
        return self._trad

    def _quoted(self, pos: int) -> bool:
        """Is `pos` inside a short quotation or 《title》 on its line? Those hold slogans."""
        nt = self.nt
        lo = max(0, pos - 40, nt.rfind("\n", 0, pos) + 1)
        for o, c in _QUOTES:
            i = nt.rfind(o, lo, pos)
            if i != -1 and nt.find(c, i, pos) == -1:
                j = nt.find(c, pos, pos + 40)
                if j != -1 and nt.find("\n", pos, j) == -1:
                    return True
        return False

    def _blocked(self, unit: str | None, at: int) -> bool:
        """Is this measure word really the first character of a word (3家具, x日报, 14亿人口)?"""
        block = _UNIT_BLOCK.get(unit or "")
        # (10项目标任务 is ten target items, not 10 + 项目)
        return (
            block is not None
            and self.nt.startswith(block, at)
            and not self.nt.startswith("目标", at)
        )

    def _tail_ok(self, unit: str | None, at: int) -> None:
        if self._blocked(unit, at):
            raise _Reject

    def _emit(self, x: _Ctx, kind: str, value: Value, unit: str | None, cmp: str | None) -> None:
        if x.end <= x.start or (self.out and x.start < self.out[-1].end):
            return
        s, e = x.start, x.end
        if unit == "CNY":  # 新臺幣3億元, 美金500万元: the currency named before the number
            unit = next((c for w, c in _CURRENCY_BEFORE if self.nt.endswith(w, 0, s)), unit)
        fig = Figure(s, e, self.text[s:e], kind, value, unit, cmp, x.cs, x.ce, self._line(s))
        self.out.append(fig)

    # --- one match ----------------------------------------------------------------------------
    def _build(self, x: _Ctx) -> None:
        m = x.m
        g = m.lastgroup
        if g not in _BRANCHES:  # lastgroup is the last group *closed*: suf, or imp's unit
            g = next(b for b in _BRANCHES if m.group(b) is not None)
        if g == "iso":
            self._emit(x, *_iso(m), x.cmp())
        elif g == "date":
            self._date(x)
        elif g in ("md", "cmd", "dday"):
            if g == "dday":
                self._tail_ok("日", m.end("dday"))
                if self.nt.startswith("内", m.end("dday")):  # 30日内: within 30 days
                    self._emit(x, "count", int(m.group("dday")[:-1]), "日", x.cmp())
                    return
            if m.group("mm2") and m.group("mm").isdigit():  # 3月至5月, as 3-5月
                lo, hi = int(m.group("mm")), int(m.group("mm2"))
                if 1 <= lo < hi <= 12:
                    self._emit(x, "range", [lo, hi], "month", x.cmp())
                    return
                _first_month(x, m.end("mmf") if m.group("mmf") else m.end("mm") + 1)
            self._emit(x, *_month_day(m), x.cmp())
        elif g == "pct":
            pn = m.group("pn")
            n = Decimal(100) if pn == "百" else _number(pn)
            if n is None:
                raise _Reject
            self._emit(x, "percent", _num(n / 100), "%", x.cmp())
        elif g == "frac":
            fd = m.group("fd")
            den, num = _DENOMINATORS.get(fd) or _number(fd), _number(m.group("fn"))
            if not den or num is None:
                raise _Reject
            self._emit(x, "percent", float(num / den), "%", x.cmp())
        elif g == "ord":
            self._ordinal(x)
        elif g == "gen":
            self._generic(x)
        elif g == "imp":
            kind, unit, factor = _UNITS[m.group("iu")]
            if x.cmp() is None or kind not in ("money", "area", "count") or unit in _DURATIONS:
                raise _Reject  # 亿元楼宇, 万吨污水处理厂, 千年: a class or a name, not a quantity
            self._tail_ok(m.group("iu"), m.end("iu"))
            self._emit(x, kind, _val(kind, _MULTS[m.group("imp")] * factor), unit, x.cmp())
        else:  # meet: 五届九次, 十九届四中 are meeting ordinals
            raise _Reject

    def _date(self, x: _Ctx) -> None:
        m = x.m
        y, roc, month, day, y2 = m.group("y", "roc", "m", "d", "y2")
        if "x" in y or "x" in (month or "") or "x" in (day or ""):
            if len(y) < 4 and not month:  # x年: a redacted duration
                self._tail_ok("年", m.end("yn"))
                self._emit(x, "placeholder", None, "年", x.cmp())
            else:
                unit = "date" if day else "month" if month else "year"
                self._emit(x, "placeholder", None, unit, x.cmp())
            return
        # 113年度 and 103年5月 are ROC years in any script (no mainland year or duration is
        # written so: a duration of months is 个月); a bare 103年 only in traditional text
        year = _year(
            y,
            bool(roc),
            lambda n, bare: (
                (bare and bool(m.group("ydu")) and 30 <= n <= 200)
                or (bare and bool(m.group("m")) and 100 <= n <= 200)
                or (self._traditional() and _roc_shaped(n, bare, m))
            ),
        )
        if year is None:  # not a calendar year: a duration such as 5年, 三年
            if month or y2:
                raise _Reject
            self._duration(x, y)
            return
        if y2:
            self._emit(x, "range", [year, int(y2)], "year", x.cmp())
            return
        if not month:
            self._tail_ok("年", m.end("yn"))
            self._emit(x, "date", year, "year", x.cmp())
            return
        mo = _small_int(month)
        if m.group("m2") or m.group("m3"):  # 2020年1—6月, 2024年3月至5月: a range of months
            hi = _small_int(m.group("m2") or m.group("m3"))
            if 1 <= mo < hi <= 12:
                value = [f"{year:04d}-{mo:02d}", f"{year:04d}-{hi:02d}"]
                self._emit(x, "range", value, "month", x.cmp())
                return
            if m.group("m2"):
                raise _Reject
            _first_month(x, m.end("mf") if m.group("mf") else m.end("m") + 1)
        dd = _small_int(day) if day else 1
        if not (1 <= mo <= 12 and 1 <= dd <= 31):
            raise _Reject
        if day:
            self._emit(x, "date", f"{year:04d}-{mo:02d}-{dd:02d}", "date", x.cmp())
        else:
            self._emit(x, "date", f"{year:04d}-{mo:02d}", "month", x.cmp())

    def _duration(self, x: _Ctx, y: str) -> None:
        if self._heading_marker(x.m.start("y"), x.m.end("y")):
            raise _Reject  # `1 年度目标`: a heading number
        x.recent()
        chinese = not y[0].isdigit()
        if chinese and (x.cmp() is None or self._quoted(x.start)):
            raise _Reject  # 三年, 五年: soft durations, and often part of a name (五年计划)
        self._tail_ok("年", x.m.end("yn"))
        n = parse_chinese(y) if chinese else int(y)
        if n is None:
            raise _Reject
        self._emit(x, "count", n, "年", x.cmp())

    def _ordinal(self, x: _Ctx) -> None:
        unit, on = x.m.group("ou", "on")
        if unit is None or "x" in on:
            raise _Reject  # 第一章, 第三条, 第一要务: consumed so that no part becomes a figure
        if unit == "次" and self.nt.startswith(_MEETINGS, x.m.end("ou")):
            raise _Reject  # 第十九次全国代表大会: a meeting ordinal
        n = int(on) if on.isdigit() else parse_chinese(on)
        if n is None or (not on.isdigit() and self._quoted(x.start)):
            raise _Reject
        self._emit(x, "ordinal", n, unit, x.cmp())

    def _generic(self, x: _Ctx) -> None:
        m = x.m
        u1, u2, sep = m.group("u1", "u2", "sep")
        if sep is not None and ((u1 and u2 and u1 != u2) or (u2 is None and m.group("x2") is None)):
            # 30%到2025年, 3个至5家, 5个至10: not one range. Keep the first figure and read
            # what follows the separator afresh (it may be a date or a figure of its own).
            x.end = x.ce = _first_end(m)
            x.suf = None
            x.resume = m.end("sep")
            self._single(x, "1")
            return
        if sep is None:
            self._single(x, "1")
            return
        unit = u2 or u1
        self._tail_ok(unit, m.end("u2") if u2 else m.end("x2"))
        kind, norm, factor = _UNITS[unit] if unit else ("other", None, Decimal(1))
        if kind == "skip":
            raise _Reject
        p1, p2 = m.group("p1", "p2")
        if p1 or p2:
            if not (p1 and p2):
                raise _Reject
            self._emit(x, "placeholder", None, "month-range" if unit == "月" else norm, x.cmp())
            return
        c1, c2 = m.group("c1", "c2")
        if (c1 or c2) and self._quoted(x.start):
            raise _Reject
        lo, hi = _number(m.group("a1") or c1), _number(m.group("a2") or c2)
        if lo is None or hi is None:
            raise _Reject
        hi_mult = Decimal(_MULTS[m.group("x2")]) if m.group("x2") else Decimal(1)
        hi *= hi_mult
        if c2 and hi_mult == 1 and not (c1 and c1[-1] in "万亿"):
            # 一至二万亩: the Chinese high bound holds its own 万, which the low bound shares
            hi_mult = Decimal(_MULTS.get(c2[-2:] if c2.endswith("万亿") else c2[-1], 1))
        if m.group("x1"):
            lo *= _MULTS[m.group("x1")]
        elif hi_mult > 1:
            lo = _infer_low(lo, hi, hi_mult)
        if unit == "年":
            x.recent()
            if len(m.group("a1") or "") == 4 and len(m.group("a2") or "") == 4:
                self._emit(x, "range", [int(lo), int(hi)], "year", x.cmp())
                return
        if unit == "月":
            if not (1 <= lo <= 12 and 1 <= hi <= 12):
                raise _Reject
            norm = "month"
        value = [_val(kind, lo * factor), _val(kind, hi * factor)]
        self._emit(x, "range", value, norm, x.cmp())

    def _single(self, x: _Ctx, k: str) -> None:
        m = x.m
        a, c, p = m.group("a" + k, "c" + k, "p" + k)
        mid, mult, unit = m.group("mid" + k, "x" + k, "u" + k)
        mid = mid or m.group("late" + k)  # 300余万元, 4亿多人
        num = "a" + k if a else "c" + k if c else "p" + k
        if unit is not None and self._blocked(unit, m.end("u" + k)):
            if not ((a or p) and mult):
                raise _Reject
            # 14亿人口: 人 starts a word, but 14亿 is still a figure
            x.end = x.ce = x.resume = m.end("x" + k)
            x.suf = unit = None
        if unit is None:
            # A bare number (2035, 630) or a redacted name (xx工业园区) is no figure, unless a
            # multiplier (人口100万) or a comparator word (容积率不低于1.2, 1.5以上) makes it one.
            if not ((a or p) and (mult or x.suf or x.pre in _WORD_PREFIXES)):
                raise _Reject
            kind, norm, factor = "other", None, Decimal(1)
        else:
            kind, norm, factor = _UNITS[unit]
        if kind == "skip" or self._heading_marker(m.start(num), m.end(num)):
            raise _Reject
        if unit in _DURATIONS:
            x.recent()
        cmp = x.cmp(mid)
        if p:
            if unit in ("月", "日"):
                raise _Reject
            self._emit(x, "placeholder", None, norm, cmp)
            return
        if c:
            if unit == "分" or _LEXICON.match(self.nt, m.start(num)):
                raise _Reject  # 十分重要; 约一批
            quantity = kind == "percent" or unit == "倍"  # not 一亩一策, 二元结构
            if c in _LONE and not x.pre and not x.suf and not quantity:
                # 一个, 一批: articles; 二次, 二期: prefixes. 一个百分点, 一倍 are amounts.
                raise _Reject
            if unit in _DURATIONS and not x.pre and not x.suf:
                raise _Reject  # 三个月, 两年: soft durations
            if self._quoted(m.start(num)):
                raise _Reject  # “七大战役” “大气十条” 《…十二条》: slogans and titles
            n = _number(c)
            if n is None:
                raise _Reject
            value = n
        else:
            if unit in ("月", "日"):
                raise _Reject  # 13月, 45日: not dates; durations are written 个月, 天
            if unit == "分" and self.nt[m.start(num) - 1 : m.start(num)] in ("时", "点"):
                raise _Reject  # 9时30分: a clock time, not a score
            value = Decimal(a.replace(",", "").replace("，", ""))
            if m.group("neg"):
                value = -value  # 增长-3.5%: a signed figure (下降3.5% keeps its verb outside)
        if mult:
            value *= _MULTS[mult]
        self._emit(x, kind, _val(kind, value * factor), norm, cmp)

    def _heading_marker(self, num_start: int, num_end: int) -> bool:
        """`3　项目建设`, `2 人才培养`: a number that opens its line and is set off is a marker."""
        if self.nt[num_end : num_end + 1] not in _HEADING_TAIL:
            return False
        return not self.nt[self.nt.rfind("\n", 0, num_start) + 1 : num_start].strip()


_BRANCHES = ("iso", "date", "md", "cmd", "dday", "pct", "frac", "meet", "ord", "gen", "imp")
_LONE = frozenset("一壹二贰")
_CURRENCY_BEFORE = (("新台币", "TWD"), ("台币", "TWD"), ("美金", "USD"), ("港币", "HKD"))
_DIGIT_MAP = str.maketrans("〇零一二三四五六七八九", "00123456789")
_DENOMINATORS = {"千": Decimal(1000), "万": Decimal(10000)}  # 千分之三, 万分之五
_WORD_PREFIXES = frozenset(("不少于", "不低于", "不超过", "超过"))


def _first_month(x: _Ctx, end: int) -> None:
    """`5月至3月` is no range: keep the first month and read on after it."""
    x.end = x.ce = x.resume = end
    x.suf = None


def _first_end(m: re.Match[str]) -> int:
    for g in ("u1", "late1", "x1", "mid1", "a1", "c1", "p1"):
        if m.group(g) is not None:
            return m.end(g)
    return m.end()


def _year(y: str, roc: bool, roc_shaped: Callable[[int, bool], bool]) -> int | None:
    """The calendar year `y` names (民國/ROC years converted), or None for a duration."""
    if y.isdigit():
        n = int(y)
        if roc or roc_shaped(n, len(y) == 3):
            return n + 1911
        return n if len(y) == 4 and 1800 <= n <= 2200 else None
    digits = digit_string(y) if len(y) == 4 else None  # 二〇一九
    if digits is not None and 1800 <= digits <= 2200:
        return digits
    counted = parse_chinese(y)  # 民國一百零三年
    if counted is None:
        raise _Reject
    return counted + 1911 if roc or roc_shaped(counted, False) else None


def _roc_shaped(n: int, bare_three_digits: bool, m: re.Match[str]) -> bool:
    """In traditional text 103年度, 103年5月, 八十七年度 and a bare 103年 count from 1912 (民國)."""
    return 30 <= n <= 200 and bool(m.group("ydu") or m.group("m") or bare_three_digits)


def _infer_low(lo: Decimal, hi: Decimal, hi_mult: Decimal) -> Decimal:
    """`1000至3000万元`: the low bound shares the multiplier; `5000至1亿元`: it is in 万."""
    for mult in (hi_mult, Decimal(10**4), Decimal(1)):
        if mult <= hi_mult and lo * mult <= hi:
            return lo * mult
    return lo * hi_mult


def _number(s: str | None) -> Decimal | None:
    if not s:
        return None
    if s[0].isdigit():
        return Decimal(s.replace(",", "").replace("，", ""))
    if "点" in s:  # 三点五: the integer part, then the decimals digit by digit
        whole, frac = s.split("点")
        w = 0 if whole == "零" else parse_chinese(whole)
        if w is None or digit_string(frac) is None:
            return None
        return Decimal(f"{w}.{frac.translate(_DIGIT_MAP)}")
    n = parse_chinese(s)
    return None if n is None else Decimal(n)


def _small_int(s: str) -> int:
    n = int(s) if s.isdigit() else parse_chinese(s)
    return -1 if n is None else n


def _num(d: Decimal) -> float | int:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(d)


def _val(kind: str, d: Decimal) -> float | int:
    # Money and areas are amounts (floats, as the gold writes 1.0e10); counts stay whole numbers.
    return float(d) if kind in ("money", "area") else _num(d)


def _iso(m: re.Match[str]) -> tuple[str, str, str]:
    y, mo, d, h = m.group("iso")[:4], int(m.group("im")), m.group("id"), m.group("ih")
    if d is None:
        return "date", f"{y}-{mo:02d}", "month"
    value = f"{y}-{mo:02d}-{int(d):02d}"
    if h is None:
        return "date", value, "date"
    value += f"T{int(h):02d}:{m.group('imin')}" + (f":{m.group('isec')}" if m.group("isec") else "")
    return "date", value, "datetime"


def _month_day(m: re.Match[str]) -> tuple[str, str | None, str]:
    if m.group("dday"):
        return "date", f"---{int(m.group('dday')[:-1]):02d}", "day"
    month, day = m.group("mm") or m.group("cm"), m.group("mdd") or m.group("cd")
    if "x" in month or "x" in (day or ""):
        return "placeholder", None, "date" if day else "month"
    mo, dd = _small_int(month), _small_int(day) if day else 1
    if not (1 <= mo <= 12 and 1 <= dd <= 31):
        raise _Reject
    if day:
        return "date", f"--{mo:02d}-{dd:02d}", "date"
    return "date", f"--{mo:02d}", "month"


# --- for the reader ---------------------------------------------------------------------------
def is_target(fig: Figure, text: str) -> bool:
    """A target: a comparator, or a cue verb (增长, 力争, 确保…) shortly before, same clause."""
    if fig.cmp is not None:
        return True
    window = text[max(0, fig.start - 24) : fig.start]
    ends = [e.end() for e in _CLAUSE_END.finditer(window)]
    if ends:
        window = window[ends[-1] :]
    return any(cue in window for cue in _TARGET_CUES)


_CMP_SIGN = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "~": "≈ "}


def _fmt(v: float | int) -> str:
    """Short human form: 300, 0.08, 85000, 1.0e10, 1.89e9."""
    if abs(v) >= 1e5:
        mant, exp = f"{v:.6e}".split("e")
        mant = mant.rstrip("0")
        return f"{mant}0e{int(exp)}" if mant.endswith(".") else f"{mant}e{int(exp)}"
    if isinstance(v, float):
        return f"{round(v, 10):g}" if not v.is_integer() else str(int(v))
    return str(v)


def describe(fig: Figure) -> str:
    """One line for the status bar: `100亿元以上 → ≥ 1.0e10 CNY`, `8% → 0.08 (8%)`."""
    head = f"{fig.text} → "
    v = fig.value
    if fig.kind == "placeholder" or v is None:
        return head + "to be filled"
    sign = _CMP_SIGN.get(fig.cmp or "", "")
    unit = f" {fig.unit}" if fig.unit and fig.unit not in ("%", "year", "date", "month") else ""
    if isinstance(v, str) or fig.kind == "date":
        return head + sign + str(v)
    if isinstance(v, list):
        lo, hi = (_fmt(b) if isinstance(b, (int, float)) else str(b) for b in v)
        if fig.unit == "%":
            return head + f"{sign}{lo}–{hi} ({_fmt(v[0] * 100)}–{_fmt(v[1] * 100)}%)"
        return head + f"{sign}{lo}–{hi}{unit}"
    if fig.unit == "%":
        return head + f"{sign}{_fmt(v)} ({_fmt(v * 100)}%)"
    return head + f"{sign}{_fmt(v)}{unit}"
