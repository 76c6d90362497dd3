"""Notes from an older edition of a plan carried onto the newer one.

A note is placed as the reader places notes on an edited file (`notes.anchoring.anchor`: the
quote with its context, exactly or nearly, scored): attached, to review, or not placed. When the
quote's context changed too much for that, the comparison helps: the note's section in the old
edition has a match in the new one, and the quote is looked for there alone (exactly, or with
at most a quarter of its characters edited, nearest to where it stood in its section). Found
that way, it is placed to review: a person confirms a note whose surroundings changed.

What cannot be placed either way (its passage was dropped or rewritten) is listed, never lost:
the old note stays where it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from zoneplan_tui.library.compare.engine import Comparison, PlanSide
from zoneplan_tui.notes.anchoring import Anchoring, anchor, fuzzy_find
from zoneplan_tui.notes.annotations import Annotation, DocRef, make_target, new_id, now_iso

CarryStatus = Literal["attached", "review", "orphan", "present"]


@dataclass(frozen=True, slots=True)
class Carried:
    """One note of the old edition and what became of it on the new one."""

    old: Annotation
    new: Annotation | None  # None: not placed (orphan) or already there (present)
    status: CarryStatus
    method: str  # "anchor" (quote and context), "section" (within the matched section), ""
    score: float


def _section_span(side: PlanSide, position: int) -> tuple[int, int] | None:
    pieces = side.sections[position].pieces
    return (pieces[0][0], pieces[-1][1]) if pieces else None


def _section_at(side: PlanSide, offset: int) -> int:
    index = side.plan.outline.section_index(side.plan.doc.line_of(offset))
    return 0 if index is None else index + 1


def _in_matched_section(c: Comparison, ann: Annotation, old_at: int) -> tuple[int, int] | None:
    """The quote in the new edition's match of the section it stood in, nearest to its place
    within that section."""
    pair = c.pair_of("a", _section_at(c.a, old_at))
    if pair is None or pair.a is None or pair.b is None:
        return None
    old_span = _section_span(c.a, pair.a.position)
    new_span = _section_span(c.b, pair.b.position)
    if old_span is None or new_span is None:
        return None
    quote = ann.target.quote
    lo, hi = new_span
    body = c.b.text[lo:hi]
    rel = old_at - old_span[0]
    found = [(s, s + len(quote), 0) for s in _all(body, quote)]
    if not found and len(quote) >= 4:
        found = fuzzy_find(quote, body, len(quote) // 4)
    if not found:
        return None
    start, end, _ = min(found, key=lambda f: (f[2], abs(f[0] - rel)))
    return lo + start, lo + end


def _all(text: str, quote: str) -> Iterable[int]:
    at = text.find(quote)
    while at != -1:
        yield at
        at = text.find(quote, at + 1)


def _section_titles(side: PlanSide, offset: int) -> tuple[str, ...]:
    position = _section_at(side, offset)
    return side.sections[position].path


def _moved(ann: Annotation, side: PlanSide, start: int, end: int, path: str) -> Annotation:
    doc = side.plan.doc
    return replace(
        ann,
        doc=DocRef(path=path, sha256=doc.sha256, title=side.title),
        target=make_target(doc.text, start, end, _section_titles(side, start)),
        id=new_id(),
        created=now_iso(),
        updated="",
    )


def _same_note(x: Annotation, y: Annotation) -> bool:
    return (
        x.target.start == y.target.start
        and x.target.end == y.target.end
        and x.note == y.note
        and x.tags == y.tags
    )


def carry_notes(
    c: Comparison, notes: Sequence[Annotation], new_path: str, existing: Sequence[Annotation] = ()
) -> list[Carried]:
    """Each note of the old edition (plan A of `c`) placed on the new one (plan B), as a new
    note on `new_path`; `existing`: the new edition's notes, so a note carried before is not
    carried twice ("present")."""
    out: list[Carried] = []
    for ann in notes:
        where = anchor(ann, c.b.text)
        placed: tuple[int, int] | None = None
        method, score = "", where.score
        status: CarryStatus = "orphan"
        if where.status != "orphan" and where.start is not None and where.end is not None:
            placed, method, status = (where.start, where.end), "anchor", where.status
        if status != "attached":
            old: Anchoring = anchor(ann, c.a.text)
            if old.start is not None:
                found = _in_matched_section(c, ann, old.start)
                if found is not None and placed is None:
                    placed, method, status = found, "section", "review"
        if placed is None:
            out.append(Carried(ann, None, "orphan", "", score))
            continue
        new = _moved(ann, c.b, placed[0], placed[1], new_path)
        if any(_same_note(new, e) for e in existing):
            out.append(Carried(ann, None, "present", method, score))
            continue
        out.append(Carried(ann, new, status, method, score))
    return out


__all__ = ["Carried", "CarryStatus", "carry_notes"]
