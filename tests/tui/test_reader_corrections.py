"""Pilot tests of corrections in the reader: mark a line as a heading or not (the outline
follows, and again after a restart), correct the plan's title, re-attach an orphaned note."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import make_app, ready
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.corrections import line_correction
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.screens.tags import PromptScreen
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel

PLAN = (
    "某某开发区2020年工作要点\n"
    "\n"
    "一、总体要求\n"
    "坚持稳中求进工作总基调，推动高质量发展。\n"
    "重点工作安排\n"
    "二、主要任务\n"
    "（一）招商引资\n"
    "加快推进重大项目建设。\n"
)


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


async def settle(pilot) -> None:
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _answer(pilot, text: str) -> None:
    prompt = pilot.app.screen
    assert isinstance(prompt, PromptScreen)
    prompt.answer_input.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_marking_a_line_a_heading_changes_the_outline_now_and_after_a_restart(tmp_path):
    path = _plan(tmp_path)
    db = tmp_path / "notes.json"
    app = make_app(path, store=NotesStore.open(db))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert 5 not in {h.line for h in screen.plan.outline.headings}
        screen.go_to_line(5)
        await pilot.press("H")
        await pilot.pause()
        await _answer(pilot, "1")
        assert (5, 1) in {(h.line, h.level) for h in screen.plan.outline.headings}
        # The section path of the cursor's line follows the new outline.
        assert screen.plan.section_titles(5) == ("重点工作安排",)
        # 0: line 7 is no heading.
        screen.go_to_line(7)
        await pilot.press("H")
        await pilot.pause()
        await _answer(pilot, "0")
        assert 7 not in {h.line for h in screen.plan.outline.headings}
    again = make_app(path, store=NotesStore.open(db))
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        lines = {h.line: h.level for h in screen.plan.outline.headings}
        assert lines.get(5) == 1 and 7 not in lines


async def test_a_level_out_of_range_changes_nothing(tmp_path):
    path = _plan(tmp_path)
    store = NotesStore.open(tmp_path / "notes.json")
    app = make_app(path, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.plan.outline.headings
        screen.go_to_line(5)
        await pilot.press("H")
        await pilot.pause()
        await _answer(pilot, "9")
        assert screen.plan.outline.headings == before
        assert store.all_corrections() == []
        assert any("a level is 1..6" in str(n.message) for n in app._notifications)


async def test_correcting_the_plan_title_body_and_year(tmp_path):
    path = _plan(tmp_path)
    store = NotesStore.open(tmp_path / "notes.json")
    app = make_app(path, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.correct_plan()
        await pilot.pause()
        await _answer(pilot, "更正后的标题")
        await _answer(pilot, "某某新区")
        await _answer(pilot, "2021")
        assert screen.plan.outline.title == "更正后的标题"
        assert screen.title == "更正后的标题"
    [c] = store.all_corrections()
    assert (c.kind, c.title, c.body, c.year) == ("meta", "更正后的标题", "某某新区", 2021)


async def test_an_orphaned_note_is_reattached_to_the_selection(tmp_path):
    path = _plan(tmp_path)
    store = NotesStore.open(tmp_path / "notes.json")
    old = "旧版本里有一段已经删除的文字。" * 2
    store.add(new_annotation(old, 0, 14, path=path.resolve(), sha256="0" * 64, note="orphan me"))
    doc = load_document(path)
    app = make_app(path, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot)
        panel = screen.query_one(NotesPanel)
        [placed] = panel.notes
        assert placed.status == "orphan"
        start = doc.text.index("稳中求进")
        view = screen.text_view
        view.move_cursor(start)
        view.start_selection()
        view.move_cursor(start + 3)
        await pilot.press("a")  # the notes panel
        await pilot.pause()
        panel.table.focus()
        await pilot.press("r")
        await settle(pilot)
        [moved] = panel.notes
        assert moved.status == "attached" and moved.ann.quote == "稳中求进"
        assert moved.ann.doc.sha256 == doc.sha256
        assert moved.ann.section == ("总体要求",)


async def test_a_correction_made_by_another_process_reaches_the_open_outline(tmp_path):
    path = _plan(tmp_path)
    db = tmp_path / "notes.json"
    app = make_app(path, store=NotesStore.open(db))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert 5 not in {h.line for h in screen.plan.outline.headings}
        other = NotesStore.open(db)  # `zoneplan notes correct` in another terminal
        doc = load_document(path)
        other.add_correction(
            line_correction(
                "heading", doc.text, 5, path=str(path.resolve()), sha256=doc.sha256, level=2
            )
        )
        screen.notes.poll_store()
        await settle(pilot)
        assert (5, 2) in {(h.line, h.level) for h in screen.plan.outline.headings}
