"""core/safe_text.py: nothing a terminal acts on survives, everything else is left alone."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from zoneplan_tui.core.safe_text import (
    CELL_MAP,
    REPLACEMENT,
    has_unsafe,
    safe,
    safe_cells,
    safe_json,
    safe_lines,
)
from zoneplan_tui.core.wrap import cell_widths, display_text

# What a terminal acts on, by the rule of the module (not by a list of examples).
C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
UNSAFE = [*C0, "\x7f", *C1, *BIDI]
JSON_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Text as plans, file names and notes hold it: Chinese, ASCII, the unsafe characters, surrogates.
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from([*UNSAFE, "\t", "\n", "[", "]", "/", "\\", "\udcff", "\ud800"]),
        st.characters(codec="utf-8"),
        st.sampled_from("一、总体要求（二）增长8%"),
    ),
    max_size=60,
)


def test_every_unsafe_character_becomes_a_visible_placeholder():
    for ch in UNSAFE:
        shown = safe(f"a{ch}b")
        assert RAW.search(shown) is None, repr(ch)
        assert shown.startswith("a") and shown.endswith("b") and len(shown) > 2
        assert has_unsafe(ch)


def test_the_placeholders_read_as_documented():
    assert safe("\x1b]52;c;cHduZWQ=\x1b\\") == "␛]52;c;cHduZWQ=␛\\"
    assert safe("\x07\x00\r\x7f") == "␇␀␍␡"
    assert safe("\x9b31m") == "⟨U+009B⟩31m"
    assert safe("abc\u202etxt.exe") == "abc⟨U+202E⟩txt.exe"
    assert safe("plan-\udcff.txt") == "plan-\\xff.txt"  # as formats.paths.shown writes it


def test_tab_newline_and_ordinary_text_are_untouched():
    text = "2019年工作要点\n\t一、总体要求 [red]x[/] \\ 😀 “引号”"
    assert safe(text) is text
    assert safe_cells(text) is text
    assert not has_unsafe(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_safe_leaves_nothing_raw_and_is_idempotent(text):
    shown = safe(text)
    assert RAW.search(shown) is None
    assert safe(shown) == shown
    # Character by character: what was safe already is kept as it is, in its place.
    assert shown == "".join(safe(c) for c in text)
    assert all(safe(c) == c for c in text if not RAW.match(c))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_safe_cells_keeps_every_offset(text):
    shown = safe_cells(text)
    assert len(shown) == len(text)
    assert RAW.search(shown) is None
    for a, b in zip(text, shown, strict=True):
        assert a == b or RAW.match(a)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(texts, st.one_of(texts, st.lists(texts, max_size=3)), max_size=4))
def test_safe_json_is_the_same_json(obj):
    for dumped in (json.dumps(obj, ensure_ascii=False, indent=1), json.dumps(obj)):
        dumped = dumped.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")
        out = safe_json(dumped)
        assert JSON_RAW.search(out) is None
        assert json.loads(out) == obj


def test_safe_lines_keeps_crlf_line_ends():
    assert safe_lines("a\x1b,b\r\nc,\rd\r\n") == "a␛,b\r\nc,␍d\r\n"


def test_the_text_view_measures_what_it_draws():
    # Every character kept from the terminal is drawn as one cell and measured as one.
    text = "".join(UNSAFE) + "\t\n\udcff"
    drawn = display_text(text)
    assert len(drawn) == len(text)
    assert RAW.search(drawn) is None
    assert set(cell_widths(text)) == {1}
    assert all(len(v) == 1 and v != "" for v in CELL_MAP.values())
    assert display_text("\u202e") == REPLACEMENT
