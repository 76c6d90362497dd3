"""The `Document`: a plan's text with its line index and identity, and what the converter that
made it knows about its lines (`Hints`).

Every offset and line number elsewhere in zoneplan refers to `Document.text`: the decoded file with
CRLF/CR folded to LF and a BOM dropped, nothing else changed.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Hints:
    """Structure a converter read from the file's layout, by 1-based line of the text.

    `ranks`: the typographic rank of heading-like lines, 1 for the most prominent (a Word
    heading style or outline level, an HTML `h1`–`h6`, a markdown `#` level, a PDF type size
    and weight tier); lines set like the body have none. `tables`: (first, last) line ranges
    flattened from tables, whose lines are cells, never headings. Plain text has neither, and
    the outline parser then reads the text alone. Frozen, hashable and picklable (the app may
    parse a large plan in a child process)."""

    ranks: tuple[tuple[int, int], ...] = ()  # (line, rank), by line
    tables: Ranges = ()
    _by_line: dict[int, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_line", dict(self.ranks))

    def rank(self, line: int) -> int | None:
        """The rank of 1-based `line`, None when it has none."""
        return self._by_line.get(line)

    def __bool__(self) -> bool:
        return bool(self.ranks or self.tables)


NO_HINTS = Hints()


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    encoding: str
    # 1-based (first, last) line ranges a converter flattened from a table (Word, HTML, PDF):
    # the outline parser never takes their lines for headings. The same as `hints.tables`.
    tables: Ranges = field(default=(), repr=False)
    hints: Hints = field(default=NO_HINTS, repr=False)
    sha256: str = field(init=False)
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Either may be given; both then name the same table ranges.
        if self.tables and not self.hints.tables:
            object.__setattr__(self, "hints", Hints(self.hints.ranks, tuple(self.tables)))
        object.__setattr__(self, "tables", self.hints.tables)
        object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        object.__setattr__(self, "line_starts", tuple(starts))

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line number holding character `offset`."""
        return bisect_right(self.line_starts, offset)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self.line_starts[line - 1]

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_from_text(text: str, name: str = "<text>") -> Document:
    return Document(path=Path(name), text=normalise_newlines(text), encoding="utf-8")
