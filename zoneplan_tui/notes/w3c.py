"""Annotations as W3C Web Annotations (JSON-LD): export, and import of ours or other tools'.

An export is an `AnnotationCollection` with every annotation embedded in its first page; each
annotation has a `TextualBody` for the note and one per tag, a target with a `TextQuoteSelector`
and a `TextPositionSelector`, and zoneplan's own fields under `zoneplan:meta`. Export → import is
lossless; import also reads zoneplan's native form and other tools' annotations that have a
TextQuoteSelector.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from zoneplan_tui.notes.annotations import (
    DEFAULT_COLOR,
    Annotation,
    AnnotationError,
    DocRef,
    Target,
    new_id,
    now_iso,
)
from zoneplan_tui.notes.corrections import Correction
from zoneplan_tui.notes.errors import one_line

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# zoneplan's own fields ride along in one key. A key with a colon is an absolute IRI to a JSON-LD
# processor, so the document stays valid JSON-LD while the `@context` stays the plain W3C string.
W3C_EXTRAS = "zoneplan:meta"
# The reader's corrections of the plans (notes/corrections.py) ride along in an export under
# this key of the collection; other tools ignore a key they do not know.
W3C_CORRECTIONS = "zoneplan:corrections"


def _source_iri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return path  # relative paths have no file: IRI; the extras keep the path anyway


def _path_from_source(source: str) -> str:
    parsed = urlparse(source)
    if parsed.scheme == "file":
        from urllib.request import url2pathname

        return url2pathname(parsed.path) if parsed.path else source  # it unquotes %XX
    return source


def _iri_id(ann_id: str) -> str:
    """A W3C annotation id must be an IRI: urn:uuid:… for ours, kept as is if it already is one."""
    try:
        parsed = uuid.UUID(ann_id)
    except ValueError:
        parsed = None
    if parsed is not None and str(parsed) == ann_id:
        return parsed.urn
    return ann_id if ":" in ann_id else f"urn:zoneplan:note:{ann_id}"


def _id_from_iri(iri: str) -> str:
    for prefix in ("urn:uuid:", "urn:zoneplan:note:"):
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return iri


def to_w3c(ann: Annotation) -> dict[str, Any]:
    """One annotation as a W3C Web Annotation (JSON-LD), zoneplan extras under `zoneplan:meta`."""
    bodies: list[dict[str, Any]] = []
    if ann.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": ann.note,
                "format": "text/plain",
            }
        )
    bodies.extend({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in ann.tags)
    out: dict[str, Any] = {
        "id": _iri_id(ann.id),
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.updated,
    }
    if bodies:
        out["body"] = bodies
    out["target"] = {
        "source": _source_iri(ann.doc.path),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": ann.target.quote,
                "prefix": ann.target.prefix,
                "suffix": ann.target.suffix,
            },
            {"type": "TextPositionSelector", "start": ann.target.start, "end": ann.target.end},
        ],
    }
    out[W3C_EXTRAS] = {
        "id": ann.id,
        "color": ann.color,
        "section": list(ann.target.section),
        "doc": {"path": ann.doc.path, "title": ann.doc.title, "sha256": ann.doc.sha256},
    }
    return out


def export_collection(
    anns: Iterable[Annotation],
    label: str = "zoneplan notes",
    corrections: Iterable[Correction] = (),
) -> dict[str, Any]:
    """An AnnotationCollection with every annotation embedded in its first (only) page, and
    the plans' corrections beside it (when there are any)."""
    items = [to_w3c(a) for a in anns]
    out: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "generator": {"type": "Software", "name": "zoneplan"},
        "generated": now_iso(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    fixes = [c.to_dict() for c in corrections]
    if fixes:
        out[W3C_CORRECTIONS] = fixes
    return out


def parse_corrections(data: Any) -> tuple[list[Correction], list[str]]:
    """The corrections an export carries (none for another tool's); a bad one is reported and
    skipped."""
    raw = data.get(W3C_CORRECTIONS) if isinstance(data, Mapping) else None
    out: list[Correction] = []
    problems: list[str] = []
    for i, item in enumerate(raw if isinstance(raw, list) else [], 1):
        try:
            out.append(Correction.from_dict(item))
        except AnnotationError as exc:
            problems.append(f"correction {i}: {one_line(str(exc))}")
    return out, problems


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _has_type(obj: Mapping[str, Any], name: str) -> bool:
    return name in _as_list(obj.get("type"))


def from_w3c(obj: Any) -> Annotation:
    """Parse one W3C annotation (ours, or another tool's that has a TextQuoteSelector)."""
    if not isinstance(obj, Mapping):
        raise AnnotationError(f"an annotation must be an object, not {type(obj).__name__}")
    if not _has_type(obj, "Annotation"):
        raise AnnotationError('not a W3C annotation (no "type": "Annotation")')
    extras = obj.get(W3C_EXTRAS)
    extras = extras if isinstance(extras, Mapping) else {}

    targets = [t for t in _as_list(obj.get("target")) if isinstance(t, Mapping)]
    quote_sel: Mapping[str, Any] | None = None
    pos_sel: Mapping[str, Any] | None = None
    source = None
    for tgt in targets:
        sels = [s for s in _as_list(tgt.get("selector")) if isinstance(s, Mapping)]
        q = next((s for s in sels if _has_type(s, "TextQuoteSelector")), None)
        if q is not None:
            quote_sel = q
            pos_sel = next((s for s in sels if _has_type(s, "TextPositionSelector")), None)
            source = tgt.get("source")
            break
    if quote_sel is None:
        raise AnnotationError("the target has no TextQuoteSelector")
    # Untrusted values: Target checks their types and says what is wrong.
    quote: Any = quote_sel.get("exact")
    start: Any
    end: Any
    if pos_sel is not None:
        start, end = pos_sel.get("start"), pos_sel.get("end")
    else:
        # No position: start at 0 and let re-anchoring find the quote.
        start, end = 0, len(quote) if isinstance(quote, str) else 0

    doc_extra: Mapping[str, Any] = extras["doc"] if isinstance(extras.get("doc"), Mapping) else {}
    path = doc_extra.get("path")
    if path is None:
        if not isinstance(source, str) or not source:
            raise AnnotationError("the target has no source")
        path = _path_from_source(source)

    notes: list[str] = []
    tags: list[str] = []
    body_value = obj.get("bodyValue")
    if isinstance(body_value, str):
        notes.append(body_value)
    for body in _as_list(obj.get("body")):
        if not isinstance(body, Mapping) or not _has_type(body, "TextualBody"):
            continue
        value = body.get("value")
        if not isinstance(value, str):
            continue
        if "tagging" in _as_list(body.get("purpose")):
            tags.append(value)
        else:
            notes.append(value)

    raw_id = extras.get("id")
    if not isinstance(raw_id, str):
        iri = obj.get("id")
        raw_id = _id_from_iri(iri) if isinstance(iri, str) and iri else new_id()
    created = obj.get("created") or now_iso()
    section = extras.get("section", [])
    if not isinstance(section, list):
        raise AnnotationError("zoneplan:meta.section must be a list")
    return Annotation(
        id=raw_id,
        doc=DocRef(
            path=path,
            title=doc_extra.get("title", ""),
            sha256=doc_extra.get("sha256", ""),
        ),
        target=Target(
            start=start,
            end=end,
            quote=quote,
            prefix=quote_sel.get("prefix", ""),
            suffix=quote_sel.get("suffix", ""),
            section=tuple(section),
        ),
        note="\n\n".join(notes),
        tags=tuple(tags),
        color=extras.get("color", DEFAULT_COLOR),
        created=created,
        updated=obj.get("modified") or created,
    )


def parse_import(data: Any) -> tuple[list[Annotation], list[str]]:
    """Annotations from an export (a W3C collection, page, list or single annotation; zoneplan's
    native form is accepted too). Returns (annotations, problems): one bad item is reported and
    skipped, never allowed to sink the others. Raises AnnotationError if `data` is no export at all.
    """
    items: list[Any]
    if isinstance(data, list):
        items = data
    elif isinstance(data, Mapping):
        if _has_type(data, "AnnotationCollection"):
            items = []
            page = data.get("first")
            seen = 0
            while isinstance(page, Mapping) and seen < 10_000:
                items.extend(_as_list(page.get("items")))
                page = page.get("next")
                seen += 1
            if isinstance(page, str):
                raise AnnotationError(
                    "the collection's pages are links, not embedded; cannot import"
                )
        elif _has_type(data, "AnnotationPage") or (
            "items" in data and isinstance(data["items"], list)
        ):
            items = _as_list(data.get("items"))
        elif _has_type(data, "Annotation"):
            items = [data]
        else:
            raise AnnotationError("not a W3C annotation collection, page, list or annotation")
    else:
        raise AnnotationError("not a W3C annotation collection, page, list or annotation")

    anns: list[Annotation] = []
    problems: list[str] = []
    for i, item in enumerate(items, 1):
        try:
            if isinstance(item, Mapping) and not _has_type(item, "Annotation") and "target" in item:
                anns.append(Annotation.from_dict(item))
            else:
                anns.append(from_w3c(item))
        except (AnnotationError, TypeError, ValueError) as exc:
            problems.append(f"item {i}: {one_line(str(exc))}")
    return anns, problems
