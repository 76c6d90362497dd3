"""The units and measure words a figure may end in, with what each normalises to.

`unit_info(written)` gives (kind, normalised unit, factor to it) for a unit as written (after
`numerals.fold`): `亿元` is read as the multiplier 亿 and the unit 元, so only 元 is here.
A rate is a unit, a slash and a denominator (`5000元/平方米`, `30万吨/年`, `㎡/人`): its kind
is money for a currency (the amount per something), `other` for anything else (a rate of
tonnes is not a count of tonnes), and its unit is the two normalised units joined by `/`.

Bare 元 normalises to `LOCAL`, the document's own currency, which the scanner replaces by the
currency of the document's region (see `figures_region`): 元 is yuan in Beijing, Hong Kong
dollars in a Hong Kong budget and New Taiwan dollars in a Taipei one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

LOCAL = "¤"  # the document's own currency; never leaves the scanner

UNITS: dict[str, tuple[str, str, Decimal]] = {}


def _add(kind: str, norm: str | None, factor: str, *names: str) -> None:
    for name in names:
        UNITS[name] = (kind, norm or name, Decimal(factor))


_add("percent", "%", "0.01", "%")
_add("percent", "%", "0.001", "‰")
_add("percent", "pp", "1", "个百分点", "百分点")
_add("money", LOCAL, "1", "元")
_add("money", "CNY", "1", "元人民币", "人民币")
_add("money", "USD", "1", "美元")
_add("money", "EUR", "1", "欧元")
_add("money", "HKD", "1", "港元", "港币")
_add("money", "MOP", "1", "澳门元", "澳门币", "葡币")
_add("money", "JPY", "1", "日元", "日圆")
_add("money", "GBP", "1", "英镑")
_add("money", "TWD", "1", "新台币", "台币")
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
_add("count", None, "1", *"册部头只款组间幅级起羽点")
_add("count", None, "1", "批次", "大类", "人次", "户次", "车次", "架次", "场次", "家次", "项次")
_add("count", None, "1", "台套", "个月", "周岁")
# durations; 月/日 only in ranges (a lone 5月 is a date)
_add("count", None, "1", "年", "天", "周", "小时", "分钟", "月", "日")
_add("count", None, "1", "个小时", "个工作日", "工作日", "个季度", "季度", "个星期")
_add("other", None, "1", "周年", "强", "倍", "吨级", "吨", "公吨", "公里", "千米", "米", "千瓦时")
_add("other", None, "1", "千瓦", "兆瓦", "千伏", "立方米", "标箱", "公斤", "千克", "斤", "分")
_add("other", None, "1", "微克/立方米", "毫克/立方米", "毫克/升", "吨标准煤", "吨标煤")
_add("other", None, "1", "m³", "m3", "kV", "kW", "kWh", "MW", "GW", "km", "TEU", "kg")
_add("other", None, "1", "吨公里", "人公里", "标准箱", "立方米/秒", "千公顷", "马力")
_add("skip", None, "1", "大")  # 十大, 十九大: groupings and congresses, consumed, not figures

DURATIONS = frozenset(
    ("年", "天", "周", "小时", "分钟", "个月", "月", "日", "个小时", "个工作日", "工作日")
) | {"个季度", "季度", "个星期"}

# What a rate is per: (written, normalised).
_DENOMINATORS = {
    **dict.fromkeys(("平方米", "平米", "㎡", "m2", "m²"), "m2"),
    **dict.fromkeys(("平方公里", "km2", "km²"), "km2"),
    **{d: d for d in ("亩", "公顷", "吨", "人", "户", "年", "月", "天", "日", "次", "公里")},
    **{d: d for d in ("千瓦时", "度", "个", "家", "套", "小时", "万元", "元", "人次", "床")},
}

# A measure word followed by these is the first character of a word, not a unit: 3家具, xx人民政府.
UNIT_BLOCK: dict[str, tuple[str, ...]] = {
    "项": ("目",),
    "家": ("具", "庭", "电", "乡", "属", "居", "渠"),
    "人": ("民", "大", "才", "社", "事", "力", "口", "文", "居", "工", "员", "群", "类", "物"),
    "名": ("单", "称", "牌", "录", "片", "优", "义", "额", "誉", "胜", "校", "字"),
    "位": ("于", "置", "次", "列", "居"),
    "座": ("谈", "位", "右"),
    "场": ("所", "地", "景", "馆", "站", "景"),
    "次": ("要", "生", "序", "级", "日", "年", "贷", "全会", "性", "产业"),  # 六次全会; 三次产业
    "户": ("外", "籍", "型", "口"),
    "批": ("准", "复", "示", "发", "评"),
    "层": ("级", "面", "次"),
    "类": ("型", "别", "似"),
    "种": ("植", "子", "类", "养", "业"),
    "条": ("例", "件", "款", "线"),
    "处": ("理", "置", "罚", "室", "长", "级", "于"),
    "台": ("湾", "河", "山", "州", "县", "区", "阶", "风", "账", "帐", "商"),
    "支": ("持", "撑", "付", "出", "援", "柱", "部", "行"),
    "所": ("有", "属", "在", "以", "得", "谓", "长", "示", "述", "列"),
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
    "级": ("别", "医", "公", "保", "单", "指", "党", "干", "政", "以", "及", "城", "学"),
    "起": tuple("点来草步诉源码始初飞重动见身因"),
    "羽": tuple("毛绒翼球"),
    # 9点30分, 8点半, 10点钟: a clock time; 重点, 要点 never follow a number
    "点": (*"0123456789零一二三四五六七八九十半钟整多前后左以到至", "之"),
}


def _alternation(words: object) -> str:
    return "|".join(re.escape(u) for u in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


# A unit, optionally per a denominator; longest first, so 平方公里 wins over 平方.
UNIT_RE = rf"(?:{_alternation(UNITS)})(?:/(?:{_alternation(_DENOMINATORS)}))?"


@cache
def unit_info(written: str) -> tuple[str, str, Decimal]:
    """(kind, normalised unit, factor) of a unit as written, a rate included."""
    found = UNITS.get(written)
    if found is not None:
        return found
    base, _, den = written.partition("/")
    kind, norm, factor = UNITS[base]
    per = _DENOMINATORS[den]
    if kind == "money":
        return "money", f"{norm}/{per}", factor
    return "other", f"{norm}/{per}", factor


__all__ = ["DURATIONS", "LOCAL", "UNITS", "UNIT_BLOCK", "UNIT_RE", "unit_info"]
