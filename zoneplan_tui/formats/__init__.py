"""Converters that turn Word, PDF and saved web pages into plan text.

`convert(path, data)` picks a converter by magic bytes first and the suffix second, so a PDF
saved as `.txt` still opens and a `.docx` that is not a zip is a clear error. It returns None for
plain text, which `document.load_document` decodes itself. Besides the text, a converter reports
what the file's layout says about its lines: the tables it flattened and the typographic rank of
heading-like lines (`core.document.Hints`). The converters import their libraries (python-docx,
pypdf, pypdfium2) only when a file of their format is opened, so `zoneplan --help` and .txt plans
never pay for them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zoneplan_tui.core.errors import DocumentError

CONVERTED_SUFFIXES = (".docx", ".pdf", ".html", ".htm")
_CONTROLS = dict.fromkeys(c for c in [*range(32), 127] if c != 9)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, .xls, .wps


@dataclass(frozen=True)
class Converted:
    text: str  # LF line ends only: table ranges count lines of exactly this text
    encoding: str  # "docx", "pdf", "html:gb18030" ...
    tables: tuple[tuple[int, int], ...] = ()  # 1-based (first, last) lines of flattened tables
    ranks: tuple[tuple[int, int], ...] = ()  # (1-based line, rank): 1 the most prominent heading


def sniff(suffix: str, data: bytes) -> str | None:
    """The converter for these bytes: "docx", "pdf", "html", or None for plain text."""
    suffix = suffix.lower()
    if data[:1024].find(b"%PDF-") != -1 and (data.startswith(b"%PDF-") or suffix == ".pdf"):
        return "pdf"  # some writers put junk before the header; readers accept it in 1 KB
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        if suffix == ".docx":
            raise DocumentError("a damaged Word document (a zip without word/document.xml)")
        return None  # another zip: the text decoder calls it binary
    if data.startswith(_OLE) and suffix in (".doc", ".docx"):
        raise DocumentError("an old Word 97-2003 .doc file; save it as .docx and open that")
    if suffix == ".docx":
        raise DocumentError("not a Word document (a .docx is a zip archive; this is not)")
    if suffix == ".pdf":
        raise DocumentError("not a PDF file (no %PDF header)")
    if suffix in (".html", ".htm") or _looks_html(data):
        return "html"
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _looks_html(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def convert(path: Path, data: bytes) -> Converted | None:
    """A Word, PDF or HTML file converted; None for plain text. Raises DocumentError."""
    kind = sniff(path.suffix, data)
    if kind == "docx":
        from zoneplan_tui.formats import docx

        return docx.convert(data)
    if kind == "pdf":
        from zoneplan_tui.formats import pdf

        return pdf.convert(data)
    if kind == "html":
        from zoneplan_tui.formats import html

        return html.convert(data)
    return None


def lines_to_converted(
    lines: list[str],
    encoding: str,
    tables: list[tuple[int, int]],
    ranks: dict[int, int] | None = None,
) -> Converted:
    """Join converter output lines, dropping control characters (CR, NUL, form feeds and the
    odd byte a PDF text layer carries) other than tab: they would only show as boxes."""
    text = "\n".join(line.translate(_CONTROLS) for line in lines)
    ranked = tuple(sorted((ranks or {}).items()))
    return Converted(text=text, encoding=encoding, tables=tuple(tables), ranks=ranked)
