"""Plain-text plan bytes to text: BOMs, UTF-8, then GB18030 when the result reads as Chinese."""

from __future__ import annotations

import codecs

from zoneplan_tui.core.errors import DocumentError

# Control characters no text plan holds (tab, line feed, form feed, carriage return and escape
# apart), and every other byte: deleting those from a sample leaves the controls to count.
_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13, 27}
_NOT_CONTROLS = bytes(sorted(frozenset(range(256)) - _CONTROLS))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    # Counted in C: a loop over the sample's bytes cost 0.2 ms a plan read into the index.
    controls = len(sample.translate(None, _NOT_CONTROLS))
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


# Python codecs that decode bytes to str but are no character set a file is written in:
# escape-sequence and IDNA transforms, and "undefined", which refuses everything. UTF-7 is
# a charset, but no browser honours it (it hides markup from filters), so neither do we.
_NOT_CHARSETS = frozenset(
    ("undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "charmap", "utf-7")
)


def text_encoding(label: str) -> str | None:
    """The Python codec a declared charset names (`<meta charset>`), or None when it names
    none or a codec that is not a text encoding: `hex`, `rot13`, `zlib_codec` and `base64`
    are Python codecs too, and bytes.decode refuses them with a LookupError."""
    try:
        name = codecs.lookup(label).name
        # LookupError for bytes-to-bytes and str-to-str codecs (b"" would skip the codec)
        b"x".decode(name, "ignore")
    except (LookupError, UnicodeError, ValueError):
        return None
    return None if name in _NOT_CHARSETS else name


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
