"""Indicator names of the sample plans' targets, and the cross-plan table."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.core.document import document_from_text
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.library.targets import indicator_key, plan_targets, target_table


def _names(file: str) -> dict[str, list[tuple[str, bool]]]:
    out: dict[str, list[tuple[str, bool]]] = {}
    for t in plan_targets(analyse(load_document(SAMPLES / file))):
        if t.role == "value":
            out.setdefault(t.figure.text, []).append((t.indicator, t.growth))
    return out


@pytest.mark.parametrize(
    ("file", "figure", "expected"),
    [
        ("wuqing-2019-work-points.txt", "8%", [("一般预算收入", True)]),
        (
            "wuqing-2019-work-points.txt",
            "9%",
            [("工业总产值", True), ("固定资产投资", True), ("批发销售零售额", True)],
        ),
        ("wuqing-2019-work-points.txt", "200个以上", [("引进北京项目", False)]),
        ("wuqing-2019-work-points.txt", "35个", [("新增纳税主体", False)]),
        ("wuqing-2019-work-points.txt", "100亿元以上", [("引资到位额", False)]),
        ("jinan-luan-2020-work-points.txt", "9.8%", [("规上工业总产值", True)]),
        ("jinan-luan-2020-work-points.txt", "11%", [("财政收入", True)]),
        ("jinan-luan-2020-work-points.txt", "80%", [("已签约项目开工率", False)]),
        ("jinan-luan-2020-work-points.txt", "15%以上", [("技改投资", True)]),
        ("jinan-luan-2020-work-points.txt", "800亩以上", [("盘活闲置土地", False)]),
        ("haimen-2017-work-plan.txt", "237亿元", [("应税销售", False)]),
        ("haimen-2017-work-plan.txt", "130亿元", [("全社会固定资产投资", False)]),
        ("haimen-2017-work-plan.txt", "30%以上", [("脱贫率", False)]),
        # in a paragraph that announces its targets (…目标：), figures without a cue count too
        ("jinan-luan-2020-work-points.txt", "64亿元", [("规上工业总产值", False)]),
        ("haimen-2017-work-plan.txt", "10亿元", [("一般公共预算收入", False)]),
    ],
)
def test_indicator_names_on_the_samples(file, figure, expected):
    assert _names(file)[figure][: len(expected)] == expected


def test_a_clause_announcing_a_list_is_not_a_target():
    doc = document_from_text("全年主要预期目标：财政收入7亿元。为此，重点抓好六个方面工作：\n")
    assert [t.figure.text for t in plan_targets(analyse(doc))] == ["7亿元"]


def test_from_to_figures_share_the_indicator():
    names = _names("haimen-2017-work-plan.txt")
    assert names["47.8%"][0][0] == names["50%以上"][0][0] == "高新技术产值在工业总产值中的占比"


def test_a_threshold_before_a_noun_is_a_qualifier():
    doc = document_from_text("全年力争新引进亿元以上项目25个,其中5亿元以上项目5个。\n")
    ts = plan_targets(analyse(doc))
    roles = {t.figure.text: (t.role, t.indicator) for t in ts}
    assert roles["亿元以上"][0] == "qualifier"
    assert roles["25个"] == ("value", "引进亿元以上项目")


def test_counts_listed_with_a_comma_are_not_split():
    doc = document_from_text("全年引进省级以上研发中心、中试基地、实验室等不少于5个。\n")
    [t] = [t for t in plan_targets(analyse(doc)) if t.role == "value"]
    assert t.indicator.startswith("引进省级以上研发中心、中试基地、实验室")


def test_key_matches_across_spelling_and_script():
    assert indicator_key("“两新”组织") == indicator_key("兩新組織")


def test_cross_plan_table_lines_up_a_shared_indicator():
    plans = []
    for file in ("wuqing-2019-work-points.txt", "jinan-luan-2020-work-points.txt"):
        plans.append((file, plan_targets(analyse(load_document(SAMPLES / file)))))
    rows = target_table(plans)
    shared = [r for r in rows if len(r.cells) == 2]
    assert rows[0] is shared[0]
    fixed = next(r for r in shared if r.indicator == "固定资产投资" and r.growth)
    assert fixed.cells["wuqing-2019-work-points.txt"][0].value == 0.09
    assert fixed.cells["jinan-luan-2020-work-points.txt"][0].figure.text == "19.8%"


def test_a_traditional_plan_gets_the_same_keys_in_its_own_script():
    doc = document_from_text(
        "預期全年實現一般預算收入增長8%；工業總產值、固定資產投資增長9%。"
        "全年引進北京項目200個以上。\n"
    )
    got = [(t.indicator, t.key, t.growth) for t in plan_targets(analyse(doc))]
    assert got == [
        ("一般預算收入", "一般预算收入", True),
        ("工業總產值", "工业总产值", True),
        ("固定資產投資", "固定资产投资", True),
        ("引進北京項目", "引进北京项目", False),
    ]
