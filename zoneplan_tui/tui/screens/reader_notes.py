"""The reader's notes: add, edit, tag, delete with undo, re-anchor, follow other processes.

A mixin of `ReaderScreen` (its key bindings live there): the screen asks the store, the widgets
only show what they are given. A save that fails re-opens the editor with what was typed, so a
full disk or a locked file never eats a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from zoneplan_tui.core.document import Document
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.notes.anchoring import anchor
from zoneplan_tui.notes.annotations import Annotation, new_annotation
from zoneplan_tui.tui.screens.note_editor import NoteEdit, NoteEditor
from zoneplan_tui.tui.screens.tags import TagsScreen
from zoneplan_tui.tui.styles import note_style
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel, PlacedNote
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
from zoneplan_tui.tui.widgets.text_view import TextView

if TYPE_CHECKING:
    from zoneplan_tui.core.analysis import Analysis

POLL_SECONDS = 2.0


class NotesLoaded(Message):
    def __init__(self, sha256: str, notes: list[PlacedNote]) -> None:
        self.sha256, self.notes = sha256, notes
        super().__init__()


class ReaderNotesMixin:
    """Needs from the screen: `doc`, `plan`, `app`, `query_one`, `notify`, `set_interval`."""

    doc: Document | None
    plan: Analysis | None
    _placed: list[PlacedNote]
    _undo: list[tuple[str, Annotation]]

    # -- loading and following the store -------------------------------------------------------

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    def start_notes(self) -> None:
        self._placed = []
        self._undo = []
        if self.store is not None:
            self.set_interval(POLL_SECONDS, self._poll_store)  # type: ignore[attr-defined]

    def reload_notes(self) -> None:
        if self.store is not None and self.doc is not None:
            self._load_notes(self.doc)

    @work(thread=True, exclusive=True, group="notes")
    def _load_notes(self, doc: Document) -> None:
        # Re-anchoring many notes on a big plan costs milliseconds each: off the UI thread.
        worker = get_current_worker()
        try:
            anns = self.store.for_document(doc.sha256, path=doc.path.resolve())
        except UserError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")  # type: ignore[attr-defined]
            return
        placed = [PlacedNote(a, anchor(a, doc.text)) for a in anns]
        if not worker.is_cancelled:
            self.post_message(NotesLoaded(doc.sha256, placed))  # type: ignore[attr-defined]

    def on_notes_loaded(self, message: NotesLoaded) -> None:
        if self.doc is None or message.sha256 != self.doc.sha256:
            return
        self._placed = message.notes
        self._show_notes()

    def _show_notes(self) -> None:
        dark = self.app.current_theme.dark  # type: ignore[attr-defined]
        spans = [
            (n.where.start, n.where.end, note_style(n.ann.color, dark, review=n.status == "review"))
            for n in self._placed
            if n.where.start is not None and n.where.end is not None and n.where.end > n.where.start
        ]
        self.query_one(TextView).set_spans("notes", spans)  # type: ignore[attr-defined]
        self.query_one(NotesPanel).show_notes(self._placed)  # type: ignore[attr-defined]
        self._show_note_counts()

    def _show_note_counts(self) -> None:
        if self.plan is None or self.doc is None:
            return
        outline = self.plan.outline
        counts: dict[int, int] = {}
        for n in self._placed:
            if n.where.start is None:
                continue
            idx = outline.section_index(self.doc.line_of(n.where.start))
            if idx is None:
                continue
            # Count the note in its section and every enclosing one, as figures are counted.
            level = outline.headings[idx].level
            counts[idx] = counts.get(idx, 0) + 1
            for j in range(idx - 1, -1, -1):
                if outline.headings[j].level < level:
                    level = outline.headings[j].level
                    counts[j] = counts.get(j, 0) + 1
        self.query_one(OutlineTree).set_note_counts(counts)  # type: ignore[attr-defined]

    def _poll_store(self) -> None:
        store = self.store
        try:
            if store is not None and store.changed_on_disk():
                store.refresh()
                self.reload_notes()
        except UserError as exc:
            self.notify(str(exc), severity="error")  # type: ignore[attr-defined]

    # -- what a note is about --------------------------------------------------------------------

    def note_at(self, offset: int) -> PlacedNote | None:
        for n in self._placed:
            if n.where.start is not None and n.where.start <= offset < (n.where.end or 0):
                return n
        return None

    def _target_range(self) -> tuple[int, int] | None:
        """The selection, else the paragraph (line) under the cursor, trimmed of blanks."""
        text_view = self.query_one(TextView)  # type: ignore[attr-defined]
        doc = self.doc
        if doc is None:
            return None
        if text_view.selection:
            start, end = text_view.selection
        else:
            line = doc.line_of(text_view.cursor)
            start = doc.line_start(line)
            end = start + len(doc.line_text(line))
        chunk = doc.text[start:end]
        stripped = chunk.strip()
        if not stripped:
            return None
        start += len(chunk) - len(chunk.lstrip())
        return start, start + len(stripped)

    def section_range(self) -> tuple[int, int] | None:
        """The section under the cursor, from its heading to the next heading of its level."""
        doc, plan = self.doc, self.plan
        if doc is None or plan is None:
            return None
        line = doc.line_of(self.query_one(TextView).cursor)  # type: ignore[attr-defined]
        idx = plan.outline.section_index(line)
        if idx is None:
            return None
        headings = plan.outline.headings
        level = headings[idx].level
        end_line = next(
            (h.line for h in headings[idx + 1 :] if h.level <= level), doc.line_count + 1
        )
        start = doc.line_start(headings[idx].line)
        end = doc.line_start(end_line) - 1 if end_line <= doc.line_count else len(doc.text)
        chunk = doc.text[start:end].rstrip()
        return (start, start + len(chunk)) if chunk else None

    # -- actions --------------------------------------------------------------------------------

    def _require_store(self) -> bool:
        if self.store is None:
            self.notify("notes are off: no notes file is open", severity="warning")  # type: ignore[attr-defined]
            return False
        if getattr(self.store, "read_only", False):
            self.notify("the notes file is open read-only", severity="warning")  # type: ignore[attr-defined]
            return False
        return True

    def action_note(self, focus: str = "note", whole_section: bool = False) -> None:
        if not self._require_store() or self.doc is None:
            return
        text_view = self.query_one(TextView)  # type: ignore[attr-defined]
        existing = None if text_view.selection else self.note_at(text_view.cursor)
        if existing is not None and not whole_section:
            self.edit_note(existing, focus=focus)
            return
        span = self.section_range() if whole_section else self._target_range()
        if span is None:
            self.notify("nothing to note here: select a passage (v) or move to a paragraph")  # type: ignore[attr-defined]
            return
        self._open_editor(span, focus=focus)

    def action_note_section(self) -> None:
        self.action_note(whole_section=True)

    def _open_editor(
        self,
        span: tuple[int, int],
        *,
        focus: str = "note",
        draft: NoteEdit | None = None,
    ) -> None:
        doc = self.doc
        assert doc is not None
        start, end = span
        section = self._section_titles(start)
        editor = NoteEditor(
            doc.text[start:end],
            " › ".join(section),
            note=draft.note if draft else "",
            tags=draft.tags if draft else (),
            known_tags=self._known_tags(),
            suggestions=None,
            title="New note",
            focus="tags" if focus == "tags" else "note",
        )

        def saved(result: NoteEdit | None) -> None:
            if result is None or self.doc is not doc:
                return
            ann = new_annotation(
                doc.text,
                start,
                end,
                path=doc.path.resolve(),
                sha256=doc.sha256,
                title=self.plan.outline.title or "" if self.plan else "",
                note=result.note,
                tags=result.tags,
                color=result.color,
                section=section,
            )
            try:
                self.store.add(ann)
            except UserError as exc:
                self.notify(f"note not saved: {exc}", severity="error", timeout=10)  # type: ignore[attr-defined]
                self._open_editor(span, focus=focus, draft=result)
                return
            self.query_one(TextView).clear_selection()  # type: ignore[attr-defined]
            self.notify("note saved", timeout=2)  # type: ignore[attr-defined]
            self.reload_notes()

        self.app.push_screen(editor, saved)  # type: ignore[attr-defined]
        self._suggest(editor, doc.text[start:end])

    def edit_note(self, placed: PlacedNote, *, focus: str = "note") -> None:
        if not self._require_store():
            return
        ann = placed.ann
        editor = NoteEditor(
            ann.quote,
            " › ".join(ann.section),
            note=ann.note,
            tags=ann.tags,
            color=ann.color,
            known_tags=self._known_tags(),
            suggestions=None,
            title="Edit note",
            focus="tags" if focus == "tags" else "note",
        )

        def saved(result: NoteEdit | None) -> None:
            if result is None:
                return
            try:
                self.store.update(ann.id, note=result.note, tags=result.tags, color=result.color)
            except UserError as exc:
                self.notify(f"note not saved: {exc}", severity="error", timeout=10)  # type: ignore[attr-defined]
                return
            self._undo.append(("edit", ann))
            self.reload_notes()

        self.app.push_screen(editor, saved)  # type: ignore[attr-defined]
        self._suggest(editor, ann.quote)

    def action_tag(self) -> None:
        self.action_note(focus="tags")

    def delete_note(self, placed: PlacedNote) -> None:
        if not self._require_store():
            return
        try:
            gone = self.store.delete(placed.ann.id)
        except UserError as exc:
            self.notify(f"not deleted: {exc}", severity="error")  # type: ignore[attr-defined]
            return
        self._undo.append(("delete", gone))
        self.notify("note deleted — u undoes", timeout=4)  # type: ignore[attr-defined]
        self.reload_notes()

    def action_undo(self) -> None:
        if not self._undo or not self._require_store():
            self.notify("nothing to undo", timeout=2)  # type: ignore[attr-defined]
            return
        what, ann = self._undo.pop()
        try:
            self.store.restore(ann)
        except UserError as exc:
            self._undo.append((what, ann))
            self.notify(f"undo failed: {exc}", severity="error")  # type: ignore[attr-defined]
            return
        self.notify(f"undone: {what}", timeout=2)  # type: ignore[attr-defined]
        self.reload_notes()

    def action_tags(self) -> None:
        if not self._require_store():
            return

        def chosen(tag: str | None) -> None:
            self.reload_notes()
            if tag:
                panel = self.query_one(NotesPanel)  # type: ignore[attr-defined]
                panel.display = True
                panel.filter_by_tag(tag)
                panel.table.focus()

        self.app.push_screen(TagsScreen(self.store), chosen)  # type: ignore[attr-defined]

    def on_notes_panel_note_chosen(self, message: NotesPanel.NoteChosen) -> None:
        placed = message.note
        if placed.where.start is None:
            self.notify(  # type: ignore[attr-defined]
                "this note's passage is no longer in the plan; its quote: " + placed.ann.quote[:60],
                timeout=6,
            )
            return
        text_view = self.query_one(TextView)  # type: ignore[attr-defined]
        text_view.move_cursor(placed.where.start)
        text_view.scroll_to_offset(placed.where.start, top=False)
        text_view.flash(placed.where.start, placed.where.end or placed.where.start + 1)

    def on_notes_panel_edit_requested(self, message: NotesPanel.EditRequested) -> None:
        self.edit_note(message.note)

    def on_notes_panel_delete_requested(self, message: NotesPanel.DeleteRequested) -> None:
        self.delete_note(message.note)

    # -- helpers ----------------------------------------------------------------------------------

    def _section_titles(self, offset: int) -> tuple[str, ...]:
        if self.plan is None or self.doc is None:
            return ()
        return self.plan.section_titles(self.doc.line_of(offset))

    def _known_tags(self) -> list[str]:
        try:
            return [name for name, _count in self.store.tags_with_counts()]
        except UserError:
            return []

    @work(thread=True, group="suggest")
    def _suggest(self, editor: NoteEditor, passage: str) -> None:
        # jieba loads its dictionary here, in a thread, the first time: never on the UI thread.
        from zoneplan_tui.library.keywords import suggest_tags

        try:
            tags = suggest_tags(passage, self._known_tags())
        except Exception:  # suggestions are a nicety; a jieba failure must not cost the note
            tags = []
        self.app.call_from_thread(editor.set_suggestions, tags)  # type: ignore[attr-defined]
