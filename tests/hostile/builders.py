"""Builders of hostile input files: bombs, special files, odd names and charsets, damaged indexes.

Each builder writes into a folder it is given and returns the path. Big files are cheap to make
and small on disk: a Word bomb is a few MB of deflate blocks that inflate to GiBs, pages of a PDF
are one object referred to many times, and long text is streamed to the file in chunks.
"""

from __future__ import annotations

import os
import random
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from tests.pdf_fixtures import write_pdf

GiB = 2**30
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
PLAN = "2019年工作要点\n一、总体要求\n全年地区生产总值增长8%，固定资产投资100亿元以上。\n"

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
)
_DOC_TAIL = b"</w:body></w:document>"


class _Member:
    """A zip member as raw deflate data: chunks that are written as they are produced."""

    def __init__(self, name: str, pieces: Iterable[tuple[bytes, bytes, int]]) -> None:
        # pieces: (uncompressed chunk, its deflate output, how many times it repeats)
        self.name = name
        self.pieces = list(pieces)
        self.crc = 0
        self.size = 0
        for raw, _packed, times in self.pieces:
            for _ in range(times):
                self.crc = zlib.crc32(raw, self.crc)
            self.size += len(raw) * times
        self.packed_size = sum(len(p) * t for _, p, t in self.pieces) + len(_FINISH)


def _deflate(raw: bytes) -> bytes:
    """Raw deflate of `raw` ending in a full flush: the output does not depend on what came
    before, so the same bytes can be written again for every repeat of `raw`."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(raw) + c.flush(zlib.Z_FULL_FLUSH)


_FINISH = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty last block


def _write_zip(path: Path, members: list[_Member]) -> Path:
    central = b""
    with path.open("wb") as f:
        for m in members:
            offset = f.tell()
            name = m.name.encode()
            fields = (20, 0, 8, 0, 0x21, m.crc, m.packed_size, m.size, len(name), 0)
            f.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + name)
            for _raw, packed, times in m.pieces:
                for _ in range(times):
                    f.write(packed)
            f.write(_FINISH)
            central += (
                b"PK\x01\x02"
                + struct.pack("<HH", 20, 20)
                + struct.pack("<HHHHIIIHHHHHII", *fields[1:], 0, 0, 0, 0, offset)
                + name
            )
        start = f.tell()
        f.write(central)
        count = len(members)
        f.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), start, 0))
    return path


def _small(name: str, data: bytes) -> _Member:
    return _Member(name, [(data, _deflate(data), 1)])


def docx_from_parts(path: Path, body: Iterable[tuple[bytes, int]]) -> Path:
    """A Word file whose document.xml is the head, then each (chunk, times), then the tail."""
    pieces = [(_DOC_HEAD, _deflate(_DOC_HEAD), 1)]
    pieces += [(raw, _deflate(raw), times) for raw, times in body]
    pieces.append((_DOC_TAIL, _deflate(_DOC_TAIL), 1))
    members = [
        _small("[Content_Types].xml", _CONTENT_TYPES),
        _small("_rels/.rels", _RELS),
        _Member("word/document.xml", pieces),
    ]
    return _write_zip(path, members)


def docx_bomb_paragraphs(path: Path, inflated: int = 2 * GiB) -> Path:
    """document.xml inflating to `inflated` bytes of tiny paragraphs (a 2 GiB one is ~6 MB)."""
    chunk = PARAGRAPH * (2**20 // len(PARAGRAPH))
    return docx_from_parts(path, [(chunk, inflated // len(chunk))])


def docx_bomb_text_node(path: Path, inflated: int = 2 * GiB) -> Path:
    """One paragraph whose single text node inflates to `inflated` bytes."""
    chunk = b"x" * 2**20
    body = [(b"<w:p><w:r><w:t>", 1), (chunk, inflated // len(chunk)), (b"</w:t></w:r></w:p>", 1)]
    return docx_from_parts(path, body)


def docx_many_members(path: Path, count: int = 20_000) -> Path:
    """A valid Word file with `count` extra (empty) members in its zip."""
    members = [
        _small("[Content_Types].xml", _CONTENT_TYPES),
        _small("_rels/.rels", _RELS),
        _small("word/document.xml", _DOC_HEAD + PARAGRAPH + _DOC_TAIL),
    ]
    members += [_small(f"junk/{i}.bin", b"") for i in range(count)]
    return _write_zip(path, members)


def stream_file(path: Path, chunks: Iterable[bytes]) -> Path:
    with path.open("wb") as f:
        for chunk in chunks:
            f.write(chunk)
    return path


def deep_html(path: Path, size: int = 40 * 2**20) -> Path:
    """A page of `<div>`s nested `size / 5` deep, with a little Chinese text at the bottom."""
    head = b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
    chunk = b"<div>" * 2**16
    return stream_file(
        path,
        [
            head,
            *([chunk] * (size // len(chunk))),
            "一、总体要求。增长8%".encode(),
            b"</body></html>",
        ],
    )


def html_open_tail(path: Path, repeat: int = 200_000) -> Path:
    """A page whose last ">" is followed by `<x` `repeat` times: html.parser, unguarded, took
    minutes rescanning from each "<" to the end of the page."""
    page = "<html><body><p>一、总体要求</p>" + "<x" * repeat
    path.write_bytes(page.encode())
    return path


def pdf_pages(
    path: Path, pages: int = 100_000, declared: int | None = None, operations: int = 1
) -> Path:
    """A PDF whose page tree lists one page object `pages` times (`/Count` says `declared`);
    the page shows "x" `operations` times (7 tokens each)."""
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * operations
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b"3 0 R " * pages
        + b"] /Count %d >>" % (pages if declared is None else declared),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return write_pdf(objects, path)


def single_line(path: Path, size: int = 5 * 2**20) -> Path:
    """A plan of one line of `size` bytes, full of figures."""
    unit = "全年地区生产总值增长8%，固定资产投资100亿元以上，新增企业50家；".encode()
    return stream_file(path, [unit * (size // len(unit)), b"\n"])


def html_charset(path: Path, charset: str) -> Path:
    """A web page declaring `charset`, whose body is UTF-8 Chinese."""
    page = (
        f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>t</title></head>"
        f"<body><p>一、总体要求</p><p>全年增长8%。</p></body></html>"
    )
    path.write_bytes(page.encode("utf-8"))
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def symlink(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def plan(path: Path | bytes, text: str = PLAN) -> Path | bytes:
    """A small real plan; `path` may be bytes (a file name that is not UTF-8)."""
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))
    return path


def random_bytes(path: Path, size: int = 64 * 1024, seed: int = 11) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def truncate_half(path: Path) -> Path:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2)
    return path


def corrupt_page(path: Path, page: int, page_size: int = 4096, seed: int = 11) -> Path:
    """Overwrite page `page` (1-based) of an SQLite file with random bytes."""
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(random.Random(seed).randbytes(page_size))
    return path


def search_index(path: Path, folder: Path) -> Path:
    """An index of the plans in `folder`, all of it in the main file (no WAL left over)."""
    from zoneplan_tui.formats.load import find_plans
    from zoneplan_tui.library.index import SearchIndex

    with SearchIndex.open(path) as ix:
        ix.update(find_plans(folder), prune=[folder])
        ix.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


# -- what a terminal would act on (issue 11, part B) -------------------------------------------

OSC52 = "\x1b]52;c;cHduZWQ=\x1b\\"  # set the clipboard to "pwned"
OSC0 = "\x1b]0;pwned\x07"  # rename the window
CSI_2J = "\x1b[2J"  # clear the screen
BEL = "\x07"
C1_CSI = "\x9b31m"  # the 8-bit CSI: red text on a terminal that takes C1
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"  # bidi override and isolate
ESCAPES = OSC52 + OSC0 + CSI_2J + BEL + C1_CSI + RLO + LRI + PDI
MARKUP = "[red]x[on blue]y[/] [link=file:///etc/passwd]z[/link] [/] [/bold] [b]"

ESCAPE_PLAN = (
    f"{OSC52}2019年{OSC0}工作要点{MARKUP}\n"
    f"一、总体要求{CSI_2J}{BEL}\n"
    f"（一）加强{C1_CSI}领导{RLO}反向文字{PDI}{LRI}\n"
    f"全年地区生产总值增长8%{BEL}，固定资产投资100亿元以上{OSC0}。\n"
    f"二、[link=file:///etc/passwd]重点任务[/link][/bold]{OSC52}\n"
    f"新增企业50家{RLO}，招商引资{CSI_2J}项目20个[/]。\n"
)
# A title that is markup: Textual or Rich reading it would colour it, link it, or crash on "[/]".
MARKUP_PLAN = (
    "[link=file:///etc/passwd]2019年工作要点[/link][/]\n一、[red]总体[/red]要求[/bold]\n增长8%。\n"
)

# File and folder names a terminal or a markup parser would act on ("/" cannot be in a name).
ESCAPE_NAMES = [
    f"{OSC0}plan{BEL}.txt",
    f"{CSI_2J}e{RLO}txt.exe.txt",
    "[red]f[on blue]ile.txt",
    "[link=https:x]title[bold].txt",
]
ESCAPE_FOLDER = f"lib{OSC0}[red]x[link=y]{RLO}"


def escape_folder(parent: Path) -> Path:
    """A folder (its name full of escapes and markup) of plans whose names and texts are too."""
    folder = parent / ESCAPE_FOLDER
    folder.mkdir()
    plan(folder / ESCAPE_NAMES[0], ESCAPE_PLAN)
    plan(folder / ESCAPE_NAMES[1], ESCAPE_PLAN.replace("2019年", "2020年"))
    plan(folder / ESCAPE_NAMES[2], MARKUP_PLAN)
    plan(folder / ESCAPE_NAMES[3], PLAN)
    return folder


def escape_import(path: Path, doc_path: Path) -> Path:
    """A W3C notes export whose notes and tags hold escapes and markup, on `doc_path`."""
    import json

    item = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:00000000-0000-4000-8000-0000000000e1",
        "created": "2024-01-01T00:00:00Z",
        "modified": "2999-01-01T00:00:00Z",  # far future: taken as the time of the import
        "bodyValue": f"note {ESCAPES} {MARKUP}",
        "body": [
            {"type": "TextualBody", "value": f"tag{CSI_2J}{OSC0}", "purpose": "tagging"},
            {"type": "TextualBody", "value": "[/]", "purpose": "tagging"},
        ],
        "target": {
            "source": doc_path.as_uri(),
            "selector": [
                {"type": "TextQuoteSelector", "exact": "全年地区生产总值增长8%"},
                {"type": "TextPositionSelector", "start": 0, "end": 12},
            ],
        },
    }
    path.write_text(json.dumps({"type": "AnnotationPage", "items": [item]}), encoding="utf-8")
    return path
