"""Highlight colours per figure kind, one palette for dark themes and one for light ones."""

from __future__ import annotations

from zoneplan_tui.core.figure_colours import FIGURE_DARK as _DARK
from zoneplan_tui.core.figure_colours import FIGURE_LIGHT as _LIGHT


def figure_style(kind: str, dark: bool) -> str:
    palette = _DARK if dark else _LIGHT
    return palette.get(kind, palette["other"])


# Note colours as the reader picks them in the editor; drawn as an underline plus a faint tint so
# a figure's own colour inside a noted passage stays readable.
_NOTE_TINTS_DARK = {
    "yellow": "#4a4300",
    "green": "#12401a",
    "blue": "#0f2f55",
    "pink": "#4f1937",
    "purple": "#35204f",
    "red": "#551515",
}
_NOTE_TINTS_LIGHT = {
    "yellow": "#fff6b0",
    "green": "#d9f7d9",
    "blue": "#d9e9ff",
    "pink": "#ffe0ef",
    "purple": "#ece0ff",
    "red": "#ffdcdc",
}


def note_style(color: str, dark: bool, *, review: bool = False) -> str:
    tints = _NOTE_TINTS_DARK if dark else _NOTE_TINTS_LIGHT
    tint = color if color.startswith("#") else tints.get(color, tints["yellow"])
    # A note whose passage moved and was re-attached provisionally is marked for review.
    return f"{'italic ' if review else ''}underline on {tint}"
