"""PDF → plan text, read from the page layout: paragraphs whole, page furniture out, tables as
rows, heading-like lines ranked by their type.

Three steps, each in its own module:

1. `pdf_guard.check` (pypdf): the page tree within limits.MAX_PDF_PAGES, encryption, and what
   each page would cost pdfium to read, before pdfium sees the file.
2. `pdf_chars.read_page` (pdfium, through pypdfium2): each page's characters with their boxes,
   fonts and sizes, as lines; gaps between Chinese characters are layout, never spaces.
3. `pdf_layout.lay_out`: running headers, footers and page numbers out, paragraphs joined by
   their geometry, tables kept as tab-separated rows, ranks for heading-like lines.

pdfium (Apache-2.0/BSD) reads the characters with their positions and fonts some seven times
faster than pypdf and without pypdf's guesswork about spaces; pypdf stays for the structural
checks, which must run in Python to be bounded (see pdf_guard.py).

Text that cannot be decoded — fonts without a Unicode map, whose characters come out as
private-use, control or random characters — is not shown: when most of the document is like
that it is an error that suggests OCR; otherwise its lines are left out and a line in square
brackets says where. Other characters are kept exactly as the text layer has them: CJK
compatibility ideographs (U+F900…) and Kangxi radicals, which some Chinese PDF writers map glyphs
to, are not normalised; the outline parser folds them when it matches markers, and offsets stay
those of the text shown.
"""

from __future__ import annotations

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import Converted, limits, lines_to_converted
from zoneplan_tui.formats.pdf_chars import LOCK, Page, read_page
from zoneplan_tui.formats.pdf_guard import check
from zoneplan_tui.formats.pdf_layout import Laid, lay_out

# Share of a line's characters, and of the document's, that the fonts could not map to
# Unicode beyond which the line is left out, and the document refused.
_UNMAPPED_LINE = 0.3
_UNMAPPED_DOCUMENT = 0.5


def convert(data: bytes) -> Converted:
    deadline = limits.Deadline(limits.PDF_SECONDS, "a PDF")
    guarded = check(data)
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DocumentError("opening .pdf needs the pypdfium2 package") from exc
    pages: list[Page] = []
    chars = 0

    def where() -> str:
        return f"stopped at page {len(pages) + 1:,} of {guarded.pages:,}"

    with LOCK:
        try:
            document = pdfium.PdfDocument(data, password=guarded.password)
        except pdfium.PdfiumError as exc:
            raise DocumentError(f"a damaged PDF ({_reason(exc)})") from None
        try:
            total = min(len(document), guarded.pages)
            for i in range(total):
                deadline.check(where)
                if i in guarded.heavy:
                    pages.append(Page(i + 1, 0.0, 0.0, [], 0, 0))
                    continue
                page = document[i]
                try:
                    pages.append(read_page(pdfium_c, page, i + 1))
                finally:
                    page.close()
                chars += pages[-1].chars
                limits.check_text(chars)
        except pdfium.PdfiumError as exc:
            raise DocumentError(f"a damaged PDF ({_reason(exc)})") from None
        finally:
            document.close()
    return _to_text(pages, guarded.heavy)


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "(PDFium: " in text:
        return text.split("(PDFium: ", 1)[1].rstrip(".)").lower()
    return type(exc).__name__


def _to_text(pages: list[Page], heavy: frozenset[int]) -> Converted:
    total = sum(p.chars for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if total and unmapped > _UNMAPPED_DOCUMENT * total:
        bad = sum(1 for p in pages if p.unmapped > _UNMAPPED_LINE * p.chars)
        raise DocumentError(
            f"a PDF whose text layer cannot be decoded ({bad:,} of {len(pages):,} pages are set "
            "in fonts without a Unicode map); run OCR on it to read it"
        )
    notices: dict[int, str] = {}
    for page in pages:
        kept = [ln for ln in page.lines if ln.unmapped <= _UNMAPPED_LINE * len(ln.text)]
        if len(kept) < len(page.lines):
            left_out = len(page.lines) - len(kept)
            notices[page.number] = (
                f"[zoneplan: page {page.number}: {left_out} line{'s' if left_out > 1 else ''} "
                "left out, set in a font without a Unicode map; run OCR on this page to read it]"
            )
            page.lines = kept
        if page.number - 1 in heavy:
            notices[page.number] = (
                f"[zoneplan: page {page.number} left out: it draws over "
                f"{limits.MAX_PDF_PAGE_CONTENT // 2**20} MB of content, the limit for a page]"
            )
    laid = lay_out(pages)
    lines, tables, ranks = laid.lines, laid.tables, laid.ranks
    if notices:
        lines, tables, ranks = _with_notices(laid, notices)
    if not any(line.strip() and not line.startswith("[zoneplan:") for line in lines):
        if heavy and len(heavy) == len(pages):
            raise DocumentError(
                f"a PDF beyond the reader's limits (every page draws over "
                f"{limits.MAX_PDF_PAGE_CONTENT // 2**20} MB of content)"
            )
        raise DocumentError(
            f"a PDF with no text layer ({len(pages)} pages, scanned images?); run OCR on it first"
        )
    return lines_to_converted(lines, "pdf", tables, ranks)


def _with_notices(
    laid: Laid, notices: dict[int, str]
) -> tuple[list[str], list[tuple[int, int]], dict[int, int]]:
    """The laid-out lines with each notice inserted before the first line of its page (at the
    end when that page kept no line), tables and ranks moved down to match."""
    out: list[str] = []
    shift: list[int] = []  # new index of each old line
    pending = sorted(notices)
    for text, page in zip(laid.lines, laid.pages, strict=True):
        while pending and pending[0] <= page:
            out.append(notices[pending.pop(0)])
        shift.append(len(out))
        out.append(text)
    out.extend(notices[p] for p in pending)
    tables = [(shift[a - 1] + 1, shift[b - 1] + 1) for a, b in laid.tables]
    ranks = {shift[n - 1] + 1: r for n, r in laid.ranks.items()}
    return out, tables, ranks
