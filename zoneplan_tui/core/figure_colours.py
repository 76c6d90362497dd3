"""The colours of the figure kinds, one palette for dark backgrounds and one for light ones.

Below every layer that draws figures: the app (tui/styles.py) and the web page export
(export/html.py) take them from here, so a reader sees the same kind in the same colour in both.
Each value is a Rich style string: `[bold] [underline] FOREGROUND on BACKGROUND`.
"""

from __future__ import annotations

# Background tints keep the document's own foreground readable; placeholders ("to be filled")
# get a loud, underlined style because a reviewer must not miss an unfilled figure.
FIGURE_DARK = {
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
FIGURE_LIGHT = {
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
