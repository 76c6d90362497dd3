"""A note with where it sits in the text being read: what the notes panel lists and the reader
draws. Below the widgets and the screens, which both hand it around."""

from __future__ import annotations

from dataclasses import dataclass

from zoneplan_tui.notes.anchoring import Anchoring
from zoneplan_tui.notes.annotations import Annotation


@dataclass(frozen=True)
class PlacedNote:
    """A note with where it sits in the current text (re-anchored)."""

    ann: Annotation
    where: Anchoring

    @property
    def start(self) -> int | None:
        return self.where.start

    @property
    def status(self) -> str:
        return self.where.status
