"""Outline parser: the gold fixtures field by field, then small synthetic plans for the shapes
GUIDE-MORE.md describes but the five samples lack."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.conftest import SEED_FILES, gold_outline, sample_path
from zoneplan_tui.core.outline import Heading, InlineItem, Outline, parse_outline


def outline_of(*lines: str) -> Outline:
    return parse_outline("\n".join(lines))


def heads(o: Outline) -> list[tuple[int, int, str, str]]:
    return [(h.line, h.level, h.marker, h.title) for h in o.headings]


def levels(o: Outline) -> list[tuple[int, int]]:
    return [(h.line, h.level) for h in o.headings]


# --- gold ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=sorted(SEED_FILES))
def gold_case(request) -> tuple[dict, Outline]:
    seed = request.param
    text = sample_path(seed).read_text(encoding="utf-8")
    return gold_outline(seed), parse_outline(text)


def test_gold_document_fields(gold_case):
    gold, o = gold_case
    assert o.title == gold["title"]
    assert o.title_line == gold["title_line"]
    assert o.body_start_line == gold["body_start_line"]
    assert list(o.boilerplate_lines) == gold["boilerplate_lines"]


def test_gold_headings(gold_case):
    gold, o = gold_case
    want = [(h["line"], h["level"], h["marker"], h["title"]) for h in gold["headings"]]
    assert heads(o) == want


def test_gold_inline_items(gold_case):
    gold, o = gold_case
    want = [(it["line"], it["marker"], it["title"]) for it in gold["inline_items"]]
    assert [(it.line, it.marker, it.title) for it in o.inline_items] == want


def test_gold_json_contract(gold_case):
    gold, o = gold_case
    data = o.to_json(gold["file"])
    assert list(data) == [
        "file",
        "title",
        "title_line",
        "body_start_line",
        "headings",
        "inline_items",
    ]
    assert data == {k: v for k, v in gold.items() if k != "boilerplate_lines"}


def test_gold_flattened_tables_none(gold_case):
    assert gold_case[1].table_lines == ()


# --- API ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\u3000"])
def test_empty_text(text):
    o = parse_outline(text)
    assert (o.title, o.title_line, o.body_start_line) == (None, None, 1)
    assert o.boilerplate_lines == o.headings == o.inline_items == o.table_lines == ()
    assert o.section_path(5) == ()
    assert o.section_index(5) is None


def test_section_path_and_index():
    o = parse_outline(sample_path("002_5295ecfae469fdd1").read_text(encoding="utf-8"))
    assert o.section_path(1) == ()
    assert o.section_index(1) is None
    assert o.section_index(2) == 0
    assert [h.marker for h in o.section_path(13)] == ["一、", "(三)", "2."]
    assert [h.marker for h in o.section_path(11)] == ["一、", "(三)"]
    assert [h.line for h in o.section_path(40)] == [37, 39]
    # past the last heading: still inside it
    assert [h.line for h in o.section_path(53)] == [37, 51]


def test_records_are_frozen():
    o = outline_of("一、总体要求")
    with pytest.raises(AttributeError):
        o.headings[0].level = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        o.title = "x"  # type: ignore[misc]
    assert o.headings[0] == Heading(1, 1, "一、", "总体要求")


def test_the_passes_hand_on_frozen_results():
    # A pass reads earlier passes' results and cannot change them: what parse_outline composes
    # is all a pass depends on, and running one again gives the same result.
    from zoneplan_tui.core.outline_closing import closing_blocks, link_list
    from zoneplan_tui.core.outline_head import read_head
    from zoneplan_tui.core.outline_headings import find_markers
    from zoneplan_tui.core.outline_lines import read_lines, wrap_width
    from zoneplan_tui.core.outline_tables import find_tables

    t = read_lines(sample_path("000_85363b721c052c01").read_text(encoding="utf-8"))
    wrap = wrap_width(t)
    head = read_head(t, wrap)
    cells = find_tables(t, head, frozenset())
    markers = find_markers(t, head, cells)
    links = link_list(t, head)
    closing = closing_blocks(t, head, cells, markers)
    assert head.title and head.boiler and markers and closing.boiler
    with pytest.raises(AttributeError):
        head.body = 0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        t.s = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        markers[0] = next(iter(markers.values()))  # type: ignore[index]
    for lines in (head.boiler, cells, links.boiler, closing.boiler, closing.unmarked):
        assert isinstance(lines, frozenset)
    assert read_head(t, wrap) == head
    assert find_markers(t, head, cells) == markers
    assert closing_blocks(t, head, cells, markers) == closing


def test_core_does_not_import_textual():
    code = "import sys, zoneplan_tui.core.outline; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_megabyte_parses_quickly():
    base = sample_path("004_abaae5a951e12ace").read_text(encoding="utf-8")
    text = "\n".join([base] * (1_000_000 // len(base.encode()) + 1))
    start = time.perf_counter()
    parse_outline(text)
    assert time.perf_counter() - start < 2.0  # the benchmark's target is 0.5 s; leave CI slack


# --- heading markers and levels ------------------------------------------------------------------


def test_chapter_section_article_nest_in_order():
    o = outline_of(
        "第一章　总则",
        "第一条　为了规范管理，制定本办法。",
        "第二条　本办法适用于全市。",
        "第二章　规划编制",
        "第一节　编制要求",
        "第三条　规划应当包括下列内容：",
        "（一）发展目标；",
        "（二）主要任务。",
        "第二节　编制程序",
        "第四条　编制规划应当征求意见。",
        "第三章　附则",
        "第五条　本办法自发布之日起施行。",
    )
    assert heads(o) == [
        (1, 1, "第一章", "总则"),
        (2, 2, "第一条", "为了规范管理，制定本办法"),
        (3, 2, "第二条", "本办法适用于全市"),
        (4, 1, "第二章", "规划编制"),
        (5, 2, "第一节", "编制要求"),
        (6, 3, "第三条", "规划应当包括下列内容"),
        (7, 4, "（一）", "发展目标"),
        (8, 4, "（二）", "主要任务"),
        (9, 2, "第二节", "编制程序"),
        (10, 3, "第四条", "编制规划应当征求意见"),
        (11, 1, "第三章", "附则"),
        (12, 2, "第五条", "本办法自发布之日起施行"),
    ]


def test_decimal_numbering_after_ideographic_space():
    o = outline_of(
        "1　总则",
        "1.1　目的",
        "为规范园区建设，制定本规划。",
        "1.2　范围",
        "1.2.1　规划范围",
        "本规划范围为园区全域。",
        "2　发展目标",
        "2.1　总体目标",
        "到2025年，园区产值达到100亿元。",
    )
    assert heads(o) == [
        (1, 1, "1", "总则"),
        (2, 2, "1.1", "目的"),
        (4, 2, "1.2", "范围"),
        (5, 3, "1.2.1", "规划范围"),
        (7, 1, "2", "发展目标"),
        (8, 2, "2.1", "总体目标"),
    ]


def test_decimal_figures_at_line_start_are_not_headings():
    o = outline_of(
        "一、主要指标",
        "2.5万吨的产能将在年内建成。",
        "1.1亿元用于基础设施建设。",
        "二、主要任务",
    )
    assert [h.marker for h in o.headings] == ["一、", "二、"]


@pytest.mark.parametrize("space", ["\u3000", " ", "\u00a0", "  "])
def test_marker_followed_by_space(space):
    o = outline_of(f"一、{space}总体要求", f"（一）{space}指导思想", f"1.{space}坚持创新。内容。")
    assert heads(o) == [
        (1, 1, "一、", "总体要求"),
        (2, 2, "（一）", "指导思想"),
        (3, 3, "1.", "坚持创新"),
    ]


def test_markdown_headings_and_list_items():
    o = outline_of(
        "# XX开发区2024年工作要点",
        "",
        "2024年是关键之年。",
        "",
        "## 壹、总体目标",
        "",
        "主要目标：",
        "",
        "1. 地区生产总值增长6%；",
        "2. 固定资产投资增长8%；",
        "   （1）工业投资增长10%；",
        "",
        "## 贰、重点任务",
        "",
        "### 招商引资",
        "",
        "1. 产业链招商",
        "",
        "围绕主导产业开展精准招商，全年引进项目50个。",
        "",
        "- 加强组织领导",
    )
    assert o.title == "XX开发区2024年工作要点"
    assert o.title_line == 1
    assert heads(o) == [
        (5, 1, "## 壹、", "总体目标"),
        (13, 1, "## 贰、", "重点任务"),
        (15, 2, "### ", "招商引资"),
        (17, 3, "1.", "产业链招商"),
    ]


def test_capital_numerals():
    o = outline_of(
        "壹、总体要求", "坚持稳中求进。", "贰、主要任务", "（一）推进改革。", "叁、保障措施"
    )
    assert levels(o) == [(1, 1), (3, 1), (4, 2), (5, 1)]
    assert [h.marker for h in o.headings] == ["壹、", "贰、", "（一）", "叁、"]


def test_compatibility_ideograph_in_marker_is_matched_and_copied():
    numerals = "一二三四五"
    lines = ["一、重点任务"] + [f"（{c}）任务{c}。" for c in numerals] + ["（\uf9d1）任务六。"]
    o = outline_of(*lines)
    assert o.headings[-1] == Heading(7, 2, "（\uf9d1）", "任务六")
    o = outline_of("\uf9d1、其他")  # U+F9D1 folds to 六: a first heading numbered 6 is refused
    assert o.headings == ()


def test_level_depends_on_parent():
    o = outline_of(
        "一、总体要求",
        "（1）坚持创新。",
        "（2）坚持协调。",
        "二、主要任务",
        "（一）推进产业升级",
        "1.做强主导产业。",
        "（1）装备制造。",
        "（2）电子信息。",
        "（二）优化营商环境",
        "（1）简化审批。",
    )
    assert levels(o) == [
        (1, 1),
        (2, 2),
        (3, 2),
        (4, 1),
        (5, 2),
        (6, 3),
        (7, 4),
        (8, 4),
        (9, 2),
        (10, 3),
    ]


def test_levels_never_jump_by_more_than_one():
    o = outline_of("（一）引言", "1.背景。", "一、总体要求", "（1）内容。", "二、任务")
    previous = 0
    for h in o.headings:
        assert h.level <= previous + 1
        previous = h.level


def test_running_numbering_and_mixed_separators_are_one_style():
    o = outline_of(
        "一、招商",
        "1.突出招大引强。内容。",
        "2.着力补链强链。内容。",
        "二、项目",
        "3、加强规划统筹。内容。",
        "4．补齐基础设施短板。内容。",
        "三、服务",
        "（一）优化服务",
        "1.简化流程。内容。",
    )
    assert levels(o) == [(1, 1), (2, 2), (3, 2), (4, 1), (5, 2), (6, 2), (7, 1), (8, 2), (9, 3)]


def test_mid_paragraph_list_is_not_headings():
    o = outline_of(
        "1.实施民生工程。主要包括：1.扶贫帮困工程；2.就业促进工程；3.教育提升工程。",
        "2.推进社会治理。内容。",
    )
    assert [h.line for h in o.headings] == [1, 2]


def test_number_out_of_sequence_is_prose():
    o = outline_of(
        "一、总体要求", "1.坚持创新。内容。", "15.2万人次参加培训。", "2.坚持协调。内容。"
    )
    assert [h.line for h in o.headings] == [1, 2, 4]


def test_restart_under_new_parent_is_fine():
    o = outline_of("一、甲", "（一）子一", "（二）子二", "二、乙", "（一）子一", "（二）子二")
    assert levels(o) == [(1, 1), (2, 2), (3, 2), (4, 1), (5, 2), (6, 2)]


# --- heading titles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("（一）指导思想：以习近平新时代中国特色社会主义思想为指导。", "指导思想"),
        ("（一）积极承接非首都功能转移。深研非首都功能疏解动态。", "积极承接非首都功能转移"),
        ("（一）抓好产业发展,把握发展大势", "抓好产业发展,把握发展大势"),
        ("（一）地区生产总值年均增长6%左右；", "地区生产总值年均增长6%左右"),
        (
            "（一）围绕新经济招商加快培育战略性新兴产业和未来产业不断壮大新动能，"
            "形成多点支撑的产业格局；力争突破",
            "围绕新经济招商加快培育战略性新兴产业和未来产业不断壮大新动能，形成多点支撑的产业格局",
        ),
    ],
)
def test_heading_title_rule(line, title):
    o = outline_of("一、任务", line)
    assert o.headings[1].title == title


# --- document title, body start, boilerplate -----------------------------------------------------


def test_title_wrapped_over_two_lines():
    o = outline_of(
        "XX市国民经济和社会发展第十四个五年规划",
        "和二〇三五年远景目标纲要",
        "（2021年2月1日市第十六届人民代表大会第五次会议通过）",
        "",
        "“十三五”时期，全市经济实力显著增强。",
        "第一章　发展基础",
    )
    assert o.title == "XX市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert o.title_line == 1
    assert o.boilerplate_lines == (3,)
    assert o.body_start_line == 5


def test_spaced_out_title_keeps_its_spaces():
    o = outline_of("国 务 院 工 作 规 则", "第一章　总则", "第一条　为规范工作，制定本规则。")
    assert o.title == "国 务 院 工 作 规 则"
    assert o.body_start_line == 2


def test_notice_wrapping_a_plan():
    o = outline_of(
        "XX市人民政府办公室关于印发XX市2024年",
        "数字经济重点工作安排的通知",
        "X政办发〔2024〕3号",
        "各区县人民政府，市政府各部门：",
        "现将《XX市2024年数字经济重点工作安排》印发给你们，请认真贯彻执行。",
        "附件：XX市2024年数字经济重点工作安排",
        "XX市人民政府办公室",
        "2024年1月5日",
        "（此件公开发布）",
        "附件",
        "XX市2024年数字经济重点工作安排",
        "为加快数字经济发展，制定本安排。",
        "一、总体要求",
        "二、重点任务",
    )
    assert (o.title, o.title_line) == ("XX市2024年数字经济重点工作安排", 11)
    assert o.boilerplate_lines == tuple(range(1, 11))
    assert o.body_start_line == 12
    assert heads(o) == [(13, 1, "一、", "总体要求"), (14, 1, "二、", "重点任务")]


def test_document_that_is_a_notice_has_its_own_title():
    o = outline_of(
        "首页 > 政务公开 > 政策文件",
        "XX省人民政府关于促进民营经济高质量发展的意见",
        "X政发〔2024〕12号",
        "各市、县人民政府，省政府各部门、各直属机构：",
        "为促进民营经济高质量发展，现提出如下意见。",
        "一、优化发展环境",
        "（一）持续破除市场准入壁垒。各地区各部门不得设置隐性门槛。",
        "二、加大政策支持力度",
        "（二）完善融资支持政策制度。",
        "XX省人民政府",
        "2024年3月1日",
        "（此件公开发布）",
        "分享到：",
        "打印本页 关闭窗口",
    )
    assert (o.title, o.title_line) == ("XX省人民政府关于促进民营经济高质量发展的意见", 2)
    assert o.body_start_line == 5
    assert o.boilerplate_lines == (1, 3, 4, 10, 11, 12, 13, 14)
    # 一、 numbers continuously across chapters: (二) under 二、 carries on from (一)
    assert levels(o) == [(6, 1), (7, 2), (8, 1), (9, 2)]


def test_work_report_with_unnumbered_parts():
    o = outline_of(
        "政府工作报告",
        "——2024年1月10日在XX区第三届人民代表大会第四次会议上",
        "区长　张三",
        "各位代表：",
        "现在，我代表区人民政府，向大会报告工作，请予审议。",
        "2023年工作回顾",
        "过去一年，面对复杂严峻的外部环境，全区经济持续回升向好。",
        "（一）经济运行稳中有进。全区地区生产总值增长6%。",
        "（二）改革开放持续深化。一是深化营商环境改革；二是扩大高水平开放。",
        "2024年工作安排",
        "2024年是实现“十四五”规划目标任务的关键一年。",
        "（一）着力扩大有效需求。",
        "1.扩大有效投资。全年完成固定资产投资100亿元。",
        "（二）着力推进产业升级。",
        "各位代表，让我们团结一心，为建设现代化新城区而努力奋斗！",
    )
    assert (o.title, o.body_start_line, o.boilerplate_lines) == ("政府工作报告", 4, (2, 3))
    assert heads(o) == [
        (6, 1, "", "2023年工作回顾"),
        (8, 2, "（一）", "经济运行稳中有进"),
        (9, 2, "（二）", "改革开放持续深化"),
        (10, 1, "", "2024年工作安排"),
        (12, 2, "（一）", "着力扩大有效需求"),
        (13, 3, "1.", "扩大有效投资"),
        (14, 2, "（二）", "着力推进产业升级"),
    ]


def test_appended_glossary_is_a_part_with_its_list_below():
    o = outline_of(
        "一、总体要求",
        "坚持稳中求进工作总基调，推动高质量发展。",
        "二、主要任务",
        "大力发展新质生产力，加快建设现代化产业体系。",
        "附件",
        "名词解释",
        "1.新质生产力：是创新起主导作用的先进生产力质态。",
        "2.专精特新：指专业化、精细化、特色化、新颖化。",
    )
    assert o.boilerplate_lines == (5,)
    assert heads(o)[2:] == [
        (6, 1, "", "名词解释"),
        (7, 2, "1.", "新质生产力"),
        (8, 2, "2.", "专精特新"),
    ]


def test_lone_foreword_does_not_swallow_the_chapters():
    o = outline_of(
        "XX市“十四五”规划纲要",
        "前言",
        "“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。",
        "第一章　发展基础",
        "第二章　发展目标",
    )
    assert levels(o) == [(2, 1), (4, 1), (5, 1)]


def test_short_lines_inside_a_section_are_not_part_headings():
    o = outline_of(
        "一、总体要求",
        "坚持稳中求进工作总基调，推动高质量发展。",
        "基本原则",
        "坚持创新驱动，坚持绿色发展，坚持开放合作。",
        "二、主要任务",
    )
    assert [h.line for h in o.headings] == [1, 5]


def test_table_of_contents_before_the_body():
    o = outline_of(
        "XX区“十四五”产业发展规划",
        "目  录",
        "第一章　发展基础……1",
        "第一节　发展成就……2",
        "第二章　发展目标……5",
        "",
        "第一章　发展基础",
        "第一节　发展成就",
        "“十三五”时期，全区经济实力显著增强。",
        "第二章　发展目标",
    )
    assert o.boilerplate_lines == (2, 3, 4, 5)
    assert o.body_start_line == 7
    assert levels(o) == [(7, 1), (8, 2), (10, 1)]


def test_flattened_table_cells_are_never_headings():
    o = outline_of(
        "第一章　发展目标",
        "到2025年，主要指标如下。",
        "表1　主要指标",
        "类别",
        "指标",
        "2020年",
        "2025年",
        "属性",
        "一、经济发展",
        "地区生产总值增长（%）",
        "6",
        "预期性",
        "二、创新驱动",
        "研发经费投入增长（%）",
        "8",
        "预期性",
        "第二章　主要任务",
        "推动现代服务业同先进制造业深度融合，加快发展研发设计、现代物流等服务业。",
    )
    assert [h.line for h in o.headings] == [1, 17]
    assert o.table_lines == tuple(range(3, 17))


def test_tab_separated_table_rows_are_never_headings():
    o = outline_of(
        "一、重点项目",
        "序号\t项目名称\t总投资（亿元）",
        "53.\t智能制造产业园\t12",
        "（三）\t数据中心\t8",
        "一、\t道路工程\t3",
        "二、保障措施",
        "三、\t组织实施",  # a tab after a marker is only a separator
    )
    assert o.table_lines == (2, 3, 4, 5)
    assert heads(o) == [
        (1, 1, "一、", "重点项目"),
        (6, 1, "二、", "保障措施"),
        (7, 1, "三、", "组织实施"),
    ]


def test_closing_signature_date_and_page_chrome():
    o = outline_of(
        "XX区2024年工作要点",
        "来源：区发改委",
        "2024年，全区工作的总体要求是稳中求进。",
        "一、抓好招商引资",
        "全年引进项目50个。",
        "中共XX区委员会",
        "XX区人民政府",
        "2024年1月10日",
        "责任编辑：张三",
        "相关链接",
        "XX区2023年工作总结",
        "XX区2024年工作要点",
    )
    assert o.body_start_line == 3
    assert o.boilerplate_lines == (2, 6, 7, 8, 9, 10, 11, 12)
    assert heads(o) == [(4, 1, "一、", "抓好招商引资")]


def test_hard_wrapped_text_numbers_inside_sentences():
    body = "推进园区高质量发展，加快建设现代化产业体系，全年新增规上企业二十家，推动第"
    lines = ["XX园区2024年工作计划", "一、总体要求"]
    lines += ["坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局"] * 10
    lines += [body, "二、三产业融合发展，力争服务业增加值增长百分之八，确保完成全年目标任", "务。"]
    lines += ["二、主要任务"]
    lines += ["大力发展新质生产力，加快建设现代化产业体系，推进新型工业化和数字经济发展"] * 10
    lines += ["。"]
    o = outline_of(*lines)
    assert [h.line for h in o.headings] == [2, 16]


# --- inline items --------------------------------------------------------------------------------


def test_inline_items_with_columns():
    line = "（一）抓好产业发展。一是抓好传统产业转型升级。二是抓好新兴产业培育；三是统一是非标准。"
    o = outline_of("一、任务", line)
    assert o.inline_items == (
        InlineItem(2, "一是", "抓好传统产业转型升级", 10),
        InlineItem(2, "二是", "抓好新兴产业培育", 23),
        InlineItem(2, "三是", "统一是非标准", 34),
    )


def test_inline_run_continues_over_several_lines():
    o = outline_of(
        "一、任务",
        "一是加强设施建设。",
        "二是加强技术支撑。",
        "三是加强排查整治。",
        "二、保障",
        "四是不属于上一节。",
    )
    assert [(it.line, it.marker) for it in o.inline_items] == [
        (2, "一是"),
        (3, "二是"),
        (4, "三是"),
    ]


def test_inline_yao_items_and_words_that_are_not_items():
    o = outline_of("把招商引资作为第一要务，坚持统一要求。一要抓项目；二要抓服务。")
    assert [(it.marker, it.title) for it in o.inline_items] == [
        ("一要", "抓项目"),
        ("二要", "抓服务"),
    ]


def test_inline_title_runs_to_the_sentence_end_not_the_next_item():
    # rule I stops at 。 ； ; only, so a comma-separated run keeps the next item in the title
    o = outline_of("一是抓项目，二是抓服务。")
    assert [it.title for it in o.inline_items] == ["抓项目，二是抓服务", "抓服务"]


def test_long_inline_title_is_cut_at_its_first_comma():
    long = (
        "一是全面梳理企业存在的技术难题，"
        "加强与省科研机构、大专院校和专家顾问团联系对接，帮助企业攻克一批技术难题。"
    )
    o = outline_of(long)
    assert o.inline_items[0].title == "全面梳理企业存在的技术难题"


# --- nesting decided by the document, then by convention ----------------------------------------


def test_preamble_list_before_the_main_outline_does_not_push_it_down():
    o = outline_of(
        "XX园区2024年工作要点",
        "2024年主要预期目标：",
        "1.规上工业产值增长10%；",
        "2.固定资产投资增长8%。",
        "一、招商引资",
        "1.产业链招商。内容。",
        "二、项目建设",
        "1.加快项目开工。内容。",
    )
    assert levels(o) == [(3, 1), (4, 1), (5, 1), (6, 2), (7, 1), (8, 2)]


def test_unconventional_nesting_follows_the_document():
    # 1. carries on after the （一） run, so （一） sits under 2. though （一） usually ranks higher
    o = outline_of(
        "1.突出提质增效。内容。",
        "2.突出招大引强。内容。",
        "（一）加大招商力度。内容。",
        "（二）加大推进力度。内容。",
        "3.突出内生增长。内容。",
    )
    assert levels(o) == [(1, 1), (2, 1), (3, 2), (4, 2), (5, 1)]


def test_box_items_and_captions_are_not_headings():
    o = outline_of(
        "一、稳增长",
        "专栏1　重大科技工程",
        "01　新一代人工智能",
        "前沿基础理论突破，专用芯片研发，深度学习框架等开源算法平台构建。",
        "02　量子信息",
        "城域、城际、自由空间量子通信技术研发。",
        "二、促改革",
    )
    assert [h.line for h in o.headings] == [1, 7]


@pytest.mark.parametrize("header", ["XX市人民政府文件", "XX经济技术开发区管理委员会"])
def test_header_line_above_the_title(header):
    o = outline_of(
        header, "X政发〔2024〕1号", "XX市2024年重点工作安排", "为做好今年工作，制定本安排。"
    )
    assert (o.title, o.title_line, o.body_start_line) == ("XX市2024年重点工作安排", 3, 4)
    assert o.boilerplate_lines == (1, 2)


# --- shapes seen on real portal pages ------------------------------------------------------------


def test_notice_verb_before_guanyu_and_plan_title_worded_slightly_differently():
    o = outline_of(
        "XX市人民政府办公厅印发关于推进我市园区转型发展实施方案的通知",
        "导读:推进园区转型发展,对于全市高质量发展具有重要意义。",
        "X政办函〔2023〕88号",
        "XX市人民政府办公厅印发关于推进我市",
        "园区转型发展实施方案的通知",
        "各区人民政府,各委、局,各直属单位:",
        "经市人民政府同意,现将《关于推进我市园区转型发展的实施方案》印发给你们,请照此执行。",
        "XX市人民政府办公厅",
        "2023年9月1日",
        "关于推进我市园区转型",
        "发展的实施方案",
        "为推动园区转型发展,制定本实施方案。",
        "一、总体要求",
        "(一)指导思想。全面贯彻新发展理念。",
    )
    assert (o.title, o.title_line) == ("关于推进我市园区转型发展的实施方案", 10)
    assert o.boilerplate_lines == tuple(range(1, 10))
    assert o.body_start_line == 12
    assert levels(o) == [(13, 1), (14, 2)]


def test_metadata_table_title_field_and_a_bare_wrapped_byline():
    o = outline_of(
        "文件名称 | XX区2025年政府工作报告 | ||",
        "索引号 | /2025-0001 | 公开目录: | 工作报告 |",
        "2025年3月20日在XX区第十九届",
        "人民代表大会第四次会议上",
        "XX区人民政府区长 李四",
        "各位代表:",
        "现在,我代表区人民政府向大会报告工作,请予审议。",
        "一、过去一年工作回顾",
        "二、2025年工作安排",
    )
    assert (o.title, o.title_line) == ("XX区2025年政府工作报告", 1)
    assert o.boilerplate_lines == (2, 3, 4, 5)
    assert o.body_start_line == 6
    assert levels(o) == [(8, 1), (9, 1)]


def test_report_parts_whose_numbering_restarts():
    o = outline_of(
        "当前位置:XX区人民政府网站 > 政务公开 > 政府工作报告",
        "政 府 工 作 报 告",
        "更新时间:2015-01-21 09:48  发布时间:2015-01-09 09:31",
        "──2015年1月6日在区第十四届人民代表大会第四次会议上",
        "区长  王五",
        "各位代表:",
        "现在,我代表区人民政府,向大会报告工作,请予审议。",
        "二○一四年工作回顾",
        "2014年是转型发展的关键年。我们较好地完成了目标任务。",
        "一、三件大事取得决定性进展",
        "二、城区功能持续提升",
        "二○一五年工作安排",
        "2015年是全面深化改革的关键之年。",
        "一、着力推进转型发展",
    )
    assert (o.title, o.body_start_line, o.boilerplate_lines) == (
        "政 府 工 作 报 告",
        6,
        (1, 3, 4, 5),
    )
    assert heads(o) == [
        (8, 1, "", "二○一四年工作回顾"),
        (10, 2, "一、", "三件大事取得决定性进展"),
        (11, 2, "二、", "城区功能持续提升"),
        (12, 1, "", "二○一五年工作安排"),
        (14, 2, "一、", "着力推进转型发展"),
    ]


def test_excerpt_starting_part_way_through_a_count():
    o = outline_of(
        "（三）加快项目建设。内容。",
        "（四）优化营商环境。内容。",
        "1.简化审批。",
        "（五）强化保障。",
    )
    assert levels(o) == [(1, 1), (2, 1), (3, 2), (4, 1)]
    assert outline_of("（三）加快项目建设。内容。").headings == ()  # alone, a stray number


def test_attachment_label_and_date_above_the_title():
    o = outline_of("附件1", "2024-01-05", "XX园区2024年工作要点", "2024年是关键之年。", "一、招商")
    assert (o.title, o.title_line, o.boilerplate_lines, o.body_start_line) == (
        "XX园区2024年工作要点",
        3,
        (1, 2),
        4,
    )


def test_pipe_table_at_the_end_is_a_table_not_page_chrome():
    o = outline_of(
        "一、重点项目",
        "推进项目建设。",
        "| 序号 | 项目 | 投资 |",
        "|---|---|---|",
        "| 1 | 道路 | 3 |",
        "| 2 | 桥梁 | 5 |",
    )
    assert (o.boilerplate_lines, o.table_lines) == ((), (3, 4, 5, 6))


def test_a_plan_of_alike_heading_lines_is_not_taken_for_wrapped_text():
    lines = []
    for a, top in enumerate("一二三四五六七八", 1):
        lines.append(f"{top}、推进第{a}项重点领域改革攻坚任务")
        lines += [
            f"（{sub}）加快推进第{a}{b}项重点工程建设任务" for b, sub in enumerate("一二三四五", 1)
        ]
    o = parse_outline("\n".join(lines))
    assert len(o.headings) == 48
    assert [h.level for h in o.headings[:7]] == [1, 2, 2, 2, 2, 2, 1]
