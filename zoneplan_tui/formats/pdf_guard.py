"""What a PDF will cost pdfium, measured with pypdf before pdfium sees it.

pdfium is fast, but native: it cannot be stopped part-way through a page, and when an
allocation fails it aborts the process instead of raising (a content stream that inflates to
gigabytes takes the app down with it). So the structure is read first with pypdf, which is pure
Python and bounded: the page tree is walked within limits.MAX_PDF_PAGES (its /Count may lie),
and for each page the streams pdfium would decode to read its text — the content, the forms it
draws (as often as it draws them), the fonts with their programs and character maps — are
inflated a chunk at a time against budgets, never past them. A page over
limits.MAX_PDF_PAGE_CONTENT is left out (`Guarded.heavy`); all streams together are held to
limits.MAX_PDF_DECODED.

pypdf also decides what pdfium is told about encryption: a file that opens with the empty user
password (the usual "no printing" restriction) is read, any other is refused.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import limits

_QUIET = logging.NullHandler()
_PAGE_TOKENS = 200_000  # pypdf's parsing budget of one content stream (see _pypdf_limits)
# Keys under which a page's resources lead to streams pdfium decodes for its text.
_FOLLOW = frozenset(
    {
        "/Resources",
        "/XObject",
        "/Font",
        "/DescendantFonts",
        "/FontDescriptor",
        "/FontFile",
        "/FontFile2",
        "/FontFile3",
        "/ToUnicode",
        "/Encoding",
        "/CharProcs",
    }
)
_DEPTH = 12  # forms inside forms, fonts inside Type3 glyphs …
_DO_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Guarded:
    pages: int  # pages in the page tree
    heavy: frozenset[int]  # 0-based pages whose drawing is over the limit: not read
    password: str | None  # None: not encrypted; "" opens it


def check(data: bytes) -> Guarded:
    """The page count and the pages pdfium may read. Raises DocumentError for a damaged,
    locked or oversized file."""
    logging.getLogger("pypdf").addHandler(_QUIET)
    with warnings.catch_warnings(), _pypdf_limits():
        warnings.simplefilter("ignore")
        try:
            return _check(data)
        except DocumentError:
            raise
        except Exception as exc:  # pypdf raises its own errors, but also KeyError, ValueError …
            if type(exc).__name__ == "LimitReachedError":  # pypdf 7's resource limits
                raise DocumentError(f"a PDF beyond the reader's limits ({exc})") from None
            if type(exc).__name__ == "DependencyError":  # AES needs a crypto library
                raise DocumentError(
                    "an encrypted PDF; opening it needs the 'cryptography' package"
                ) from None
            raise DocumentError(f"a damaged PDF ({type(exc).__name__})") from None


@contextlib.contextmanager
def _pypdf_limits() -> Iterator[None]:
    """pypdf 7 bounds the tokens of one content stream it parses at 2 million; the guard
    parses none, but a tenth of it keeps any that pypdf parses on its own within a second."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None or not hasattr(pypdf.get_configuration(), "stream_parsing_work_maximum_count"):
        yield
        return
    with apply(stream_parsing_work_maximum_count=_PAGE_TOKENS):
        yield


def _check(data: bytes) -> Guarded:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    password = None
    if reader.is_encrypted:
        if not reader.decrypt(""):
            raise DocumentError("an encrypted PDF that needs a password to open")
        password = ""
    total = count_pages(reader)
    budget = _Budget(limits.MAX_PDF_DECODED)
    heavy = frozenset(
        i
        for i, page in enumerate(_pages(reader, total))
        if _drawing(page, budget) > limits.MAX_PDF_PAGE_CONTENT
    )
    return Guarded(total, heavy, password)


def count_pages(reader: Any) -> int:
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


def _pages(reader: Any, total: int) -> Iterator[Any]:
    for i, page in enumerate(reader.pages):
        if i >= total:
            return
        yield page


class _Budget:
    """Bytes that may still be inflated, all streams of the file together; each stream is
    inflated once (`sizes` remembers it by object)."""

    def __init__(self, total: int) -> None:
        self.left = total
        self.sizes: dict[int, int] = {}

    def size(self, stream: Any) -> int:
        ref = getattr(stream, "indirect_reference", None)
        key = id(stream) if ref is None else hash((ref.idnum, ref.generation))
        if key not in self.sizes:
            cap = min(self.left, limits.MAX_PDF_DECODED) + 1
            n = _decoded_size(stream, cap)
            if n >= cap:
                raise DocumentError(
                    f"a PDF beyond the reader's limits (over {limits.MAX_PDF_DECODED // 2**20} MB "
                    "of page content and fonts)"
                )
            self.left -= n
            self.sizes[key] = n
        return self.sizes[key]


def _decoded_size(stream: Any, cap: int) -> int:
    """Bytes `stream` decodes to, or `cap` once it would reach it. Flate (nearly every stream
    of a PDF) is inflated here a chunk at a time; other filters through pypdf's own limits."""
    filters = stream.get("/Filter")
    if filters is None:
        return min(len(stream._data), cap)
    names = [str(f) for f in (filters if isinstance(filters, list) else [filters])]
    if names == ["/FlateDecode"] or names == ["/Fl"]:
        inflater = zlib.decompressobj()
        raw = stream._data
        size = 0
        try:
            for at in range(0, len(raw), _CHUNK):
                size += len(inflater.decompress(raw[at : at + _CHUNK], cap - size + 1))
                while inflater.unconsumed_tail and size < cap:
                    size += len(inflater.decompress(inflater.unconsumed_tail, cap - size + 1))
                if size >= cap:
                    return cap
        except zlib.error:
            return size  # pdfium stops at the damage too
        return size
    if any(n in ("/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode") for n in names):
        return len(stream._data)  # images: not decoded to read text
    return min(len(stream.get_data()), cap)


def _drawing(page: Any, budget: _Budget) -> int:
    """Bytes of content pdfium parses for a page: its content streams, and each form as many
    times as the content draws it, fonts counted once for the whole file."""
    streams = list(_streams(page.get("/Contents")))
    size = 0
    for stream in streams:
        size += budget.size(stream)
        if size > limits.MAX_PDF_PAGE_CONTENT:
            return size
    resources = page.get("/Resources")
    # the names a page draws are read only when it has forms to draw
    drawn = b"".join(_names_drawn(s) for s in streams) if _has_forms(resources) else b""
    return size + _resources(resources, drawn, budget, _DEPTH, size)


def _has_forms(res: Any) -> bool:
    res = res.get_object() if res is not None else None
    xobjects: Any = res.get("/XObject") if hasattr(res, "get") else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    return hasattr(xobjects, "values") and any(
        x.get_object().get("/Subtype") == "/Form" for x in xobjects.values()
    )


def _streams(contents: Any) -> Iterator[Any]:
    if contents is None:
        return
    contents = contents.get_object()
    if isinstance(contents, list):
        for item in contents:
            item = item.get_object()
            if hasattr(item, "_data"):
                yield item
    elif hasattr(contents, "_data"):
        yield contents


def _names_drawn(stream: Any) -> bytes:
    """The names the stream draws with `Do`, space-separated (the few a page uses). Only
    Flate content is searched; a form drawn through another filter counts once."""
    try:
        data = stream.get_data() if len(stream._data) <= limits.MAX_PDF_PAGE_CONTENT else b""
    except Exception:
        return b""
    return b" ".join(_DO_RE.findall(data[: limits.MAX_PDF_PAGE_CONTENT])) + b" "


def _resources(res: Any, drawn: bytes, budget: _Budget, depth: int, size: int) -> int:
    """Bytes of the forms drawn from `res`, weighted by how often; fonts go to the budget."""
    if res is None or depth <= 0:
        return 0
    res = res.get_object()
    if not hasattr(res, "get"):
        return 0
    extra = 0
    xobjects: Any = res.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else None
    if hasattr(xobjects, "items"):
        for name, ref in xobjects.items():
            obj = ref.get_object()
            if obj.get("/Subtype") != "/Form":
                continue
            times = drawn.count(name[1:].encode("latin-1", "replace") + b" ")
            if not times:
                continue
            form = budget.size(obj)
            extra += times * form
            if size + extra > limits.MAX_PDF_PAGE_CONTENT:
                return extra
            inner = obj.get("/Resources")
            drawn_inside = _names_drawn(obj) if _has_forms(inner) else b""
            extra += times * _resources(inner, drawn_inside, budget, depth - 1, 0)
            if size + extra > limits.MAX_PDF_PAGE_CONTENT:
                return extra
    fonts: Any = res.get("/Font")
    fonts = fonts.get_object() if fonts is not None else None
    if hasattr(fonts, "values"):
        for font in fonts.values():
            _font(font, budget, depth - 1, set())
    return extra


def _font(obj: Any, budget: _Budget, depth: int, seen: set[int]) -> None:
    """Charge the font programs, character maps and Type3 glyphs under a font (or a font
    dictionary's part) to the file's budget."""
    obj = obj.get_object()
    if depth <= 0 or id(obj) in seen:
        return
    seen.add(id(obj))
    if hasattr(obj, "_data"):
        budget.size(obj)
    if isinstance(obj, list):
        for item in obj:
            _font(item, budget, depth - 1, seen)
        return
    if not hasattr(obj, "items"):
        return
    for key, value in obj.items():
        if key not in _FOLLOW:
            continue
        value = value.get_object()
        # dictionaries keyed by names of the document's choosing: follow every entry
        named = key in ("/Font", "/XObject", "/CharProcs") and hasattr(value, "values")
        for item in value.values() if named else [value]:
            _font(item, budget, depth - 1, seen)
