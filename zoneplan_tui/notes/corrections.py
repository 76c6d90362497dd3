"""Corrections: where the reader says zoneplan read a plan wrong. Stored with the notes.

Three kinds, each a `Correction`:

* `heading`: this line is a heading of level 1..6;
* `not_heading`: this line is no heading;
* `meta`: the plan's title, issuing body and year (any of them).

A correction is keyed to its plan the way a note is (`DocRef`: the path and the SHA-256 of the
text it was made on; the store finds a plan's corrections by either), and a line correction
holds the line's text as well as its number, so that an edit above it does not move it onto
another line: `resolve` finds the line again by its text, the nearest match to the old number
winning, and reports the ones whose line is gone. The result is plain data for the core
(`core.overrides.Overrides`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from zoneplan_tui.core.overrides import MAX_LEVEL, Overrides
from zoneplan_tui.notes.annotations import AnnotationError, DocRef, now_iso

CorrectionKind = Literal["heading", "not_heading", "meta"]
KINDS: tuple[CorrectionKind, ...] = ("heading", "not_heading", "meta")
MAX_META_CHARS = 200


def line_key(line: str) -> str:
    """A line as a correction remembers it: stripped (indentation changes nothing)."""
    return line.strip()


@dataclass(frozen=True, slots=True)
class Correction:
    kind: CorrectionKind
    doc: DocRef
    line: int = 0  # 1-based, for heading/not_heading; 0 for meta
    text: str = ""  # the line's text (stripped) when the correction was made
    level: int = 0  # 1..6 for heading
    title: str | None = None
    body: str | None = None
    year: int | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created: str = field(default_factory=now_iso)
    updated: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise AnnotationError(f"a correction is one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.kind == "meta":
            if self.title is None and self.body is None and self.year is None:
                raise AnnotationError("a plan correction sets a title, a body or a year")
            for name in ("title", "body"):
                value = getattr(self, name)
                if value is not None and (
                    not isinstance(value, str)
                    or not value.strip()
                    or len(value) > MAX_META_CHARS
                    or "\n" in value
                ):
                    raise AnnotationError(
                        f"the {name} is one line of 1..{MAX_META_CHARS} characters"
                    )
            if self.year is not None and (
                isinstance(self.year, bool)
                or not isinstance(self.year, int)
                or not 1000 <= self.year <= 9999
            ):
                raise AnnotationError(f"a year has four digits, not {self.year!r}")
        else:
            if isinstance(self.line, bool) or not isinstance(self.line, int) or self.line < 1:
                raise AnnotationError("a line correction needs a line number (1 or more)")
            if not isinstance(self.text, str) or not self.text:
                raise AnnotationError("a line correction needs the line's text")
        if self.kind == "heading" and (
            isinstance(self.level, bool)
            or not isinstance(self.level, int)
            or not 1 <= self.level <= MAX_LEVEL
        ):
            raise AnnotationError(f"a heading level is 1..{MAX_LEVEL}, not {self.level!r}")
        if not self.updated:
            object.__setattr__(self, "updated", self.created)

    @property
    def is_line(self) -> bool:
        return self.kind != "meta"

    def describe(self) -> str:
        """One line for a person: `line 12 is a heading, level 2 (重点工作安排)`."""
        text = self.text if len(self.text) <= 30 else self.text[:29] + "…"
        if self.kind == "heading":
            return f"line {self.line} is a heading, level {self.level} ({text})"
        if self.kind == "not_heading":
            return f"line {self.line} is not a heading ({text})"
        parts = []
        if self.title is not None:
            parts.append(f"title {self.title}")
        if self.body is not None:
            parts.append(f"body {self.body}")
        if self.year is not None:
            parts.append(f"year {self.year}")
        return "plan " + ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "doc": {"path": self.doc.path, "title": self.doc.title, "sha256": self.doc.sha256},
        }
        if self.is_line:
            out.update(line=self.line, text=self.text)
        if self.kind == "heading":
            out["level"] = self.level
        if self.kind == "meta":
            out.update(title=self.title, body=self.body, year=self.year)
        out.update(created=self.created, updated=self.updated)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Correction:
        if not isinstance(data, Mapping):
            raise AnnotationError("a correction must be an object")
        doc = data.get("doc")
        if not isinstance(doc, Mapping):
            raise AnnotationError("a correction's doc must be an object")
        try:
            return cls(
                kind=data.get("kind"),  # type: ignore[arg-type]  # checked in __post_init__
                doc=DocRef(
                    path=doc.get("path"),  # type: ignore[arg-type]
                    title=doc.get("title", ""),
                    sha256=doc.get("sha256", ""),
                ),
                line=data.get("line", 0),
                text=data.get("text", ""),
                level=data.get("level", 0),
                title=data.get("title"),
                body=data.get("body"),
                year=data.get("year"),
                id=str(data.get("id") or uuid.uuid4()),
                created=str(data.get("created") or now_iso()),
                updated=str(data.get("updated") or ""),
            )
        except TypeError as exc:
            raise AnnotationError(f"a malformed correction ({exc})") from None


@dataclass(frozen=True)
class Resolved:
    """A plan's corrections against its current text: what the core applies, and where each
    line correction sits now (None: its line is no longer in the text)."""

    overrides: Overrides
    lines: dict[str, int | None]  # correction id → its line now

    def line_of(self, c: Correction) -> int | None:
        return self.lines.get(c.id)


def _find_line(lines: list[str], index: dict[str, list[int]], c: Correction) -> int | None:
    if c.line <= len(lines) and line_key(lines[c.line - 1]) == c.text:
        return c.line
    hits = index.get(c.text)
    if not hits:
        return None
    return min(hits, key=lambda n: (abs(n - c.line), n))


def resolve(corrections: Iterable[Correction], text: str) -> Resolved:
    """The corrections of one plan applied to its text `text` (later ones win on a line)."""
    ordered = sorted(corrections, key=lambda c: c.updated)
    lines = text.split("\n")
    index: dict[str, list[int]] = {}
    if any(c.is_line for c in ordered):
        for n, raw in enumerate(lines, 1):
            key = line_key(raw)
            if key:
                index.setdefault(key, []).append(n)
    headings: dict[int, int] = {}
    not_headings: set[int] = set()
    where: dict[str, int | None] = {}
    title = body = None
    year = None
    for c in ordered:
        if c.kind == "meta":
            title = c.title if c.title is not None else title
            body = c.body if c.body is not None else body
            year = c.year if c.year is not None else year
            continue
        line = _find_line(lines, index, c)
        where[c.id] = line
        if line is None:
            continue
        # The latest correction of a line is the one that stands.
        headings.pop(line, None)
        not_headings.discard(line)
        if c.kind == "heading":
            headings[line] = c.level
        else:
            not_headings.add(line)
    overrides = Overrides(headings, frozenset(not_headings), title, body, year)
    return Resolved(overrides, where)


def line_correction(
    kind: CorrectionKind, text: str, line: int, *, path: str, sha256: str, level: int = 0
) -> Correction:
    """A heading/not-heading correction of line `line` of `text` (a plan's `Document.text`)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        raise AnnotationError(f"no line {line} (the plan has {len(lines)} lines)")
    key = line_key(lines[line - 1])
    if not key:
        raise AnnotationError(f"line {line} is blank")
    return Correction(kind, DocRef(path=path, sha256=sha256), line=line, text=key, level=level)


__all__ = ["KINDS", "Correction", "Resolved", "line_correction", "line_key", "resolve"]
