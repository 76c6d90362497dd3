"""Export annotated plan…: the reader's plan with its notes as Word, a web page or Markdown.

A format choice and a path (default `<plan>.annotated.<format>` beside the plan, or in the
settings' export_folder); the export runs in a thread worker (python-docx and a big plan take
seconds) with a progress bar, and the dialog closes with the written path, or stays open with
the error so the path can be corrected. export/ does the work; the file is written by the
session's writer (the command line's `-o` rules).
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, RadioButton, RadioSet, Static

from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.core.document import Document
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.export.plan import annotate
from zoneplan_tui.export.run import DESCRIPTIONS, FORMATS, default_output, export
from zoneplan_tui.tui.labels import content, label, safe_line
from zoneplan_tui.tui.session import Session

# A progress bar that jumps from 0 to done in a moment is noise: it shows only after this long.
SHOW_PROGRESS_AFTER = 0.3


class ExportDialog(ModalScreen[Path | None]):
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="export.cancel",
            tooltip="Close the export dialog (an export under way finishes)",
        )
    ]

    def __init__(self, doc: Document, analysis: Analysis | None, session: Session) -> None:
        super().__init__()
        self.doc = doc
        self.analysis = analysis
        self.session = session
        self.running = False

    def default_path(self, fmt: str) -> Path:
        return default_output(self.doc.path, fmt, self.session.export_folder)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = content("Export annotated plan")
            dialog.border_subtitle = "enter export · esc cancel"
            yield Static(label(self.doc.path.name), id="export-plan")
            with RadioSet(id="export-format"):
                for i, fmt in enumerate(FORMATS):
                    yield RadioButton(f"{fmt}: {DESCRIPTIONS[fmt]}", value=i == 0, name=fmt)
            yield Input(safe_line(str(self.default_path(FORMATS[0]))), id="export-path")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.path_input.focus()

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else FORMATS[0]

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        # The path follows the format while it is a default one (the reader's own is kept).
        path = Path(self.path_input.value)
        fmt = event.pressed.name or FORMATS[0]
        if path.suffix.lstrip(".") in FORMATS and path.stem.endswith(".annotated"):
            self.path_input.value = str(path.with_suffix(f".{fmt}"))
        elif not self.path_input.value.strip():
            self.path_input.value = str(self.default_path(fmt))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def _go(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        name = self.path_input.value.strip()
        if self.running:
            return
        if not name:
            self.app.bell()
            return
        self.running = True
        self.query_one("#export-go", Button).disabled = True
        self._say("exporting…")
        self.set_timer(SHOW_PROGRESS_AFTER, self._show_progress)
        self._export(self.fmt, name)

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _show_progress(self) -> None:
        if self.running:
            self.query_one(ProgressBar).display = True

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.update(label(text))
        message.set_class(error, "error")

    def _progress(self, done: int, total: int) -> None:
        # From the worker thread: the bar is touched on the app's thread only.
        self.app.call_from_thread(self._set_progress, done, total)

    def _set_progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(progress=done, total=max(total, 1))

    @work(thread=True, exclusive=True, group="export")
    def _export(self, fmt: str, name: str) -> None:
        try:
            store = self.session.store
            anns = store.for_document(self.doc.sha256, self.doc.path) if store else []
            plan = annotate(self.doc, anns, analysis=self.analysis, reviewer=self.session.reviewer)
            result = export(plan, fmt, progress=self._progress, output=Path(name))
            self.session.write(name, result.data)
        except (UserError, OSError) as exc:
            message = str(exc) if isinstance(exc, UserError) else f"{name}: {exc.strerror or exc}"
            self.app.call_from_thread(self._failed, message)
            return
        summary = f"{name}: {len(plan.notes)} note(s)" + (
            f", {len(plan.orphans)} orphaned" if plan.orphans else ""
        )
        self.app.call_from_thread(self._done, name, summary, result.warnings)

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one(ProgressBar).display = False
        self.query_one("#export-go", Button).disabled = False
        self._say(message, error=True)
        self.app.notify(safe_line(message), severity="error", timeout=8)

    def _done(self, name: str, summary: str, warnings: list[str]) -> None:
        self.running = False
        self.app.notify(safe_line(f"exported {summary}"), timeout=6)
        for warning in warnings:
            self.app.notify(safe_line(warning), severity="warning", timeout=10)
        self.dismiss(Path(name))
