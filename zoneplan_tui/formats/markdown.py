"""Markdown plans (.md): the text as it is, with its heading levels as typographic ranks.

A markdown file is read as plain text (its `#` markers are section markers the outline parser
knows), but its author has also said how prominent each heading is: `#` is rank 1, `######`
rank 6, and a line that is bold as a whole (`**2024年工作回顾**`) ranks below them all. Lines
inside fenced code blocks are not headings.
"""

from __future__ import annotations

import re

_ATX_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+\S")
_BOLD_LINE_RE = re.compile(r"^\s*(?:\*\*|__)[^*_].*?(?:\*\*|__)\s*$")
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
_BOLD_RANK = 7


def markdown_ranks(text: str) -> dict[int, int]:
    """1-based line -> rank of the markdown headings of `text`."""
    ranks: dict[int, int] = {}
    fence = ""
    for n, line in enumerate(text.split("\n"), 1):
        m = _FENCE_RE.match(line)
        if m is not None:
            fence = "" if fence == m.group(1) else (fence or m.group(1))
            continue
        if fence:
            continue
        if (m := _ATX_RE.match(line)) is not None:
            ranks[n] = len(m.group(1))
        elif _BOLD_LINE_RE.match(line):
            ranks[n] = _BOLD_RANK
    return ranks
