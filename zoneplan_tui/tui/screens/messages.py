"""What the screens' workers report back to their screen, as small dataclass messages.

A worker runs in a thread and may not touch widgets: it posts one of these to its screen, which
handles it on the UI thread. Progress that a newer report makes stale says so in `can_replace`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # field types only: the reader must not import the library to open a plan
    from zoneplan_tui.core.analysis import Analysis
    from zoneplan_tui.core.document import Document
    from zoneplan_tui.core.textmatch import Folded
    from zoneplan_tui.library.catalog import PlanInfo
    from zoneplan_tui.library.index import SearchHit
    from zoneplan_tui.library.targets import TableRow
    from zoneplan_tui.tui.placed_note import PlacedNote
    from zoneplan_tui.tui.widgets.keywords_panel import PlanKeywords


@dataclass(eq=False)
class DocumentLoaded(Message):
    """The text of the plan at `index` of the reader's list is ready."""

    index: int
    doc: Document


@dataclass(eq=False)
class AnalysisReady(Message):
    """Its outline and figures are ready."""

    index: int
    plan: Analysis


@dataclass(eq=False)
class SearchTextReady(Message):
    """Its text folded for the in-document search (made in the worker: ~0.1 s a megabyte)."""

    index: int
    text: str  # the text folded: the view takes it only while it shows that text
    folded: Folded


@dataclass(eq=False)
class LoadFailed(Message):
    index: int
    error: str


@dataclass(eq=False)
class NotesLoaded(Message):
    """The notes of the plan with this hash, re-anchored in its text."""

    sha256: str
    notes: list[PlacedNote]


@dataclass(eq=False)
class IndexProgress(Message):
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass(eq=False)
class IndexDone(Message):
    plans: list[PlanInfo]
    errors: list[str]


@dataclass(eq=False)
class KeywordsReady(Message):
    sha256: str
    found: PlanKeywords


@dataclass(eq=False)
class TargetsReady(Message):
    shas: tuple[str, ...]  # the plans read, in column order
    rows: list[TableRow]
    error: str | None = None


@dataclass(eq=False)
class SearchDone(Message):
    query: str
    hits: list[SearchHit]
    error: str | None = None
