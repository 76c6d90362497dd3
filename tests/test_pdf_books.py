"""Books of tables as government offices print them (a budget book: one table after another,
each titled at the head of its pages), built with reportlab for the reader's tests.

* Each table's title stands in the same place at the head of its pages, under the office's
  running header, whatever its size (a typesetter fits a long title to the width): a part one
  page long is named there just as a part ten pages long is, so all are parts of one kind.
* A cover names the series the volume belongs to above the volume's own title.
* A wide table printed across two facing pages from one drawing, its title over the gutter.
* A stray closing bracket left before a line by a table's frame is no text.
* A frame drawn around a table and the text above it: the text is no table row.
"""

from __future__ import annotations

from pathlib import Path

from tests.general_cases import Case, check_outline
from tests.pdf_fixtures import FONT, MARGIN, _register, spaced_line
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.formats.load import load_document

AGENCY = "某市政府主計處"
NARRATIVE = "預算總說明"  # the one part set in prose, the others are tables
COLUMNS = (MARGIN, MARGIN + 180, MARGIN + 300)
PROSE = (
    "本處依據預算法及相關規定，辦理本市總預算之籌劃、編製及執行，並審核各機關預算。",
    "本年度歲入預算較上年度增加，主要係罰款收入及規費收入增加所致，歲出亦隨之增加。",
)


def _table(c: object, top: float, rows: list[tuple[str, str, str]], size: float) -> float:
    """Rows of three cells from `top` down; the y under the last row."""
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    c.setFont(FONT, size)
    for k, row in enumerate(rows):
        for x, cell in zip(COLUMNS, row, strict=True):
            c.drawString(x, top - 1.8 * size * k, cell)
    return top - 1.8 * size * len(rows)


def _frame(c: object, top: float, bottom: float, rows: int) -> None:
    """A frame from `top` to `bottom` around the page head and its table, with a narrow
    column ruled down its whole left side (a label set sideways), the table's grid ruled out
    to the frame: one drawing, whose rules cross the head of the page too."""
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    left, right = MARGIN - 10, 595 - MARGIN + 10
    c.rect(left, bottom, right - left, top - bottom)
    c.line(left + 8, bottom, left + 8, top)
    grid = bottom + 10
    pitch = (top - 130 - grid) / rows
    for k in range(rows + 1):
        c.line(left, grid + pitch * k, right, grid + pitch * k)
    for x in COLUMNS[1:]:
        c.line(x - 4, grid, x - 4, grid + pitch * rows)


def _book(
    path: Path,
    parts: list[tuple[str, float, int]],
    cover: list[tuple[str, float]],
    *,
    prose: frozenset[str] = frozenset({NARRATIVE}),
    headless: frozenset[str] = frozenset(),
    framed: bool = False,
    column_heads: dict[str, str] | None = None,
    table_size: float = 10.0,
    rows: int = 6,
) -> Path:
    """A cover, then for each (title, size, pages) part that many pages, each headed by the
    office's name (not the parts in `headless`), the part's title centred in `size` and the
    year; then prose (the parts in `prose`) or a table of `rows` rows in `table_size` type,
    under the part's line in `column_heads` on each of its pages and in a ruled frame when
    asked."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 520.0
    for text, size in cover:
        c.setFont(FONT, size)
        c.drawCentredString(width / 2, y, text)
        y -= 2 * size
    c.showPage()
    n = 0
    for title, size, pages in parts:
        for _ in range(pages):
            n += 1
            if title not in headless:
                c.setFont(FONT, 14)
                c.drawCentredString(width / 2, height - 45, AGENCY)
                c.setFont(FONT, 10)
                c.drawString(MARGIN, height - 110, "中華民國116年度")
            c.setFont(FONT, size)
            c.drawCentredString(width / 2, height - 80, title)
            if title in prose:
                c.setFont(FONT, 12)
                for k in range(12):
                    line = PROSE[k % 2]  # rotated: pdfium leaves out a repeated text object
                    c.drawString(MARGIN, height - 150 - 20 * k, line[k:] + line[:k])
            else:
                if column_heads and title in column_heads:
                    c.setFont(FONT, 10)
                    c.drawString(MARGIN, height - 122, column_heads[title])
                cells = [
                    (f"{n}{k:02d}0 項目名稱第{n}{k}", f"{n},{k:02d}5,000", f"說明{n}-{k}")
                    for k in range(rows)
                ]
                bottom = _table(c, height - 150, cells, table_size)
                if framed:
                    _frame(c, height - 30, bottom - 10, rows)
            c.setFont(FONT, 9)
            c.drawCentredString(width / 2, 30, f"- {n} -")
            c.showPage()
    c.save()
    return path


def test_every_table_titled_at_the_head_of_its_pages_is_a_part_of_one_kind(tmp_path):
    parts = [
        (NARRATIVE, 22.0, 2),
        ("歲入來源別預算表", 22.0, 3),
        ("人事費分析表", 18.0, 1),  # one page, set smaller
        ("資本支出分析表", 22.0, 1),
        ("各項費用彙計表", 20.0, 2),
        ("繼續性計畫分年資金需求表", 17.0, 1),
    ]
    path = _book(tmp_path / "book.pdf", parts, [("某市政府主計處單位預算", 26.0)])
    doc = load_document(path)
    assert AGENCY not in doc.lines  # the office's running header goes
    outline = analyse(doc).outline
    assert [(h.level, h.title) for h in outline.headings] == [(1, title) for title, _, _ in parts]
    # a later page of a part repeats its title only as a running header
    assert sum(line == "歲入來源別預算表" for line in doc.lines) == 1


def test_a_part_titled_without_the_running_header_or_inside_a_frame_is_a_part_too(tmp_path):
    """The narrative part of a budget book opens on a page of its own without the office's
    running header, its title (with the year in it) set larger than the tables' titles; the
    tables stand in frames whose rules cross the head of the page, one under a column header
    repeated on each of its pages. All parts are of one kind and title their tables; the
    column header, set larger than the table's small type but no larger than the book's
    text, names none."""
    narrative = "某院主管116年度施政及預算重點說明"
    parts = [
        (narrative, 18.0, 3),  # the most text of the book: its text size
        ("歲入來源別預算表", 16.0, 3),
        ("人事費分析表", 16.0, 1),
        ("資本支出分析表", 16.0, 2),
    ]
    path = _book(
        tmp_path / "framed.pdf",
        parts,
        [("某院單位預算", 26.0)],
        prose=frozenset({narrative}),
        headless=frozenset({narrative}),
        framed=True,
        column_heads={"歲入來源別預算表": "全年度預算數"},
        table_size=8.0,
        rows=6,
    )
    doc = load_document(path)
    outline = analyse(doc).outline
    assert [(h.level, h.title) for h in outline.headings] == [(1, title) for title, _, _ in parts]
    for title, _, _ in parts[1:]:
        at = doc.lines.index(title) + 1
        assert not any(a <= at <= b for a, b in doc.tables)  # it titles its table


def test_a_cover_naming_its_series_above_the_volume_title_is_titled_by_the_volume(tmp_path):
    cover = [("某市總預算案", 24.0), ("某市政府主計處單位預算", 24.0), ("某市政府主計處 編", 16.0)]
    parts = [(NARRATIVE, 22.0, 1), ("歲入來源別預算表", 22.0, 2)]
    path = _book(tmp_path / "cover.pdf", parts, cover)
    assert analyse(load_document(path)).outline.title == "某市政府主計處單位預算"


SERIES = [
    Case(
        "a budget volume's cover: the general budget it belongs to, then its own title",
        """臺北市總預算案
臺北市政府主計處單位預算
一、預算總說明
本處掌理全市預算之籌編及執行。
二、歲入預算表
本年度歲入預算數較上年度增加。""",
        title="臺北市政府主計處單位預算",
        title_line=2,
        heads=[(3, 1, "一、", "預算總說明"), (5, 1, "二、", "歲入預算表")],
    ),
    Case(
        "a series of books above the volume's title (丛书)",
        """城市更新研究丛书
某市城市更新专项规划
一、规划背景
老旧小区改造任务繁重。""",
        title="某市城市更新专项规划",
        title_line=2,
    ),
]


def test_series_line_above_the_title_in_plain_text():
    for case in SERIES:
        check_outline(case)


def test_a_table_set_across_two_facing_pages_is_read_once_with_its_title_whole(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    width, height = A4
    title = "歲出按職能及經濟性綜合分類表"
    path = tmp_path / "spread.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for shift in (0.0, -width):  # each page draws the whole spread and shows its half
        c.saveState()
        c.translate(shift, 0)
        c.setFont(FONT, 20)
        c.drawCentredString(width, height - 80, title)  # centred over the gutter
        c.setFont(FONT, 10)
        for k in range(8):
            y = height - 150 - 18 * k
            c.drawString(MARGIN, y, f"職能{k}")
            c.drawString(MARGIN + 200, y, f"{k + 1},000")
            c.drawString(width + MARGIN, y, f"經濟{k}")
            c.drawString(width + MARGIN + 200, y, f"{k + 2},500")
        c.restoreState()
        c.showPage()
    c.save()
    doc = load_document(path)
    assert doc.lines.count(title) == 1
    assert sum("經濟3" in line for line in doc.lines) == 1  # the right page's rows, once


def test_a_stray_closing_bracket_before_a_line_is_no_text(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    height = A4[1]
    text = "本年度預算數較上年度增加三百萬元。"
    path = tmp_path / "stray.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    # one text object: the bracket, an em and a half of space, the line
    spaced_line(c, MARGIN, height - 100, "）" + text, 12, [1.5 * 12])
    c.setFont(FONT, 12)
    c.drawString(MARGIN, height - 130, "（一）" + text)  # an opening bracket stays
    c.showPage()
    c.save()
    doc = load_document(path)
    assert doc.lines[:2] == [text, "（一）" + text]


def test_text_inside_a_frame_above_its_table_is_no_table_row(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    width, height = A4
    path = tmp_path / "frame.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    left, right = MARGIN - 10, width - MARGIN + 10
    c.rect(left, height - 400, right - left, 340)  # the frame around text and table
    c.setFont(FONT, 12)
    caption = "圖表說明：本年度歲出按用途別分析如下。"
    c.drawString(MARGIN, height - 110, caption)
    top = height - 170
    columns = (MARGIN, MARGIN + 150, MARGIN + 300, width - MARGIN)
    for k in range(5):  # the grid's rules run out to the frame, so they touch it
        c.line(left, top - 24 * k, right, top - 24 * k)
    for x in columns:
        c.line(x, top, x, top - 96)
    c.setFont(FONT, 10)
    for k, row in enumerate(
        [
            ("科目", "預算數", "說明"),
            ("人事費", "1,200", "員工薪資"),
            ("業務費", "3,400", "辦公經費"),
            ("設備費", "560", "電腦設備"),
        ]
    ):
        for x, cell in zip(columns, row, strict=False):
            c.drawString(x + 4, top - 24 * k - 16, cell)
    c.showPage()
    c.save()
    doc = load_document(path)
    at = doc.lines.index(caption) + 1
    assert all(not (a <= at <= b) for a, b in doc.tables)
    assert "人事費\t1,200\t員工薪資" in doc.lines
    row = doc.lines.index("人事費\t1,200\t員工薪資") + 1
    assert any(a <= row <= b for a, b in doc.tables)


def test_a_document_without_a_cover_is_titled_by_its_first_pages_header(tmp_path):
    """Budget notes bound into a larger book have no cover of their own: the block printed at
    the head of every page (agency, fund, the notes' name, in title type) is their title
    block. It is kept on the first page only; the year in it is no title."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    width, height = A4
    path = tmp_path / "notes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(3):
        for y, text, size in (
            (45, "某部", 16.0),
            (66, "農業發展基金", 16.0),
            (88, "基金用途明細表說明", 18.0),
            (110, "中華民國114年度", 14.0),
        ):
            c.setFont(FONT, size)
            c.drawCentredString(width / 2, height - y, text)
        c.setFont(FONT, 12)
        y = height - 150
        c.drawString(MARGIN, y, f"{'壹貳參'[n]}、第{n + 1}項計畫")
        for k in range(10):
            y -= 20
            c.drawString(MARGIN + 24, y, PROSE[k % 2])
        c.showPage()
    c.save()
    doc = load_document(path)
    outline = analyse(doc).outline
    assert outline.title == "農業發展基金基金用途明細表說明"
    assert doc.lines.count("基金用途明細表說明") == 1  # the later pages' headers go
    assert not any("114年度" in line for line in doc.lines)
    assert [h.title for h in outline.headings] == ["第1項計畫", "第2項計畫", "第3項計畫"]
