"""Build Word, PDF and HTML copies of a plain-text plan, the way such plans arrive.

* .docx (python-docx): `一、` and `（一）` markers are taken out of the text and put back as real
  Word list numbering (numbering.xml, chineseCounting); `一、` paragraphs get the Heading 1 style,
  which carries the numbering itself, `（一）` paragraphs Heading 2 with their own numPr. A table
  whose cells start with markers is added at the end.
* .pdf (reportlab): lines hard-wrapped at the text width in the CID font STSong-Light that
  reportlab ships (pypdf reads it back through the predefined UniGB-UCS2-H CMap), a running
  header and a `- N -` footer on every page.
* .html: a government-site page in GB2312 with a menu, breadcrumb, scripts, an article with
  `&nbsp;` indents and entities, and a footer.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from zoneplan_tui.core.outline_rules import fold, match_marker

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLE_ROWS = (
    ("序号", "任务", "责任部门"),
    ("一、", "（二）项目招商", "招商局"),
    ("二、", "三、规划", "规划局"),
)
HEADER = "武清开发区工委文件"
INFO = "发布时间：2019-03-01 来源：开发区"
MENU = ("首页", "政务公开", "政策文件", "互动交流", "办事服务", "专题专栏")


def _numbering_xml() -> str:
    def lvl(ilvl: int, text: str, style: str | None) -> str:
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'{pstyle}<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/></w:lvl>'
        )

    return (
        f'<w:abstractNum xmlns:w="{_W_NS}" w:abstractNumId="90">'
        f"{lvl(0, '%1、', 'Heading1')}{lvl(1, '(%2)', 'Heading2')}</w:abstractNum>"
    )


def _word_marker(line: str) -> tuple[int, str] | None:
    """(ilvl, text without marker) for a `一、`/`(一)` line Word numbering can render."""
    s = fold(line).strip()
    m = match_marker(s)
    if m is None or m.style[0] not in ("cn", "pcn") or m.text_start >= len(s):
        return None
    marker = line[: m.end]
    if m.style[0] == "cn" and not marker.endswith("、"):
        return None
    if m.style[0] == "pcn" and not (marker.startswith("(") and marker.endswith(")")):
        return None
    return (0 if m.style[0] == "cn" else 1), line[m.text_start :]


def make_docx(text: str, path: Path, *, table: bool = True) -> Path:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_numbering_xml()))
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{_W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    # Heading 1 takes its numbering from the style, as Word's multilevel heading lists do.
    h1 = document.styles["Heading 1"].element.get_or_add_pPr()
    h1.append(parse_xml(f'<w:numPr xmlns:w="{_W_NS}"><w:numId w:val="90"/></w:numPr>'))
    for line in text.split("\n"):
        found = _word_marker(line)
        if found is None:
            document.add_paragraph(line)
            continue
        ilvl, rest = found
        p = document.add_paragraph(rest, style="Heading 1" if ilvl == 0 else "Heading 2")
        if ilvl == 1:
            ppr = p._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr xmlns:w="{_W_NS}"><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'
                )
            )
        assert p._p.find(qn("w:pPr")) is not None
    if table:
        t = document.add_table(rows=len(TABLE_ROWS), cols=3)
        for row, cells in zip(t.rows, TABLE_ROWS, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
    document.save(str(path))
    return path


# Punctuation a Chinese typesetter never starts a line with: it hangs in the margin instead.
_NO_LINE_START = "。，、；：？！）》」』”’】〉"


def _wrap_rows(line: str, width_of, text_width: float) -> list[str]:
    """`line` cut into rows of at most `text_width`, as a Chinese typesetter sets them: closing
    punctuation hangs at the end of a row rather than start the next, and the last row holds
    at least two characters. (pdfium measures a lone character in a font that is neither
    embedded nor installed, such as STSong-Light, as empty and leaves it out of the text.)"""
    rows: list[str] = []
    current = ""
    for ch in line:
        if current and ch not in _NO_LINE_START and width_of(current + ch) > text_width:
            rows.append(current)
            current = ""
        current += ch
    if rows and len(current) == 1:
        current = rows[-1][-1] + current
        rows[-1] = rows[-1][:-1]
    rows.append(current)
    return rows


def make_pdf(
    text: str,
    path: Path,
    *,
    font_size: float = 10.5,
    header: str = HEADER,
    max_pages: int | None = None,
) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    margin = 72
    text_width = width - 2 * margin
    leading = font_size * 1.6
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    page = 1

    def start_page() -> float:
        c.setFont(font, 9)
        c.drawCentredString(width / 2, height - 40, header)
        c.drawCentredString(width / 2, 30, f"- {page} -")
        c.setFont(font, font_size)
        return height - margin

    y = start_page()
    for line in text.split("\n"):
        rows = _wrap_rows(line, lambda s: pdfmetrics.stringWidth(s, font, font_size), text_width)
        for row in rows:
            if y < margin:
                c.showPage()
                if page == max_pages:
                    c.save()
                    return path
                page += 1
                y = start_page()
            c.drawString(margin, y, row)
            y -= leading
    c.showPage()
    c.save()
    return path


def typeset_pdf(
    pages: list[list[str]],
    path: Path,
    *,
    font_size: float = 12,
    footers: list[str] | None = None,
    latin_fill: bool = False,
) -> Path:
    """A PDF of `pages`, each a list of lines drawn exactly as given (no wrapping) from the
    top-left margin in STSong-Light; "" leaves a line's space empty. `footers[i]` is drawn at
    the bottom of page i. `latin_fill`: lines of ASCII only are set in Helvetica, at the size
    that makes the first such line as wide as the widest Chinese line (a justified Latin
    paragraph)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    widest = max(
        (
            pdfmetrics.stringWidth(ln, font, font_size)
            for pg in pages
            for ln in pg
            if not ln.isascii()
        ),
        default=0.0,
    )
    latin = [ln for pg in pages for ln in pg if ln and ln.isascii()]
    latin_size = font_size
    if latin_fill and latin:
        latin_size = font_size * widest / pdfmetrics.stringWidth(latin[0], "Helvetica", font_size)
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, lines in enumerate(pages):
        y = height - 72
        for line in lines:
            if latin_fill and line and line.isascii():
                c.setFont("Helvetica", latin_size)
            else:
                c.setFont(font, font_size)
            c.drawString(72, y, line)
            y -= font_size * 1.6
        if footers is not None:
            c.setFont(font, 9)
            c.drawCentredString(width / 2, 30, footers[n])
        c.showPage()
    c.save()
    return path


def make_html(text: str, path: Path, *, encoding: str = "gb2312") -> Path:
    lines = text.split("\n")

    def para(line: str) -> str:
        escaped = html.escape(line, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
        return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{escaped}</p>"

    menu = "".join(f'<li><a href="/{i}">{n}</a></li>' for i, n in enumerate(MENU))
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
        for cells in TABLE_ROWS
    )
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{html.escape(lines[0])}_天津市武清区人民政府</title>
<style>.title {{ font-size: 20px }} /* 样式说明 */</style>
<script>var 说明 = "脚本里的中文不是正文";</script></head>
<body><div class="top"><div class="logo">天津市武清区人民政府</div>
<ul class="nav">{menu}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<div class="main"><div class="article">
<div class="title">{html.escape(lines[0])}</div>
<div class="info">{INFO}</div>
<div class="content">
{"".join(para(line) for line in lines[1:])}
<table>{rows}</table>
</div></div>
<div class="side"><h3>相关文件</h3><ul>{menu}</ul></div></div>
<div class="footer">版权所有：天津市武清区人民政府 <a href="/map">网站地图</a><br>地址：武清区</div>
<script>document.write("统计代码");</script></body></html>"""
    path.write_bytes(
        re.sub(r"\n+", "\n", page).encode("gb18030" if encoding.startswith("gb") else encoding)
    )
    return path


def remap_pdf_text(path: Path, remap: dict[str, str]) -> Path:
    """Give the STSong-Light font of `path` a ToUnicode CMap that maps the codes of some
    characters to others, as Chinese PDF writers do that map glyphs to compatibility
    ideographs (六 → U+F9D1). Every other code maps to itself (UniGB-UCS2-H codes are UCS-2)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    ranges = "".join(f"<{b:02X}00> <{b:02X}FF> <{b:02X}00>\n" for b in range(256))
    chars = "".join(f"<{ord(a):04X}> <{ord(b):04X}>\n" for a, b in remap.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"256 beginbfrange\n{ranges}endbfrange\n"
        f"{len(remap)} beginbfchar\n{chars}endbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    stream = DecodedStreamObject()
    stream.set_data(cmap.encode("ascii"))
    ref = writer._add_object(stream)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object()[NameObject("/ToUnicode")] = ref
    with path.open("wb") as f:
        writer.write(f)
    return path
