"""The reader's notes: add, edit, tag, delete with undo, re-anchor, follow other processes.

`ReaderNotes` is owned by the reader screen, which binds the keys and hands it the document it
shows; it asks the store, and the widgets only show what they are given. A save that fails
keeps the editor open with what was typed, so a full disk or a locked file never eats a note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from zoneplan_tui.core.document import Document
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.notes.anchoring import anchor
from zoneplan_tui.notes.annotations import Annotation, new_annotation
from zoneplan_tui.notes.protocol import NotesStoreProtocol
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.placed_note import PlacedNote
from zoneplan_tui.tui.screens.messages import NotesLoaded
from zoneplan_tui.tui.screens.note_editor import NoteEdit, NoteEditor
from zoneplan_tui.tui.screens.tags import TagsScreen
from zoneplan_tui.tui.styles import note_style
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree

if TYPE_CHECKING:  # the analysis loads with the plan's, after the text is shown
    from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.tui.widgets.text_view import TextView

POLL_SECONDS = 2.0


class ReaderNotes:
    """The notes of the document the reader `screen` shows (`open`, then `set_plan` once its
    outline is known); `store` None: notes are off."""

    def __init__(
        self,
        screen: Screen[None],
        store: NotesStoreProtocol | None,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """`keymap`: the user's key remaps, for the key hints of messages and dialogs."""
        self.screen = screen
        self.store = store
        self.keymap = keymap or {}
        self.doc: Document | None = None
        self.plan: Analysis | None = None
        self.placed: list[PlacedNote] = []
        self._undo: list[tuple[str, Annotation]] = []
        self._tag_filter: str | None = None  # picked in the tag manager, applied once read
        # Called when another process changed the notes file (it may have corrected the plan).
        self.on_store_changed: Callable[[], None] | None = None

    # -- the widgets it draws on ----------------------------------------------------------------

    @property
    def text_view(self) -> TextView:
        return self.screen.query_one(TextView)

    @property
    def panel(self) -> NotesPanel:
        return self.screen.query_one(NotesPanel)

    @property
    def tree(self) -> OutlineTree:
        return self.screen.query_one(OutlineTree)

    def _notify(
        self, text: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        self.screen.notify(text, severity=severity, timeout=timeout)

    # -- loading and following the store -------------------------------------------------------

    def start(self) -> None:
        """Once the screen is mounted: follow the notes file (another zoneplan may write it)."""
        if self.store is not None:
            self.screen.set_interval(POLL_SECONDS, self.poll_store)

    def open(self, doc: Document) -> None:
        """The screen shows `doc` now (its outline not yet known)."""
        self.doc, self.plan, self.placed = doc, None, []
        self.reload()
        if self.store is not None:
            self.screen.call_after_refresh(_warm_up_suggestions)

    def set_plan(self, plan: Analysis) -> None:
        self.plan = plan
        self.show_counts()

    def reload(self) -> None:
        doc = self.doc
        if self.store is not None and doc is not None:
            self.screen.run_worker(
                partial(self._read, self.store, doc), thread=True, exclusive=True, group="notes"
            )

    def _read(self, store: NotesStoreProtocol, doc: Document) -> None:
        # Re-anchoring many notes on a big plan costs milliseconds each: off the UI thread.
        worker = get_current_worker()
        try:
            anns = store.for_document(doc.sha256, path=doc.path.resolve())
        except UserError as exc:
            self.screen.app.call_from_thread(self.screen.notify, str(exc), severity="error")
            return
        placed = [PlacedNote(a, anchor(a, doc.text)) for a in anns]
        if not worker.is_cancelled:
            self.screen.post_message(NotesLoaded(doc.sha256, placed))

    def loaded(self, message: NotesLoaded) -> None:
        if self.doc is None or message.sha256 != self.doc.sha256:
            return
        self.placed = message.notes
        self.show()
        tag, self._tag_filter = self._tag_filter, None
        if tag and not self.panel.filter_by_tag(tag):
            self._notify(f"no note on this plan is tagged “{tag}”", timeout=4)

    def show(self) -> None:
        """Tint the noted passages, list the notes, count them per section."""
        dark = self.screen.app.current_theme.dark
        spans = [
            (n.where.start, n.where.end, note_style(n.ann.color, dark, review=n.status == "review"))
            for n in self.placed
            if n.where.start is not None and n.where.end is not None and n.where.end > n.where.start
        ]
        self.text_view.set_spans("notes", spans)
        self.panel.show_notes(self.placed)
        self.show_counts()

    def show_counts(self) -> None:
        if self.plan is None or self.doc is None:
            return
        outline = self.plan.outline
        counts: dict[int, int] = {}
        for n in self.placed:
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
        self.tree.set_note_counts(counts)

    def poll_store(self) -> None:
        store = self.store
        try:
            if store is not None and store.changed_on_disk():
                store.refresh()
                self.reload()
                if self.on_store_changed is not None:
                    self.on_store_changed()
        except UserError as exc:
            self._notify(str(exc), severity="error")

    # -- what a note is about --------------------------------------------------------------------

    def note_at(self, offset: int) -> PlacedNote | None:
        for n in self.placed:
            if n.where.start is not None and n.where.start <= offset < (n.where.end or 0):
                return n
        return None

    def _target_range(self) -> tuple[int, int] | None:
        """The selection, else the paragraph (line) under the cursor, trimmed of blanks."""
        text_view = self.text_view
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
        line = doc.line_of(self.text_view.cursor)
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

    # -- what the keys do -------------------------------------------------------------------------

    def _writable_store(self) -> NotesStoreProtocol | None:
        if self.store is None:
            self._notify("notes are off: no notes file is open", severity="warning")
            return None
        if getattr(self.store, "read_only", False):
            self._notify("the notes file is open read-only", severity="warning")
            return None
        return self.store

    def note(self, focus: str = "note", whole_section: bool = False) -> None:
        """A note on the selection or the paragraph (or the section); on a noted passage, edit
        that note."""
        if self._writable_store() is None or self.doc is None:
            return
        text_view = self.text_view
        existing = None if text_view.selection else self.note_at(text_view.cursor)
        if existing is not None and not whole_section:
            self.edit(existing, focus=focus)
            return
        span = self.section_range() if whole_section else self._target_range()
        if span is None:
            select = hint(TextView, "text.select", self.keymap)
            self._notify(
                f"nothing to note here: select a passage ({select}) or move to a paragraph"
            )
            return
        self._open_editor(span, focus=focus)

    def _open_editor(self, span: tuple[int, int], *, focus: str = "note") -> None:
        doc = self.doc
        store = self.store
        if doc is None or store is None:
            return
        start, end = span
        section = self._section_titles(start)
        title = self.plan.outline.title or "" if self.plan else ""

        def store_note(result: NoteEdit) -> None:
            # Called by the editor's Save: a UserError keeps the editor open with the text.
            ann = new_annotation(
                doc.text,
                start,
                end,
                path=doc.path.resolve(),
                sha256=doc.sha256,
                title=title,
                note=result.note,
                tags=result.tags,
                color=result.color,
                section=section,
            )
            store.add(ann)

        def saved(result: NoteEdit | None) -> None:
            if result is None:
                return
            if self.doc is doc:
                self.text_view.clear_selection()
            self._notify("note saved", timeout=2)
            self.reload()

        editor = NoteEditor(
            doc.text[start:end],
            " › ".join(section),
            known_tags=self._known_tags(),
            suggestions=None,
            title="New note",
            focus="tags" if focus == "tags" else "note",
            keymap=self.keymap,
            on_save=store_note,
        )
        self.screen.app.push_screen(editor, saved)
        self._suggest(editor, doc.text[start:end])

    def edit(self, placed: PlacedNote, *, focus: str = "note") -> None:
        store = self._writable_store()
        if store is None:
            return
        ann = placed.ann

        def store_edit(result: NoteEdit) -> None:
            # Called by the editor's Save: a UserError keeps the editor open with the edit.
            store.update(ann.id, note=result.note, tags=result.tags, color=result.color)

        def saved(result: NoteEdit | None) -> None:
            if result is None:
                return
            self._undo.append(("edit", ann))
            self.reload()

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
            keymap=self.keymap,
            on_save=store_edit,
        )
        self.screen.app.push_screen(editor, saved)
        self._suggest(editor, ann.quote)

    def delete(self, placed: PlacedNote) -> None:
        store = self._writable_store()
        if store is None:
            return
        try:
            gone = store.delete(placed.ann.id)
        except UserError as exc:
            self._notify(f"not deleted: {exc}", severity="error")
            return
        self._undo.append(("delete", gone))
        undo = hint(type(self.screen), "reader.undo", self.keymap)
        self._notify(f"note deleted — {undo} undoes", timeout=4)
        self.reload()

    def undo(self) -> None:
        store = self._writable_store() if self._undo else None
        if store is None:
            self._notify("nothing to undo", timeout=2)
            return
        what, ann = self._undo.pop()
        try:
            store.restore(ann)
        except UserError as exc:
            self._undo.append((what, ann))
            self._notify(f"undo failed: {exc}", severity="error")
            return
        self._notify(f"undone: {what}", timeout=2)
        self.reload()

    def tags(self) -> None:
        """The tag manager; a tag picked there filters the notes panel by it."""
        store = self._writable_store()
        if store is None:
            return

        def chosen(tag: str | None) -> None:
            # The tag manager may have renamed or merged tags: filter once the notes are read.
            self._tag_filter = tag
            self.reload()
            if tag:
                panel = self.panel
                panel.display = True
                panel.table.focus()

        self.screen.app.push_screen(TagsScreen(store, keymap=self.keymap), chosen)

    def jump_to(self, placed: PlacedNote) -> None:
        if placed.where.start is None:
            self._notify(
                "this note's passage is no longer in the plan; its quote: " + placed.ann.quote[:60],
                timeout=6,
            )
            return
        text_view = self.text_view
        text_view.move_cursor(placed.where.start)
        text_view.scroll_to_offset(placed.where.start, top=False)
        text_view.flash(placed.where.start, placed.where.end or placed.where.start + 1)

    # -- helpers ----------------------------------------------------------------------------------

    def _section_titles(self, offset: int) -> tuple[str, ...]:
        if self.plan is None or self.doc is None:
            return ()
        return self.plan.section_titles(self.doc.line_of(offset))

    def _known_tags(self) -> list[str]:
        if self.store is None:
            return []
        try:
            return [name for name, _count in self.store.tags_with_counts()]
        except UserError:
            return []

    def _suggest(self, editor: NoteEditor, passage: str) -> None:
        self.screen.run_worker(
            partial(self._suggest_thread, editor, passage), thread=True, group="suggest"
        )

    def _suggest_thread(self, editor: NoteEditor, passage: str) -> None:
        # jieba loads its dictionary here, in a thread, the first time: never on the UI thread.
        from zoneplan_tui.library.keywords import suggest_tags

        try:
            tags = suggest_tags(passage, self._known_tags())
        except Exception:  # suggestions are a nicety; a jieba failure must not cost the note
            tags = []
        self.screen.app.call_from_thread(editor.set_suggestions, tags)


def _warm_up_suggestions() -> None:
    """Load the keyword extractor (jieba, ~1.5 s) once a plan is on screen, so that the first
    note's tag suggestions come at once. A daemon thread, not a worker: Textual's workers run in
    an executor that Python joins at exit, and quitting must not wait for jieba."""
    import threading

    from zoneplan_tui.library import keywords

    if not keywords.is_ready():
        threading.Thread(target=keywords.warm_up, name="warm-up-keywords", daemon=True).start()
