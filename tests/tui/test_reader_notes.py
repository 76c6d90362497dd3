"""Pilot tests of notes in the reader: add, edit, delete/undo, other processes, orphans."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.conftest import sample_path
from tests.tui.helpers import make_app, ready
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore, StoreError
from zoneplan_tui.tui.screens.note_editor import NoteEditor
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
from zoneplan_tui.tui.widgets.text_view import TextView

WUQING = sample_path("000_85363b721c052c01")


async def settle(pilot, screen) -> None:
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def write_note(pilot, text: str) -> None:
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditor)
    editor.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_select_and_note_saves_an_annotation(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        doc = screen.doc
        heading = screen.plan.outline.headings[1]  # (一)积极承接非首都功能转移
        screen.go_to_line(heading.line)
        await pilot.press("v", *"llllll")
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "需要核实：来源？\n第二行")
        await settle(pilot, screen)
        notes = store.all()
        assert len(notes) == 1
        note = notes[0]
        start = doc.line_start(heading.line)
        assert note.quote == doc.text[start : start + 7]
        assert note.note == "需要核实：来源？\n第二行"
        assert note.doc.sha256 == doc.sha256
        assert note.section == (
            "主动融入、积极作为,深度推进京津冀协同发展",
            "积极承接非首都功能转移",
        )
        # The passage is tinted in the text, the section counts it, the selection is gone.
        view = screen.query_one(TextView)
        assert view.selection is None
        row = view.row_of(start) - int(view.scroll_offset.y)
        assert any(seg.style and seg.style.underline for seg in view.render_line(row))
        tree = screen.query_one(OutlineTree)
        assert tree._note_counts == {0: 1, 1: 1}


async def test_note_on_the_paragraph_and_tag_key(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        doc = screen.doc
        screen.go_to_line(9)
        await pilot.press("t")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"hydrogen", "enter")
        await settle(pilot, screen)
        [note] = store.all()
        assert note.quote == doc.line_text(9).strip()
        assert note.tags == ("hydrogen",)
        assert note.note == ""


async def test_notes_panel_delete_and_undo(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    doc = load_document(WUQING)
    start = doc.text.index("200个以上")
    store.add(
        new_annotation(
            doc.text,
            start,
            start + 6,
            path=WUQING.resolve(),
            sha256=doc.sha256,
            note="目标偏高",
            tags=["招商"],
        )
    )
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        await pilot.press("a")
        panel = screen.query_one(NotesPanel)
        assert panel.display and panel.table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(TextView).cursor == start
        panel.table.focus()
        await pilot.press("x")
        await settle(pilot, screen)
        assert store.all() == []
        assert panel.table.row_count == 0
        await pilot.press("u")
        await settle(pilot, screen)
        [back] = store.all()
        assert back.note == "目标偏高" and back.tags == ("招商",)
        assert panel.table.row_count == 1


async def test_a_running_app_sees_notes_written_by_another_process(tmp_path):
    path = tmp_path / "notes.json"
    store = NotesStore.open(path)
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        other = NotesStore.open(path)  # another copy of zoneplan, or `zoneplan notes add`
        doc = load_document(WUQING)
        start = doc.text.index("35个")
        other.add(
            new_annotation(
                doc.text,
                start,
                start + 3,
                path=WUQING.resolve(),
                sha256=doc.sha256,
                note="from elsewhere",
            )
        )
        screen.notes.poll_store()
        await settle(pilot, screen)
        panel = screen.query_one(NotesPanel)
        assert [n.ann.note for n in panel.notes] == ["from elsewhere"]


async def test_orphaned_notes_are_listed_not_lost(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    doc = load_document(WUQING)
    # Written on an earlier version of this file: the passage is gone from the current text.
    store.add(
        new_annotation(
            "旧版本里有一段已经删除的文字。" * 2,
            0,
            14,
            path=WUQING.resolve(),
            sha256="0" * 64,
            note="orphan me",
        )
    )
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        panel = screen.query_one(NotesPanel)
        [placed] = panel.notes
        assert placed.status == "orphan"
        assert "orphaned" in str(panel.border_subtitle)
        assert doc.sha256 != "0" * 64


async def test_a_failed_save_reopens_the_editor_with_the_text(tmp_path, monkeypatch):
    store = NotesStore.open(tmp_path / "notes.json")
    app = make_app(WUQING, store=store)

    def full_disk(ann):
        raise StoreError("cannot save: no space left on device")

    monkeypatch.setattr(store, "add", full_disk)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.go_to_line(9)
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "重要的意见")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "重要的意见"


def _noted_store(tmp_path, note: str = "原来的意见", tags=("招商",)) -> NotesStore:
    """A store with one note on line 9 of Wuqing, and one on another plan tagged 别处."""
    store = NotesStore.open(tmp_path / "notes.json")
    doc = load_document(WUQING)
    start = doc.line_start(9)
    store.add(
        new_annotation(
            doc.text, start, start + 6, path=WUQING, sha256=doc.sha256, note=note, tags=tags
        )
    )
    other = "另一个规划：产业园区扩区。"
    store.add(
        new_annotation(other, 0, 3, path=tmp_path / "other.txt", sha256="0" * 64, tags=["别处"])
    )
    return store


async def test_a_failed_save_of_an_edit_keeps_the_editor_open_with_the_edit(tmp_path, monkeypatch):
    store = _noted_store(tmp_path)
    real_update = store.update

    def locked(*args, **kwargs):
        raise StoreError("notes.json: locked by another zoneplan process")

    monkeypatch.setattr(store, "update", locked)
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        screen.go_to_line(9)
        await pilot.press("n")  # on a noted passage: edit that note
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("，补充")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor  # still open, with the edit
        assert editor.query_one(TextArea).text.endswith("，补充")
        assert any("not saved" in str(n.message) for n in app._notifications)
        monkeypatch.setattr(store, "update", real_update)
        await pilot.press("ctrl+s")  # the lock is gone: saved, closed
        await settle(pilot, screen)
        assert app.screen is screen
    [ann] = [a for a in store.all() if a.doc.sha256 != "0" * 64]
    assert ann.note.endswith("，补充")


async def test_picking_a_tag_the_plan_does_not_use_says_so(tmp_path):
    store = _noted_store(tmp_path)
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        await pilot.press("T")
        await pilot.pause()
        tags = app.screen
        row = [name for name, _ in tags.tags].index("别处")
        await pilot.press(*["down"] * row, "enter")
        await settle(pilot, screen)
        assert app.screen is screen
        panel = screen.query_one(NotesPanel)
        assert panel.display and len(panel.shown) == 1  # every note of this plan, unfiltered
        assert any("tagged “别处”" in str(n.message) for n in app._notifications)
        # A tag the plan does use filters as before.
        await pilot.press("escape", "T")
        await pilot.pause()
        row = [name for name, _ in app.screen.tags].index("招商")
        await pilot.press(*["down"] * row, "enter")
        await settle(pilot, screen)
        assert panel.tag_select.value == "招商" and len(panel.shown) == 1


async def test_a_note_with_control_characters_is_shown_safe_and_kept_unless_edited(tmp_path):
    raw = "导入的\x1b]0;pwned\x07意见\u202e"
    store = _noted_store(tmp_path, note=raw, tags=("t\x1b[2J",))
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        screen.go_to_line(9)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert editor.query_one(TextArea).text == "导入的␛]0;pwned␇意见⟨U+202E⟩"
        await pilot.press("ctrl+s")  # saved as it was shown: the note keeps its characters
        await settle(pilot, screen)
    [ann] = [a for a in store.all() if a.doc.sha256 != "0" * 64]
    assert ann.note == raw and ann.tags == ("t\x1b[2J",)


async def test_a_notes_file_damaged_while_reading_names_the_way_back(tmp_path):
    from zoneplan_tui.notes.atomic import backup_path

    path = tmp_path / "notes.json"
    store = NotesStore.open(path, backup_interval=0)
    doc = load_document(WUQING)
    start = doc.text.index("35个")
    for note in ("one", "two"):
        store.add(
            new_annotation(
                doc.text, start, start + 3, path=WUQING.resolve(), sha256=doc.sha256, note=note
            )
        )
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await settle(pilot, screen)
        path.write_bytes(b"garbage")  # something outside zoneplan broke the file
        screen.notes.poll_store()
        await settle(pilot, screen)
        said = [str(n.message) for n in app._notifications]
        assert any(
            "zoneplan notes restore" in m and str(backup_path(path, 1)) in m for m in said
        ), said
