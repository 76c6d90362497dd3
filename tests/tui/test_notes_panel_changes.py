"""The notes panel shows why a note needs review when its figures changed."""

from __future__ import annotations

from rich.text import Text

from zoneplan_tui.notes.anchoring import Anchoring
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.tui.placed_note import PlacedNote
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel

TEXT = "建成各类市场主体300个以上，带动就业。"


def _placed(where: Anchoring, note: str = "核实") -> PlacedNote:
    ann = new_annotation(TEXT, 0, 14, path="/p.txt", sha256="0" * 64, note=note)
    return PlacedNote(ann, where)


def test_a_figure_change_leads_the_note_cell():
    changed = Anchoring("review", 0, 14, 0.95, "fuzzy", (("300个以上", "350个以上"),))
    status, _section, _quote, note, _tags = NotesPanel().cells(_placed(changed))
    assert isinstance(note, Text) and isinstance(status, Text)
    assert status.plain == "?"
    assert note.plain == "300个以上 → 350个以上 · 核实"
    bare = NotesPanel().cells(_placed(changed, note=""))[3]
    assert isinstance(bare, Text) and bare.plain == "300个以上 → 350个以上"


def test_without_changes_the_note_cell_is_the_note():
    plain = Anchoring("review", 0, 14, 0.8, "fuzzy")
    note = NotesPanel().cells(_placed(plain))[3]
    assert isinstance(note, Text) and note.plain == "核实"
