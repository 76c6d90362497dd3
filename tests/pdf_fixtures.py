"""PDFs laid out the way real ones are, built for the reader's tests (never fetched files).

* `Row`s drawn where a typesetter puts them: a hanging number with its text indented under it,
  a first-line indent, a heading set larger and bold (reportlab's STSong-Light has no bold
  face: bold is drawn as the fill-and-stroke text mode Word uses for it).
* `set_pages` adds a running header and a page number to every page.
* `set_sample` typesets a plain-text plan with reportlab's SimpleDocTemplate, one Paragraph a
  line, CJK word wrap: the way the issue found sample 001 losing its `四、` and `五、`.
* `spaced_line` draws a line with chosen gaps between its characters: letter-spaced titles
  (`單 位 預 算`) and justified lines whose gaps widen in one place (`一 億元`).

STSong-Light is not embedded, and without a Chinese font installed pdfium measures its glyphs
as empty: it then leaves out a text object of one Chinese character, and one that repeats an
earlier object's text at the same left edge. The fixtures draw neither (real PDFs embed their
fonts, and pdfium measures those).
* `type3_pdf` writes by hand a PDF whose font has no Unicode map (a Type3 font with meaningless
  glyph names and no ToUnicode), which a text layer cannot be read from; `join_pdfs` puts
  such pages among readable ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT = "STSong-Light"
MARGIN = 72.0


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def width_of(text: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    _register()
    return pdfmetrics.stringWidth(text, FONT, size)


@dataclass(frozen=True)
class Row:
    text: str
    x: float = MARGIN  # left edge
    size: float = 12.0
    bold: bool = False
    gap: float = 0.0  # extra space above the row, in points


def wrap(text: str, first_x: float, rest_x: float, size: float, right: float) -> list[Row]:
    """`text` cut into rows between `first_x` (first row) or `rest_x` (the others) and `right`,
    closing punctuation hanging at the end of a row as a Chinese typesetter sets it."""
    rows: list[Row] = []
    current, x = "", first_x
    for ch in text:
        if current and ch not in "。，、；：？！）》”" and x + width_of(current + ch, size) > right:
            rows.append(Row(current, x, size))
            current, x = "", rest_x
        current += ch
    rows.append(Row(current, x, size))
    return rows


def set_pages(
    pages: list[list[Row]],
    path: Path,
    *,
    header: str | None = None,
    numbers: str | None = "- {} -",
    leading: float = 1.6,
) -> Path:
    """A PDF of `pages` of rows, each row at its x from the top margin down, with a running
    `header` and a page number (`numbers` formatted with it) on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, rows in enumerate(pages, 1):
        if header is not None:
            c.setFont(FONT, 9)
            c.drawCentredString(width / 2, height - 40, header)
        if numbers is not None:
            c.setFont(FONT, 9)
            c.drawCentredString(width / 2, 30, numbers.format(n))
        y = height - MARGIN
        for row in rows:
            y -= row.gap
            c.saveState()  # the text render mode would outlast the row
            text = c.beginText(row.x, y)
            text.setFont(FONT, row.size)
            if row.bold:
                text.setTextRenderMode(2)  # fill and stroke: bold as Word draws it
            text.textOut(row.text)
            c.drawText(text)
            c.restoreState()
            y -= row.size * leading
        c.showPage()
    c.save()
    return path


def spaced_line(c: object, x: float, y: float, text: str, size: float, gaps: list[float]) -> None:
    """Draw `text` as one text object whose characters are moved apart, `gaps[i]` points
    after character i (a TJ array, as justified and letter-spaced lines are written)."""
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    c.setFont(FONT, size)
    font = c._doc.getInternalFontName(FONT)
    parts = []
    for i, ch in enumerate(text):
        parts.append(f"<{ch.encode('utf-16-be').hex()}>")
        if i < len(gaps) and gaps[i]:
            parts.append(f"{-gaps[i] * 1000 / size:.1f}")
    c._code.append(f"BT {font} {size} Tf {x} {y} Td [{' '.join(parts)}] TJ ET")


def set_sample(text: str, path: Path, pagesize: tuple[float, float]) -> Path:
    """A plain-text plan typeset with SimpleDocTemplate: STSong-Light 10.5 pt, CJK word
    wrap, one Paragraph a line, default margins."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _register()
    style = ParagraphStyle("plan", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    doc = SimpleDocTemplate(str(path), pagesize=pagesize)
    doc.build([Paragraph(escape(line), style) for line in text.split("\n") if line.strip()])
    return path


def type3_pdf(path: Path, lines: list[bytes], pages: int = 1) -> Path:
    """A PDF whose every page shows `lines` (bytes 1–40) in a Type3 font whose glyphs are
    named /g1 … /g40 and that has no ToUnicode map: a viewer draws boxes, no reader can tell
    which characters they are."""
    names = b" ".join(b"/g%d" % i for i in range(1, 41))
    procs = b" ".join(b"/g%d 6 0 R" % i for i in range(1, 41))
    glyph = b"500 0 0 0 400 600 d1 0 0 400 600 re f"
    content = b"".join(
        b"BT /T3 12 Tf 72 %d Td <%s> Tj ET\n" % (720 - 20 * n, line.hex().encode())
        for n, line in enumerate(lines)
    )
    kids = b" ".join(b"%d 0 R" % (7 + k) for k in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 600]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs 5 0 R"
        b" /Encoding << /Type /Encoding /Differences [1 " + names + b"] >>"
        b" /FirstChar 1 /LastChar 40 /Widths [" + b"500 " * 40 + b"] /Resources << >> >>",
        b"<< " + procs + b" >>",
        b"<< /Length %d >>\nstream\n" % len(glyph) + glyph + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /T3 4 0 R >> >> >>"
    ] * pages
    return write_pdf(objects, path)


def join_pdfs(parts: list[Path], path: Path) -> Path:
    """The pages of `parts`, one after the other."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(str(part)).pages:
            writer.add_page(page)
    with path.open("wb") as f:
        writer.write(f)
    return path


def write_pdf(objects: list[bytes], path: Path) -> Path:
    """A PDF file of these objects (numbered from 1, the catalog first) with its cross-reference
    table and trailer: the hand-built files of the reader and hostile tests."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
