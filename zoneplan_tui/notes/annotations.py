"""The note model: `Annotation` and the passage of a document it targets.

Pure core: no Textual, no storage. The store (`store.py`) persists these objects, `w3c.py` turns
them into W3C Web Annotations and back, `anchoring.py` finds their passage again in changed text,
and the UI draws them.

An annotation targets a passage of `Document.text` the way the W3C Web Annotation model does it,
with two selectors at once:

* a TextPositionSelector (`start`/`end`, offsets in Unicode code points of `Document.text`, i.e.
  Python string indices; JavaScript tools count UTF-16 units and differ only past the BMP, e.g. 𠮷);
* a TextQuoteSelector (`quote` plus ~32 characters of `prefix`/`suffix` context).

The position is fast and exact while the text is unchanged; the quote and its context let
`anchoring.anchor` find the passage again after the document was edited (the way Hypothesis
re-anchors).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

CONTEXT_CHARS = 32
DEFAULT_COLOR = "yellow"

_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_COLOR_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}|#[0-9A-Fa-f]{6}")
MAX_ID_CHARS = 200


class AnnotationError(ValueError):
    """An annotation (or a record meant to become one) is not valid; the message is one line."""


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    """Current time as ISO 8601 UTC with milliseconds, e.g. 2024-05-01T08:30:00.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalise_tag(name: str) -> str:
    """The key two tag spellings share: NFKC (full-width → half-width), casefold, strip."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def _check_text(value: Any, what: str) -> str:
    if type(value) is str and value.isascii():  # the common case, and no surrogate: done
        return value
    if not isinstance(value, str):
        raise AnnotationError(f"{what} must be a string, not {type(value).__name__}")
    try:
        # Lone surrogates cannot be stored as UTF-8; reject them here, not at save time.
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise AnnotationError(f"{what} holds an invalid character (a lone surrogate)") from None
    return value


def _check_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnnotationError(f"{what} must be an integer, not {type(value).__name__}")
    if value < 0:
        raise AnnotationError(f"{what} must not be negative")
    return value


def _check_time(value: Any, what: str) -> str:
    _check_text(value, what)
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise AnnotationError(f"{what} is not an ISO 8601 timestamp: {value[:40]!r}") from None
    return value


def clean_tags(tags: Iterable[Any]) -> tuple[str, ...]:
    """Tags as given, stripped, without duplicates (by normalised name, first spelling wins)."""
    if isinstance(tags, str):
        raise AnnotationError("tags must be a list of strings, not one string")
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        _check_text(tag, "a tag")
        norm = normalise_tag(tag)
        if not norm:
            raise AnnotationError("a tag must not be empty")
        if norm not in seen:
            seen.add(norm)
            out.append(tag.strip())
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DocRef:
    """The document an annotation belongs to."""

    path: str
    sha256: str = ""  # of Document.text; "" when unknown (e.g. imported from another tool)
    title: str = ""

    def __post_init__(self) -> None:
        _check_text(self.path, "doc.path")
        if not self.path:
            raise AnnotationError("doc.path must not be empty")
        _check_text(self.title, "doc.title")
        _check_text(self.sha256, "doc.sha256")
        if self.sha256 and not _SHA256_RE.fullmatch(self.sha256):
            raise AnnotationError("doc.sha256 must be 64 lower-case hex digits")


@dataclass(frozen=True, slots=True)
class Target:
    """TextPositionSelector + TextQuoteSelector + the section path (outline titles)."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    section: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_int(self.start, "target.start")
        _check_int(self.end, "target.end")
        if self.end < self.start:
            raise AnnotationError("target.end must not be before target.start")
        _check_text(self.quote, "target.quote")
        if not self.quote:
            raise AnnotationError("target.quote must not be empty")
        _check_text(self.prefix, "target.prefix")
        _check_text(self.suffix, "target.suffix")
        if isinstance(self.section, str):
            raise AnnotationError("target.section must be a list of titles")
        section = tuple(self.section)
        for title in section:
            _check_text(title, "a section title")
        object.__setattr__(self, "section", section)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note (possibly empty: a bare highlight) with tags and a colour, on a passage of a document.

    Immutable: change one with `dataclasses.replace` or through `NotesStore.update`. Constructing
    one validates it, so every `Annotation` in the program is well-formed.
    """

    doc: DocRef
    target: Target
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str = DEFAULT_COLOR
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    updated: str = ""  # "" means "same as created"

    def __post_init__(self) -> None:
        if not isinstance(self.doc, DocRef):
            raise AnnotationError("doc must be a DocRef")
        if not isinstance(self.target, Target):
            raise AnnotationError("target must be a Target")
        _check_text(self.id, "id")
        if not self.id.strip() or len(self.id) > MAX_ID_CHARS or not self.id.isprintable():
            raise AnnotationError("id must be a short printable string")
        _check_text(self.note, "note")
        object.__setattr__(self, "tags", clean_tags(self.tags))
        _check_text(self.color, "color")
        if not _COLOR_RE.fullmatch(self.color):
            raise AnnotationError(f"color must be a name or #rrggbb, not {self.color[:40]!r}")
        _check_time(self.created, "created")
        if not self.updated:
            object.__setattr__(self, "updated", self.created)
        _check_time(self.updated, "updated")

    # Short-hands the UI uses all the time.
    @property
    def start(self) -> int:
        return self.target.start

    @property
    def end(self) -> int:
        return self.target.end

    @property
    def quote(self) -> str:
        return self.target.quote

    @property
    def section(self) -> tuple[str, ...]:
        return self.target.section

    def to_dict(self) -> dict[str, Any]:
        """zoneplan's native JSON form (tags by name); `from_dict` reads it back."""
        return {
            "id": self.id,
            "doc": {"path": self.doc.path, "title": self.doc.title, "sha256": self.doc.sha256},
            "target": {
                "start": self.target.start,
                "end": self.target.end,
                "quote": self.target.quote,
                "prefix": self.target.prefix,
                "suffix": self.target.suffix,
                "section": list(self.target.section),
            },
            "note": self.note,
            "tags": list(self.tags),
            "color": self.color,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Annotation:
        """Parse the native JSON form; raises AnnotationError with a one-line reason."""
        if not isinstance(data, Mapping):
            raise AnnotationError(f"a note must be an object, not {type(data).__name__}")
        doc = _mapping(data.get("doc"), "doc")
        target = _mapping(data.get("target"), "target")
        tags = data.get("tags", [])
        if not isinstance(tags, list):
            raise AnnotationError("tags must be a list")
        section = target.get("section", [])
        if not isinstance(section, list):
            raise AnnotationError("target.section must be a list")
        for key in ("id", "created"):
            if key not in data:
                raise AnnotationError(f"{key} is missing")
        return cls(
            id=data["id"],
            doc=DocRef(
                path=_field(doc, "path"),
                title=doc.get("title", ""),
                sha256=doc.get("sha256", ""),
            ),
            target=Target(
                start=_field(target, "start"),
                end=_field(target, "end"),
                quote=_field(target, "quote"),
                prefix=target.get("prefix", ""),
                suffix=target.get("suffix", ""),
                section=tuple(section),
            ),
            note=data.get("note", ""),
            tags=tuple(tags),
            color=data.get("color", DEFAULT_COLOR),
            created=data["created"],
            updated=data.get("updated", ""),
        )


def _field(obj: Mapping[str, Any], key: str) -> Any:
    """A field of untrusted input, None if absent; the constructor it goes to checks its type."""
    return obj.get(key)


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AnnotationError(f"{what} must be an object")
    return value


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The (prefix, suffix) a TextQuoteSelector records around text[start:end]."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def make_target(text: str, start: int, end: int, section: Sequence[str] = ()) -> Target:
    """A target for text[start:end] with its quote and context taken from the text."""
    if not (0 <= start < end <= len(text)):
        raise AnnotationError(f"range {start}..{end} is not inside the text (0..{len(text)})")
    prefix, suffix = context_around(text, start, end)
    return Target(start, end, text[start:end], prefix, suffix, tuple(section))


def new_annotation(
    text: str,
    start: int,
    end: int,
    *,
    path: str | Path,
    sha256: str,
    title: str = "",
    note: str = "",
    tags: Iterable[str] = (),
    color: str = DEFAULT_COLOR,
    section: Sequence[str] = (),
) -> Annotation:
    """A fresh annotation on text[start:end] (`text` is `Document.text`, `sha256` its hash)."""
    return Annotation(
        doc=DocRef(path=str(path), sha256=sha256, title=title),
        target=make_target(text, start, end, section),
        note=note,
        tags=tuple(tags),
        color=color,
    )
