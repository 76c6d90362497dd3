"""Structure hints (`Document.hints`) and how the outline reads them: unnumbered headings take
their level from their typographic rank among the numbered ones; numbered headings keep the
levels their markers give; plain text, which has no hints, keeps its outline exactly."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.core.document import NO_HINTS, Document, Hints
from zoneplan_tui.core.outline import parse_outline

BODY = (
    "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济实现质的有效提升和量的合理增长。"
)


def _levels(text: str, ranks: dict[int, int]) -> list[tuple[int, str, str]]:
    hints = Hints(tuple(sorted(ranks.items())))
    return [(h.level, h.marker, h.title) for h in parse_outline(text, hints=hints).headings]


def _plan(*lines: str) -> tuple[str, dict[int, int]]:
    """The text of `lines` and the ranks given after a `|` (`发展回顾|1`)."""
    texts, ranks = [], {}
    for n, line in enumerate(lines, 1):
        text, _, rank = line.partition("|")
        texts.append(text)
        if rank:
            ranks[n] = int(rank)
    return "\n".join(texts), ranks


def test_hints_are_frozen_hashable_and_picklable():
    hints = Hints(((3, 1), (7, 2)), ((10, 12),))
    assert hints.rank(3) == 1 and hints.rank(7) == 2 and hints.rank(4) is None
    assert hash(hints) == hash(Hints(((3, 1), (7, 2)), ((10, 12),)))
    assert pickle.loads(pickle.dumps(hints)) == hints
    assert pickle.loads(pickle.dumps(hints)).rank(7) == 2
    doc = Document(Path("p.pdf"), "a\nb", "pdf", hints=hints)
    assert doc.tables == ((10, 12),)  # the tables of the hints are the document's
    assert Document(Path("p.docx"), "a", "docx", ((1, 1),)).hints.tables == ((1, 1),)
    assert not NO_HINTS and hints


def test_an_unnumbered_heading_ranked_above_every_numbered_one_sits_above_them():
    text, ranks = _plan(
        "某区2024年工作要点|1",
        "发展回顾|2",
        BODY,
        "一、经济运行|3",
        BODY,
        "二、改革开放|3",
        BODY,
        "重点任务|2",
        "一、先进制造|3",
        BODY,
    )
    assert _levels(text, ranks) == [
        (1, "", "发展回顾"),
        (2, "一、", "经济运行"),
        (2, "二、", "改革开放"),
        (1, "", "重点任务"),
        (2, "一、", "先进制造"),
    ]


def test_two_unnumbered_ranks_nest_and_a_numbered_heading_closes_a_less_prominent_part():
    text, ranks = _plan(
        "总报告|1",
        "1 人口特征|2",
        "人口规模与性别比|3",
        BODY,
        "2 婚姻及家庭状况|2",
        BODY,
        "3 文化教育|2",
        "艺术家和运动员|3",
        BODY,
        "教育|3",
        BODY,
    )
    assert _levels(text, ranks) == [
        (1, "1", "人口特征"),
        (2, "", "人口规模与性别比"),
        (1, "2", "婚姻及家庭状况"),
        (1, "3", "文化教育"),
        (2, "", "艺术家和运动员"),
        (2, "", "教育"),
    ]


def test_ranks_cannot_move_a_numbered_heading_off_its_marker_level():
    # `（一）` ranked above `一、`: the markers the document nests decide, not the type
    text, ranks = _plan(
        "某区工作要点|1",
        "一、总体要求|3",
        "（一）指导思想|2",
        BODY,
        "（二）主要目标|2",
        BODY,
        "二、重点任务|3",
        "（一）扩大投资|2",
        BODY,
    )
    assert [level for level, _, _ in _levels(text, ranks)] == [1, 2, 2, 1, 2]


def test_ranks_break_the_tie_between_styles_the_document_never_nested():
    # `1.` then `（1）` with nothing to tell which is outer (both restart, neither carries on):
    # conventionally `1.` is outer; set more prominently, `（1）` is
    text, _ = _plan("某区工作要点", "（1）总体安排", BODY, "1.重点项目", BODY, "2.配套政策", BODY)
    lines = text.split("\n")
    plain = [(h.level, h.marker) for h in parse_outline(text).headings]
    assert plain == [(1, "（1）"), (1, "1."), (1, "2.")]
    ranked = _levels(text, {1: 1, 2: 2, 4: 3, 6: 3})
    assert [(level, marker) for level, marker, _ in ranked] == [(1, "（1）"), (2, "1."), (2, "2.")]
    assert len(lines) == 7


def test_cover_lines_and_a_styled_list_are_not_headings_but_a_wrapped_title_is_one():
    text, ranks = _plan(
        "2021年社会性别统计报告|1",
        "某市统计局|4",
        "某市妇女儿童工作委员会|4",
        "某市性别平等促进办公室|4",
        "二〇二二年十二月|4",
        "人口特征|2",
        BODY,
        "2024—2026年某省农机购置|2",
        "补贴机具种类范围|2",
        BODY,
    )
    assert _levels(text, ranks) == [
        (1, "", "人口特征"),
        (1, "", "2024—2026年某省农机购置补贴机具种类范围"),
    ]


def test_the_most_prominent_cover_line_is_the_title():
    text, ranks = _plan(
        "机关编号", "02-004", "某市政府主计处|2", "单位预算|1", "预算总说明|3", BODY
    )
    outline = parse_outline(text, hints=Hints(tuple(sorted(ranks.items()))))
    assert outline.title == "单位预算"
    assert [(h.level, h.title) for h in outline.headings] == [(1, "预算总说明")]


def test_a_ranked_title_alone_leaves_the_text_rules_to_decide():
    # an HTML page with an <h1> and plain paragraphs: the parts found by the words stay
    lines = ["某县2022年统计公报", "前言", BODY, "一、综合", BODY, "二、农业", BODY]
    text = "\n".join(lines)
    plain = parse_outline(text)
    ranked = parse_outline(text, hints=Hints(((1, 1),)))
    assert ranked.headings == plain.headings


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_plain_text_has_no_hints_and_the_same_outline(sample):
    doc = Document(SAMPLES / sample, (SAMPLES / sample).read_text(encoding="utf-8"), "utf-8")
    assert doc.hints == NO_HINTS
    assert parse_outline(doc.text, hints=NO_HINTS) == parse_outline(doc.text)
    assert analyse(doc).outline == parse_outline(doc.text)


def test_the_child_parse_gets_the_ranks_too():
    text, ranks = _plan("某区2024年工作要点|1", "发展回顾|2", BODY, "一、经济运行|3", BODY)
    big = text + "\n" + "\n".join([BODY] * 4000)
    doc = Document(Path("p.pdf"), big, "pdf", hints=Hints(tuple(sorted(ranks.items()))))
    here = analyse(doc)
    child = analyse(doc, offload=True)
    assert child.outline == here.outline
    assert [(h.level, h.title) for h in child.outline.headings] == [
        (1, "发展回顾"),
        (2, "经济运行"),
    ]
