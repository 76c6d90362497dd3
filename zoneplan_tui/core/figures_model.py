"""The `Figure` record: one figure of a plan's text, its span, kind and normalised value."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("percent", "money", "count", "area", "date", "range", "ordinal", "placeholder", "other")

Value = float | int | str | list | None


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    kind: str
    value: Value
    unit: str | None
    cmp: str | None
    core_start: int
    core_end: int
    line: int

    def to_json(self, section: list[str]) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "cmp": self.cmp,
            "line": self.line,
            "section": list(section),
        }


__all__ = ["KINDS", "Figure", "Value"]
