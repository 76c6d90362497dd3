"""PDF → plan text: the text layer, page chrome removed, hard-wrapped lines joined back.

pypdf (pure Python, no compiled dependencies, a few ms per page) reads the text layer page by
page. The PDF gives lines, not paragraphs, so two passes rebuild the plan as a .txt has it:

1. Page chrome. Among the first and last two lines of each page, a page number (`- 3 -`,
   `第3页`, `第3页 共20页`, `3/20`, `Page 3`, a bare `3`) is dropped, and so is a line that comes
   back, digits aside, at the top or bottom of at least half of the pages (running headers and
   footers). Text in the middle of a page is never touched.
2. Paragraphs. Chinese has no spaces, so a line wrapped at the right margin is joined to the next
   one with nothing between them (a space only between two Latin words). A line ends its paragraph
   when it ends a sentence or clause (。！？；： and ASCII ! ? ; : , also before a closing quote or
   bracket), when the next line starts with a heading marker (`一、`, `（二）`, `3.`), when a blank
   line follows, or when it is short: narrower, in display cells, than the text width of the
   document (the 90th percentile of line widths) by more than two Chinese characters or a tenth
   of the width. So titles, headings and last lines of paragraphs stay lines of their own.
   A sentence end that falls at the right margin (within 3 cells of the text width) does not
   end the paragraph: a plan paragraph holds several sentences, so a 。 at the margin is far
   more often one of them than the paragraph's last character. The cost is the rare paragraph
   whose last line is exactly full: it is joined to the next one (unless that is a heading).

Spaces next to Chinese characters are dropped (`_unspace`): they are gaps in the layout that
pypdf writes as spaces, not text. Other characters are kept exactly as the text layer has them:
CJK compatibility ideographs (U+F900…) and Kangxi radicals, which some Chinese PDF writers map
glyphs to, are not normalised; the outline parser folds them when it matches markers, and
offsets stay those of the text shown.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterator
from typing import Any

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.core.outline_rules import fold, match_marker
from zoneplan_tui.formats import Converted, limits, lines_to_converted

_QUIET = logging.NullHandler()
_EDGE = 2  # lines at the top and at the bottom of a page that may be running chrome
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－~·•]*\d{1,4}[-—–－~·•]*"
    r"|第\d{1,4}页(?:[/,，]?共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页"
    r"|\d{1,4}/\d{1,4}|(?:page|p\.)\d{1,4}(?:of\d{1,4})?)$",
    re.IGNORECASE,
)
# Chinese characters and punctuation: radicals, CJK symbols, ideographs (ext. A, unified,
# compatibility), full-width forms, and the dashes, quotes and ellipsis set full-width.
_WIDE = (
    "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\u2014-\u201f\u2026"
)
_CJK_SPACE_RE = re.compile(
    rf"(?<=[{_WIDE}]) +(?=[{_WIDE}0-9A-Za-z%])|(?<=[{_WIDE}0-9A-Za-z%]) +(?=[{_WIDE}])"
)
_SPACED_GAPS = 3
_LETTER_SPACED_RE = re.compile(r"^(?:\S ){3,}\S? ?$")
_SENTENCE_END = frozenset("。！？；：!?;:")
_CLOSERS = "”’\"'」』）)】》〉]"
_SHORT_CELLS = 4  # two Chinese characters
_MARGIN_CELLS = 3  # a line this close to the text width runs to the right margin
_PAGE_TOKENS = 200_000  # pypdf parsing budget of one page's content stream (see _pypdf_limits)


def _unspace(line: str) -> str:
    """Drop the spaces a text layer puts into Chinese. pypdf turns a positioning gap of 0.3 em
    or more into a space, and justified or letter-spaced lines are full of them (`坚 持 稳 中`):
    a line of single characters each followed by one space loses them all; a line with three or
    more spaces next to Chinese characters (on the other side Chinese, a digit, a letter or %)
    loses those. One or two stay: they may be typed, as in an unfilled date `2019年 月 日`."""
    if " " not in line:
        return line
    if _LETTER_SPACED_RE.match(line):
        return line.replace(" ", "")
    if len(_CJK_SPACE_RE.findall(line)) >= _SPACED_GAPS:
        return _CJK_SPACE_RE.sub("", line)
    return line


def _width(line: str) -> int:
    # Ambiguous-width characters (“ ” ‘ ’ … — ·) are set full-width in Chinese text.
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)


def _chrome_key(line: str) -> str:
    return re.sub(r"\d+", "#", "".join(line.split()))


def _strip_chrome(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers from the edges of each page."""

    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_chrome_key(lines[i]) for i in edges(lines)})
    repeated = max(2, (len(pages) + 1) // 2)
    out = []
    for lines in pages:
        drop = set()
        for i in edges(lines):
            key = _chrome_key(lines[i])
            if _PAGE_NUMBER_RE.match("".join(lines[i].split())) or (
                len(pages) > 1 and seen[key] >= repeated
            ):
                drop.add(i)
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


def _ends_paragraph(line: str) -> bool:
    end = fold(line.rstrip(_CLOSERS))
    return bool(end) and end[-1] in _SENTENCE_END


def _starts_heading(line: str) -> bool:
    s = fold(line).strip()
    m = match_marker(s)
    if m is None or m.text_start >= len(s):
        return False
    # `2.5万吨` at a line start is a wrapped number, `2.5 总则` a heading: decimals need a gap
    return m.style[0] != "dec" or m.text_start > m.end


def _joiner(left: str, right: str) -> str:
    a, b = left[-1], right[0]
    latin = a.isascii() and b.isascii() and b.isalpha() and (a.isalpha() or a in ",.;:")
    return " " if latin else ""


def join_lines(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from hard-wrapped lines (the rule is in the module docstring)."""
    widths = sorted(_width(line) for line in lines if line)
    if not widths:
        return []
    full = widths[min(len(widths) - 1, len(widths) * 9 // 10)]
    short = full - max(_SHORT_CELLS, full // 10)
    margin = full - _MARGIN_CELLS
    out: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if not line:
            if current:
                out.append(current)
                current = ""
            if out and out[-1]:
                out.append("")
            continue
        current = current + _joiner(current, line) + line if current else line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        width = _width(line)
        ends = _ends_paragraph(line) and width < margin
        if not nxt or ends or width < short or _starts_heading(nxt):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _trim(lines: list[str]) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def convert(data: bytes) -> Converted:
    # pypdf logs its repairs of damaged files ("incorrect startxref pointer") and with no
    # handler configured Python prints them on stderr: over the reader's screen, or around the
    # CLI's one-line error. The file opens or fails just the same, so they are dropped.
    logging.getLogger("pypdf").addHandler(_QUIET)
    with warnings.catch_warnings(), _pypdf_limits() as page_bounded:
        warnings.simplefilter("ignore")
        return _convert(data, page_bounded)


@contextlib.contextmanager
def _pypdf_limits() -> Iterator[bool]:
    """pypdf 7 bounds the tokens of one page's content stream at 2 million, some 6 s of
    parsing that no page of a plan needs (a dense page is ~10,000); a tenth of it keeps one
    page within a second or so. Yields whether pypdf has that bound: without it (an older
    pypdf) the Deadline is also checked between the text operations of a page."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None or not hasattr(pypdf.get_configuration(), "stream_parsing_work_maximum_count"):
        yield False
        return
    with apply(stream_parsing_work_maximum_count=_PAGE_TOKENS):
        yield True


def _count_pages(reader: Any) -> int:
    """Pages in the page tree, refusing more than limits.MAX_PDF_PAGES before pypdf lists them: a
    tree can name one page 100,000 times in a few hundred KB, and its /Count may lie. The walk
    visits each reference once (a cycle runs out of budget too); a node with /Kids is a node,
    anything else a page, as pypdf counts them."""
    cap = limits.MAX_PDF_PAGES
    root = reader.trailer["/Root"]["/Pages"].get_object()
    declared = root.get("/Count")
    if isinstance(declared, int) and declared > cap:
        raise _too_many_pages(declared)
    budget = 2 * cap + 100  # references to walk, pages and nodes together
    pages = 0
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            pages += 1
            if pages > cap:
                raise _too_many_pages(pages, more=True)
            continue
        kids = kids.get_object()
        budget -= len(kids)
        if budget < 0:
            raise _too_many_pages(pages + len(kids), more=True)
        stack.extend(kid.get_object() for kid in kids)
    return pages


def _too_many_pages(pages: int, more: bool = False) -> DocumentError:
    over = "at least " if more else ""
    return DocumentError(
        f"a PDF of {over}{pages:,} pages, over the limit of {limits.MAX_PDF_PAGES:,}"
    )


def _convert(data: bytes, page_bounded: bool) -> Converted:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DocumentError("opening .pdf needs the pypdf package") from exc
    deadline = limits.Deadline(limits.PDF_SECONDS, "a PDF")
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many published PDFs only restrict printing: an empty user password opens them.
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("an encrypted PDF that needs a password to open")
        total = _count_pages(reader)
        pages: list[list[str]] = []
        chars = 0

        def where() -> str:
            return f"stopped at page {len(pages) + 1:,} of {total:,}"

        def visit(*_args: object) -> None:
            deadline.check(where)

        visitor = None if page_bounded else visit  # a call per text operation: 1 % of a page

        for page in reader.pages:
            deadline.check(where)
            text = page.extract_text(visitor_text=visitor) or ""
            chars += len(text)
            limits.check_text(chars)
            pages.append(text.split("\n"))
    except DocumentError:
        raise
    except DependencyError:  # AES encryption needs a crypto library pypdf does not bundle
        raise DocumentError(
            "an encrypted PDF; opening it needs the 'cryptography' package"
        ) from None
    except Exception as exc:  # pypdf raises its own errors, but also KeyError, ValueError …
        if type(exc).__name__ == "LimitReachedError":  # pypdf 7's resource limits
            raise DocumentError(f"a PDF beyond the reader's limits ({exc})") from None
        raise DocumentError(f"a damaged PDF ({type(exc).__name__})") from None
    pages = [[_unspace(line.strip()) for line in lines] for lines in pages]
    # Blank lines at a page's edges are page layout, not paragraph breaks: drop them so a
    # paragraph running over a page break is joined like any other wrapped line.
    lines = [line for page in _strip_chrome(pages) for line in _trim(page)]
    text_lines = join_lines(lines)
    while text_lines and not text_lines[-1]:
        text_lines.pop()
    if not any(line.strip() for line in text_lines):
        raise DocumentError(
            f"a PDF with no text layer ({len(pages)} pages, scanned images?); run OCR on it first"
        )
    return lines_to_converted(text_lines, "pdf", [])
