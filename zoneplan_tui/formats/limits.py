"""What reading one input file may cost, and the helpers that hold every reader to it.

The bar (issue 11): any input file ends in at most about 10 s and 1 GB with a result or a
one-line error. A reader is given bytes read under a cap from a regular file (`read_capped`);
the Word reader inflates its zip through `zip_guard` before python-docx sees it; the HTML and
PDF readers stop at a tag or page count and at a `Deadline`. Each limit is far above what a
real plan reaches (the figure beside it says how far), and each error names the limit it hit,
so a user can tell a file that is not a plan from a bug. docs/formats.md lists them.

The constants live here, not in the readers, so that a replacement reader (as the layout-aware
PDF reader of issue 12 replaced pypdf's text extraction) keeps the same limits and messages.
"""

from __future__ import annotations

import os
import stat
import time
import zipfile
from collections.abc import Callable

from zoneplan_tui.core.errors import DocumentError

MiB = 2**20

# Any plan file as stored. A plan is rarely over 2 MB; a PDF with scanned pages may be tens.
MAX_FILE_BYTES = 50 * MiB
# A notes export given to `zoneplan notes import`: some 60,000 notes of a page each.
MAX_IMPORT_BYTES = 100 * MiB
# The plan's text once decoded or converted. A 2 MB plan is some 700,000 characters; the
# figures of 3 million characters dense with numbers take about 6 s to find and print.
MAX_TEXT_CHARS = 3_000_000

# Word. A .docx is a zip of XML parts, and python-docx inflates and parses each part it loads
# whole, so a small zip can hold gigabytes. Real plans: a few dozen members, a few MB inflated,
# 25,000 XML tags for 200,000 characters in a run a paragraph (several times more in files
# that cut runs every few characters).
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_INFLATED = 200 * MiB  # all members together
MAX_XML_PART = 100 * MiB  # any one XML part
MAX_XML_TAGS = 1_000_000  # all XML parts together; about 2 s to read a million

# Web pages. html.parser costs a few microseconds a tag; real pages have a few thousand.
MAX_HTML_TAGS = 500_000
MAX_HTML_DEPTH = 200  # elements nested deeper are flattened into their ancestor
HTML_SECONDS = 5.0

# PDF. pdfium reads a plan page in a few ms; plans run to a few hundred pages. pdfium cannot
# be stopped inside a page and aborts when memory runs out, so pdf_guard.py measures first: a
# plan page draws with 10–300 KB of content (4 MB takes pdfium about 0.1 s), and the page
# content, forms and fonts of a whole plan inflate to a few MB (an embedded Chinese font is
# the largest part, up to 20 MB).
MAX_PDF_PAGES = 2_000
PDF_SECONDS = 5.0
MAX_PDF_PAGE_CONTENT = 4 * MiB  # a page drawing more than this is left out
MAX_PDF_DECODED = 256 * MiB  # all page content, forms and fonts of the file together

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_special(mode: int, what: str = "a plan") -> None:
    if stat.S_ISDIR(mode):
        raise DocumentError("is a directory")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise DocumentError(f"not a regular file ({kind}); {what} is a file")


def _too_big(size: int, limit: int, what: str = "a plan") -> DocumentError:
    mb, cap = size / MiB, limit / MiB  # MiB, as the README's "50 MB"
    return DocumentError(f"{mb:.1f} MB is over the {cap:.0f} MB limit for {what}")


def read_capped(
    path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, *, what: str = "a plan"
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. FIFOs, devices and sockets are
    refused before anything is read (a FIFO would block, /dev/zero never ends), and the read
    stops at `limit + 1` bytes whatever the file's size said. Raises DocumentError with a
    message that does not name the file (the caller adds it); `what` the file is for the
    message ("a plan", "a notes export")."""
    try:
        _refuse_special(os.stat(path).st_mode, what)
        # O_NONBLOCK: should the path become a FIFO after the stat, the open does not wait
        # for a writer; fstat then sees what was really opened.
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as exc:
        raise DocumentError(f"cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # a NUL in the path
        raise DocumentError(f"cannot read ({exc})") from None
    with open(fd, "rb", closefd=True) as f:
        try:
            st = os.fstat(fd)
            _refuse_special(st.st_mode, what)
            if st.st_size > limit:
                raise _too_big(st.st_size, limit, what)
            data = f.read(limit + 1)
        except OSError as exc:
            raise DocumentError(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:  # grew since the fstat, or a file system that reports no size
        raise _too_big(max(len(data), st.st_size), limit, what)
    return data


def check_text(chars: int) -> None:
    """Refuse a plan whose text is over MAX_TEXT_CHARS (converters call it as they go)."""
    if chars > MAX_TEXT_CHARS:
        raise DocumentError(f"over {MAX_TEXT_CHARS:,} characters of text, the limit for a plan")


def _inflated(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> tuple[int, int]:
    """(bytes, XML tags) of one member, inflated a chunk at a time and never past `budget`
    bytes: the sizes a zip declares may lie, the stream cannot."""
    size = tags = 0
    xml = info.filename.endswith((".xml", ".rels"))
    tail = b""
    with z.open(info) as f:
        while chunk := f.read(MiB):
            size += len(chunk)
            if size > budget:
                return size, tags
            if xml:
                # Tags open with "<" not followed by "/": an upper bound on elements that
                # costs nothing (comments and declarations count too). `tail` carries a "<"
                # that ends one chunk to the next.
                joined = tail + chunk
                tags += joined.count(b"<") - joined.count(b"</") - tail.count(b"<")
                tail = chunk[-1:]
    return size, tags


def zip_guard(data: bytes) -> None:
    """Refuse a Word file whose zip would inflate past the limits: too many members, a part
    over MAX_XML_PART, all parts over MAX_ZIP_INFLATED, or over MAX_XML_TAGS tags. Only the
    declared sizes are trusted to refuse early; what is accepted is measured."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise DocumentError(
                    f"a Word document of {len(members):,} zip members, over the limit of "
                    f"{MAX_ZIP_MEMBERS:,}"
                )
            total = tags = 0
            for info in members:
                xml = info.filename.endswith((".xml", ".rels"))
                part_cap = MAX_XML_PART if xml else MAX_ZIP_INFLATED
                budget = min(part_cap, MAX_ZIP_INFLATED - total)
                size = info.file_size
                if size <= budget:
                    size, part_tags = _inflated(z, info, budget)
                    tags += part_tags
                if size > part_cap:
                    raise DocumentError(
                        f"a Word document whose {info.filename} inflates to over "
                        f"{part_cap // MiB} MB, the limit for one part"
                    )
                total += size
                if total > MAX_ZIP_INFLATED:
                    raise DocumentError(
                        f"a Word document that inflates to over {MAX_ZIP_INFLATED // MiB} MB, "
                        "the limit for a plan"
                    )
                if tags > MAX_XML_TAGS:
                    raise DocumentError(
                        f"a Word document of over {MAX_XML_TAGS:,} XML tags, the limit for a plan"
                    )
    except DocumentError:
        raise
    except NotImplementedError:  # a compression method zipfile does not know
        raise DocumentError("a damaged Word document (unknown zip compression)") from None
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, RuntimeError (encrypted) …
        raise DocumentError(f"a damaged Word document ({type(exc).__name__})") from None


class Deadline:
    """A time budget for one conversion. `check` raises once it is spent; `what` says how
    far the reader got, for the message."""

    def __init__(self, seconds: float, kind: str) -> None:
        self.seconds = seconds
        self.kind = kind
        self.end = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() > self.end

    def check(self, where: Callable[[], str] | None = None) -> None:
        if time.monotonic() > self.end:
            at = f" ({where()})" if where is not None else ""
            raise DocumentError(
                f"{self.kind} that takes over {self.seconds:g} s to read, the limit for a plan{at}"
            )
