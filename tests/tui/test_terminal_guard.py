"""The last net (tui/terminal_guard.py): whatever reached a frame, no character a terminal acts
on is written, and no row changes its width."""

from __future__ import annotations

from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from zoneplan_tui.tui.terminal_guard import clean_strip, guard

HOSTILE = "a\x1b]52;c;eA==\x1b\\b\x07\x9b1m\u202ec\u2066d\x00\udcff中"


def _texts(strip: Strip) -> str:
    return "".join(seg.text for seg in strip if not seg.control)


def test_a_strip_loses_what_a_terminal_acts_on_and_keeps_its_width():
    style = Style(bold=True)
    move = Control.move_to(3, 4).segment  # Textual's own sequences travel as control segments
    strip = Strip([Segment(HOSTILE, style), move, Segment("ok")])
    cleaned = clean_strip(strip)
    assert _texts(cleaned) == "a]52;c;eA==\\b1mcd\ufffd中ok"
    assert cleaned.cell_length == strip.cell_length
    first, second, _ = cleaned
    assert second == move and first.style == style


def test_a_clean_strip_is_passed_as_it_is():
    strip = Strip([Segment("2019年工作要点 [/] ␛", Style(italic=True))])
    assert clean_strip(strip) is strip


def test_every_kind_of_frame_is_cleaned():
    rows = [[Strip([Segment(HOSTILE)])], [Strip([Segment("x")])]]
    layout = LayoutUpdate(rows, Region(0, 0, 9, 2))
    assert guard(layout) is layout
    assert _texts(next(iter(layout.strips[0]))) == "a]52;c;eA==\\b1mcd\ufffd中"
    chops = ChopsUpdate([{0: Strip([Segment(HOSTILE)]), 5: None}], [(0, 0, 9)], [[5, 9]])
    guard(chops)
    row = chops.chops[0]
    assert list(row) == [0, 5] and row[5] is None
    assert _texts(row[0]) == "a]52;c;eA==\\b1mcd\ufffd中"
    assert guard("not a frame") == "not a frame"
