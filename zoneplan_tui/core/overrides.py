"""Corrections a reader made where zoneplan read a plan wrong, as plain data for the core.

The notes store keeps corrections keyed the way notes are (the plan's path and text hash, a
line by its text), and resolves them against the current text into an `Overrides` of line
numbers; the core never sees the store. `parse_outline(text, overrides=…)` applies the heading
corrections and the title, `plan_meta(doc, outline, overrides)` the title, issuing body and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LEVEL = 6


@dataclass(frozen=True, slots=True)
class Overrides:
    """`headings`: 1-based line → outline level (1..6) for lines that are headings whatever the
    parser says; `not_headings`: lines that are never headings. `title`, `body`, `year`: the
    plan's title, issuing body and year, None where the parser's reading stands."""

    headings: dict[int, int] = field(default_factory=dict)
    not_headings: frozenset[int] = frozenset()
    title: str | None = None
    body: str | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        for line, level in self.headings.items():
            if line < 1:
                raise ValueError(f"line numbers start at 1, not {line}")
            if not 1 <= level <= MAX_LEVEL:
                raise ValueError(f"a heading level is 1..{MAX_LEVEL}, not {level}")

    @property
    def empty(self) -> bool:
        meta = (self.title, self.body, self.year)
        return not (self.headings or self.not_headings) and meta == (None, None, None)


NO_OVERRIDES = Overrides()

__all__ = ["MAX_LEVEL", "NO_OVERRIDES", "Overrides"]
