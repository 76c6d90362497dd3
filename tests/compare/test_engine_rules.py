"""The comparison's rules on small plans written for them: values compared after
normalisation, placeholders to be filled, word-level diffs, a section moved to another
chapter, a section rewritten under a new title in its place."""

from __future__ import annotations

from tests.compare.edits import plan
from zoneplan_tui.library.compare.engine import Comparison, compare_plans
from zoneplan_tui.library.compare.model import TargetChange
from zoneplan_tui.library.compare.words import side_text, word_diff

HEAD = "开发区2024年工作要点\n"
BODY_A = """一、稳增长
（一）抓投资。全年固定资产投资增长8%，新引进项目30个，完成税收收入1.2亿元。
（二）抓消费。社会消费品零售总额增长6%，开展促消费活动十场。
二、优环境
（一）优化审批。推行一网通办，审批时限压缩一半。
（二）强化招商。持续推进招商引资，围绕主导产业开展精准招商。
"""


def _target(c: Comparison, key: str) -> TargetChange:
    found = [t for t in c.targets if t.key == key]
    assert len(found) == 1, [(t.key, t.change) for t in c.targets]
    return found[0]


def test_values_compare_after_normalisation() -> None:
    b = (
        BODY_A.replace("增长8%", "增长10%")
        .replace("项目30个", "项目50个")
        .replace("1.2亿元", "12000万元")
        .replace("增长6%", "增长5%")
    )
    c = compare_plans(plan(HEAD + BODY_A), plan(HEAD + b))
    assert _target(c, "固定资产投资").change == "raised"
    assert _target(c, "引进项目").change == "raised"
    assert _target(c, "税收收入").change == "unchanged"
    assert _target(c, "社会消费品零售总额").change == "cut"


def test_a_placeholder_is_to_be_filled() -> None:
    c = compare_plans(plan(HEAD + BODY_A), plan(HEAD + BODY_A.replace("1.2亿元", "xx亿元")))
    assert _target(c, "税收收入").change == "to_fill"


def test_new_and_dropped_targets() -> None:
    b = BODY_A.replace(
        "开展促消费活动十场。", "开展促消费活动十场，实现网络零售额增长12%。"
    ).replace("新引进项目30个，", "")
    c = compare_plans(plan(HEAD + BODY_A), plan(HEAD + b))
    assert _target(c, "网络零售额").change == "new"
    assert _target(c, "引进项目").change == "dropped"


def test_a_word_changes_as_one_word() -> None:
    ops = word_diff("持续推进招商引资工作", "持续推进招才引智工作")
    changed = [op for op in ops if op.op != "equal"]
    assert [(op.op, op.text) for op in changed] == [("delete", "招商引资"), ("insert", "招才引智")]
    assert side_text(ops, "a") == "持续推进招商引资工作"
    assert side_text(ops, "b") == "持续推进招才引智工作"


def test_a_clause_changed_in_place_is_one_changed_clause() -> None:
    b = BODY_A.replace("持续推进招商引资", "持续推进招才引智")
    c = compare_plans(plan(HEAD + BODY_A), plan(HEAD + b))
    changed = [p for p in c.pairs if p.status != "kept"]
    assert [p.b.title for p in changed if p.b] == ["强化招商"]
    (clause,) = c.changes(changed[0])
    assert clause.kind == "changed"
    assert [op.text for op in clause.words if op.op != "equal"] == ["招商引资", "招才引智"]


def test_section_moved_to_another_chapter() -> None:
    line = "（二）抓消费。社会消费品零售总额增长6%，开展促消费活动十场。\n"
    b = (
        BODY_A.replace(line, "")
        .replace("（二）强化招商", "（三）强化招商")
        .replace("二、优环境\n", "二、优环境\n" + line.replace("（二）", "（一）"))
    )
    b = b.replace("（一）优化审批", "（二）优化审批")
    c = compare_plans(plan(HEAD + BODY_A), plan(HEAD + b))
    moved = [p for p in c.pairs if p.status == "moved"]
    assert [p.b.title for p in moved if p.b] == ["抓消费"]
    assert not [p for p in c.pairs if p.status in ("added", "dropped")]


def test_rewritten_title_in_place_is_renamed() -> None:
    b = BODY_A.replace("（一）优化审批。", "（一）深化审批改革。")
    c = compare_plans(plan(HEAD + BODY_A), plan(HEAD + b))
    (p,) = [p for p in c.pairs if p.status != "kept"]
    assert p.status == "renamed" and p.a and p.b
    assert (p.a.title, p.b.title) == ("优化审批", "深化审批改革")
    assert 0 < p.title_similarity < 1
