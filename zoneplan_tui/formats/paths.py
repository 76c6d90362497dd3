"""File names as text. On POSIX a name is bytes; Python holds bytes that are not UTF-8 as lone
surrogates (PEP 383: b"\\xff" is "\\udcff"), which opens the file fine but cannot be written
as UTF-8: not to a terminal, not in JSON, not into SQLite. `shown` is the form every message
and data output uses: those bytes written as `\\xff`, the rest unchanged. The path itself is
kept as it is for opening the file."""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode holds it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def shown(text: str | os.PathLike[str]) -> str:
    """A path (or any text) as UTF-8-safe text: undecodable bytes as `\\xNN`."""
    s = os.fspath(text)
    return _SURROGATE.sub(_escape, s) if _SURROGATE.search(s) else s


def is_utf8(path: str | os.PathLike[str]) -> bool:
    """Whether the name can be written as UTF-8 (holds no surrogate escapes)."""
    return _SURROGATE.search(os.fspath(path)) is None


def shown_in_json(json_text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) with every surrogate escape in its strings
    written as `shown` writes it, so that the strings read back as the shown form: UTF-8 JSON
    cannot hold the bytes themselves."""
    if not _SURROGATE.search(json_text):
        return json_text
    return _SURROGATE.sub(lambda m: "\\" + _escape(m), json_text)
