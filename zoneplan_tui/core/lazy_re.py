"""Regular expressions compiled when first used.

The outline rules are some seventy module-level patterns, many over the CJK ranges, and Python
compiles a character class over tens of thousands of code points in Python code: importing them
all cost ~50 ms, a third of a `zoneplan notes add`. A plain-text plan uses about half of them
(the web-page and table rules wait for lines that look like those), so each is compiled the
first time it is used. After that its methods are the compiled pattern's own, bound on the
instance: a call costs what it cost before.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["lazy_re"]


class _LazyPattern:
    """Stands in for `re.Pattern[str]` until an attribute other than `pattern` / `flags` is
    asked for; then compiles and keeps the compiled pattern's attributes on itself."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags  # as given (re adds re.UNICODE to the compiled one's)

    def __getattr__(self, name: str) -> Any:  # only for attributes not set yet
        if name.startswith("__"):
            raise AttributeError(name)  # copy, pickle and the like: not a pattern's business
        compiled = re.compile(self.pattern, self.flags)
        for attr in (
            "match",
            "fullmatch",
            "search",
            "finditer",
            "findall",
            "sub",
            "subn",
            "split",
            "groups",
            "groupindex",
            "scanner",
        ):
            setattr(self, attr, getattr(compiled, attr))
        self.flags = compiled.flags
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self.pattern!r})"


def lazy_re(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled on first use. Not for `re.sub(p, …)` or
    `isinstance(p, re.Pattern)`: only the pattern's own methods."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
