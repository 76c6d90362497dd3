"""The reader's corrections: where zoneplan read the plan wrong, the reader says so.

`ReaderCorrections` is owned by the reader screen, like `ReaderNotes`: the screen binds the keys
and calls it. A correction goes to the notes store (notes/corrections.py), so it survives
restarts and backups and applies wherever the plan is read (`zoneplan outline`, the library);
after one, the screen parses the plan again with `overrides()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.screen import Screen

from zoneplan_tui.core.document import Document
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.core.overrides import MAX_LEVEL, Overrides
from zoneplan_tui.notes.annotations import AnnotationError, DocRef, make_target
from zoneplan_tui.notes.corrections import Correction, CorrectionKind, line_correction, resolve
from zoneplan_tui.notes.protocol import NotesStoreProtocol
from zoneplan_tui.tui.placed_note import PlacedNote
from zoneplan_tui.tui.screens.tags import PromptScreen

if TYPE_CHECKING:  # types only: opening a plan loads the analysis after the first paint
    from zoneplan_tui.core.analysis import Analysis


def overrides_for(store: NotesStoreProtocol | None, doc: Document) -> Overrides | None:
    """The plan's corrections as the parser takes them (None: none, or no store). In a worker:
    the store reads the file. A store that cannot be read costs the corrections only; the
    notes report its trouble."""
    if store is None:
        return None
    try:
        found = store.corrections_for(doc.sha256, doc.path.resolve())
    except UserError:
        return None
    return resolve(found, doc.text).overrides if found else None


def parse_level(answer: str) -> int | None:
    """0 (not a heading) or a level 1..6 from what was typed; None for anything else."""
    text = answer.strip()
    if len(text) == 1 and text.isdigit() and 0 <= int(text) <= MAX_LEVEL:
        return int(text)
    return None


class ReaderCorrections:
    def __init__(
        self,
        screen: Screen[None],
        store: NotesStoreProtocol | None,
        reanalyse: Callable[[], None],
        reload_notes: Callable[[], None],
    ) -> None:
        """`reanalyse`: parse the open plan again (its corrections changed); `reload_notes`:
        read its notes again (one was re-attached)."""
        self.screen = screen
        self.store = store
        self.reanalyse = reanalyse
        self.reload_notes = reload_notes

    def _store(self) -> NotesStoreProtocol | None:
        if self.store is None:
            self.screen.notify("corrections are kept with the notes, and notes are off", timeout=4)
        return self.store

    def _save(self, correction: Correction) -> bool:
        store = self._store()
        if store is None:
            return False
        try:
            store.add_correction(correction)
        except UserError as exc:
            self.screen.notify(str(exc), severity="error", timeout=8)
            return False
        return True

    # -- a line is a heading, or is not --------------------------------------------------------

    def ask_heading(self, doc: Document, plan: Analysis | None, line: int) -> None:
        """Ask for the level of line `line`: 1..6 a heading, 0 none."""
        if self._store() is None:
            return
        text = doc.line_text(line).strip()
        if not text:
            self.screen.notify(f"line {line} is blank", timeout=3)
            return
        now = next((h.level for h in plan.outline.headings if h.line == line), 0) if plan else 0
        shown = text if len(text) <= 30 else text[:29] + "…"

        def answered(answer: str | None) -> None:
            if answer is None:
                return
            level = parse_level(answer)
            if level is None:
                self.screen.notify(f"a level is 1..{MAX_LEVEL}, or 0 for no heading", timeout=4)
                return
            self.mark_line(doc, line, level)

        state = f"now a heading of level {now}" if now else "now no heading"
        # Empty, not prefilled: one digit and Enter is the whole answer.
        self.screen.app.push_screen(
            PromptScreen(
                f"Line {line}: heading level",
                message=f"{shown} ({state})\n1–{MAX_LEVEL}: a heading of that level · "
                "0: not a heading",
                placeholder="1–6 or 0",
            ),
            answered,
        )

    def mark_line(self, doc: Document, line: int, level: int) -> None:
        """Line `line` is a heading of `level` (0: not a heading); the outline follows."""
        path = str(doc.path.resolve())
        kind: CorrectionKind = "heading" if level else "not_heading"
        try:
            c = line_correction(kind, doc.text, line, path=path, sha256=doc.sha256, level=level)
        except AnnotationError as exc:
            self.screen.notify(str(exc), severity="error", timeout=4)
            return
        if self._save(c):
            self.screen.notify(c.describe(), timeout=3)
            self.reanalyse()

    # -- the plan's title, issuing body and year -----------------------------------------------

    def ask_plan(self, doc: Document, title: str, body: str, year: int | None) -> None:
        """Three questions in turn; Enter on a value as it is keeps it, Esc stops."""
        if self._store() is None:
            return
        answers: dict[str, str] = {}

        def ask_year(answer: str | None) -> None:
            if answer is None:
                return
            answers["body"] = answer
            self.screen.app.push_screen(
                PromptScreen("The plan's year", str(year or ""), allow_empty=True), finish
            )

        def ask_body(answer: str | None) -> None:
            if answer is None:
                return
            answers["title"] = answer
            self.screen.app.push_screen(
                PromptScreen("The plan's issuing body", body, allow_empty=True), ask_year
            )

        def finish(answer: str | None) -> None:
            if answer is None:
                return
            new_year: int | None = None
            if answer:
                if not (answer.isdigit() and len(answer) == 4):
                    self.screen.notify("a year has four digits", severity="error", timeout=4)
                    return
                new_year = int(answer)
            self.correct_plan(
                doc,
                title=answers["title"] if answers["title"] != title else None,
                body=answers["body"] if answers["body"] and answers["body"] != body else None,
                year=new_year if new_year != year else None,
            )

        self.screen.app.push_screen(PromptScreen("The plan's title", title), ask_body)

    def correct_plan(
        self, doc: Document, *, title: str | None, body: str | None, year: int | None
    ) -> None:
        if title is None and body is None and year is None:
            self.screen.notify("nothing changed", timeout=2)
            return
        try:
            c = Correction(
                "meta",
                DocRef(path=str(doc.path.resolve()), sha256=doc.sha256),
                title=title,
                body=body,
                year=year,
            )
        except AnnotationError as exc:
            self.screen.notify(str(exc), severity="error", timeout=4)
            return
        if self._save(c):
            self.screen.notify(c.describe(), timeout=3)
            self.reanalyse()

    # -- an orphaned note finds a new home ------------------------------------------------------

    def reattach(
        self,
        doc: Document,
        plan: Analysis | None,
        note: PlacedNote,
        selection: tuple[int, int] | None,
    ) -> None:
        """Move `note` onto the selection (meant for an orphan; any note may move)."""
        store = self._store()
        if store is None:
            return
        if selection is None or selection[1] <= selection[0]:
            self.screen.notify("select the passage the note belongs to first", timeout=4)
            return
        start, end = selection
        section: tuple[str, ...] = ()
        if plan is not None:
            section = plan.section_titles(doc.line_of(start))
        try:
            target = make_target(doc.text, start, end, section)
            store.update(
                note.ann.id,
                target=target,
                doc=replace(note.ann.doc, path=str(doc.path.resolve()), sha256=doc.sha256),
            )
        except (AnnotationError, UserError) as exc:
            self.screen.notify(str(exc), severity="error", timeout=8)
            return
        self.screen.notify("note re-attached to the selection", timeout=3)
        self.reload_notes()
