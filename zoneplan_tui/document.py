"""Load a plan file and decode it into a `Document`.

Every offset and line number elsewhere in zoneplan refers to `Document.text`: the decoded file with
CRLF/CR folded to LF and a BOM dropped, nothing else changed.
"""

from __future__ import annotations

import codecs
import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from zoneplan_tui.errors import UserError

# Plain text, then the formats zoneplan_tui.formats converts (Word, PDF, saved web pages).
PLAN_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf", ".html", ".htm")
MAX_BYTES = 50 * 1024 * 1024  # a plan is rarely over 2 MB; 50 MB is clearly not a plan


class DocumentError(UserError):
    """A file that cannot be opened as a plan; the message is one line for the user."""


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    encoding: str
    # 1-based (first, last) line ranges a converter flattened from a table (Word, HTML): the
    # outline parser never takes their lines for headings.
    tables: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    sha256: str = field(init=False)
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        object.__setattr__(self, "line_starts", tuple(starts))

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line number holding character `offset`."""
        return bisect_right(self.line_starts, offset)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self.line_starts[line - 1]

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 50)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode plan bytes by detection; returns (text, encoding name). Raises DocumentError."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DocumentError(f"bytes that are not valid {enc} after its BOM") from exc
    if _looks_binary(data):
        raise DocumentError("a binary file, not a text plan")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK and GB2312, the usual encodings of Chinese government files.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DocumentError("text in an unknown encoding (not UTF-8, UTF-16 or GB18030)") from exc
    if not _mostly_cjk_or_ascii(text):
        raise DocumentError("text in an unknown encoding (not UTF-8, UTF-16 or GB18030)")
    return text, "gb18030"


def _mostly_cjk_or_ascii(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only when the result reads as Chinese."""
    if not text:
        return True
    plausible = 0
    for ch in text:
        o = ord(ch)
        if (
            o < 0x80
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or 0x2460 <= o <= 0x24FF
            or 0x3400 <= o <= 0x4DBF
        ):
            plausible += 1
    return plausible >= 0.9 * len(text)


def load_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"{p}: no such file")
    if p.is_dir():
        raise DocumentError(f"{p}: is a directory")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            mb, limit = size / 2**20, max_bytes / 2**20  # MiB, as the README's "50 MB"
            raise DocumentError(f"{p}: {mb:.1f} MB is over the {limit:.0f} MB limit for a plan")
        data = p.read_bytes()
    except PermissionError as exc:
        raise DocumentError(f"{p}: permission denied") from exc
    except OSError as exc:
        raise DocumentError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    from zoneplan_tui.formats import convert

    try:
        converted = convert(p, data)
        if converted is not None:
            return Document(p, converted.text, converted.encoding, converted.tables)
        text, enc = decode_bytes(data)
    except DocumentError as exc:
        raise DocumentError(f"{p}: {exc}") from None
    return Document(path=p, text=normalise_newlines(text), encoding=enc)


def document_from_text(text: str, name: str = "<text>") -> Document:
    return Document(path=Path(name), text=normalise_newlines(text), encoding="utf-8")


def find_plans(path: str | Path) -> list[Path]:
    """The plan files a path names: the file itself, or the plan files in a directory (sorted)."""
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"{p}: no such file or directory")
    if p.is_dir():
        plans = sorted(c for c in p.iterdir() if c.is_file() and c.suffix.lower() in PLAN_SUFFIXES)
        if not plans:
            raise DocumentError(
                f"{p}: a directory with no plans in it (.txt, .md, .docx, .pdf or .html files)"
            )
        return plans
    return [p]


def sample_docs_dir() -> Path:
    """The bundled sample plans: `sample_docs/` beside the package in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "sample_docs", here / "sample_docs"):
        if candidate.is_dir():
            return candidate
    raise DocumentError("the bundled sample plans are missing; name a plan file or folder")
