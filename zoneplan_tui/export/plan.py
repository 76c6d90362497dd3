"""What an export is made of: the plan, its outline and figures, and its notes placed in it.

Notes are re-anchored in the plan's current text (notes/anchoring.py), so an export shows them
where they are now, with the section they sit in now (not the one stored when they were
written); orphaned notes, whose passage is gone, are kept and listed apart.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from zoneplan_tui.core.analysis import Analysis, analyse
from zoneplan_tui.core.document import Document
from zoneplan_tui.core.outline_model import Heading
from zoneplan_tui.notes.anchoring import Anchoring, anchor
from zoneplan_tui.notes.annotations import Annotation

# progress(done, total): how far an export is, for a progress bar; called often, cheaply.
Progress = Callable[[int, int], None]


def no_progress(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class PlacedNote:
    """A note where it sits in the current text: `start`/`end` None for an orphan."""

    ann: Annotation
    status: str  # "attached", "review" (attached, but the passage changed) or "orphan"
    start: int | None
    end: int | None
    line: int | None  # 1-based line of `start`
    section: tuple[Heading, ...]  # the headings enclosing `line`, top level first
    reason: str = ""  # why it needs review, when the anchoring says (see anchoring_reason)

    @property
    def is_orphan(self) -> bool:
        return self.start is None

    @property
    def section_titles(self) -> tuple[str, ...]:
        return tuple(f"{h.marker}{h.title}" for h in self.section)

    @property
    def status_text(self) -> str:
        """The status as `notes list` names it, with its reason: "review: 300个 → 350个"."""
        return f"{self.status}: {self.reason}" if self.reason else self.status


@dataclass(frozen=True)
class AnnotatedPlan:
    doc: Document
    analysis: Analysis
    notes: tuple[PlacedNote, ...]  # in the order of their passages; orphans last
    reviewer: str = ""
    exported: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def placed(self) -> list[PlacedNote]:
        return [n for n in self.notes if not n.is_orphan]

    @property
    def orphans(self) -> list[PlacedNote]:
        return [n for n in self.notes if n.is_orphan]

    @property
    def title(self) -> str:
        return self.analysis.outline.title or self.doc.path.name


def reviewer_name(configured: str | None = None) -> str:
    """The name an export signs comments with: the settings' `reviewer`, else the OS user."""
    if configured and configured.strip():
        return configured.strip()
    try:
        return getpass.getuser()
    except Exception:  # no user name to be had (a container without /etc/passwd entry)
        return "zoneplan"


# The names an Anchoring may give its reason by: notes/anchoring.py is growing reasons for
# "review" (the figures in a passage changed: `300个以上 → 350个以上`); read generically so that
# exports show whichever arrives without depending on its exact shape.
_REASON_FIELDS = ("reason", "reasons", "detail", "details", "changes", "figures_changed")


def anchoring_reason(where: Anchoring) -> str:
    """The reason text the anchoring gives for its status, "" when it gives none."""
    parts: list[str] = []
    for name in _REASON_FIELDS:
        value = getattr(where, name, None)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, Iterable):
            parts += [str(v) for v in value if v]
    return "; ".join(" ".join(p.split()) for p in parts if p.strip())


def place_notes(doc: Document, anns: Iterable[Annotation], analysis: Analysis) -> list[PlacedNote]:
    outline = analysis.outline
    out = []
    for ann in anns:
        where = anchor(ann, doc.text)
        if where.start is None or where.end is None:
            out.append(PlacedNote(ann, where.status, None, None, None, (), anchoring_reason(where)))
            continue
        line = doc.line_of(where.start)
        section = outline.section_path(line)
        reason = anchoring_reason(where)
        out.append(PlacedNote(ann, where.status, where.start, where.end, line, section, reason))
    # In reading order; orphans last, oldest first.
    out.sort(key=lambda n: (n.start is None, n.start or 0, n.end or 0, n.ann.created))
    return out


def annotate(
    doc: Document,
    anns: Sequence[Annotation],
    *,
    analysis: Analysis | None = None,
    reviewer: str | None = None,
) -> AnnotatedPlan:
    """The plan `doc` with its notes `anns` placed in it (`analysis`: its outline and figures,
    when the caller has them already)."""
    analysis = analysis if analysis is not None and analysis.doc is doc else analyse(doc)
    return AnnotatedPlan(
        doc=doc,
        analysis=analysis,
        notes=tuple(place_notes(doc, anns, analysis)),
        reviewer=reviewer_name(reviewer),
    )


def note_time(ann: Annotation) -> datetime:
    """When the note was last changed, as an aware datetime (UTC when the stamp has no zone)."""
    stamp = datetime.fromisoformat(ann.updated.replace("Z", "+00:00"))
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def default_name(plan: Path, suffix: str) -> str:
    """`<plan stem>.annotated.<suffix>`: the file name an export gets unless told otherwise."""
    return f"{plan.stem}.annotated.{suffix}"
