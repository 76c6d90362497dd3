"""Figure cases, third round (issue 13): classes of figure that plans outside this repository
write and the reader missed or cut. Each class is a rule; the cases are composed from the rule
(numbers × units × frames × scripts), not copied from one document.

Rules, from `../shared/gold/NUMBERS.md` and issue 13:

1. A Chinese numeral with a measure word or a span of time is a count (三个月, 五年, 两级); a
   lone 一 only when it counts events in a frequency (每年一次) or carries a comparator
   (一位及以上); a duration that names a plan is no figure (五年规划, 三年行动计划).
2. Comparators are part of the span in both scripts, a space between them and the number
   included (超過 15％, 約 28 萬多人, 不能超过48个月); a rate takes its suffix (30万吨/年以下).
3. A compound amount written with spaces is one figure (30 萬 8 千人); an era word belongs to
   its year (西元 2036 年, 民國 106 年); in a Taiwanese text 90年 with a time word is a year.
4. Ages and working days are their own units (80周岁, 5个工作日).
5. In a table row every number cell is a figure, in the unit of its row or column header.
6. A bare 元 is the currency of the document's region.
7. 底/末/初/旬 stay outside a date's span (2019年3月底前 → 2019年3月).
8. No figures in web addresses, cross-references (表 7-2, 圖 7-1) or tables of contents.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.general_cases import Value, check_figure, check_not_a_figure
from zoneplan_tui.core.figures import describe, extract_figures
from zoneplan_tui.core.figures_format import plain_number

# The Traditional forms of the characters these cases use: every Simplified case is also
# checked in Traditional script where the rule says both scripts.
_T = str.maketrans(
    "个万亿两过约于时岁周内计划规划发为门区国际币台湾图页级后义东长书"
    "经济产业业实现达标总额资项数县乡镇镇区营银财务预算编列亩顷吨达员",
    "個萬億兩過約於時歲週內計劃規劃發為門區國際幣臺灣圖頁級後義東長書"
    "經濟產業業實現達標總額資項數縣鄉鎮鎮區營銀財務預算編列畝頃噸達員",
)


def trad(s: str) -> str:
    return s.translate(_T)


Case = tuple[str, str, str, Value, str | None, str | None]


# A Traditional sentence before a Traditional case makes the document's script plain: its 元
# is then a New Taiwan dollar (rule 6), the region a Traditional text with no other cue has.
_TRADITIONAL_OPENING = "本會計畫說明。"


def both_scripts(cases: list[Case]) -> list[Case]:
    out = list(cases)
    for text, span, kind, value, unit, cmp in cases:
        if (trad(text), trad(span)) == (text, span):
            continue
        local = unit.replace("CNY", "TWD") if unit else unit
        out.append((_TRADITIONAL_OPENING + trad(text), trad(span), kind, value, local, cmp))
    return out


# --- 1. Chinese numerals with a measure word or a span of time --------------------------------
_CN_NUMBERS = [("三", 3), ("六", 6), ("十二", 12), ("两", 2), ("二十四", 24)]
_SPANS = ["个月", "年", "天", "周", "个小时", "个工作日", "个季度"]
_SPAN_FRAMES = ["试用期{}。", "整改期限为{}，", "连续{}开展检查", "用{}时间完成"]
DURATIONS: list[Case] = [
    (frame.format(n + u), n + u, "count", v, u, None)
    for n, v in _CN_NUMBERS
    for u in _SPANS
    for frame in _SPAN_FRAMES
]
# a past span: 近 is "the last", not "about" (as 近5年 reads)
DURATIONS += [
    (f"近{n}年来，累计完成投资", f"{n}年", "count", v, "年", None) for n, v in _CN_NUMBERS
]
_EVENT_FRAMES = ["每年开展{}。", "每季度组织{}，", "每月召开例会{}；", "每半年评估{}"]
# a lone 一 with a span of time counts it after a word that opens a term
TERMS: list[Case] = [
    (f"{w}一{u}。", f"一{u}", "count", 1, u, None)
    for w in ("为期", "历时", "期限", "满")
    for u in ("年", "个月", "天")
]
EVENTS: list[Case] = [
    (frame.format("一次"), "一次", "count", 1, "次", None) for frame in _EVENT_FRAMES
] + [(f"每{p}开展一次，", "一次", "count", 1, "次", None) for p in ("周", "月", "年度", "学期")]
LEVELS: list[Case] = [
    (f"{levels}{n}级联动", f"{n}级", "count", v, "级", None)
    for levels in ("市县", "省市县", "区镇村", "县乡")
    for n, v in (("两", 2), ("三", 3), ("四", 4))
]
WITH_CMP: list[Case] = [
    (f"具有{n}{u}{s}职称的专家", f"{n}{u}{s}", "count", v, u, c)
    for n, v in (("一", 1), ("两", 2), ("三", 3))
    for u in ("位", "名")
    for s, c in (("及以上", ">="), ("以上", ">="), ("及以下", "<="))
]
_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
MONTHS: list[Case] = [
    (frame.format(m + "月"), m + "月", "date", f"--{i:02d}", "month", None)
    for i, m in enumerate(_MONTHS, 1)
    for frame in ("{}召开推进会。", "计划于{}启动", "自{}起施行")
]
_CDEC = [("三点五", 0.035), ("五点五", 0.055), ("三点七", 0.037), ("十二点五", 0.125)]
PERCENTS: list[Case] = [
    (f"增长百分之{a}至{b}。", f"百分之{a}至{b}", "range", [va, vb], "%", None)
    for (a, va), (b, vb) in pairwise(_CDEC)
    if va < vb
] + [(f"占比百分之{a}。", f"百分之{a}", "percent", v, "%", None) for a, v in _CDEC]

NOT_COUNTS = [
    (f"{n}{word}", n)
    for n in ("三年", "五年", "十年")
    for word in ("规划", "行动计划", "滚动计划项目库", "发展规划纲要", "攻坚行动")
] + [
    ("第十四个五年规划", "五年"),
    ("实现一次办好", "一次"),
    ("发放一次性补贴", "一次"),
    ("一年来，各项工作", "一年"),
    ("建设一条道路", "一条"),
    ("修建一级公路", "一级"),
    ("创建三级医院", "三级"),
    ("“三年大变样”", "三年"),
    ("今年是实现目标任务的关键一年，", "一年"),
    ("极不平凡的一年。", "一年"),
]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "cmp"),
    both_scripts(DURATIONS + EVENTS + TERMS + LEVELS + WITH_CMP + MONTHS + PERCENTS),
)
def test_chinese_numeral_quantities(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


@pytest.mark.parametrize(("text", "span"), NOT_COUNTS + [(trad(t), trad(s)) for t, s in NOT_COUNTS])
def test_names_and_articles_are_not_counts(text, span):
    check_not_a_figure(text, span)


# --- 2. comparators attached to the figure, a space between them allowed -----------------------
_PREFIXES = [
    ("不少于", ">="),
    ("不低于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("不超过", "<="),
    ("不能超过", "<="),
    ("不得超过", "<="),
    ("不高于", "<="),
    ("不足", "<"),
    ("超过", ">"),
    ("逾", ">"),
    ("约", "~"),
]
_AMOUNTS = [
    ("15%", "percent", 0.15, "%"),
    ("48个月", "count", 48, "个月"),
    ("4个小时", "count", 4, "个小时"),
    ("28万人", "count", 280000, "人"),
    ("3.5亿元", "money", 3.5e8, "CNY"),
]
PREFIXED: list[Case] = [
    (f"要求{p}{sp}{a}。", f"{p}{sp}{a}", kind, v, u, c)
    for p, c in _PREFIXES
    for sp in ("", " ")
    for a, kind, v, u in _AMOUNTS
]
_SUFFIXES = [("以上", ">="), ("及以上", ">="), ("以下", "<="), ("及以下", "<="), ("以内", "<=")]
RATES: list[Case] = [
    (f"产能{n}{u}{s}的企业", f"{n}{u}{s}", "other", v, norm, c)
    for n, v in (("30万", 300000), ("5", 5), ("1.2万", 12000))
    for u, norm in (("吨/年", "吨/年"), ("千瓦时/天", "千瓦时/天"), ("立方米/小时", "立方米/小时"))
    for s, c in _SUFFIXES
]
SPACED_SUFFIX: list[Case] = [
    ("约 28 万多人", "约 28 万多人", "count", 280000, "人", "~"),
    ("增长 15% 以上", "15% 以上", "percent", 0.15, "%", ">="),
]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "cmp"),
    both_scripts(PREFIXED + RATES + SPACED_SUFFIX),
)
def test_comparators(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


def test_a_comparator_is_outside_the_core():
    for p, _ in _PREFIXES:
        for sp in ("", " ", "\u3000"):
            text = f"{p}{sp}15%以上"
            (f,) = extract_figures(text)
            assert text[f.core_start : f.core_end] == "15%"


# --- 3. spaces, compound amounts, eras ----------------------------------------------------------
COMPOUND: list[Case] = [
    (f"人口{a}{sp}万{sp}{b}{sp}千人", f"{a}{sp}万{sp}{b}{sp}千人", "count", v, "人", None)
    for a, b, v in (("30", "8", 308000), ("12", "5", 125000), ("1", "2", 12000))
    for sp in ("", " ")
] + [
    (f"投资{a}亿{b}万元", f"{a}亿{b}万元", "money", v, "CNY", None)
    for a, b, v in (("3", "5000", 3.5e8), ("12", "800", 1.208e9))
]
ERAS: list[Case] = [
    (f"预计{era}{sp}{y}{sp}年完成", f"{era}{sp}{y}{sp}年", "date", year, "year", None)
    for era, y, year in (
        ("西元", "2036", 2036),
        ("公元", "2035", 2035),
        ("民国", "106", 2017),
        ("民国", "90", 2001),
    )
    for sp in ("", " ")
]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "cmp"), both_scripts(COMPOUND + ERAS)
)
def test_spaced_and_compound_figures(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


@pytest.mark.parametrize("word", ["自", "至", "截至", "於"])
@pytest.mark.parametrize("after", ["以後", "以前", "起", "底", ""])
@pytest.mark.parametrize("n", [90, 85, 105])
def test_a_two_digit_year_with_a_time_word_in_a_taiwanese_text(word, after, n):
    if not after and word == "於":
        return  # 於90年 alone reads either way; a time word after it decides
    text = f"行政院主計總處統計，{word} {n} 年{after}，國內經濟成長。"
    span = f"{n} 年"
    check_figure(text, span, "date", n + 1911, "year", None)


def test_a_two_digit_year_is_a_count_in_a_mainland_text():
    check_figure("国务院要求，用90年时间完成。", "90年", "count", 90, "年", None)


# --- 4. ages and working days -------------------------------------------------------------------
AGES: list[Case] = [
    (f"{frame.format(n + '周岁' + s)}", f"{n}周岁{s}", "count", v, "周岁", c)
    for n, v in (("80", 80), ("60", 60), ("18", 18))
    for s, c in (("及以上", ">="), ("以上", ">="), ("以下", "<="), ("", None))
    for frame in ("{}老年人", "年满{}的居民")
]
WORKING_DAYS: list[Case] = [
    (frame.format(f"{n}{u}"), f"{n}{u}", "count", v, u, None)
    for n, v in (("5", 5), ("3", 3), ("15", 15), ("五", 5))
    for u in ("个工作日", "工作日")
    for frame in ("在{}内办结", "{}内答复")
]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "cmp"), both_scripts(AGES + WORKING_DAYS)
)
def test_ages_and_working_days(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


# --- 5. tables ----------------------------------------------------------------------------------
def _cells(text: str, tables=()) -> dict[str, tuple]:
    return {f.text: (f.kind, f.value, f.unit, f.cmp) for f in extract_figures(text, tables)}


@pytest.mark.parametrize("sep", ["\t", " | "])
@pytest.mark.parametrize(
    ("header", "cells", "kind", "unit", "factor"),
    [
        ("面積(公頃)", ["3.46", "23.90", "20.28"], "area", "m2", 10000),
        ("面积（公顷）", ["1,234.5", "12"], "area", "m2", 10000),
        ("人口（人）", ["15000", "<15000", "<1"], "count", "人", 1),
        ("人均绿地（㎡/人）", ["12.5", "8"], "other", "m2/人", 1),
        ("投资额（亿元）", ["753", "3132"], "money", "CNY", 10**8),
        ("增减(万元)", ["-27.03", "12.6"], "money", "CNY", 10**4),
        ("产量(万吨/年)", ["30", "45.5"], "other", "吨/年", 10**4),
    ],
)
def test_a_table_row_header_gives_its_cells_their_unit(sep, header, cells, kind, unit, factor):
    text = "说明文字。\n" + sep.join([header, *cells]) + "\n结束。\n"
    tables = [(2, 2)] if sep == " | " else []
    got = _cells(text, tables)
    for cell in cells:
        number = float(cell.lstrip("<").replace(",", ""))
        cmp = "<" if cell.startswith("<") else None
        k, v, u, c = got[cell]
        assert (k, u, c) == (kind, unit, cmp)
        assert v == pytest.approx(number * factor)


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_column_header_gives_its_column_its_unit(sep):
    rows = [
        ["序号", "产业名称", "项目数量（个）", "投资额（亿元）", "占比（%）"],
        ["1", "食品工业", "106", "753", "12.5"],
        ["2", "石化工业", "100", "3132", "-3.2"],
        ["3", "汽车工业", "79", "1044", "<1"],
    ]
    text = "\n".join(sep.join(r) for r in rows) + "\n"
    figs = extract_figures(text, [(1, 4)] if sep == " | " else [])
    got = {(f.line, f.text): (f.kind, f.value, f.unit, f.cmp) for f in figs}
    assert got[(2, "106")] == ("count", 106, "个", None)
    assert got[(3, "3132")] == ("money", 3.132e11, "CNY", None)
    assert got[(3, "-3.2")] == ("percent", -0.032, "%", None)
    assert got[(4, "<1")] == ("percent", 0.01, "%", "<")
    # the serial numbers of the 序号 column are not figures
    assert not [f for f in figs if f.text in ("1", "2", "3")]


def test_a_unit_cell_and_a_unit_line():
    text = (
        "單位：新臺幣千元\n"
        "科目\t預算數\t上年度\n"
        "人事費\t12,345\t11,000\n"
        "\t工业固体废弃物综合利用率\t%\t70\t80\n"
        "\t国家级技术创新示范企业\t家\t0\t8\n"
    )
    got = _cells(text)
    assert got["12,345"] == ("money", 12345000.0, "TWD", None)
    assert got["70"] == ("percent", 0.7, "%", None)
    assert got["8"] == ("count", 8, "家", None)


def test_table_numbers_without_a_unit_are_plain_numbers():
    text = "指标\t2020年\t2025年\n数量\t3.5\t-27.03\n"
    got = _cells(text)
    assert got["3.5"] == ("other", 3.5, None, None)
    assert got["-27.03"] == ("other", -27.03, None, None)


def test_a_year_range_cell():
    text = "项目名称\t建设年限\n装载机项目\t2011-2015\n"
    assert _cells(text)["2011-2015"] == ("range", [2011, 2015], "year", None)


def test_page_numbers_of_a_table_of_contents_are_not_figures():
    toc = ["前言\t1", "第一章  发展基础\t2", "一、主要成就\t2", "二、形势\t11", "第二章  目标\t14"]
    text = "目  录\n" + "\n".join(toc) + "\n"
    assert extract_figures(text) == []


def test_a_bare_number_outside_a_table_is_still_no_figure():
    assert extract_figures("武清2035发展战略，“630攻坚”。") == []


# --- 6. currency by place -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("opening", "currency"),
    [
        ("香港特別行政區政府財政預算案。", "HKD"),
        ("財政司司長發表預算案，香港特別行政區", "HKD"),
        ("臺北市政府主計處預算書。", "TWD"),
        ("新北市政府會計室。", "TWD"),
        ("行政院主計總處。", "TWD"),
        ("澳門特別行政區政府施政報告。", "MOP"),
        ("某市人民政府工作报告。", "CNY"),
        ("国务院关于印发计划的通知。", "CNY"),
        ("本會年度預算之編列與執行。", "TWD"),  # Traditional script and no other cue
        ("本年度预算。", "CNY"),  # Simplified script and no other cue
    ],
)
@pytest.mark.parametrize(("amount", "value"), [("120億元", 1.2e10), ("3,000元", 3000.0)])
def test_a_bare_yuan_is_the_currency_of_the_place(opening, currency, amount, value):
    text = f"{opening}\n全年支出{amount}。\n"
    check_figure(text, amount, "money", value, currency, None)


@pytest.mark.parametrize(
    ("opening", "amount", "currency"),
    [
        ("某市人民政府工作报告。", "5亿港元", "HKD"),
        ("某市人民政府工作报告。", "5亿澳门元", "MOP"),
        ("某市人民政府工作报告。", "5亿新台币", "TWD"),
        ("香港特別行政區政府。", "5億元人民幣", "CNY"),
        ("香港特別行政區政府。", "人民幣5億元", "CNY"),
        ("臺北市政府。", "美金5億元", "USD"),
    ],
)
def test_a_currency_named_at_the_figure_wins(opening, amount, currency):
    text = f"{opening}\n引进资金{amount}。\n"
    (f,) = [f for f in extract_figures(text) if f.kind == "money"]
    assert f.unit == currency


def test_per_unit_rates_take_the_place_s_currency():
    text = "香港特別行政區政府。\n租金每月500元/平方米。\n"
    check_figure(text, "500元/平方米", "money", 500.0, "HKD/m2", None)


# --- 7. deadlines -------------------------------------------------------------------------------
DEADLINES: list[Case] = (
    [
        (f"{y}年{m}月{s}前完成", f"{y}年{m}月", "date", f"{y}-{m:02d}", "month", None)
        for y in (2019, 2024)
        for m in (3, 6, 12)
        for s in ("底", "末", "初", "上旬", "中旬", "下旬")
    ]
    + [
        (f"{y}年{s}前完成", f"{y}年", "date", y, "year", None)
        for y in (2019, 2025)
        for s in ("底", "末", "初")
    ]
    + [
        (f"{m}月{s}前完成", f"{m}月", "date", f"--{m:02d}", "month", None)
        for m in (3, 9)
        for s in ("底", "上旬")
    ]
    + [
        (f"{a}月至{b}月累计", f"{a}月至{b}月", "range", [a, b], "month", None)
        for a, b in ((1, 12), (1, 6), (3, 11))
    ]
    + [
        (
            f"2024年{a}月至{b}月",
            f"2024年{a}月至{b}月",
            "range",
            [f"2024-{a:02d}", f"2024-{b:02d}"],
            "month",
            None,
        )
        for a, b in ((1, 12), (4, 10))
    ]
)


@pytest.mark.parametrize(("text", "span", "kind", "value", "unit", "cmp"), both_scripts(DEADLINES))
def test_deadlines_keep_their_end_word_outside(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


# --- 8. not figures -----------------------------------------------------------------------------
NOT_FIGURES = [
    ("详见 http://www.gov.cn/zhengce/2019-03/01/content_5369.htm 。", "2019-03/01"),
    ("详见https://www.taipei.gov.tw/News/2023-12-31/1000.html", "2023-12-31"),
    ("网址：www.example.gov.cn/2020/05/20/a.htm", "2020/05/20"),
    ("如表 7-2，及圖 7-1 所示。", "7-2"),
    ("如表 7-2，及圖 7-1 所示。", "7-1 所"),
    ("见图3-1所示。", "3-1"),
    ("详见附件 3。", "3"),
    ("如表 2.1 所列。", "2.1"),
    ("（第 3 页）", "3"),
]


@pytest.mark.parametrize(
    ("text", "span"), NOT_FIGURES + [(trad(t), trad(s)) for t, s in NOT_FIGURES]
)
def test_references_and_addresses_are_not_figures(text, span):
    check_not_a_figure(text, span)


def test_a_representative_count_is_not_a_reference():
    check_figure("推选代表3人。", "3人", "count", 3, "人", None)


# --- 9. values as people write them -------------------------------------------------------------
@pytest.mark.parametrize(
    ("number", "mult", "digits"),
    [
        ("67665", "亿", "6,766,500,000,000"),
        ("1", "万亿", "1,000,000,000,000"),
        ("3.5", "亿", "350,000,000"),
        ("100", "亿", "10,000,000,000"),
        ("1.2345", "万", "12,345"),
        ("8", "千", "8000"),  # separators from 10,000 on
    ],
)
@pytest.mark.parametrize("unit", ["元", "美元"])
def test_values_print_in_full(number, mult, digits, unit):
    (f,) = extract_figures(f"投资{number}{mult}{unit}")
    assert describe(f).endswith(f"→ {digits} {'USD' if unit == '美元' else 'CNY'}")
    assert "e+" not in describe(f) and "e1" not in describe(f)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.08, "0.08"), (2019, "2019"), (1200, "1200"), (12345.678, "12,345.678"), (-27.03, "-27.03")]
    + [(10.0**k, f"{10**k:,}") for k in range(5, 16)]
    + [(0.1 + 0.2, "0.3"), (1 / 3, "0.333333333333")],
)
def test_plain_number(value, text):
    assert plain_number(value) == text


# --- found by reading real documents (benchmarks/figures_audit) -------------------------------
MORE: list[Case] = [
    # counts of incidents, freight and container units
    ("全年共发生生产安全事故790起，比上年减少503起。", "790起", "count", 790, "起", None),
    ("全年共发生生产安全事故790起，比上年减少503起。", "503起", "count", 503, "起", None),
    ("货物运输周转量5119.8亿吨公里。", "5119.8亿吨公里", "other", 5.1198e11, "吨公里", None),
    ("完成集装箱吞吐量76.9万标准箱。", "76.9万标准箱", "other", 769000, "标准箱", None),
    # 余/多 after a space, as PDF text writes it
    ("提前布置 20 余万人防汛抢险队伍。", "20 余万人", "count", 200000, "人", ">"),
    ("疏散 3 多万名群众。", "3 多万名", "count", 30000, "名", ">"),
    # a span of months across two years is one range
    (
        "2024年8月至2025年7月，本市种植粮食作物。",
        "2024年8月至2025年7月",
        "range",
        ["2024-08", "2025-07"],
        "month",
        None,
    ),
    (
        "2023年11月—2024年2月开展整治。",
        "2023年11月—2024年2月",
        "range",
        ["2023-11", "2024-02"],
        "month",
        None,
    ),
    # a decimal value stated as the value of what its clause names
    ("人口性别比为 75.07。", "75.07", "other", 75.07, None, None),
    ("亿元生产总值生产安全事故死亡率为0.018。", "0.018", "other", 0.018, None, None),
    ("基尼系数0.46，收入差距缩小。", "0.46", "other", 0.46, None, None),
]

MORE_NOT = [
    ("三次产业的比重为12.89：56.87：30.24。", "三次"),
    ("三次产业的比重为12.89：56.87：30.24。", "12.89"),
    ("三次产业协调发展。", "三次"),
    ("自2019年起施行。", "起"),
    ("从零起步。", "起"),
    ("版本号为2。", "2"),  # a whole number stated so may be a code: no figure
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "unit", "cmp"), MORE)
def test_more_classes_from_real_documents(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


@pytest.mark.parametrize(("text", "span"), MORE_NOT)
def test_more_non_figures_from_real_documents(text, span):
    check_not_a_figure(text, span)


def test_a_header_whose_cells_hold_line_breaks():
    # a plain-text table: the header's cells were written over several lines
    text = (
        "序号\t项目名称\t建设规模\t总投资\n"
        "（万元）\t建设起止\n"
        "年限\t所在地\t产业代码\n"
        "1\t甲项目\t占地200亩\t30000\t2011-2015\t柳州市\t21\n"
        "2\t乙项目\t年产50万吨\t4500\t2012-2014\t钦州市\t6\n"
        "3\t丙项目\t新建厂房\t12000\t2012-2015\t南宁市\t6\n"
    )
    got = {(f.line, f.text): (f.kind, f.value, f.unit) for f in extract_figures(text)}
    assert got[(4, "30000")] == ("money", 3e8, "CNY")
    assert got[(5, "2012-2014")] == ("range", [2012, 2014], "year")
    assert got[(4, "200亩")] == ("area", 200.0, "亩")
    # serial numbers and the industry codes are not figures
    assert not [k for k in got if k[1] in ("1", "2", "3", "21", "6")]


def test_a_table_broken_by_a_wrapped_line_keeps_its_header():
    text = (
        "序号\t项目\t总投资（万元）\t年限\n"
        "1\t甲项目\t30000\t2011-2015\n"
        "续上行的说明文字\n"
        "2\t乙项目\t4500\t2012-2014\n"
    )
    got = {f.text: (f.kind, f.value, f.unit) for f in extract_figures(text)}
    assert got["4500"] == ("money", 4.5e7, "CNY")
    assert "2" not in got


def test_serial_numbers_that_start_again_are_still_serial_numbers():
    rows = [f"{n}\t项目{n}\t{100 * n}" for n in (1, 2, 3)]
    rows += ["二\t第二部分\t合计"]
    rows += [f"{n}\t项目{n}b\t{100 * n + 5}" for n in (1, 2, 3, 4)]
    text = "\n".join(rows) + "\n"
    got = [f.text for f in extract_figures(text)]
    assert "105" in got and "405" in got
    assert not [t for t in got if t in ("1", "2", "3", "4")]


@pytest.mark.parametrize("measure", ["人", "台", "车"])
@pytest.mark.parametrize("span", ["月", "天", "次"])
def test_an_x_between_a_measure_and_a_span_of_time_multiplies(measure, span):
    # 人x月 (person-months) in a budget table is no redacted month
    check_not_a_figure(f"约僱人員保險費{measure}x{span} 8×12 5,525", f"x{span}")


def test_a_redacted_month_and_a_redacted_amount_are_still_placeholders():
    check_figure("于x月x日前完成。", "x月x日", "placeholder", None, "date", None)
    check_figure("每人x元。", "x元", "placeholder", None, "CNY", None)


@pytest.mark.parametrize("after", ["公共文化服务", "医疗机构", "党组织", "干部"])
def test_a_count_of_levels_is_not_cut_by_the_word_after(after):
    check_figure(f"实现乡村两级{after}全覆盖。", "两级", "count", 2, "级", None)


def test_a_converter_s_one_cell_row_stays_in_its_table():
    text = "說明\n單位：千元\n職務別 | 月薪 | 人事費\n一、研究發展人員\n1.經理 | 120 | 1,440\n"
    got = {f.text: (f.kind, f.value, f.unit) for f in extract_figures(text, [(3, 5)])}
    assert got["1,440"] == ("money", 1440000.0, "TWD")


def test_a_row_cut_by_a_line_break_keeps_the_header_of_its_first_cells():
    text = (
        "序号\t项目\t总投资（万元）\t年限\t地点\n"
        "1\t甲项目\t30000\t2011-2015\t柳州市\n"
        "2\t乙项目\t50000\t2011-2015\n"
        "桂林市\n"
    )
    got = {(f.line, f.text): (f.kind, f.value, f.unit) for f in extract_figures(text)}
    assert got[(3, "50000")] == ("money", 5e8, "CNY")


@pytest.mark.parametrize("sep", ["\t", " | "])
@pytest.mark.parametrize(("first", "last"), [(2010, 2015), (2020, 2025)])
def test_a_header_of_years_is_dates_and_its_rows_values(sep, first, last):
    rows = [
        ["类别", "指标", "单位", str(first), str(last), "属性"],
        ["规模", "工业总产值", "亿元", "11638.28", "24000", "预期性"],
        ["效益", "利税总额", "亿元", "1,200", "2,000", "预期性"],
    ]
    text = "\n".join(sep.join(r) for r in rows) + "\n"
    got = {(f.line, f.text): (f.kind, f.value, f.unit) for f in extract_figures(text, [(1, 3)])}
    assert got[(1, str(first))] == ("date", first, "year")
    assert got[(1, str(last))] == ("date", last, "year")
    assert got[(2, "11638.28")] == ("money", 1.163828e12, "CNY")
    assert got[(3, "2,000")] == ("money", 2e11, "CNY")


@pytest.mark.parametrize("months", [12, 6])
def test_a_header_of_running_numbers_is_labels(months):
    head = " | ".join(["", *(str(m) for m in range(1, months + 1))])
    text = f"工作項目 | 進度\n{head}\n1.工作項目 | A1 |  | A2\n"
    assert extract_figures(text, [(1, 3)]) == []


@pytest.mark.parametrize(("lo", "hi"), [(116, 118), (113, 115), (99, 101)])
@pytest.mark.parametrize("sep", ["-", "至", "～"])
def test_a_range_of_fiscal_roc_years(lo, hi, sep):
    # 113年度 is a ROC year in any script; so is a range of them
    span = f"{lo}{sep}{hi}年度"
    check_figure(f"本工程為{span}連續計畫。", span, "range", [lo + 1911, hi + 1911], "year", None)


@pytest.mark.parametrize("n", [1, 2, 10])
@pytest.mark.parametrize("unit", ["年度", "季度", "年"])
def test_an_ordinal_keeps_its_unit_whole(n, unit):
    check_figure(f"計畫期程 | 第{n}{unit} | 合計", f"第{n}{unit}", "ordinal", n, unit, None)


@pytest.mark.parametrize("amount", ["190,130", "1,234", "12,000"])
@pytest.mark.parametrize("unit", ["年", "月", "天"])
def test_an_amount_with_thousands_separators_is_no_span_of_time(amount, unit):
    # a budget table flattened by PDF extraction: the amount, then the next row's unit column
    check_not_a_figure(f"車輛及辦公器具養護費 {amount}{unit} 1 93,272", f"{amount}{unit}")


UNIT_WORDS: list[Case] = [
    ("年末家禽存笼188.7万羽，出笼336.5万羽。", "188.7万羽", "count", 1887000, "羽", None),
    ("测绘基准成果591点。", "591点", "count", 591, "点", None),
    ("会议提出三点要求。", "三点", "count", 3, "点", None),
    ("重型電動公車 逾5馬力。", "逾5馬力", "other", 5, "马力", ">"),
]
CLOCKS = [
    ("9点30分召开会议。", "9点"),
    ("上午9点，召开会议。", "9点"),
    ("5月1日9点召开。", "9点"),
    ("8点半到岗。", "8点"),
    ("10点钟开始。", "10点"),
    ("新建3羽毛球场。", "3羽"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "unit", "cmp"), UNIT_WORDS)
def test_more_measure_words(text, span, kind, value, unit, cmp):
    check_figure(text, span, kind, value, unit, cmp)


@pytest.mark.parametrize(("text", "span"), CLOCKS)
def test_a_clock_time_is_no_count_of_points(text, span):
    check_not_a_figure(text, span)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("67665亿元", "6,766,500,000,000"),
        ("1万亿美元", "1,000,000,000,000"),
        ("3.5亿元", "350,000,000"),
    ],
)
def test_the_cli_table_and_the_figures_panel_print_values_in_full(text, digits):
    from rich.console import Console

    from zoneplan_tui.cli.output import print_figures
    from zoneplan_tui.core.analysis import analyse
    from zoneplan_tui.core.document import document_from_text
    from zoneplan_tui.core.figures import value_text

    doc = document_from_text(f"全年投资{text}。\n")
    plan = analyse(doc)
    console = Console(record=True, width=160)
    print_figures(doc, plan, console)
    shown = console.export_text()
    assert digits in shown and "e+" not in shown
    (f,) = plan.figures
    assert value_text(f.value, f.unit) == digits  # the figures panel's cell
