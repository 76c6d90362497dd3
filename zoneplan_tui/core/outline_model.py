"""The records of an outline: `Heading`, `InlineItem` and the `Outline` that holds them.

Frozen and picklable (the app may parse a large plan in a child process). `parse_outline` in
`outline.py` builds them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # 1-based line number in the decoded text
    level: int  # 1 = top level
    marker: str  # the marker exactly as in the file ("一、", "(一)", "1.", "第一章", "## ", "")
    title: str


@dataclass(frozen=True, slots=True)
class InlineItem:
    line: int
    marker: str  # "一是", "二要" ...
    title: str
    column: int  # 0-based character offset of the marker within its line


@dataclass(frozen=True)
class Outline:
    title: str | None
    title_line: int | None
    body_start_line: int
    boilerplate_lines: tuple[int, ...]
    headings: tuple[Heading, ...]
    inline_items: tuple[InlineItem, ...]
    table_lines: tuple[int, ...] = ()
    # Derived lookups for section_path/section_index; not part of equality or repr.
    _lines: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _parents: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parents: list[int] = []
        open_at: list[int] = []  # open_at[level - 1] = index of the open heading of that level
        for i, h in enumerate(self.headings):
            del open_at[h.level - 1 :]
            parents.append(open_at[-1] if open_at else -1)
            open_at.append(i)
        object.__setattr__(self, "_lines", tuple(h.line for h in self.headings))
        object.__setattr__(self, "_parents", tuple(parents))

    def to_json(self, file: str) -> dict:
        return {
            "file": file,
            "title": self.title,
            "title_line": self.title_line,
            "body_start_line": self.body_start_line,
            "headings": [
                {"line": h.line, "level": h.level, "marker": h.marker, "title": h.title}
                for h in self.headings
            ],
            "inline_items": [
                {"line": it.line, "marker": it.marker, "title": it.title}
                for it in self.inline_items
            ],
        }

    def section_index(self, line: int) -> int | None:
        """Index into `headings` of the innermost heading at or before `line`."""
        i = bisect_right(self._lines, line) - 1
        return i if i >= 0 else None

    def section_path(self, line: int) -> tuple[Heading, ...]:
        """The headings enclosing `line`, top level first; () before the first heading."""
        i = self.section_index(line)
        chain: list[Heading] = []
        while i is not None and i >= 0:
            chain.append(self.headings[i])
            i = self._parents[i]
        return tuple(reversed(chain))
