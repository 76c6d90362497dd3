"""Pilot tests of "Export annotated plan…": from the command palette, a format and a path, the
file written by a worker, the result notified; a refused path leaves the dialog open."""

from __future__ import annotations

import io
import shutil

import docx
from textual.widgets import Input, ProgressBar, RadioButton, Static

from tests.conftest import sample_path
from tests.tui.helpers import make_app, ready, wait_workers
from zoneplan_tui.cli.output_file import write_output
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.screens.export_dialog import ExportDialog
from zoneplan_tui.tui.screens.reader import ReaderScreen

WUQING = sample_path("000_85363b721c052c01")


def noted_plan(tmp_path):
    plan = tmp_path / WUQING.name
    shutil.copy(WUQING, plan)
    doc = load_document(plan)
    store = NotesStore.open(tmp_path / "notes.json")
    for quote, text in (("京津冀", "协同"), ("非首都功能", "承接清单？")):
        start = doc.text.index(quote)
        ann = new_annotation(
            doc.text, start, start + len(quote), path=str(plan.resolve()), sha256=doc.sha256,
            title="", note=text, tags=["复核"], color="yellow", section=(),
        )  # fmt: skip
        store.add(ann)
    return plan, store


async def open_dialog(pilot) -> ExportDialog:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Export annotated")
    for _ in range(20):  # the palette searches in a worker
        await pilot.pause(0.05)
    await pilot.press("enter")
    for _ in range(10):
        await pilot.pause()
        if isinstance(pilot.app.screen, ExportDialog):
            return pilot.app.screen
    raise AssertionError(f"no export dialog: {pilot.app.screen}")


async def finish(pilot, dialog: ExportDialog) -> None:
    for _ in range(100):
        await wait_workers(pilot)
        await pilot.pause()
        if not dialog.running:
            return
    raise AssertionError("the export never finished")


async def test_the_palette_exports_a_web_page_where_the_reader_says(tmp_path):
    plan, store = noted_plan(tmp_path)
    app = ZoneplanApp([plan], store=store, write_file=write_output)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dialog = await open_dialog(pilot)
        path = dialog.query_one("#export-path", Input)
        assert path.value == str(plan.with_name(f"{plan.stem}.annotated.docx"))
        html_button = next(b for b in dialog.query(RadioButton) if b.name == "html")
        await pilot.click(html_button)
        await pilot.pause()
        assert path.value.endswith(".annotated.html")  # the default path follows the format
        target = tmp_path / "out" / "review.html"
        target.parent.mkdir()
        path.value = str(target)
        path.focus()
        await pilot.press("enter")
        await finish(pilot, dialog)
        assert isinstance(app.screen, ReaderScreen)  # closed when written
        page = target.read_text(encoding="utf-8")
        assert page.count('class="note') >= 2 and "承接清单？" in page
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("exported") and "2 note(s)" in m for m in messages), messages


async def test_a_word_export_and_a_refused_path(tmp_path):
    plan, store = noted_plan(tmp_path)
    app = make_app(plan, store=store)  # the session's own writer (no command line)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.export_annotated()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = dialog.query_one("#export-path", Input)
        path.value = str(tmp_path)  # a folder: refused, the dialog stays with the error
        await pilot.click("#export-go")
        await finish(pilot, dialog)
        assert app.screen is dialog and not dialog.query_one("#export-go").disabled
        error = str(dialog.query_one("#export-message", Static).render())
        assert error.startswith(f"{tmp_path}: ") and "directory" in error
        assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
        bar = dialog.query_one(ProgressBar)  # the export itself ran, reporting its progress
        assert bar.total and bar.progress == bar.total
        target = tmp_path / "plan.docx"
        path.value = str(target)
        await pilot.click("#export-go")
        await finish(pilot, dialog)
        assert app.screen is not dialog
        document = docx.Document(io.BytesIO(target.read_bytes()))
        assert sorted(c.text.split("\n")[0] for c in document.comments) == ["协同", "承接清单？"]
