"""Highlight colours per figure kind, one palette for dark themes and one for light ones."""

from __future__ import annotations

# Background tints keep the document's own foreground readable; placeholders ("to be filled")
# get a loud, underlined style because a reviewer must not miss an unfilled figure.
_DARK = {
    "percent": "#ffd787 on #3a3000",
    "money": "#afffaf on #0f3a10",
    "count": "#87d7ff on #0a2a44",
    "area": "#d7afff on #2e1a40",
    "date": "#ffafd7 on #3e1028",
    "range": "#afffff on #083838",
    "ordinal": "#d0d0d0 on #303030",
    "placeholder": "bold underline #ff5f5f on #4a0a0a",
    "other": "#e4e4e4 on #3a3a3a",
}
_LIGHT = {
    "percent": "#5f3f00 on #fff0b3",
    "money": "#005f00 on #d7f5d7",
    "count": "#00386b on #d7ecff",
    "area": "#4b0082 on #ecdfff",
    "date": "#7a0040 on #ffdcec",
    "range": "#005555 on #d2f7f7",
    "ordinal": "#303030 on #e8e8e8",
    "placeholder": "bold underline #b00000 on #ffd7d7",
    "other": "#202020 on #e4e4e4",
}


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
