"""Text made safe for a terminal: the one sanitising layer between user or document text and a
screen (issue 11).

A plan, a file name, a tag or an imported note may hold characters a terminal acts on instead of
showing: ESC starts a sequence that can set the clipboard (OSC 52), rename the window (OSC 0) or
clear the screen (CSI 2J); BEL rings; C1 controls (U+0080–U+009F) are 8-bit forms of ESC
sequences (U+009B is CSI) that some terminals obey; bidi overrides and isolates (U+202A–U+202E,
U+2066–U+2069) reorder what follows them on a terminal that does bidi, so a file name can read
as another. None of these is ever written to a terminal. Each is shown as a visible placeholder:

    C0 controls (except tab and newline) and DEL   their Unicode control picture, one cell:
                                                    ESC -> "␛", BEL -> "␇", CR -> "␍", NUL -> "␀",
                                                    DEL -> "␡"
    C1 controls, bidi overrides and isolates        the code point in angle brackets:
                                                    U+009B -> "⟨U+009B⟩", U+202E -> "⟨U+202E⟩"
    lone surrogates (a file name that is not        its byte as \\xNN (formats.paths.shown's
    UTF-8, held by Python as U+DC80–U+DCFF)          form), any other surrogate as \\udNNN

`safe` gives that form, for labels, titles, tables, messages and every human-readable line the
command line prints. Where a character must keep its place (the text view maps screen cells to
character offsets; `zoneplan text` on a terminal keeps every offset where a script expects it),
`safe_cells` replaces each such character by exactly one character: its control picture, or
U+FFFD for those that have none. `safe_json` makes JSON text safe while keeping it the same JSON:
the characters are written as \\uXXXX escapes, so the data read back is unchanged.

Markup is the other half of the rule and lives with the renderers: text from a user or a
document is given to Rich and Textual as `Text`/`Content` objects, never parsed as markup.
"""

from __future__ import annotations

import re

__all__ = [
    "CELL_MAP",
    "REPLACEMENT",
    "has_unsafe",
    "safe",
    "safe_cells",
    "safe_json",
    "safe_line",
    "safe_lines",
]

REPLACEMENT = "\ufffd"

# Every character a terminal may act on, and the lone surrogates a terminal cannot be sent.
_UNSAFE_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
# For JSON: what json/orjson leave raw inside strings (they escape C0 themselves; tab, LF and
# CR outside strings are the layout and stay).
_JSON_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_PICTURES: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_PICTURES[0x7F] = "\u2421"  # ␡


def _placeholder(char: str) -> str:
    code = ord(char)
    picture = _PICTURES.get(code)
    if picture is not None:
        return picture
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (PEP 383)
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return f"\u27e8U+{code:04X}\u27e9"


def _one_cell(code: int) -> str:
    return _PICTURES.get(code, REPLACEMENT)


# ord -> one character, for str.translate (the text view extends it with tab and newline).
CELL_MAP: dict[int, str] = {
    c: _one_cell(c)
    for c in [
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xD800, 0xE000),
    ]
}


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character `safe` would replace."""
    return _UNSAFE.search(text) is not None


def safe(text: str) -> str:
    """`text` with every character a terminal would act on shown as a visible placeholder (see
    the module docstring); tab and newline are kept. Text without any is returned as it is."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: _placeholder(m.group()), text)


def safe_line(text: str) -> str:
    """`safe` for what must stay on one line (a message on stderr, a title): a newline is shown
    as "␤" too."""
    shown = safe(text)
    return shown.replace("\n", "\u2424") if "\n" in shown else shown


def safe_lines(text: str) -> str:
    """`safe` for text whose lines end in CR LF (CSV): the line ends are kept."""
    if "\r" not in text:
        return safe(text)
    return "\r\n".join(safe(part) for part in text.split("\r\n"))


def safe_cells(text: str) -> str:
    """`text` with each such character replaced by exactly one visible character (its control
    picture, else U+FFFD): the same length, so every character offset stays where it was. Tab and
    newline are kept; lone surrogates become U+FFFD."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(CELL_MAP)


def safe_json(json_text: str) -> str:
    """JSON text whose strings hold no character a terminal acts on: those are written as
    \\uXXXX escapes, which read back as the same characters (JSON itself is unchanged)."""
    if _JSON_UNSAFE.search(json_text) is None:
        return json_text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
