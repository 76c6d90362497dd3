"""The layout-aware PDF reader on PDFs laid out as real ones are (tests/pdf_fixtures.py):
paragraphs whole across hanging numbers, wraps and page breaks; running headers and page
numbers out; no spaces between Chinese characters; tables as rows; headings ranked by their
type; text that cannot be decoded refused or left out with a notice."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sample_path
from tests.format_fixtures import make_pdf
from tests.pdf_fixtures import (
    FONT,
    MARGIN,
    Row,
    join_pdfs,
    set_pages,
    set_sample,
    spaced_line,
    type3_pdf,
    width_of,
    wrap,
)
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import limits
from zoneplan_tui.formats.load import load_document

RIGHT = 595.0 - MARGIN
HEADER = "某市发展和改革委员会文件"
HAN_SPACE_RE = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")


def _outline(path: Path) -> list[tuple[int, str, str]]:
    return [(h.level, h.marker, h.title) for h in analyse(load_document(path)).outline.headings]


def _items(numbers: range, size: float = 12.0) -> list[Row]:
    """Numbered items set with a hanging number: the text of every row after the first
    starts under the text of the first, not under the number."""
    rows: list[Row] = []
    for n in numbers:
        marker = f"{n}."
        text = (
            f"{marker}推进第{n}项重点工作。围绕产业链部署创新链，完善第{n}项推进机制，"
            f"按季度调度第{n}项进展，确保第{n}项年内完成投资，形成第{n}批可推广的经验做法。"
        )
        rows += wrap(text, MARGIN, MARGIN + width_of(marker, size), size, RIGHT)
    return rows


def _paragraph(text: str, size: float = 12.0) -> list[Row]:
    """A paragraph with a first-line indent of two characters."""
    return wrap(text, MARGIN + 2 * size, MARGIN, size, RIGHT)


def test_hanging_numbers_headers_and_page_numbers_read_as_paragraphs(tmp_path):
    long = "全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，" * 6 + "取得新成效。"
    pages = [
        [Row("一、总体要求", size=14, bold=True), *_paragraph(long), *_items(range(1, 8))],
        [*_items(range(8, 13)), Row("二、保障措施", size=14, bold=True), *_paragraph(long)],
    ]
    path = set_pages(pages, tmp_path / "p.pdf", header=HEADER)
    doc = load_document(path)
    assert HEADER not in doc.text
    assert not re.search(r"- \d+ -", doc.text)
    assert not HAN_SPACE_RE.search(doc.text)
    lines = doc.lines
    for n in range(1, 13):  # each numbered paragraph whole, page break or not
        (line,) = [ln for ln in lines if ln.startswith(f"{n}.推进第{n}项")]
        assert line.endswith(f"形成第{n}批可推广的经验做法。"), line
    assert lines.count(long) == 2
    assert _outline(path) == [
        (1, "一、", "总体要求"),
        *[(2, f"{n}.", f"推进第{n}项重点工作") for n in range(1, 13)],
        (1, "二、", "保障措施"),
    ]


def test_a_wrapped_line_that_starts_with_a_marker_goes_on_with_its_sentence(tmp_path):
    lead = "10.构建协同高效运行管理体制。理顺职能职责，加强层级管理，建立权责统"
    # the first row runs to the margin, the second starts with `一、` as the wrap falls
    size = (RIGHT - MARGIN) / width_of(lead, 1.0)
    rows = [
        Row("三、提升服务水平", size=size, bold=True),
        Row(lead, size=size),
        Row("一、执行有力、管理高效的运行体制。", size=size),
        Row("11.做好企业服务。", size=size),
        Row("四、强化要素保障", size=size, bold=True),
        Row("12.实施攻坚计划。", size=size),
    ]
    doc = load_document(set_pages([rows], tmp_path / "w.pdf"))
    assert "建立权责统一、执行有力、管理高效的运行体制。" in doc.lines[1]
    assert [(h.level, h.marker) for h in analyse(doc).outline.headings] == [
        (1, "三、"),
        (2, "10."),
        (2, "11."),
        (1, "四、"),
        (2, "12."),
    ]


@pytest.mark.parametrize("pagesize", [(595.3, 841.9), (420.9, 595.3), (833.4, 841.9)])
def test_sample_001_typeset_at_any_width_has_the_outline_of_the_txt(tmp_path, pagesize):
    source = sample_path("001_944198d32a153964")
    text = source.read_text(encoding="utf-8")
    path = set_sample(text, tmp_path / "s.pdf", pagesize)
    if pagesize[0] < 600:  # A4 and A5: the layouts the issue describes wrap lines at markers
        from pypdf import PdfReader

        rows = [r for p in PdfReader(str(path)).pages for r in p.extract_text().split("\n")]
        starts = {"一、执行有力"} if pagesize[1] > 800 else set()
        assert all(any(r.startswith(s) for r in rows) for s in starts)
    txt, pdf = analyse(load_document(source)).outline, analyse(load_document(path)).outline
    assert pdf.title == txt.title
    assert [(h.level, h.marker, h.title) for h in pdf.headings] == [
        (h.level, h.marker, h.title) for h in txt.headings
    ]
    # every paragraph of the .txt is in the PDF's text whole (some joined to the next one,
    # where a full last line ends a sentence and the next line starts flush: the layout
    # cannot tell those two apart)
    joined = "\n".join(load_document(path).lines)
    assert all(line in joined for line in text.split("\n") if line.strip())


def test_traditional_letter_spaced_titles_and_justified_figures_read_as_words(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    spaced_line(c, 180, 700, "單位預算", 28, [40, 40, 40])
    body = "本年度預算數為一億元，較上年度增加百分之三點七。"
    gaps = [0.4] * len(body)
    gaps[body.index("一")] = 7.0  # justification widened the line here
    gaps[body.index("三點")] = 6.0
    spaced_line(c, MARGIN, 640, body, 12, gaps)
    spaced_line(c, MARGIN, 610, "壹、施政目標", 12, [])
    spaced_line(c, MARGIN, 590, "強化財務管理，提升預算執行效能。", 12, [])
    c.showPage()
    c.save()
    doc = load_document(path)
    assert doc.lines == [
        "單位預算",
        "本年度預算數為一億元，較上年度增加百分之三點七。",
        "壹、施政目標",
        "強化財務管理，提升預算執行效能。",
    ]
    assert analyse(doc).outline.title == "單位預算"


def test_a_pdf_in_fonts_without_a_unicode_map_is_an_error_that_suggests_ocr(tmp_path):
    path = type3_pdf(tmp_path / "junk.pdf", [bytes(range(1, 30)), bytes(range(3, 20))], pages=3)
    with pytest.raises(DocumentError, match=r"cannot be decoded .*3 of 3 pages.*run OCR"):
        load_document(path)
    out = subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", "outline", str(path)], capture_output=True, text=True
    )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "OCR" in out.stderr


def test_undecodable_pages_among_readable_ones_are_left_out_with_a_notice(tmp_path):
    text = sample_path("000_85363b721c052c01").read_text(encoding="utf-8")
    readable = make_pdf(text, tmp_path / "r.pdf", max_pages=3)
    junk = type3_pdf(tmp_path / "j.pdf", [bytes(range(1, 30))] * 3)
    doc = load_document(join_pdfs([readable, junk], tmp_path / "mixed.pdf"))
    assert any(ln.startswith("[zoneplan: page 4: 3 lines left out") for ln in doc.lines)
    assert "run OCR on this page" in doc.text
    controls = [ch for ch in doc.text if ch < " " and ch not in "\n\t"]
    private = [ch for ch in doc.text if "\ue000" <= ch <= "\uf8ff"]
    assert controls == private == []
    assert all("zoneplan:" not in h.title for h in analyse(doc).outline.headings)
    assert "中共武清开发区工委2019年工作要点" in doc.text


def test_table_rows_keep_their_cells_apart_and_are_never_headings(tmp_path):
    cells = [
        ("序号", "任务", "责任单位"),
        ("一、", "项目招商", "招商局"),
        ("二、", "规划编制", "规划局"),
    ]
    rows = [Row("一、重点任务", size=14, bold=True), Row("按照年度安排推进以下任务：")]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "table.pdf"
    set_pages([rows], path, numbers=None)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 14)
    c.drawString(MARGIN, A4[1] - MARGIN, rows[0].text)
    c.setFont(FONT, 12)
    c.drawString(MARGIN, A4[1] - MARGIN - 24, rows[1].text)
    for k, row in enumerate(cells):
        for x, cell in zip((MARGIN, MARGIN + 120, MARGIN + 300), row, strict=True):
            c.drawString(x, A4[1] - MARGIN - 60 - 20 * k, cell)
    c.drawString(MARGIN, A4[1] - MARGIN - 140, "二、保障措施")
    c.drawString(MARGIN, A4[1] - MARGIN - 160, "加强组织领导，确保任务落实。")
    c.showPage()
    c.save()
    doc = load_document(path)
    assert doc.lines[2:5] == [
        "序号\t任务\t责任单位",
        "一、\t项目招商\t招商局",
        "二、\t规划编制\t规划局",
    ]
    assert doc.tables == ((3, 5),)
    assert [h.title for h in analyse(doc).outline.headings] == ["重点任务", "保障措施"]


def test_unnumbered_headings_take_their_level_from_their_type(tmp_path):
    body = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济实现质的有效提升。"
    pages = [
        [
            Row("某区2024年工作要点", size=20, bold=True),
            Row("发展回顾", size=16, bold=True, gap=10),
            *_paragraph(body),
            Row("一、经济运行", size=12, bold=True),
            *_paragraph(body),
            Row("二、改革开放", size=12, bold=True),
            *_paragraph(body),
            Row("重点任务", size=16, bold=True, gap=10),
            Row("产业发展", size=14, bold=True),
            Row("一、先进制造", size=12, bold=True),
            *_paragraph(body),
            Row("城市建设", size=14, bold=True),
            *_paragraph(body),
        ]
    ]
    path = set_pages(pages, tmp_path / "r.pdf")
    doc = load_document(path)
    assert doc.hints.ranks  # the converter ranked the heading-like lines
    outline = analyse(doc).outline
    assert outline.title == "某区2024年工作要点"
    assert [(h.level, h.title) for h in outline.headings] == [
        (1, "发展回顾"),
        (2, "经济运行"),
        (2, "改革开放"),
        (1, "重点任务"),
        (2, "产业发展"),
        (3, "先进制造"),
        (2, "城市建设"),
    ]


def test_a_page_that_draws_too_much_is_left_out_with_a_notice(tmp_path, monkeypatch):
    text = sample_path("000_85363b721c052c01").read_text(encoding="utf-8")
    light = make_pdf("某区2020年工作要点\n一、总体要求\n加强领导。", tmp_path / "a.pdf")
    heavy = make_pdf(text, tmp_path / "b.pdf", max_pages=1)
    path = join_pdfs([light, heavy], tmp_path / "ab.pdf")
    from pypdf import PdfReader

    sizes = [len(p.get_contents().get_data()) for p in PdfReader(str(path)).pages]
    monkeypatch.setattr(limits, "MAX_PDF_PAGE_CONTENT", (sizes[0] + sizes[1]) // 2)
    doc = load_document(path)
    assert doc.lines[-1].startswith("[zoneplan: page 2 left out: it draws over")
    assert doc.lines[0] == "某区2020年工作要点"


def test_cli_text_of_a_pdf_prints_its_paragraphs(tmp_path):
    pages = [[Row("一、总体要求", size=14, bold=True), *_items(range(1, 4))]]
    path = set_pages(pages, tmp_path / "c.pdf", header=HEADER)
    out = subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", "text", str(path)], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.split("\n")[0] == "一、总体要求"
    assert len(out.stdout.strip().split("\n")) == 4
    outline = json.loads(
        subprocess.run(
            [sys.executable, "-m", "zoneplan_tui", "outline", str(path), "--json"],
            capture_output=True,
            text=True,
        ).stdout
    )
    assert [h["marker"] for h in outline["headings"]] == ["一、", "1.", "2.", "3."]
