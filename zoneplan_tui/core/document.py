"""The `Document`: a plan's text with its line index and identity.

Every offset and line number elsewhere in zoneplan refers to `Document.text`: the decoded file with
CRLF/CR folded to LF and a BOM dropped, nothing else changed.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    encoding: str
    # 1-based (first, last) line ranges a converter flattened from a table (Word, HTML): the
    # outline parser never takes their lines for headings.
    tables: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    sha256: str = field(init=False)
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
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
