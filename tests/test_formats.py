"""Word, PDF and HTML plans: same outline and figures as the .txt, clear errors for bad files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, sample_path
from tests.format_fixtures import (
    HEADER,
    INFO,
    MENU,
    TABLE_ROWS,
    make_docx,
    make_html,
    make_pdf,
    remap_pdf_text,
    typeset_pdf,
)
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.core.outline import parse_outline
from zoneplan_tui.formats.load import find_plans, load_document

WUQING = sample_path("000_85363b721c052c01")
BUILDERS = {"docx": make_docx, "pdf": make_pdf, "html": make_html}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", *args], capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every sample plan in every format, built once for the module."""
    out = tmp_path_factory.mktemp("formats")
    files = {}
    for src in sorted(SAMPLES.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for kind, build in BUILDERS.items():
            files[(src.name, kind)] = build(text, out / f"{src.stem}.{kind}")
    return files


def _headings(doc):
    return [(h.level, h.marker, h.title) for h in analyse(doc).outline.headings]


def _figures(doc):
    # The HTML page adds a 发布时间 line the .txt does not have; its date is page chrome.
    plan = analyse(doc)
    return [(f.text, f.kind, f.value) for f in plan.figures if INFO not in doc.line_text(f.line)]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_converted_plan_has_the_outline_and_figures_of_the_txt(converted, sample, kind):
    txt = load_document(SAMPLES / sample)
    doc = load_document(converted[(sample, kind)])
    assert _headings(doc) == _headings(txt)
    assert analyse(doc).outline.title == analyse(txt).outline.title
    assert _figures(doc) == _figures(txt)
    assert doc.encoding == {"docx": "docx", "pdf": "pdf", "html": "html:gb18030"}[kind]


def test_docx_renders_word_numbering_and_flattens_the_table(converted):
    doc = load_document(converted[(WUQING.name, "docx")])
    txt_lines = WUQING.read_text(encoding="utf-8").split("\n")
    # Every numbered heading reads exactly as in the .txt: the markers came from numbering.xml.
    assert doc.lines[: len(txt_lines)] == txt_lines
    (first, last), *_ = doc.tables
    assert [doc.line_text(n) for n in range(first, last + 1)] == [
        " | ".join(row) for row in TABLE_ROWS
    ]
    heading_lines = {h.line for h in analyse(doc).outline.headings}
    assert not heading_lines & set(range(first, last + 1))
    # without the ranges the parser would take `一、 | （二）项目招商` for a heading
    assert {h.line for h in parse_outline(doc.text).headings} & set(range(first, last + 1))


def _numbered_docx(path: Path, levels: str, paragraphs: list[tuple[int | None, str]]) -> Path:
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0, parse_xml(f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="77">{levels}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{w}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>')
    )
    for ilvl, text in paragraphs:
        p = document.add_paragraph(text)
        if ilvl is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{ilvl}"/>'
                    '<w:numId w:val="77"/></w:numPr>'
                )
            )
    document.save(str(path))
    return path


def _lvl(ilvl: int, fmt: str, text: str, suff: str = "nothing", extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def test_docx_number_formats_counting_and_restarts(tmp_path):
    levels = (
        _lvl(0, "chineseCountingThousand", "%1、")
        + _lvl(1, "chineseCounting", "（%2）")
        + _lvl(2, "decimal", "%3.", suff="tab")
        + _lvl(3, "decimal", "%3.%4", suff="space", extra="<w:isLgl/>")
        + _lvl(4, "decimalEnclosedCircle", "%5")
        + _lvl(5, "ideographTraditional", "%6、")
    )
    paragraphs: list[tuple[int | None, str]] = [(0, f"第{i}部分") for i in range(1, 12)]
    paragraphs += [(1, "甲"), (1, "乙"), (None, "正文不编号。"), (0, "再一部分"), (1, "丙")]
    paragraphs += [(2, "条"), (3, "款"), (3, "款二"), (4, "项"), (5, "天干"), (5, "天干二")]
    doc = load_document(_numbered_docx(tmp_path / "n.docx", levels, paragraphs))
    assert doc.lines[9:] == [
        "十、第10部分",
        "十一、第11部分",
        "（一）甲",
        "（二）乙",
        "正文不编号。",
        "十二、再一部分",
        "（一）丙",  # a level restarts after its parent level moves on
        "1.条",  # a tab after `1.` reads tight, as after `一、`
        "1.1 款",  # isLgl: the parent number in decimal; a space suffix
        "1.2 款二",
        "①项",
        "甲、天干",
        "乙、天干二",
    ]


def test_docx_heading_style_without_numbering_is_a_line_of_its_own(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("某区2020年工作要点", level=0)
    document.add_heading("前言", level=1)
    document.add_paragraph("正文第一段。")
    path = tmp_path / "h.docx"
    document.save(str(path))
    assert load_document(path).lines == ["某区2020年工作要点", "前言", "正文第一段。"]


def test_pdf_drops_running_header_and_page_numbers(converted):
    doc = load_document(converted[(WUQING.name, "pdf")])
    assert HEADER not in doc.text
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    # hard-wrapped paragraphs come back whole: one line per .txt paragraph
    assert doc.lines == WUQING.read_text(encoding="utf-8").rstrip("\n").split("\n")


def test_pdf_keeps_compatibility_ideographs_and_the_outline_matches_them(tmp_path):
    text = (
        "某区2020年工作要点\n五、强化组织\n加强领导。\n六、加强保障\n加强保障工作。\n七、严格考核"
    )
    path = remap_pdf_text(make_pdf(text, tmp_path / "c.pdf"), {"六": "\uf9d1"})
    doc = load_document(path)
    assert "\uf9d1、加强保障" in doc.text and "六" not in doc.text
    markers = [h.marker for h in parse_outline(doc.text).headings]
    assert markers == ["五、", "\uf9d1、", "七、"]


def test_pdf_paragraph_rule(tmp_path):
    # the lines as a PDF sets them (the widest run to the right margin); the reader joins
    # them back from their geometry
    lines = [
        "一、总体要求",
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大",
        "精神，推动高质量发展，全年地区生产总值增长6%左右。这是第二句话，长度",
        "足够长。",
        "（一）扩大有效投资",
        "实施重点项目200个以上，完成投资300亿元以上，确保项目建设取得新的突破",
        "1.加快项目建设",
        "",
        "Made in China 2025 is a plan that keeps going all the way across the",
        "line.",
    ]
    path = typeset_pdf([lines], tmp_path / "p.pdf", latin_fill=True)
    assert load_document(path).lines == [
        "一、总体要求",
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，推动高质量"
        "发展，全年地区生产总值增长6%左右。这是第二句话，长度足够长。",
        "（一）扩大有效投资",
        "实施重点项目200个以上，完成投资300亿元以上，确保项目建设取得新的突破",
        "1.加快项目建设",
        "",
        "Made in China 2025 is a plan that keeps going all the way across the line.",
    ]


@pytest.mark.parametrize(
    "number", ["- 3 -", "—3—", "第3页", "第 3 页 共 20 页", "3/20", "3", "Page 3"]
)
def test_pdf_page_number_forms(number, tmp_path):
    # body lines differ in more than digits, or they would read as a running header
    pages = [[f"{c}页首行。", f"{c}页末行。"] for c in "甲乙丙"]
    footers = [number.replace("3", str(n)) for n in range(1, 4)]
    path = typeset_pdf(pages, tmp_path / "n.pdf", footers=footers)
    assert load_document(path).lines == [f"{c}页{w}行。" for c in "甲乙丙" for w in "首末"]


def test_html_keeps_the_article_and_drops_the_chrome(converted):
    doc = load_document(converted[(WUQING.name, "html")])
    for chrome in (*MENU, "脚本里的中文", "统计代码", "版权所有", "当前位置", "相关文件"):
        assert chrome not in doc.text
    txt_lines = WUQING.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert doc.lines[0] == txt_lines[0]  # the title div beside the body is kept
    assert [line for line in doc.lines if INFO not in line][: len(txt_lines)] == txt_lines
    assert "“" in doc.text  # &ldquo; decoded
    first = doc.tables[0][0]
    assert doc.line_text(first) == " | ".join(TABLE_ROWS[0])


@pytest.mark.parametrize(
    ("declared", "data_encoding", "expected"),
    [
        ("utf-8", "utf-8", "html:utf-8"),
        ("GBK", "gbk", "html:gb18030"),
        ("utf-8", "gb18030", "html:gb18030"),  # a page that lies about its charset
        ("iso-8859-1", "gb18030", "html:gb18030"),
    ],
)
def test_html_encodings(tmp_path, declared, data_encoding, expected):
    page = (
        f'<html><head><meta charset="{declared}"></head><body><div>一、总体要求<br>'
        "全年增长8%&nbsp;以上。</div><table><tr><td>指标</td><th>目标</th></tr></table></body></html>"
    )
    path = tmp_path / "p.htm"
    path.write_bytes(page.encode(data_encoding))
    doc = load_document(path)
    assert doc.encoding == expected
    assert doc.lines == ["一、总体要求", "全年增长8%\u00a0以上。", "指标 | 目标"]
    assert doc.tables == ((3, 3),)


def test_formats_by_magic_bytes_whatever_the_suffix(converted, tmp_path):
    renamed = tmp_path / "plan.txt"
    renamed.write_bytes(converted[(WUQING.name, "pdf")].read_bytes())
    assert load_document(renamed).encoding == "pdf"
    renamed = tmp_path / "plan.bin"
    renamed.write_bytes(converted[(WUQING.name, "docx")].read_bytes())
    assert load_document(renamed).encoding == "docx"


def test_find_plans_lists_the_new_formats(converted, tmp_path):
    for kind in BUILDERS:
        (tmp_path / f"plan.{kind}").write_bytes(converted[(WUQING.name, kind)].read_bytes())
    (tmp_path / "notes.json").write_text("{}")
    assert [p.name for p in find_plans(tmp_path)] == ["plan.docx", "plan.html", "plan.pdf"]


def _encrypted_pdf(source: Path, path: Path, user: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


def _scanned_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(72, 72, 400, 600, fill=1)  # a page that is only a picture
    c.showPage()
    c.save()
    return path


def test_a_pdf_restricted_only_by_an_owner_password_opens(converted, tmp_path):
    path = _encrypted_pdf(converted[(WUQING.name, "pdf")], tmp_path / "owner.pdf", user="")
    assert load_document(path).text == load_document(converted[(WUQING.name, "pdf")]).text


@pytest.fixture
def bad_files(converted, tmp_path) -> dict[str, tuple[Path, str]]:
    zip_bytes = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(zip_bytes, "w") as z:
        z.writestr("readme.txt", "not a Word document")
    files = {
        "binary.pdf": (bytes(range(256)) * 8, "not a PDF"),
        "binary.docx": (bytes(range(256)) * 8, "not a Word document"),
        "text.docx": ("一、总体要求\n".encode(), "not a Word document"),
        "other.docx": (zip_bytes.getvalue(), "damaged Word document"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "save it as .docx"),
        "empty.html": (b"<html><head><title>x</title></head><body> </body></html>", "no text"),
        "binary.html": (bytes(range(256)) * 8, "binary"),
        "truncated.pdf": (b"%PDF-1.4\n1 0 obj\n<<", "PDF"),
    }
    out = {}
    for name, (data, message) in files.items():
        (tmp_path / name).write_bytes(data)
        out[name] = (tmp_path / name, message)
    enc = _encrypted_pdf(converted[(WUQING.name, "pdf")], tmp_path / "locked.pdf", user="secret")
    out["locked.pdf"] = (enc, "encrypted PDF")
    out["scanned.pdf"] = (_scanned_pdf(tmp_path / "scanned.pdf"), "no text layer")
    return out


def test_bad_files_are_one_line_errors(bad_files):
    for path, message in bad_files.values():
        with pytest.raises(DocumentError) as info:
            load_document(path)
        assert message in str(info.value), path.name
        assert str(path) in str(info.value)
        assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "name", ["binary.pdf", "text.docx", "locked.pdf", "scanned.pdf", "empty.html"]
)
def test_cli_reports_bad_files_with_exit_2_and_no_traceback(bad_files, name):
    path, message = bad_files[name]
    for command in (("outline", str(path)), ("text", str(path))):
        out = run(*command)
        assert out.returncode == 2
        assert message in out.stderr
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert out.stdout == ""


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_cli_text_outline_numbers_and_notes_work_on_every_format(converted, kind, tmp_path):
    path = converted[(WUQING.name, kind)]
    out = subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", "text", str(path)], capture_output=True
    )
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    assert text == load_document(path).text
    numbers = json.loads(run("numbers", str(path), "--json").stdout)["numbers"]
    assert numbers and all(text[n["start"] : n["end"]] == n["text"] for n in numbers)
    outline = json.loads(run("outline", str(path), "--json").stdout)
    assert outline["title"] == "中共武清开发区工委2019年工作要点"
    db = str(tmp_path / "notes.json")
    added = run(
        "--db", db, "notes", "add", str(path), "--quote", "引资到位额100亿元以上", "--note", "看"
    )
    assert added.returncode == 0, added.stderr
    listed = json.loads(run("--db", db, "notes", "list", str(path), "--json").stdout)
    assert len(listed) == 1


def test_text_of_a_txt_plan_is_the_file_itself():
    out = subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", "text", str(WUQING)], capture_output=True
    )
    assert out.returncode == 0
    assert out.stdout == WUQING.read_bytes()


def test_converter_libraries_load_only_when_their_format_is_opened():
    code = (
        "import sys\n"
        "from zoneplan_tui.cli.command import main\n"
        "from zoneplan_tui.formats.load import load_document\n"
        f"load_document({str(WUQING)!r})\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'pypdf', 'pypdfium2', 'lxml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_html_layout_tables_are_not_flattened_and_an_unclosed_head_is_survived(tmp_path):
    article = "".join(f"<p>（{n}）第{n}项工作。</p>" for n in "一二三")
    page = (
        '<html><head><meta charset="utf-8"><title>某区</title>'  # no </head>
        f"<body><table><tr><td>{''.join(f'<a href=/>{m}</a>' for m in MENU * 2)}</td></tr><tr><td>"
        '<div style="display: none">分享到微信</div><span hidden>隐藏</span>'
        f"<div>某区2020年工作要点</div>{article}<table><tr><td>指标</td><td>目标</td></tr>"
        "</table></td><td>附注</td></tr></table></body></html>"
    )
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    assert doc.lines == [
        "某区2020年工作要点",
        "（一）第一项工作。",
        "（二）第二项工作。",
        "（三）第三项工作。",
        "指标 | 目标",
        "附注",
    ]
    assert doc.tables == ((5, 5),)


def test_a_minimal_docx_without_styles_or_numbering_parts(tmp_path):
    import zipfile

    ns = "http://schemas.openxmlformats.org/"
    main = f"{ns}wordprocessingml/2006/main"
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{ns}package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{ns}officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f'<w:document xmlns:w="{main}"><w:body><w:p><w:r><w:t>某区工作要点</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            "<w:r><w:t>总体要求</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    path = tmp_path / "min.docx"
    with zipfile.ZipFile(path, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    # a numPr naming a list that numbering.xml (absent here) does not define renders no label
    assert load_document(path).lines == ["某区工作要点", "总体要求"]


def test_html_optional_end_tags_do_not_nest(tmp_path):
    page = (
        "<html><body><table><tr><td>指标<td>目标<tr><td>增长<td>8%</table>"
        "<ul><li>甲<li>乙</ul>" + "<p>一段。" * 3000 + "<div>" * 1500 + "深处。</body></html>"
    )
    path = tmp_path / "old.html"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    assert doc.lines[:4] == ["指标 | 目标", "增长 | 8%", "甲", "乙"]
    assert doc.tables == ((1, 2),)
    assert doc.line_count == 4 + 3000 + 1 and doc.lines[-1] == "深处。"


def test_docx_text_includes_insertions_fields_and_controls_not_deletions(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    document.add_paragraph("某区工作要点")
    p = parse_xml(
        f'<w:p xmlns:w="{w}"><w:r><w:t>全年增长</w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>7%</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>8%</w:t></w:r></w:ins>'
        "<w:sdt><w:sdtContent><w:r><w:t>以上</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:fldSimple w:instr="DATE"><w:r><w:t>（2020年）</w:t></w:r></w:fldSimple>'
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></w:r><w:r><w:t>。</w:t></w:r></w:p>"
    )
    document.element.body.insert(1, p)
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    assert load_document(path).lines == ["某区工作要点", "全年增长8%以上（2020年）。"]


def test_pdf_gaps_pypdf_reads_as_spaces_are_dropped_in_chinese(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 800, "某区2020年工作要点")
    font = c._doc.getInternalFontName("STSong-Light")
    # letter-spaced lines: TJ gaps of 0.6 em between the characters
    for y, line in ((760, "一、坚持稳中求进"), (740, "（一）全年增长8%以上。")):
        hexes = " ".join(f"<{ch.encode('utf-16-be').hex()}> -600" for ch in line)
        c._code.append(f"BT {font} 12 Tf 72 {y} Td [{hexes}] TJ ET")
    c.showPage()
    c.save()
    from pypdf import PdfReader

    assert "坚 持" in PdfReader(str(path)).pages[0].extract_text()
    assert load_document(path).lines == [
        "某区2020年工作要点",
        "一、坚持稳中求进",
        "（一）全年增长8%以上。",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("坚 持 稳 中 求 进 ", "坚持稳中求进"),  # letter-spaced
        ("全年增长 8% 以上，完成 投资 300 亿元", "全年增长8%以上，完成投资300亿元"),  # justified
        ("2019年 月 日", "2019年 月 日"),  # typed spaces of an unfilled date stay
        ("Made in China 2025", "Made in China 2025"),
        ("100 200 300", "100 200 300"),
    ],
)
def test_pdf_unspace(line, expected, tmp_path):
    # the line typed with these spaces into the text layer
    path = typeset_pdf([["某区2020年工作要点", line]], tmp_path / "s.pdf")
    assert load_document(path).lines == ["某区2020年工作要点", expected]


def test_pdf_repairs_and_failures_print_nothing_but_the_one_line(converted, tmp_path):
    data = converted[(WUQING.name, "pdf")].read_bytes()
    repaired = tmp_path / "badxref.pdf"  # pypdf repairs it, and logs that it did
    repaired.write_bytes(data[: data.rfind(b"startxref")] + b"startxref\n999999\n%%EOF\n")
    out = run("outline", str(repaired), "--json")
    assert out.returncode == 0 and out.stderr == ""
    assert json.loads(out.stdout)["title"] == "中共武清开发区工委2019年工作要点"
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    out = run("outline", str(truncated))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "damaged PDF" in out.stderr
