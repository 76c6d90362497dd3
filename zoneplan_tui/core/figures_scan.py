"""The scanner behind `figures.extract_figures`: runs the master grammar over the folded text and
reads each match into a `Figure` (see `figures.py` for the design, `figures_grammar.py` for the
grammar)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from decimal import Decimal

from zoneplan_tui.core.figures_grammar import (
    BRANCHES,
    CANDIDATE,
    CMP,
    HEADING_TAIL,
    LEXICON,
    MEETINGS,
    MULTS,
    QUOTES,
    WORD_PREFIXES,
    master,
)
from zoneplan_tui.core.figures_model import Figure, Value
from zoneplan_tui.core.figures_region import Region, document_region
from zoneplan_tui.core.figures_tables import table_figures
from zoneplan_tui.core.figures_units import DURATIONS, LOCAL, UNIT_BLOCK, unit_info
from zoneplan_tui.core.numerals import digit_string, fold, parse_chinese

_LONE = frozenset("一壹二贰")
# What a lone 一 counts when it counts (每年一次, 每周一天): events and spans of time.
_LONE_EVENTS = frozenset(("次", "轮", "场", *DURATIONS))
_CURRENCY_BEFORE = (
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("美金", "USD"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("澳门币", "MOP"),
    ("人民币", "CNY"),
)
_DIGIT_MAP = str.maketrans("〇零一二三四五六七八九", "00123456789")
_DENOMINATORS = {"千": Decimal(1000), "万": Decimal(10000)}  # 千分之三, 万分之五
# A duration followed by these is the name of a plan or a campaign: 五年规划, 三年行动计划, and
# (within a word or two) 三年滚动计划, 五年发展规划.
_PLAN_NAMES = ("行动", "攻坚", "工程", "战略", "大变样")
_PLAN_WORDS = re.compile("[^，。；、：,;:！？\n]{0,3}(?:规划|计划|纲要)")
# The levels a count of levels lists before it: 市县两级, 省市县三级, 国家、省两级.
_LEVELS = frozenset("省市县区乡镇村街组校院部家级")
# What a table, figure or page reference is written with: 表7-2, 圖 7-1, 附件3, 第5页.
_REFERENCES = ("附件", "附表", "附图", "表", "图", "页", "见")
_URL = re.compile(r"(?:https?://|www\.)[!-~]+", re.IGNORECASE)
# A two-digit ROC year is told from a count of years by its time words: 自90年以後, 至95年底.
_ROC_BEFORE = ("自", "从", "從", "于", "在", "至", "到", "截至", "迄", "民国")
_ROC_AFTER = ("以后", "以後", "以前", "以来", "起", "底", "末", "初", "度", "至今", "迄今")
_MEASURED, _TIMES = frozenset("人台车户床"), frozenset("月日天次年时")
_DAYTIME = ("上午", "下午", "晚上", "早上", "凌晨", "中午", "傍晚", "夜里", "当天", "每天", "日")
_STATING = ("为", "达", "达到", "指数", "系数", "比为", "比是")  # …为 75.07。
_TERMS = ("为期", "历时", "期限", "用", "满", "经过")  # words that open a term: 为期一年
_CLAUSE_MARKS = frozenset("。；;，,：:！？!?\n、）)")


class _Reject(Exception):
    """A match that reads as grammar but is not a figure; its characters are consumed."""


class _Ctx:
    """One master-regex match: its span, the comparators around it, and where scanning resumes."""

    __slots__ = ("ce", "cs", "end", "m", "pre", "resume", "start", "suf")

    def __init__(self, m: re.Match[str], nt: str) -> None:
        self.m = m
        self.start, self.end = m.span()
        self.pre: str | None = m.group("pre")
        self.suf: str | None = m.group("suf")
        cs = m.end("pre") if self.pre else self.start
        while nt[cs] in " \u3000":  # 超過 15％: the core starts at the number
            cs += 1
        ce = m.start("suf") if self.suf else self.end
        while nt[ce - 1] in " \u3000":
            ce -= 1
        self.cs, self.ce = cs, ce
        self.resume = self.end

    def cmp(self, mid: str | None = None) -> str | None:
        word = self.pre or self.suf or mid
        return CMP[word] if word else None

    def recent(self) -> None:
        """近三年, 近5年: 近 before a duration means "the past", not "about"."""
        if self.pre == "近":
            self.start, self.pre = self.cs, None

    def drop_suffix(self, end: int) -> None:
        self.end = self.ce = self.resume = end
        self.suf = None


def scan(text: str, tables: Iterable[tuple[int, int]] = ()) -> list[Figure]:
    return _Scanner(text).run(tuple(tables))


class _Scanner:
    __slots__ = ("_line_starts", "_region", "_urls", "nt", "out", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.nt = fold(text)
        self.out: list[Figure] = []
        self._line_starts: list[int] | None = None
        self._region: Region | None = None
        self._urls: list[tuple[int, int]] | None = None

    def run(self, tables: tuple[tuple[int, int], ...]) -> list[Figure]:
        nt, search, match, lexicon = self.nt, CANDIDATE.search, master().match, LEXICON.match
        pos = 0
        while (c := search(nt, pos)) is not None:
            p = c.start()
            if (lex := lexicon(nt, p)) is not None:
                pos = lex.end()
                continue
            if (m := match(nt, p)) is None:
                pos = p + 1
                continue
            if m.lastgroup == "gen" and _bare(m):
                # Most matches of a plan are bare numbers (一, 三, 2: list items, enumerations);
                # turned down as `_single` would, without reading them into a context first.
                pos = max(p + 1 if m.group("neg") else m.end(), p + 1)
                continue
            ctx = _Ctx(m, nt)
            try:
                self._build(ctx)
            except _Reject:
                # skip this match only; a `-5日` turned down as read from its sign is read
                # afresh from its number
                ctx.resume = p + 1 if m.group("neg") else ctx.end
            pos = max(ctx.resume, p + 1)
        if "\t" in nt or "|" in nt or tables:
            self._add_table_cells(tables)
        if "://" in nt or "www." in nt or "WWW." in nt:
            self._drop_urls()
        return self.out

    # --- document context ---------------------------------------------------------------------
    def _lines(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [i.end() for i in re.finditer("\n", self.nt)]
        return self._line_starts

    def _line(self, pos: int) -> int:
        return bisect_right(self._lines(), pos)

    def region(self) -> Region:
        if self._region is None:
            self._region = document_region(self.text, self.nt)
        return self._region

    def _add_table_cells(self, tables: tuple[tuple[int, int], ...]) -> None:
        """Bare numbers of table rows (figures_tables) join the figures found in running text
        where they do not overlap one."""
        cells = table_figures(self.nt, self._lines(), tables, self._currency_lazy())
        if not cells:
            return
        merged = list(self.out)
        taken = [(f.start, f.end) for f in self.out]
        for s, e, kind, value, unit, cmp, cs, ce, line in cells:
            i = bisect_right(taken, (s, e))
            if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            taken.insert(i, (s, e))
            fig = Figure(s, e, self.text[s:e], kind, value, unit, cmp, cs, ce, line)  # type: ignore[arg-type]
            merged.insert(i, fig)
        self.out = merged

    def _currency_lazy(self) -> str:
        return self.region().currency

    def _drop_urls(self) -> None:
        """A date or number inside a web address (…/2019-03/01/…) is part of the address."""
        urls = [m.span() for m in _URL.finditer(self.nt)]
        if urls:
            self.out = [f for f in self.out if not any(a <= f.start < b for a, b in urls)]

    def _quoted(self, pos: int) -> bool:
        """Is `pos` inside a short quotation or 《title》 on its line? Those hold slogans."""
        nt = self.nt
        lo = max(0, pos - 40, nt.rfind("\n", 0, pos) + 1)
        for o, c in QUOTES:
            i = nt.rfind(o, lo, pos)
            if i != -1 and nt.find(c, i, pos) == -1:
                j = nt.find(c, pos, pos + 40)
                if j != -1 and nt.find("\n", pos, j) == -1:
                    return True
        return False

    def _blocked(self, unit: str | None, at: int) -> bool:
        """Is this measure word really the first character of a word (3家具, x日报, 14亿人口)?"""
        block = UNIT_BLOCK.get(unit or "")
        # (10项目标任务 is ten target items, not 10 + 项目)
        return (
            block is not None
            and self.nt.startswith(block, at)
            and not self.nt.startswith("目标", at)
        )

    def _tail_ok(self, unit: str | None, at: int) -> None:
        if self._blocked(unit, at):
            raise _Reject

    def _before(self, pos: int, n: int = 1) -> str:
        """The `n` characters before `pos`, one space skipped."""
        nt = self.nt
        if pos and nt[pos - 1] in " \u3000":
            pos -= 1
        return nt[max(0, pos - n) : pos]

    def _reference(self, num_start: int, num_end: int) -> bool:
        """`表7-2`, `圖 7-1`, `附件3`: a table, figure or page named by its number."""
        nt = self.nt
        spaced = num_start > 0 and nt[num_start - 1] in " \u3000"
        structured = nt[num_end : num_end + 1] in "-." and nt[num_end + 1 : num_end + 2].isdigit()
        if not (spaced or structured):
            return False
        before = self._before(num_start, 2)
        return any(before.endswith(w) for w in _REFERENCES) and not before.endswith("代表")

    def _emit(self, x: _Ctx, kind: str, value: Value, unit: str | None, cmp: str | None) -> None:
        if x.end <= x.start or (self.out and x.start < self.out[-1].end):
            return
        s, e = x.start, x.end
        if unit is not None and unit.startswith(LOCAL):
            # 新臺幣3億元, 美金500万元: the currency named before the number; else the place's
            named = next((c for w, c in _CURRENCY_BEFORE if self.nt.endswith(w, 0, s)), None)
            unit = unit.replace(LOCAL, named or self.region().currency)
        fig = Figure(s, e, self.text[s:e], kind, value, unit, cmp, x.cs, x.ce, self._line(s))
        self.out.append(fig)

    # --- one match ----------------------------------------------------------------------------
    def _build(self, x: _Ctx) -> None:
        m = x.m
        g = m.lastgroup
        if g not in BRANCHES:  # lastgroup is the last group *closed*: suf, or imp's unit
            g = next(b for b in BRANCHES if m.group(b) is not None)
        if g == "iso":
            self._emit(x, *_iso(m), x.cmp())
        elif g == "date":
            self._date(x)
        elif g in ("md", "cmd", "dday"):
            self._month_or_day(x, g)
        elif g == "pct":
            self._percent(x)
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
            kind, unit, factor = unit_info(m.group("iu"))
            if x.cmp() is None or kind not in ("money", "area", "count") or unit in DURATIONS:
                raise _Reject  # 亿元楼宇, 万吨污水处理厂, 千年: a class or a name, not a quantity
            self._tail_ok(m.group("iu"), m.end("iu"))
            self._emit(x, kind, _val(kind, MULTS[m.group("imp")] * factor), unit, x.cmp())
        else:  # meet: 五届九次, 十九届四中 are meeting ordinals
            raise _Reject

    def _month_or_day(self, x: _Ctx, g: str) -> None:
        m = x.m
        if g == "md" and self._times_sign(m.start("mm")):
            raise _Reject  # 人x月: person-months, not a redacted month
        if g == "dday":
            self._tail_ok("日", m.end("dday"))
            if self.nt.startswith("内", m.end("dday")):  # 30日内: within 30 days
                self._emit(x, "count", int(m.group("dday")[:-1]), "日", x.cmp())
                return
        # a bare 四月, 十一月: a month, unless a word goes on (四月天 is no figure)
        bare = g == "cmd" and not (m.group("cd") or m.group("cmd").endswith("份"))
        if bare and self.nt[x.end : x.end + 1] in ("天", "亮", "光", "饼"):
            raise _Reject
        if m.group("mm2") and m.group("mm").isdigit():  # 3月至5月, as 3-5月
            lo, hi = int(m.group("mm")), int(m.group("mm2"))
            if 1 <= lo < hi <= 12:
                self._emit(x, "range", [lo, hi], "month", x.cmp())
                return
            _first_month(x, m.end("mmf") if m.group("mmf") else m.end("mm") + 1)
        self._emit(x, *_month_day(m), x.cmp())

    def _percent(self, x: _Ctx) -> None:
        m = x.m
        pn, pn2 = m.group("pn", "pn2")
        n = Decimal(100) if pn == "百" else _number(pn)
        if n is None:
            raise _Reject
        if pn2 is not None:  # 百分之三点五至五点五: one range
            hi = Decimal(100) if pn2 == "百" else _number(pn2)
            if hi is not None and n < hi:
                self._emit(x, "range", [_num(n / 100), _num(hi / 100)], "%", x.cmp())
                return
            x.drop_suffix(m.end("pn"))
        self._emit(x, "percent", _num(n / 100), "%", x.cmp())

    def _date(self, x: _Ctx) -> None:
        m = x.m
        y, roc, ce, month, day, y2 = m.group("y", "roc", "ce", "m", "d", "y2")
        if "x" in y or "x" in (month or "") or "x" in (day or ""):
            if len(y) < 4 and not month:  # x年: a redacted duration
                self._tail_ok("年", m.end("yn"))
                self._emit(x, "placeholder", None, "年", x.cmp())
            else:
                unit = "date" if day else "month" if month else "year"
                self._emit(x, "placeholder", None, unit, x.cmp())
            return
        # 113年度 and 103年5月 are ROC years in any script (no mainland year or duration is
        # written so: a duration of months is 个月); a bare 103年 in a Taiwanese text, and a
        # 90年 there with a time word around it (自90年以後)
        region = self.region()
        if ce:
            year: int | None = int(y) if y.isdigit() else digit_string(y)
            if year is None:
                raise _Reject
        else:
            year = _year(
                y,
                bool(roc),
                lambda n, bare: (
                    (bare and bool(m.group("ydu")) and 30 <= n <= 200)
                    or (bare and bool(m.group("m")) and 100 <= n <= 200)
                    or (region.roc_years and _roc_shaped(n, bare, m))
                    or (region.roc_years and 30 <= n <= 200 and self._roc_context(x))
                ),
            )
        if year is None:  # not a calendar year: a duration such as 5年, 三年
            if month or y2:
                raise _Reject
            self._duration(x, y)
            return
        m4 = m.group("m4")
        if y2 and bool(month) == bool(m4) and not (day or m.group("m2") or m.group("m3")):
            if not month:  # 2020-2025年
                self._emit(x, "range", [year, int(y2)], "year", x.cmp())
                return
            first = f"{year:04d}-{_small_int(month):02d}"
            last = f"{int(y2):04d}-{_small_int(m4):02d}"
            if first < last and 1 <= _small_int(month) <= 12 and 1 <= _small_int(m4) <= 12:
                self._emit(x, "range", [first, last], "month", x.cmp())  # 2024年8月至2025年7月
                return
        if y2:  # 2024年8月至2025年: keep the first date, read what follows afresh
            x.drop_suffix(m.start("ysep"))
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

    def _roc_context(self, x: _Ctx) -> bool:
        """自 90 年以後, 至95年底: a time word before or after a two-digit 年."""
        nt, m = self.nt, x.m
        if x.pre:
            return False
        after = nt[m.end("yn") : m.end("yn") + 3].lstrip(" \u3000")
        before = self._before(m.start("y"), 2)
        return after.startswith(_ROC_AFTER) or before.endswith(_ROC_BEFORE)

    def _duration(self, x: _Ctx, y: str) -> None:
        m = x.m
        if self._heading_marker(m.start("y"), m.end("y")):
            raise _Reject  # `1 年度目标`: a heading number
        x.recent()
        chinese = not y[0].isdigit()
        if chinese:
            if self._quoted(x.start):
                raise _Reject  # “三年大变样”
            self._chinese_count_ok(x, y, "年", m.start("y"), m.end("yn"))
        self._tail_ok("年", m.end("yn"))
        n = parse_chinese(y) if chinese else int(y)
        if n is None:
            raise _Reject
        self._emit(x, "count", n, "年", x.cmp())

    def _chinese_count_ok(self, x: _Ctx, c: str, unit: str, num_start: int, end: int) -> None:
        """A Chinese numeral with a measure word or a span of time (三个月, 五年, 两级, 一次) is a
        figure, but not a plan or campaign name (五年规划, 三年行动计划, 第十四个五年), a slogan in
        quotes, or a lone 一 used as an article (一个平台, 一次办好, 一年来)."""
        nt = self.nt
        if x.pre or x.suf:
            return
        if unit in DURATIONS and (
            nt.startswith(_PLAN_NAMES, end)
            or _PLAN_WORDS.match(nt, end) is not None
            or nt[num_start - 1 : num_start] == "个"
        ):
            raise _Reject
        if c in _LONE:
            if unit not in _LONE_EVENTS or c != "一":
                raise _Reject  # 一个, 一批: articles; 二次, 二期: prefixes
            # 每年一次, 为期一年: a count in a frequency or a term; 检查一次。: a count of
            # events; 一次办好, 一次性, 关键一年: a manner, an article
            lo = max(0, num_start - 8)
            framed = nt.endswith(_TERMS, lo, num_start) or (
                "每" in nt[lo:num_start]
                and not any(
                    ch in _CLAUSE_MARKS for ch in nt[nt.rfind("每", lo, num_start) : num_start]
                )
            )
            events = unit not in DURATIONS
            clause_end = nt[end : end + 1] in _CLAUSE_MARKS or end == len(nt)
            if not (framed or (events and clause_end)):
                raise _Reject

    def _ordinal(self, x: _Ctx) -> None:
        unit, on = x.m.group("ou", "on")
        if unit is None or "x" in on:
            raise _Reject  # 第一章, 第三条, 第一要务: consumed so that no part becomes a figure
        if unit == "次" and self.nt.startswith(MEETINGS, x.m.end("ou")):
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
        num_start = m.start("a1") if m.group("a1") else m.start("gen")
        if self._reference(num_start, m.end("a1") if m.group("a1") else num_start):
            raise _Reject  # 表 7-2, 图7-1所示: a reference, not a range
        unit = u2 or u1
        self._tail_ok(unit, m.end("u2") if u2 else m.end("x2"))
        kind, norm, factor = unit_info(unit) if unit else ("other", None, Decimal(1))
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
        hi_mult = Decimal(MULTS[m.group("x2")]) if m.group("x2") else Decimal(1)
        hi *= hi_mult
        if c2 and hi_mult == 1 and not (c1 and c1[-1] in "万亿"):
            # 一至二万亩: the Chinese high bound holds its own 万, which the low bound shares
            hi_mult = Decimal(MULTS.get(c2[-2:] if c2.endswith("万亿") else c2[-1], 1))
        if m.group("x1"):
            lo *= MULTS[m.group("x1")]
        elif hi_mult > 1:
            lo = _infer_low(lo, hi, hi_mult)
        if m.group("neg"):
            lo = -lo  # -5%至5%
        if unit == "年":
            x.recent()
            if len(m.group("a1") or "") == 4 and len(m.group("a2") or "") == 4:
                self._emit(x, "range", [int(lo), int(hi)], "year", x.cmp())
                return
            a1, a2 = m.group("a1") or "", m.group("a2") or ""
            fiscal = self.nt.startswith("度", m.end("u2") if u2 else m.end("u1"))
            roc = (fiscal or self.region().roc_years) and 30 <= lo < hi <= 200
            if roc and a1 and a2 and (fiscal or len(a1) == len(a2) == 3):
                # 116-118年度: ROC (fiscal) years, as 113年度 is one
                if fiscal and not x.suf:
                    x.end = x.ce = x.resume = x.end + 1
                self._emit(x, "range", [int(lo) + 1911, int(hi) + 1911], "year", x.cmp())
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
        levels = unit == "级" and self._before(m.start(num)) in _LEVELS
        if unit is not None and not levels and self._blocked(unit, m.end("u" + k)):
            if not ((a or p) and mult):
                raise _Reject
            # 14亿人口: 人 starts a word, but 14亿 is still a figure
            x.end = x.ce = x.resume = _mult_end(m, k)
            x.suf = unit = None
        if unit is None:
            stated = a is not None and "." in a and self._stated_value(m.start(num), m.end(num))
            if not _counts_without_unit(a, p, mult, x.suf, x.pre, stated):
                raise _Reject
            kind, norm, factor = "other", None, Decimal(1)
        else:
            kind, norm, factor = unit_info(unit)
        if kind == "skip" or self._heading_marker(m.start(num), m.end(num)):
            raise _Reject
        if self._reference(m.start(num), m.end(num)):
            raise _Reject  # 附件 3, 表 2: a reference
        if unit in DURATIONS:
            x.recent()
            if a and "," in a:
                raise _Reject  # 190,130年: an amount before a unit column, no span of time
        if unit == "点" and self._before(m.start(num), 2).endswith(_DAYTIME):
            raise _Reject  # 上午9点: a clock time, not 9 points
        if unit == "级" and not levels:
            raise _Reject  # 一级公路, 三级医院: a grade; 市县两级: a count of levels
        cmp = x.cmp(mid)
        if p:
            if unit in ("月", "日") or self._times_sign(m.start(num)):
                raise _Reject
            self._emit(x, "placeholder", None, norm, cmp)
            return
        if c:
            if unit == "分" or LEXICON.match(self.nt, m.start(num)):
                raise _Reject  # 十分重要; 约一批
            if self._quoted(m.start(num)):
                raise _Reject  # “七大战役” “大气十条” 《…十二条》: slogans and titles
            quantity = kind == "percent" or unit == "倍"  # not 一亩一策, 二元结构
            if not quantity:
                self._chinese_count_ok(x, c, unit or "", m.start(num), m.end("u" + k))
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
            value *= MULTS[mult]
        if m.end() > m.end(num) + 2:  # room for a compound amount's second part
            value += _tail(m, k)
        self._emit(x, kind, _val(kind, value * factor), norm, cmp)

    def _times_sign(self, x_start: int) -> bool:
        """人x月, 台x天: an x between a measure word and a span of time is a multiplication
        sign (person-months, machine-days), not a redaction."""
        nt = self.nt
        return (
            nt[x_start - 1 : x_start] in _MEASURED
            and nt[x_start + 1 : x_start + 2] in _TIMES
            and nt[x_start : x_start + 2] != "xx"
        )

    def _stated_value(self, num_start: int, num_end: int) -> bool:
        """`…为 75.07。`: a decimal number after 为/达/达到 (or a 指数/系数 name) that ends its
        clause is the value of what the clause names."""
        nt = self.nt
        after = nt[num_end : num_end + 1]
        if not (after in _CLAUSE_MARKS or num_end == len(nt)):
            return False
        if after in ":：" and nt[num_end + 1 : num_end + 2].isdigit():
            return False  # 比重为12.89：56.87：30.24: a ratio, not one value
        return self._before(num_start, 2).endswith(_STATING)

    def _heading_marker(self, num_start: int, num_end: int) -> bool:
        """`3　项目建设`, `2 人才培养`: a number that opens its line and is set off is a marker."""
        if self.nt[num_end : num_end + 1] not in HEADING_TAIL:
            return False
        return not self.nt[self.nt.rfind("\n", 0, num_start) + 1 : num_start].strip()


def _counts_without_unit(
    a: str | None, p: str | None, mult: str | None, suf: str | None, pre: str | None, stated: bool
) -> bool:
    """A bare number (2035, 630) or a redacted name (xx工业园区) is no figure, unless a
    multiplier (人口100万) or a comparator word (容积率不低于1.2, 1.5以上) makes it one, or it is
    a decimal value stated as one (性别比为 75.07。, 基尼系数0.46，)."""
    return bool((a or p) and (mult or suf or pre in WORD_PREFIXES or stated))


def _bare(m: re.Match[str]) -> bool:
    """A `gen` match `_single` turns down whatever its context: one number, no unit, no range,
    and no decimal point (a decimal may be a stated value, which `_single` reads in context)."""
    a, p, mult, unit, sep, pre, suf = m.group("a1", "p1", "x1", "u1", "sep", "pre", "suf")
    if unit is not None or sep is not None or (a is not None and "." in a):
        return False
    return not _counts_without_unit(a, p, mult, suf, pre, False)


def _tail(m: re.Match[str], k: str) -> Decimal:
    """The smaller part of a compound amount: 30万8千人 → 8千, 3亿5000万元 → 5000万."""
    for t, tx in (("t", "tx"), ("ty", "tyx")):
        if m.group(t + k):
            return Decimal(m.group(t + k)) * MULTS[m.group(tx + k)]
    return Decimal(0)


def _mult_end(m: re.Match[str], k: str) -> int:
    for g in ("tx", "tyx"):
        if m.group(g + k):
            return m.end(g + k)
    return m.end("x" + k)


def _first_month(x: _Ctx, end: int) -> None:
    """`5月至3月` is no range: keep the first month and read on after it."""
    x.drop_suffix(end)


def _first_end(m: re.Match[str]) -> int:
    for g in ("u1", "late1", "tx1", "tyx1", "x1", "mid1", "a1", "c1", "p1"):
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
    """In Taiwanese text 103年度, 103年5月, 八十七年度 and a bare 103年 count from 1912 (民國)."""
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


__all__ = ["scan"]
