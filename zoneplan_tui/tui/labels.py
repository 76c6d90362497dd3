"""User and document text as the app shows it: made safe (core/safe_text.py) and never markup.

Every label, cell, title and message built from a plan, a file name, a tag, a note or a query
goes through one of these: `label` (a Rich `Text`, for tables, trees, option lists, Static),
`content` (a Textual `Content`, for border titles and button labels) or `markup_free` (a str
for the few Textual APIs that parse a str as markup whatever one does: the command palette's
help line). Textual parses a plain str as markup in `Static(...)`, `.update(...)`, DataTable
cells, Tree labels, Select prompts, `border_title` and `notify` (unless markup=False): a title
holding "[/]" crashes, "[link=…]" emits a hyperlink. So nothing from the outside is handed to
them as a str.

The app adds two nets under this (tui/app.py): notifications are never markup and their text is
made safe, and the terminal guard (tui/terminal_guard.py) drops any such character that still
reached a frame, so that a path forgotten here shows a gap instead of acting on the terminal.
"""

from __future__ import annotations

from rich.console import JustifyMethod, OverflowMethod
from rich.style import StyleType
from rich.text import Text
from textual.content import Content
from textual.markup import escape

from zoneplan_tui.core.safe_text import safe, safe_line

__all__ = ["content", "label", "label_line", "markup_free", "safe", "safe_line"]


def label(
    text: str,
    style: StyleType = "",
    *,
    justify: JustifyMethod | None = None,
    overflow: OverflowMethod | None = None,
    no_wrap: bool | None = None,
) -> Text:
    """Rich `Text` of `text` made safe (the options as Text takes them)."""
    return Text(safe(text), style=style, justify=justify, overflow=overflow, no_wrap=no_wrap)


def label_line(
    text: str,
    style: StyleType = "",
    *,
    justify: JustifyMethod | None = None,
    overflow: OverflowMethod | None = None,
    no_wrap: bool | None = None,
) -> Text:
    """`label` for a one-line place (a title, a cell): a newline shows as "␤"."""
    return Text(safe_line(text), style=style, justify=justify, overflow=overflow, no_wrap=no_wrap)


def content(text: str) -> Content:
    """Textual `Content` of `text` made safe, on one line: never parsed as markup."""
    return Content(safe_line(text))


def markup_free(text: str) -> str:
    """`text` made safe and escaped, for a Textual API that parses every str as markup."""
    return escape(safe_line(text))
