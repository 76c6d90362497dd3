"""The notes of the open plan: filterable by tag and text, orphans listed apart, never hidden."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select

from zoneplan_tui.notes.figure_changes import describe_changes
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.placed_note import PlacedNote
from zoneplan_tui.tui.widgets.filter_table import FilterTable
from zoneplan_tui.tui.widgets.messages import (
    CopyRequested,
    NoteDeleteRequested,
    NoteEditRequested,
    NoteReattachRequested,
)

STATUS_MARK = {"attached": ("✎", ""), "review": ("?", "bold yellow"), "orphan": ("✗", "bold red")}

__all__ = ["STATUS_MARK", "NotesPanel", "PlacedNote", "note_text"]


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class NotesPanel(FilterTable[PlacedNote]):
    """Enter jumps to a note (`RowChosen`), `e` edits it, `x` deletes it (the screen offers
    undo). The order is the text's, orphans last: it does not sort."""

    SORT_COLUMNS = ()

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Jump",
            id="notes.jump",
            show=False,
            tooltip="Jump to the note's passage in the text",
        ),
        Binding("e", "edit", "Edit", id="notes.edit", tooltip="Edit the note under the cursor"),
        Binding(
            "r",
            "reattach",
            "Re-attach",
            id="notes.reattach",
            tooltip="Re-attach the note under the cursor (an orphan: ✗) to the passage selected "
            "in the text",
        ),
        Binding(
            "x,delete",
            "delete",
            "Delete",
            id="notes.delete",
            tooltip="Delete the note under the cursor (the reader can undo it)",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="notes.copy",
            show=False,
            tooltip="Copy the note under the cursor: its passage, text and tags",
        ),
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="notes.filter",
            show=False,
            tooltip="Filter the notes by text, quote or section (beside it: by tag); "
            "orphaned notes are listed last",
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            table_id="notes-table",
            filter_id="notes-text",
            placeholder="filter notes by text, quote or section",
            id=id,
            classes=classes,
        )
        self._tags: set[str] = set()  # the tags the tag filter offers

    def compose_filters(self) -> ComposeResult:
        with Horizontal(classes="panel-filters"):
            yield Select([], prompt="all tags", allow_blank=True, id="notes-tag")
            yield self.make_filter_input()

    @property
    def tag_select(self) -> Select[str]:
        return self.query_one("#notes-tag", Select)

    @property
    def notes(self) -> list[PlacedNote]:
        return self.rows

    # -- the rows -------------------------------------------------------------------------------

    def columns(self) -> Sequence[tuple[str, str]]:
        return [("status", ""), *((c, c) for c in ("section", "quote", "note", "tags"))]

    def header(self, key: str, label: str) -> Text:
        return Text(label)

    def row_key(self, row: PlacedNote) -> str:
        return row.ann.id

    def cells(self, row: PlacedNote) -> Sequence[RenderableType]:
        mark, style = STATUS_MARK[row.status]
        ann = row.ann
        note = label_line(_one_line(ann.note, 40))
        if row.where.figure_changes:
            # What changed comes first: it is why the note asks to be checked.
            changed = label_line(_one_line(row.where.reason, 40), style="bold yellow")
            note = Text.assemble(changed, " · ", note) if ann.note else changed
        return (
            Text(mark, style=style),
            label_line(_one_line(ann.section[-1] if ann.section else "", 16)),
            label_line(_one_line(ann.quote, 24), style="italic"),
            note,
            label_line(" ".join(f"#{t}" for t in ann.tags), style="cyan"),
        )

    def filter_rows(self, rows: Sequence[PlacedNote], needle: str) -> list[PlacedNote]:
        tag = self.tag_select.value
        needle = needle.casefold()
        out = []
        for n in rows:
            if isinstance(tag, str) and tag not in n.ann.tags:
                continue
            if needle:
                changes = describe_changes(n.where.figure_changes)
                hay = " ".join(
                    (n.ann.note, n.ann.quote, " ".join(n.ann.section), *n.ann.tags, changes)
                )
                if needle not in hay.casefold():
                    continue
            out.append(n)
        return out

    def filled(self) -> None:
        orphans = sum(n.status == "orphan" for n in self.shown)
        orphan_note = f" · {orphans} orphaned (✗: passage gone, kept here)" if orphans else ""
        self.border_subtitle = f"{len(self.shown)}/{len(self.rows)}{orphan_note}"

    def visible_notes(self) -> list[PlacedNote]:
        return self.visible_rows()

    # -- the notes ------------------------------------------------------------------------------

    def show_notes(self, notes: Sequence[PlacedNote]) -> None:
        # Orphans last, in their own block; the rest in document order.
        self.rows = sorted(
            notes,
            key=lambda n: (n.status == "orphan", n.start if n.start is not None else 0, n.ann.id),
        )
        tags = sorted({t for n in self.rows for t in n.ann.tags})
        self._tags = set(tags)
        select = self.tag_select
        current = select.value
        # A tag is shown as text, never read as markup (a Select reads a str prompt as markup).
        select.set_options([(label_line(t), t) for t in tags])
        if isinstance(current, str) and current in tags:
            select.value = current
        self.fill()

    def filter_by_tag(self, tag: str | None) -> bool:
        """Show only the notes tagged `tag` (None: every note). False, and every note shown,
        when no note of this plan has that tag (a Select refuses a value it does not offer)."""
        known = tag is None or tag in self._tags
        if tag is None or not known:
            self.tag_select.clear()
        else:
            self.tag_select.value = tag
        self.fill()
        return known

    # -- keys and events ------------------------------------------------------------------------

    @on(Select.Changed, "#notes-tag")
    def _tag_changed(self) -> None:
        self.fill()

    def action_choose(self) -> None:
        self.choose()

    def action_edit(self) -> None:
        note = self.selected
        if note is not None:
            self.post_message(NoteEditRequested(self, note))

    def action_reattach(self) -> None:
        note = self.selected
        if note is not None:
            self.post_message(NoteReattachRequested(self, note))

    def action_delete(self) -> None:
        note = self.selected
        if note is not None:
            self.post_message(NoteDeleteRequested(self, note))

    def action_focus_filter(self) -> None:
        self.focus_filter()

    def action_copy(self) -> None:
        note = self.selected
        if note is not None:
            self.post_message(CopyRequested(self, note_text(note), "the note", "notes"))


def note_text(placed: PlacedNote) -> str:
    """A note as it is copied: the passage quoted, the note, the tags, the section."""
    ann = placed.ann
    parts = [f"「{ann.quote}」"] if ann.quote else []
    if ann.note:
        parts.append(ann.note)
    if ann.tags:
        parts.append(" ".join(f"#{t}" for t in ann.tags))
    if ann.section:
        parts.append(" › ".join(ann.section))
    return "\n".join(parts)
