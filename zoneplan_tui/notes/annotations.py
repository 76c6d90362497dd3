"""The note model: `Annotation`, its W3C Web Annotation form, and re-anchoring to changed text.

Pure core: no Textual, no storage. The store (`store.py`) persists these objects; the UI draws them.

An annotation targets a passage of `Document.text` the way the W3C Web Annotation model does it,
with two selectors at once:

* a TextPositionSelector (`start`/`end`, offsets in Unicode code points of `Document.text`, i.e.
  Python string indices; JavaScript tools count UTF-16 units and differ only past the BMP, e.g. 𠮷);
* a TextQuoteSelector (`quote` plus ~32 characters of `prefix`/`suffix` context).

The position is fast and exact while the text is unchanged; the quote and its context let `anchor`
find the passage again after the document was edited (the way Hypothesis re-anchors).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from rapidfuzz.distance import Levenshtein

CONTEXT_CHARS = 32
DEFAULT_COLOR = "yellow"

# Re-anchoring thresholds (from the issue): a score of at least ATTACH re-attaches the note,
# REVIEW..ATTACH attaches it provisionally and asks the reviewer to confirm, below REVIEW the note
# is an orphan (kept, listed apart, never deleted).
ATTACH_THRESHOLD = 0.9
REVIEW_THRESHOLD = 0.75

# Score weights, as in Hypothesis's match-quote: the quote dominates, context on each side matters
# a lot, distance from the old position only breaks ties. With these weights an exact quote whose
# context is gone on both sides scores ~0.6 (orphan) and with one side intact ~0.8 (review): a
# repeated phrase elsewhere in a plan never re-attaches on its own.
QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
_TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

# Fuzzy search tolerates errors up to a quarter of the quote's length; a quote shorter than this
# many characters is only ever matched exactly (one error in three characters is noise).
MIN_FUZZY_QUOTE = 4
# Bounds on work for pathological input (a one-character quote in a 2 MB file).
MAX_EXACT_CANDIDATES = 20_000

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# zoneplan's own fields ride along in one key. A key with a colon is an absolute IRI to a JSON-LD
# processor, so the document stays valid JSON-LD while the `@context` stays the plain W3C string.
W3C_EXTRAS = "zoneplan:meta"

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
                path=doc.get("path"),
                title=doc.get("title", ""),
                sha256=doc.get("sha256", ""),
            ),
            target=Target(
                start=target.get("start"),
                end=target.get("end"),
                quote=target.get("quote"),
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


# --------------------------------------------------------------------------------------------
# Re-anchoring
# --------------------------------------------------------------------------------------------

AnchorStatus = Literal["attached", "review", "orphan"]


@dataclass(frozen=True, slots=True)
class Anchoring:
    """Where an annotation sits in the current text.

    `start`/`end` are set for "attached" and "review" (the provisional place to show it) and None
    for "orphan". `score` is in 0..1; for an orphan it is the best rejected candidate's score.
    """

    status: AnchorStatus
    start: int | None
    end: int | None
    score: float
    method: Literal["position", "exact", "fuzzy", "none"] = "none"

    @property
    def is_attached(self) -> bool:
        return self.status == "attached"


def status_for(score: float) -> AnchorStatus:
    if score >= ATTACH_THRESHOLD:
        return "attached"
    if score >= REVIEW_THRESHOLD:
        return "review"
    return "orphan"


def _context_score(stored: str, actual: str) -> float:
    # No stored context (quote at the very start or end of the old text) says nothing either way.
    if not stored:
        return 1.0
    return Levenshtein.normalized_similarity(stored, actual)


def _score(target: Target, text: str, start: int, end: int, errors: int) -> float:
    quote_len = len(target.quote)
    quote_score = max(0.0, 1.0 - errors / quote_len)
    prefix = target.prefix
    suffix = target.suffix
    prefix_score = _context_score(prefix, text[max(0, start - len(prefix)) : start])
    suffix_score = _context_score(suffix, text[end : end + len(suffix)])
    pos_score = 1.0 - abs(start - target.start) / max(len(text), 1)
    raw = (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * prefix_score
        + SUFFIX_WEIGHT * suffix_score
        + POSITION_WEIGHT * max(0.0, pos_score)
    )
    return raw / _TOTAL_WEIGHT


def anchor(ann: Annotation | Target, text: str) -> Anchoring:
    """Find an annotation's passage in (possibly changed) text.

    1. The stored position, if the quote and its full context are still there (score 1.0).
    2. Else every exact occurrence of the quote, ranked by quote/prefix/suffix/position agreement.
    3. If no exact occurrence scores high enough to attach, also a fuzzy search allowing up to a
       quarter of the quote's length in edits; the best of all candidates wins.

    The status follows the score: >= 0.9 attached, 0.75..0.9 review, below that orphan.
    """
    target = ann.target if isinstance(ann, Annotation) else ann
    quote = target.quote
    qlen = len(quote)
    start = target.start
    end = start + qlen
    if (
        end <= len(text)
        and text.startswith(quote, start)
        and start >= len(target.prefix)
        and text.startswith(target.prefix, start - len(target.prefix))
        and text.startswith(target.suffix, end)
    ):
        return Anchoring("attached", start, end, 1.0, "position")

    best: tuple[float, int, int, str] = (0.0, -1, -1, "none")
    found = text.find(quote)
    count = 0
    while found != -1 and count < MAX_EXACT_CANDIDATES:
        score = _score(target, text, found, found + qlen, 0)
        if score > best[0]:
            best = (score, found, found + qlen, "exact")
        count += 1
        found = text.find(quote, found + 1)

    if best[0] < ATTACH_THRESHOLD and qlen >= MIN_FUZZY_QUOTE:
        for m_start, m_end, errors in fuzzy_find(quote, text, qlen // 4):
            if errors == 0:
                continue  # already scored as an exact occurrence
            score = _score(target, text, m_start, m_end, errors)
            if score > best[0]:
                best = (score, m_start, m_end, "fuzzy")

    score, b_start, b_end, method = best
    status = status_for(score)
    if status == "orphan":
        return Anchoring("orphan", None, None, score, "none")
    return Anchoring(status, b_start, b_end, score, method)  # type: ignore[arg-type]


def rebase(ann: Annotation, where: Anchoring, text: str, sha256: str) -> Annotation:
    """The annotation moved onto its re-anchored place in `text` (quote and context refreshed).

    Only for "attached"/"review" results; the caller decides whether to persist it (an exact
    re-attachment loses nothing; a fuzzy one replaces the stored quote with the current wording).
    """
    if where.start is None or where.end is None:
        raise AnnotationError("an orphaned note has no place to move to")
    target = make_target(text, where.start, where.end, ann.target.section)
    return replace(ann, target=target, doc=replace(ann.doc, sha256=sha256))


def _myers_ends(pattern: str, text: str, max_errors: int) -> list[tuple[int, int]]:
    """(end, errors) for each end offset in `text` where some substring ending there is within
    `max_errors` edits of `pattern` (Myers' bit-parallel algorithm, Hyyrö's formulation).

    Python ints are arbitrary precision, so the pattern may be any length (diff-match-patch stops
    at 32 characters), and the per-character bit masks live in a dict, so any alphabet works
    (edlib gives up on texts with more than 256 distinct characters, i.e. any Chinese text).
    """
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    out: list[tuple[int, int]] = []
    get = peq.get
    for j, ch in enumerate(text):
        eq = get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) ^ pv) | eq) & mask
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        # Searching, not comparing whole strings: the top row is all zeros (a match may start
        # anywhere), so no carry comes in at the bottom bit.
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            out.append((j + 1, score))
    return out


def _candidate_windows(pattern: str, text: str, max_errors: int) -> list[tuple[int, int]]:
    """Regions of `text` that can hold a match with at most `max_errors` edits.

    Pigeonhole filter: cut the pattern into max_errors + 1 pieces; k edits can spoil at most k of
    them, so any match contains one piece verbatim. Only the neighbourhoods of verbatim piece
    occurrences (found with the C-speed `str.find`) are searched with the bit-parallel scan.
    """
    m = len(pattern)
    pieces = max_errors + 1
    bounds = [round(i * m / pieces) for i in range(pieces + 1)]
    spans: list[tuple[int, int]] = []
    for i in range(pieces):
        offset, piece = bounds[i], pattern[bounds[i] : bounds[i + 1]]
        if not piece:
            continue
        pos = text.find(piece)
        while pos != -1:
            lo = max(0, pos - offset - max_errors)
            hi = min(len(text), pos - offset + m + max_errors)
            spans.append((lo, hi))
            pos = text.find(piece, pos + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def fuzzy_find(pattern: str, text: str, max_errors: int) -> list[tuple[int, int, int]]:
    """Approximate occurrences of `pattern` in `text`: (start, end, errors) with errors <= max.

    One result per local minimum of the error count along the text (a match with 0 errors also
    matches with 1 error one character further on; only the better one is reported).
    """
    m = len(pattern)
    if m == 0 or max_errors < 0:
        return []
    max_errors = min(max_errors, m - 1)
    results: dict[tuple[int, int], int] = {}
    for lo, hi in _candidate_windows(pattern, text, max_errors):
        ends = _myers_ends(pattern, text[lo:hi], max_errors)
        for idx, (end, errors) in enumerate(ends):
            # A local minimum among consecutive end positions.
            if idx > 0 and ends[idx - 1][0] == end - 1 and ends[idx - 1][1] < errors:
                continue
            if idx + 1 < len(ends) and ends[idx + 1][0] == end + 1 and ends[idx + 1][1] < errors:
                continue
            abs_end = lo + end
            start = _best_start(pattern, text, abs_end, errors, lo)
            if start is None:
                continue
            key = (start[0], abs_end)
            if key not in results or start[1] < results[key]:
                results[key] = start[1]
    return [(s, e, err) for (s, e), err in sorted(results.items())]


def _edit_distances_to_suffixes(pattern: str, text: str) -> list[int]:
    """ed(pattern, text[len(text) - r:]) for r = 0..len(text), in one bit-parallel pass.

    Myers' algorithm on the reversed strings with the text's start anchored (top row 0, 1, 2, …,
    hence the carry of 1 into the bottom bit): this prices every possible match start at once.
    """
    rp, rt = pattern[::-1], text[::-1]
    m = len(rp)
    peq: dict[str, int] = {}
    for i, ch in enumerate(rp):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    out = [m]
    get = peq.get
    for ch in rt:
        eq = get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) ^ pv) | eq) & mask
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        out.append(score)
    return out


def _best_start(
    pattern: str, text: str, end: int, errors: int, floor: int
) -> tuple[int, int] | None:
    """The start giving text[start:end] the fewest edits to `pattern` (ties: closest length)."""
    m = len(pattern)
    lo = max(floor, end - m - errors)
    dists = _edit_distances_to_suffixes(pattern, text[lo:end])
    best: tuple[int, int, int] | None = None  # (distance, length difference, -start)
    for length in range(max(0, m - errors), len(dists)):
        dist = dists[length]
        if dist > errors:
            continue
        key = (dist, abs(length - m), -(end - length))
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return -best[2], best[0]


# --------------------------------------------------------------------------------------------
# W3C Web Annotation export / import
# --------------------------------------------------------------------------------------------


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


def export_collection(anns: Iterable[Annotation], label: str = "zoneplan notes") -> dict[str, Any]:
    """An AnnotationCollection with every annotation embedded in its first (only) page."""
    items = [to_w3c(a) for a in anns]
    return {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "generator": {"type": "Software", "name": "zoneplan"},
        "generated": now_iso(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


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
    quote = quote_sel.get("exact")
    if pos_sel is not None:
        start, end = pos_sel.get("start"), pos_sel.get("end")
    else:
        # No position: start at 0 and let re-anchoring find the quote.
        start, end = 0, len(quote) if isinstance(quote, str) else 0

    doc_extra = extras.get("doc") if isinstance(extras.get("doc"), Mapping) else {}
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


def one_line(message: str, limit: int = 300) -> str:
    """Collapse a message to one line of reasonable length (for stderr and error dialogs)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
