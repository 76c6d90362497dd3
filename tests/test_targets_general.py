"""Targets that mean what the plan says (issue 13), cases composed from the rules of
`library/targets.py`, `targets_context.py` and `targets_names.py`:

1. a list of k names before a run of k figures pairs them in order;
2. a value of a report's review part is a result for the past year, one of its plan part a
   target for the plan's year; a year bound to a value (去年的47.8%) is that value's;
3. an indicator is the thing measured: no enumerator, no means phrase, no comparison with
   another place, no figure inside, not a verb alone;
4. names written differently for one indicator share a key, and the table a row.
"""

from __future__ import annotations

import pytest

from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.core.document import document_from_text
from zoneplan_tui.library.targets import Target, plan_targets, target_table
from zoneplan_tui.library.targets_names import SYNONYMS, group_key

_T = str.maketrans(
    "产业总值额预算长进实现资货区县镇农业个万亿两为发经济计划标",
    "產業總值額預算長進實現資貨區縣鎮農業個萬億兩為發經濟計劃標",
)


def targets(text: str) -> list[Target]:
    return plan_targets(analyse(document_from_text(text)))


def values(text: str) -> dict[str, list[str]]:
    """figure text -> indicator names (values only)."""
    out: dict[str, list[str]] = {}
    for t in targets(text):
        if t.role == "value":
            out.setdefault(t.figure.text, []).append(t.indicator)
    return out


# --- 1. lists pair in order ---------------------------------------------------------------------
_NAMES = ["地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "进出口总额"]
_RATES = ["6.8%", "12.3%", "7.8%", "5.5%"]
_JOINS = [("、", "、"), ("、", "和")]  # between names, before the last name
_VERBS = ["分别增长", "分别达到", "分别提高"]


def _listed(k: int, join: tuple[str, str], verb: str, offset: int) -> tuple[str, list[str]]:
    names = [_NAMES[(offset + i) % len(_NAMES)] for i in range(k)]
    rates = _RATES[:k]
    text = join[0].join(names[:-1]) + join[1] + names[-1] + verb
    text += join[0].join(rates[:-1]) + join[1] + rates[-1] + "。\n"
    return text, names


@pytest.mark.parametrize("k", [2, 3, 4])
@pytest.mark.parametrize("join", _JOINS)
@pytest.mark.parametrize("verb", _VERBS)
@pytest.mark.parametrize("offset", [0, 2])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_list_of_names_pairs_with_its_run_of_figures(k, join, verb, offset, script):
    text, names = _listed(k, join, verb, offset)
    if script == "traditional":
        text, names = text.translate(_T), [n.translate(_T) for n in names]
    got = values(text)
    assert [got[r] for r in _RATES[:k]] == [[n] for n in names]


@pytest.mark.parametrize(
    ("items", "last", "head"),
    [
        (["A", "B"], "C增加值", "增加值"),
        (["第一产业", "第二产业"], "第三产业增加值", "增加值"),
        (["城镇"], "农村居民人均可支配收入", "人均可支配收入"),
    ],
)
def test_one_word_names_take_the_head_noun_of_the_last(items, last, head):
    rates = _RATES[: len(items) + 1]
    text = "、".join([*items, last]) + "分别增长" + "、".join(rates) + "。\n"
    got = values(text)
    first = [got[r][0] for r in rates[:-1]]
    assert all(name.endswith(head) for name in first)
    assert got[rates[-1]] == [last]


def test_counts_that_differ_do_not_pair():
    # three names, one rate: the rate is each name's (the rule for a rate over a list)
    got = values("工业总产值、固定资产投资、批发销售零售额增长9%。\n")
    assert got["9%"] == ["工业总产值", "固定资产投资", "批发销售零售额"]
    # one name, a rate and a level: both the name's
    got = values("全市地区生产总值增长5.2%、约4.4万亿元。\n")
    assert got["5.2%"] == got["约4.4万亿元"] == ["全市地区生产总值"]


# --- 2. results and targets, and their years ------------------------------------------------------
def _report(year: int, review_opening: str, plan_opening: str) -> str:
    return (
        f"{year}年政府工作报告\n\n"
        f"一、{year - 1}年工作回顾\n\n"
        f"{review_opening}全市地区生产总值增长4.7%，一般公共预算收入完成320亿元。\n\n"
        f"二、{year}年工作安排\n\n"
        f"{plan_opening}地区生产总值增长5%左右，一般公共预算收入增长6%。\n"
    )


@pytest.mark.parametrize("year", [2019, 2024, 2026])
@pytest.mark.parametrize("review_opening", ["", "过去一年，", "{prev}年，"])
@pytest.mark.parametrize("plan_opening", ["", "今年主要预期目标是：", "{year}年，力争"])
def test_a_report_s_review_holds_results_and_its_plan_targets(year, review_opening, plan_opening):
    text = _report(
        year,
        review_opening.format(prev=year - 1),
        plan_opening.format(year=year),
    )
    got = {t.figure.text: (t.year, t.kind) for t in targets(text) if t.role == "value"}
    assert got["4.7%"] == (year - 1, "result")
    assert got["320亿元"] == (year - 1, "result")
    assert got["5%左右"] == (year, "target")
    assert got["6%"] == (year, "target")


@pytest.mark.parametrize(
    ("sentence", "figure", "year_offset", "kind"),
    [
        ("今年确保占比由去年的47.8%提升至50%以上。", "47.8%", -1, "result"),
        ("今年确保占比由去年的47.8%提升至50%以上。", "50%以上", 0, "target"),
        ("全年规上工业增加值比上年增长6%。", "6%", 0, "target"),
        ("规上工业增加值同比增长6.2%。", "6.2%", 0, "result"),
        ("到{next}年，地区生产总值达到5000亿元。", "5000亿元", 1, "target"),
        ("全年完成了固定资产投资120亿元。", "120亿元", 0, "result"),
        ("力争实现固定资产投资增长10%。", "10%", 0, "target"),
    ],
)
@pytest.mark.parametrize("year", [2020, 2025])
def test_the_sentence_decides_a_value_s_kind_and_year(sentence, figure, year_offset, kind, year):
    text = f"某区{year}年工作要点\n\n一、主要目标\n\n{sentence.format(next=year + 1)}\n"
    got = {t.figure.text: (t.year, t.kind) for t in targets(text) if t.role == "value"}
    assert got[figure] == (year + year_offset, kind)


def test_a_statistical_review_without_years_is_results_of_its_heading_year():
    text = "某县统计公报\n\n一、2022年工作总结\n\n全年完成了地区生产总值150亿元，增长了5%。\n"
    got = {t.figure.text: (t.year, t.kind) for t in targets(text)}
    assert got["150亿元"] == (2022, "result") and got["5%"] == (2022, "result")


# --- 3. names are the things measured ----------------------------------------------------------
@pytest.mark.parametrize("marker", ["1.", "2、", "（二）", "(3)", "一是", "①"])
@pytest.mark.parametrize("name", ["新增城镇就业", "引进企业", "发放劳务报酬"])
def test_an_enumerator_is_not_part_of_a_name(marker, name):
    got = values(f"{marker}{name}不少于5000人。\n")
    assert got["不少于5000人"] == [name]


@pytest.mark.parametrize("means", ["通过“以工代赈”", "依托园区平台", "通过招商引资"])
@pytest.mark.parametrize("name", ["发放劳务报酬", "引进企业"])
def test_a_means_phrase_is_not_part_of_a_name(means, name):
    got = values(f"{means}{name}超过20亿元。\n")
    assert got["超过20亿元"] == [name]


@pytest.mark.parametrize("word", ["高于", "低于", "快于", "慢于"])
@pytest.mark.parametrize("place", ["全国", "全省", "全国平均水平 "])
def test_a_comparison_with_another_place_is_a_gap_not_a_value(word, place):
    text = f"地区生产总值增长5.2%，{word}{place}0.3个百分点。\n"
    roles = {t.figure.text: (t.role, t.indicator) for t in targets(text)}
    assert roles["5.2%"] == ("value", "地区生产总值")
    assert roles["0.3个百分点"][0] == "comparison"
    assert not [r for r in target_table([("p", targets(text))]) if word in r.indicator]


@pytest.mark.parametrize("verb", ["建设", "施工", "装修"])
def test_a_verb_after_a_figure_names_nothing(verb):
    text = f"三期规划建设的xx栋标准厂房，其中x栋完成四层{verb}，x栋完成三层{verb}。\n"
    for t in targets(text):
        assert t.indicator not in (verb, "已封顶")
        assert "四层" not in t.indicator and t.indicator != "x栋"


def test_a_name_never_holds_another_value():
    text = "诉求解决率、群众满意率分别达到95.5%和96.1%。\n"
    for t in targets(text):
        assert "95.5" not in t.indicator and "96.1" not in t.indicator


# --- 4. synonyms ----------------------------------------------------------------------------
_SAME = [
    ("一般预算收入", "一般公共预算收入"),
    ("公共财政预算收入", "一般公共预算收入"),
    ("规上工业增加值", "规模以上工业增加值"),
    ("地区生产总值", "GDP"),
    ("全市地区生产总值", "地区生产总值"),
    ("全社会固定资产投资", "固定资产投资"),
    ("固定资产投资额", "固定资产投资"),
    ("实际使用外资", "实际利用外资"),
    ("利用外资", "实际利用外资"),
    ("社零额", "社会消费品零售总额"),
    ("外贸进出口总额", "进出口总额"),
    ("城镇新增就业", "新增城镇就业"),
    ("全县一般公共预算收入", "一般預算收入"),
]
_APART = [
    ("出口总额", "进口总额"),
    ("城镇调查失业率", "城镇登记失业率"),
    ("规上工业增加值", "工业增加值"),
    ("一般公共预算收入", "一般公共预算支出"),
    ("实际利用外资", "实际利用内资"),
]


@pytest.mark.parametrize(("a", "b"), _SAME)
def test_synonyms_share_a_key(a, b):
    assert group_key(a) == group_key(b)


@pytest.mark.parametrize(("a", "b"), _APART)
def test_different_indicators_keep_their_keys(a, b):
    assert group_key(a) != group_key(b)


def test_the_synonym_table_maps_to_names_it_does_not_change_again():
    # a normalised name is a fixed point: grouping twice changes nothing
    for _, norm in SYNONYMS:
        assert group_key(norm) == group_key(group_key(norm))


@pytest.mark.parametrize(("a", "b"), _SAME[:6])
def test_synonyms_are_one_row_of_the_table(a, b):
    plans = [
        ("p1", targets(f"某区2020年工作要点\n\n全年{a}达到100亿元。\n")),
        ("p2", targets(f"某区2021年工作要点\n\n全年{b}达到120亿元。\n")),
    ]
    rows = [r for r in target_table(plans) if not r.growth]
    assert len(rows) == 1 and set(rows[0].cells) == {"p1", "p2"}


def test_results_and_targets_are_rows_of_their_own():
    text = _report(2024, "", "")
    rows = target_table([("p", targets(text))])
    kinds = {(r.indicator, r.growth, r.kind) for r in rows}
    assert ("全市地区生产总值", True, "result") in kinds
    assert ("地区生产总值", True, "target") in kinds or (
        "全市地区生产总值",
        True,
        "target",
    ) in kinds
