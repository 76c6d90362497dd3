"""Saved web pages as government sites serve them: the article carried in a script, share and
print widgets, metadata as label/value boxes, related-article lists beside the body, and
h1–h6 headings whose level ranks the unnumbered ones."""

from __future__ import annotations

import json

import pytest

from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.formats.load import load_document

TITLE = "广东省关于加快建设现代化产业体系的实施意见"
PARAGRAPHS = [
    "一、总体要求",
    "坚持把发展经济的着力点放在实体经济上，推进新型工业化，加快建设制造强省。",
    "二、主要任务",
    "（一）培育壮大战略性产业集群。实施产业集群行动计划，形成一批万亿元级产业集群。",
    "（二）推动产业数字化转型。加快工业互联网建设，推动规模以上工业企业数字化转型。",
    "三、保障措施",
    "各地各部门要加强组织领导，细化工作举措，确保各项任务落到实处。",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _page(body: str, title: str = TITLE, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}_广东省人民政府门户网站"
        f"</title>{head}</head><body>{body}</body></html>"
    )


def _outline(path):
    return [(h.level, h.marker, h.title) for h in analyse(load_document(path)).outline.headings]


EXPECTED = [
    (1, "一、", "总体要求"),
    (1, "二、", "主要任务"),
    (2, "（一）", "培育壮大战略性产业集群"),
    (2, "（二）", "推动产业数字化转型"),
    (1, "三、", "保障措施"),
]


@pytest.mark.parametrize(
    "script",
    [
        # Guangdong's government information platform
        "window._CONFIG = {SITE: 'gd', DETAIL: "
        + json.dumps({"title": TITLE, "content": ARTICLE})
        + ", FILES: []};",
        # the same, with every Chinese character escaped as \\uXXXX
        "window._CONFIG = {DETAIL: "
        + json.dumps({"title": TITLE, "content": ARTICLE}, ensure_ascii=True)
        + "};",
        "var title = '" + TITLE + "';\nvar content = \"" + ARTICLE.replace('"', '\\"') + '";',
        "var data = " + json.dumps({"data": {"docTitle": TITLE, "htmlContent": ARTICLE}}) + ";",
    ],
    ids=["window-config", "escaped", "var-content", "json-htmlContent"],
)
def test_an_article_carried_in_a_script_is_read(tmp_path, script):
    shell = "<div class='header'><a href='/'>首页</a></div><div id='app'>加载中</div>"
    path = tmp_path / "gd.html"
    path.write_text(_page(shell, head=f"<script>{script}</script>"), encoding="utf-8")
    doc = load_document(path)
    assert doc.lines[0] == TITLE
    assert doc.lines[1:] == PARAGRAPHS
    outline = analyse(doc).outline
    assert outline.title == TITLE
    assert [(h.level, h.marker, h.title) for h in outline.headings] == EXPECTED


def test_a_page_with_its_text_visible_ignores_its_scripts(tmp_path):
    script = "var content = " + json.dumps("<p>脚本里的另一篇文章，" + "不是正文。" * 40 + "</p>")
    path = tmp_path / "p.html"
    path.write_text(_page(f"<h1>{TITLE}</h1>{ARTICLE}", head=f"<script>{script}</script>"))
    assert load_document(path).lines == [TITLE, *PARAGRAPHS]


def test_share_print_and_close_widgets_are_dropped(tmp_path):
    body = (
        f"<div class='title'>{TITLE}</div>"
        "<div class='info'>发布时间：2023-05-11 来源：省发展改革委 【字体：大 中 小】【打印】</div>"
        "<div class='share'>分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>"
        f"<div class='content'>{ARTICLE}</div>"
        "<div class='qr'>扫一扫在手机打开当前页</div>"
        "<div class='tools'>【打印本页】【关闭窗口】</div><div>返回顶部</div>"
    )
    path = tmp_path / "w.html"
    path.write_text(_page(body), encoding="utf-8")
    lines = load_document(path).lines
    assert lines == [TITLE, "发布时间：2023-05-11 来源：省发展改革委", *PARAGRAPHS]


def test_a_label_and_its_value_read_as_one_line(tmp_path):
    meta = "".join(
        f"<dd><label><font>{k}</font></label><div class='v'>{v}</div></dd>"
        for k, v in (("索 引 号：", "014742224A/2023-0043406"), ("公开方式：", "主动公开"))
    )
    body = f"<div class='meta'><dl>{meta}</dl></div><h1>{TITLE}</h1><div>{ARTICLE}</div>"
    path = tmp_path / "m.html"
    path.write_text(_page(body), encoding="utf-8")
    lines = load_document(path).lines
    assert lines[:2] == ["索 引 号： 014742224A/2023-0043406", "公开方式： 主动公开"]


@pytest.mark.parametrize("related", [0, 4])
def test_the_title_line_is_kept_whether_or_not_related_articles_are_listed(tmp_path, related):
    """Two pages of one site template: the title sits above the body, and a list of related
    articles between them (filled on one page, empty on the next) must not decide whether the
    title is read."""
    links = "".join(
        f"<li><a href='/r{i}'>图文解读：《{TITLE}》第{i}部分政策解读材料</a>"
        "<span>2023-07-12</span></li>"
        for i in range(related)
    )
    meta = "".join(
        f"<dd><label>{k}</label><div>{v}</div></dd>"
        for k, v in (("发布机构：", "广东省人民政府办公厅"), ("发文日期：", "2023-04-18"))
    )
    body = (
        "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/zw'>政务公开</a></li>"
        "</ul></div><div class='detail'>"
        f"<div class='meta'><dl>{meta}</dl></div>"
        f"<div class='article-title'>{TITLE}</div><div class='visits'>访问量：1632</div>"
        f"<div class='related'><h3>关联稿件：</h3><ul>{links}</ul></div>"
        f"<div class='article-content'>{ARTICLE * 3}</div></div>"
        "<div class='footer'>版权所有：广东省人民政府办公厅 <a href='/map'>网站地图</a></div>"
    )
    path = tmp_path / "t.html"
    path.write_text(_page(body), encoding="utf-8")
    doc = load_document(path)
    assert TITLE in doc.lines[: doc.lines.index(PARAGRAPHS[0])]
    assert analyse(doc).outline.title == TITLE


def test_h1_to_h4_rank_the_unnumbered_headings(tmp_path):
    text = "坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长，全年增长5%左右。"
    body = (
        f"<h1>某市2024年政府工作报告</h1><p>{text}</p>"
        f"<h2>2023年工作回顾</h2><p>{text}</p>"
        f"<h3>经济运行稳中向好</h3><p>{text}</p>"
        f"<h3>改革开放纵深推进</h3><p>{text}</p>"
        f"<h2>2024年主要任务</h2><p>{text}</p>"
        f"<h3>一、扩大有效需求</h3><p>{text}</p>"
        f"<h4>（一）激发消费潜能</h4><p>{text}</p>"
        f"<h3>二、建设现代化产业体系</h3><p>{text}</p>"
    )
    path = tmp_path / "h.html"
    path.write_text(_page(body, title="某市2024年政府工作报告"), encoding="utf-8")
    doc = load_document(path)
    assert dict(doc.hints.ranks)[1] == 1
    outline = analyse(doc).outline
    assert outline.title == "某市2024年政府工作报告"
    assert [(h.level, h.title) for h in outline.headings] == [
        (1, "2023年工作回顾"),
        (2, "经济运行稳中向好"),
        (2, "改革开放纵深推进"),
        (1, "2024年主要任务"),
        (2, "扩大有效需求"),
        (3, "激发消费潜能"),
        (2, "建设现代化产业体系"),
    ]
