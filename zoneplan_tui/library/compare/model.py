"""The records of a comparison of two plans: matched sections, text changes, target changes.

Frozen and small; `engine.compare_plans` builds them, the report writers and the app's compare
screen read them. Offsets are character offsets into the `Document.text` of the plan a side
belongs to (A, the older or first plan; B, the newer or second).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from zoneplan_tui.library.compare.sections import Section
from zoneplan_tui.library.targets import Target

# A section pair's status, one word for the map (the flags of `SectionPair` say all of it):
# kept (same title and text, in its place), changed (its own text changed), renamed (its title
# changed), moved (under another parent, or out of order among its siblings), added (only in
# B), dropped (only in A).
SectionStatus = Literal["kept", "changed", "renamed", "moved", "added", "dropped"]
SECTION_STATUSES: tuple[SectionStatus, ...] = (
    "kept",
    "changed",
    "renamed",
    "moved",
    "added",
    "dropped",
)

# A target's change from A to B: raised or cut (its value, normalised, went up or down),
# unchanged (the same value, however written: 1.2亿元 = 12000万元), changed (a value that does
# not compare: another dimension, a date), to_fill (a placeholder on either side: xx亿元), new
# (only in B), dropped (only in A).
TargetChangeKind = Literal["raised", "cut", "unchanged", "changed", "to_fill", "new", "dropped"]
TARGET_CHANGES: tuple[TargetChangeKind, ...] = (
    "raised",
    "cut",
    "unchanged",
    "changed",
    "to_fill",
    "new",
    "dropped",
)

ClauseKind = Literal["added", "removed", "changed"]
WordOpKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class SectionPair:
    """A section of A and its counterpart in B (either may be None: dropped, added)."""

    a: Section | None
    b: Section | None
    status: SectionStatus
    similarity: float  # the match's score, 0..1 (0 for added and dropped)
    title_similarity: float  # of the titles, 0..1
    text_similarity: float  # of the own texts, 0..1
    moved: bool = False
    renamed: bool = False
    changed: bool = False  # its own text changed (not its subsections')
    renumbered: bool = False  # its marker changed: (三) → (二)

    @property
    def key(self) -> str:
        """Unique within a comparison: the sections' positions."""
        a = "-" if self.a is None else str(self.a.position)
        b = "-" if self.b is None else str(self.b.position)
        return f"{a}:{b}"


@dataclass(frozen=True, slots=True)
class WordOp:
    op: WordOpKind
    text: str  # as its side writes it; an equal run as B writes it
    a_text: str = ""  # an equal run as A writes it, when that differs (another script, width)


@dataclass(frozen=True, slots=True)
class ClauseChange:
    """A clause (text up to 。or ；) added in B, removed from A, or changed: then `words` is its
    word-by-word diff (jieba's words: 招商引资 is one)."""

    kind: ClauseKind
    a: tuple[int, int] | None  # offsets in A's text
    b: tuple[int, int] | None  # offsets in B's text
    words: tuple[WordOp, ...] = ()
    similarity: float = 0.0  # of a changed clause's two texts, 0..1


@dataclass(frozen=True, slots=True)
class TargetChange:
    """One indicator's value in A beside its value in B."""

    indicator: str
    key: str  # `targets_names.group_key`: how the two plans' names were paired
    growth: bool
    kind: str  # "target" or "result" (`targets_context`)
    change: TargetChangeKind
    a: Target | None
    b: Target | None
    a_section: int | None  # position of the section holding it, in A's section list
    b_section: int | None


__all__ = [
    "SECTION_STATUSES",
    "TARGET_CHANGES",
    "ClauseChange",
    "ClauseKind",
    "SectionPair",
    "SectionStatus",
    "TargetChange",
    "TargetChangeKind",
    "WordOp",
    "WordOpKind",
]
