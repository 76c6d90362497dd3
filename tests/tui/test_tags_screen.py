"""Pilot tests of the tag manager against a real notes store on tmp_path."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input

from tests.tui.helpers import APP_CSS
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore, StoreError
from zoneplan_tui.tui.screens.tags import ConfirmScreen, PromptScreen, TagsScreen

TEXT_A = "加快交通基础设施建设，完善城市路网，推进住房保障。"
TEXT_B = "产业园区扩区，交通先行。"

_MISSING = object()


class ModalApp(App[None]):
    """Pushes one modal and records what it dismissed with."""

    CSS_PATH = APP_CSS  # the dialogs' styles live in the app's one stylesheet

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.modal = screen
        self.result: Any = _MISSING

    def on_mount(self) -> None:
        self.push_screen(self.modal, self._done)

    def _done(self, result: Any) -> None:
        self.result = result


def _note(text: str, path: Path, start: int, end: int, tags: list[str]) -> Any:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return new_annotation(text, start, end, path=path, sha256=sha, tags=tags)


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    store = NotesStore(tmp_path / "notes.json")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    store.add(_note(TEXT_A, a, 2, 4, ["交通", "基础设施"]))
    store.add(_note(TEXT_A, a, 15, 17, ["路网", "交通"]))
    store.add(_note(TEXT_A, a, 20, 24, ["住房", "[b]markup"]))
    store.add(_note(TEXT_B, b, 0, 4, ["产业", "交通"]))
    return store


def tags_of(store: NotesStore) -> dict[str, list[str]]:
    """quote → tags, as saved."""
    return {ann.quote: list(ann.tags) for ann in store.all()}


def rows(screen: TagsScreen) -> list[tuple[str, str]]:
    table = screen.query_one("#tags-table", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def move_to(pilot: Pilot, screen: TagsScreen, tag: str) -> None:
    table = screen.query_one("#tags-table", DataTable)
    table.move_cursor(row=table.get_row_index(tag))
    await pilot.pause()
    assert screen.current_tag() == tag


async def test_lists_every_tag_with_its_count_and_enter_picks_one(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.modal
        got = rows(screen)
        assert got[0] == ("交通", "3")  # most used first, across both documents
        assert sorted(got[1:]) == sorted(
            [("基础设施", "1"), ("路网", "1"), ("住房", "1"), ("[b]markup", "1"), ("产业", "1")]
        )
        assert isinstance(app.focused, DataTable)
        await move_to(pilot, screen, "[b]markup")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == "[b]markup"


async def test_escape_dismisses_with_none(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_filter_narrows_the_rows_and_enter_in_it_picks_the_highlighted_tag(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.modal
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press("r")  # typed into the filter, not "rename"
        assert not isinstance(app.screen, PromptScreen)
        await pilot.press("backspace")
        app.focused.insert_text_at_cursor("路")
        await pilot.pause()
        assert rows(screen) == [("路网", "1")]
        app.focused.value = "ZZ"
        await pilot.pause()
        assert rows(screen) == []
        assert screen.query_one("#tags-empty").display
        app.focused.value = "产"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == "产业"


async def test_rename_saves_the_new_name_on_every_note(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.modal
        await move_to(pilot, screen, "路网")
        await pilot.press("r")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        field = prompt.query_one(Input)
        assert field.value == "路网"  # prefilled
        await pilot.press("ctrl+u")
        field.insert_text_at_cursor("城市路网")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert ("城市路网", "1") in rows(screen)
        assert screen.current_tag() == "城市路网"
    assert tags_of(store)["路网"] == ["城市路网", "交通"]
    assert "路网" not in dict(store.tags_with_counts())


async def test_rename_onto_an_existing_tag_is_refused_with_a_notification(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.modal
        await move_to(pilot, screen, "路网")
        await pilot.press("r", "ctrl+u")
        app.screen.query_one(Input).insert_text_at_cursor("交通")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen  # still up, not crashed
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "already exists" in errors[-1].message
    assert tags_of(store)["路网"] == ["路网", "交通"]


async def test_merge_into_a_completed_tag_repoints_the_notes(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.modal
        await move_to(pilot, screen, "基础设施")
        await pilot.press("m")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        field = prompt.query_one(Input)
        assert field.value == ""
        await pilot.press("产")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # accepts the completion 产业 …
        assert field.value == "产业"
        await pilot.press("enter")  # … and merges
        await pilot.pause()
        assert app.screen is screen
        assert ("产业", "2") in rows(screen)
        assert "基础设施" not in [name for name, _ in rows(screen)]
        assert screen.current_tag() == "产业"
    assert tags_of(store)["交通"] == ["交通", "产业"]  # in 基础设施's place
    assert len(store) == 4


async def test_delete_removes_the_tag_but_keeps_the_notes(store):
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.modal
        await move_to(pilot, screen, "交通")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert ("交通", "3") in rows(screen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "交通" not in [name for name, _ in rows(screen)]
    assert len(store) == 4
    assert tags_of(store) == {
        "交通": ["基础设施"],
        "路网": ["路网"],
        "住房保障": ["住房", "[b]markup"],
        "产业园区": ["产业"],
    }


async def test_store_errors_are_notified_not_raised(store, monkeypatch):
    def locked(name: str) -> int:
        raise StoreError(f"{store.path}: locked by another zoneplan process")

    monkeypatch.setattr(store, "delete_tag", locked)
    app = ModalApp(TagsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.screen is app.modal
        assert [n.message for n in app._notifications if n.severity == "error"] == [
            f"{store.path}: locked by another zoneplan process"
        ]
        assert ("交通", "3") in rows(app.modal)


async def test_no_tags_at_all(tmp_path):
    app = ModalApp(TagsScreen(NotesStore(tmp_path / "empty.json")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert rows(app.modal) == []
        assert app.modal.query_one("#tags-empty").display
        await pilot.press("r", "m", "d", "enter")  # nothing to act on: a bell, no crash
        await pilot.pause()
        assert app.screen is app.modal
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_prompt_refuses_an_empty_answer_and_strips():
    app = ModalApp(PromptScreen("Name?", "  "))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.result is _MISSING
        app.screen.query_one(Input).insert_text_at_cursor("交通 ")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == "交通"


async def test_confirm_starts_on_no_so_enter_is_harmless():
    app = ModalApp(ConfirmScreen("Delete?"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "confirm-no"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is False
