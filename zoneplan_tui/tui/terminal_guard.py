"""The last net between the app and the terminal: no character a terminal acts on is written.

Labels are made safe where they are built (tui/labels.py), with visible placeholders. This
guard runs on every frame the app sends (`ZoneplanApp._display`) and removes what got past that
anyway, from the text of the frame's segments only (Textual's own escape sequences travel as
control segments and are left alone): C0 and C1 controls, DEL, bidi overrides and isolates. All
of them are zero cells wide to Rich and Textual, so removing them keeps every row's layout; a
lone surrogate (one cell, and unencodable) becomes U+FFFD. A frame without any is passed on as
it is, which is nearly every frame: the cost is one regex search a segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from rich.segment import Segment
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

R = TypeVar("R")

_RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    return _RAW.sub(lambda m: "\ufffd" if _SURROGATE.match(m.group()) else "", text)


def clean_strip(strip: Strip) -> Strip:
    """`strip` without raw control characters in its text segments (the same object if none)."""
    segments: Iterable[Segment] = strip
    if not any(_RAW.search(seg.text) for seg in segments if not seg.control):
        return strip
    cleaned = [
        seg if seg.control else Segment(_clean(seg.text), seg.style, seg.control) for seg in strip
    ]
    return Strip(cleaned, strip.cell_length)


def guard(update: R) -> R:
    """A compositor update with every strip cleaned (changed in place; returned for chaining).
    Other renderables pass unchanged: the app sends only these two kinds of frames."""
    if isinstance(update, LayoutUpdate):
        # One entry a row: the row's strips, side by side.
        update.strips = [[clean_strip(s) for s in row] for row in update.strips]
    elif isinstance(update, ChopsUpdate):
        chops: list[Mapping[int, Strip | None]] = [
            {x: None if s is None else clean_strip(s) for x, s in line.items()}
            for line in update.chops
        ]
        update.chops = chops
    return update
