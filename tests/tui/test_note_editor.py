"""Pilot tests of the note editor modal: Chinese text, tags, completion, suggestions, colours."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, Static, TextArea

from tests.tui.helpers import APP_CSS
from zoneplan_tui.tui.screens.note_editor import (
    ClippedText,
    NoteEdit,
    NoteEditor,
    TagSuggester,
    join_tags,
    split_tags,
)

QUOTE = (
    "加快推进交通基础设施建设，进一步完善城市路网，2020年新建道路12.5公里，推动智慧城市建设"
    "和产业园区发展。一是加强[b]PPP[/b]项目管理；二是推进“十四五”规划编制。"
)
SECTION = "一、交通 › （二）路网"

_MISSING = object()


class EditorApp(App[None]):
    """Pushes one editor and records what it dismissed with."""

    CSS_PATH = APP_CSS  # the dialogs' styles live in the app's one stylesheet

    def __init__(self, editor: NoteEditor) -> None:
        super().__init__()
        self.editor = editor
        self.result: Any = _MISSING

    def on_mount(self) -> None:
        self.push_screen(self.editor, self._done)

    def _done(self, result: NoteEdit | None) -> None:
        self.result = result


def editor(**kwargs: Any) -> NoteEditor:
    return NoteEditor(QUOTE, SECTION, **kwargs)


async def paste(pilot: Pilot, text: str) -> None:
    """What a terminal sends for a bracketed paste: one Paste event to the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    """Let the tag suggester's worker deliver its completion."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_chinese_note_tags_and_a_suggestion_saved_with_ctrl_s():
    app = EditorApp(editor(suggestions=["交通", "路网", "PPP"], known_tags=["住房"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        # An IME commits text as ordinary characters, one key event each; a paste is one event.
        await pilot.press(*"路网密度", "enter")
        await paste(pilot, "第二行：\n需要核实12.5公里   ")
        await pilot.press("tab")
        assert app.focused is app.editor.query_one("#ne-tags", Input)
        await pilot.press(*"核实", "，")
        # Into the suggestions, to the second, take it, back to the tag field.
        await pilot.press("ctrl+t", "right", "enter", "ctrl+t")
        await pilot.pause()
        assert app.focused is app.editor.query_one("#ne-tags", Input)
        assert app.editor.query_one("#ne-tags", Input).value == "核实, 路网"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == NoteEdit(
        note="路网密度\n第二行：\n需要核实12.5公里", tags=("核实", "路网"), color="yellow"
    )


async def test_escape_cancels_even_after_edits():
    app = EditorApp(editor(note="旧的批注"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"新增")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
    assert app.result is None


async def test_existing_note_round_trips_unchanged_and_focus_can_start_in_tags():
    # CRLF and inner blank lines are kept, only trailing whitespace goes; a colour from
    # elsewhere (not one of the six) is kept when the reviewer does not touch it.
    app = EditorApp(
        editor(
            note="第一行\r\n\r\n第三行\r\n  ",
            tags=["交通", "住房"],
            color="#ff8800",
            title="Edit note",
            focus="tags",
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tags = app.editor.query_one("#ne-tags", Input)
        assert app.focused is tags
        assert tags.value == "交通, 住房"
        assert tags.cursor_position == len(tags.value)  # not selected: typing appends
        await pilot.press("enter")  # Enter in the tag field saves
        await pilot.pause()
    assert app.result == NoteEdit(
        note="第一行\r\n\r\n第三行", tags=("交通", "住房"), color="#ff8800"
    )


async def test_empty_note_without_tags_is_a_bare_highlight():
    app = EditorApp(editor())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#ne-save")
        await pilot.pause()
    assert app.result == NoteEdit(note="", tags=(), color="yellow")


async def test_tags_are_split_on_comma_like_marks_and_deduplicated():
    app = EditorApp(editor(focus="tags"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Pasting into the one-line field: Textual keeps the first line only.
        await paste(pilot, "交通、住房；Green Belt, ｇｒｅｅｎ belt ; 交通\n第二行被丢弃")
        tags = app.editor.query_one("#ne-tags", Input)
        assert tags.value == "交通、住房；Green Belt, ｇｒｅｅｎ belt ; 交通"
        tags.insert_text_at_cursor("，产业")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result.tags == ("交通", "住房", "Green Belt", "产业")


async def test_last_tag_is_completed_from_known_tags():
    app = EditorApp(editor(focus="tags", known_tags=["住房保障", "交通运输", "Green Belt"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tags = app.editor.query_one("#ne-tags", Input)
        await pilot.press("住")
        await settle(pilot)
        await pilot.press("right")  # → accepts the completion
        assert tags.value == "住房保障"
        await pilot.press(",", "space", "g", "r")
        await settle(pilot)
        await pilot.press("enter")  # Enter accepts a showing completion first, in its spelling
        assert tags.value == "住房保障, Green Belt"
        assert app.result is _MISSING
        await pilot.press("enter")  # … and saves when there is none
        await pilot.pause()
    assert app.result.tags == ("住房保障", "Green Belt")


async def test_tag_suggester_completes_only_the_last_tag_and_skips_taken_ones():
    multi = TagSuggester(["交通", "交通运输", "住房", "Ｐｌａｎ"])
    assert await multi.get_suggestion("住房，交") == "住房，交通"
    assert await multi.get_suggestion("交通, 交") == "交通, 交通运输"  # 交通 is taken
    assert await multi.get_suggestion("交通, 交通") == "交通, 交通运输"
    assert await multi.get_suggestion("交通运输, 交") == "交通运输, 交通"
    assert await multi.get_suggestion("交通运输, 交通, 交") is None  # both taken
    assert await multi.get_suggestion("住房, ") is None
    assert await multi.get_suggestion("pl") == "Ｐｌａｎ"  # width- and case-insensitive
    single = TagSuggester(["交通", "交通运输"], multi=False)
    assert await single.get_suggestion("交") == "交通"
    assert await single.get_suggestion("交,") is None


async def test_suggestions_arrive_later_and_toggle_by_number_click_and_ctrl_t():
    app = EditorApp(editor())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ed = app.editor
        status = ed.query_one("#ne-suggest-status", Static)
        assert "suggesting" in str(status.render())
        assert ed.suggestions is None
        ed.set_suggestions(["交通", "路网", "产业园区"])
        await pilot.pause()
        assert not status.display
        shown = [b for b in ed.query(".ne-suggestion").results(Button) if b.display]
        assert [str(b.label) for b in shown] == ["1  交通", "2  路网", "3  产业园区"]
        tags = ed.query_one("#ne-tags", Input)
        # In the note field a digit is text; ctrl+t, → →, space toggles the third, and ctrl+t
        # goes back to the note.
        await pilot.press("1", "ctrl+t", "right", "right", "space", "ctrl+t")
        assert ed.query_one("#ne-note", TextArea).text == "1"
        assert ed.query_one("#ne-note", TextArea).has_focus
        assert tags.value == "产业园区"
        # Outside the text fields a plain digit toggles.
        ed.query_one("#ne-save", Button).focus()
        await pilot.press("1")
        assert tags.value == "产业园区, 交通"
        await pilot.click("#ne-suggestion-3")  # a second toggle takes it out again
        await pilot.pause()
        assert tags.value == "交通"
        assert ed.query_one("#ne-suggestion-1", Button).has_class("-on")
        assert str(ed.query_one("#ne-suggestion-1", Button).label) == "1 ✓交通"
        ed.set_suggestions([])
        await pilot.pause()
        assert "none" in str(status.render()) and status.display
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == NoteEdit(note="1", tags=("交通",), color="yellow")


async def test_set_suggestions_after_dismissal_or_before_mount_does_not_raise():
    ed = editor()
    ed.set_suggestions(["早到"])  # before it is shown: kept for compose
    app = EditorApp(ed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert ed.query_one("#ne-suggestion-1", Button).display
        await pilot.press("escape")
        await pilot.pause()
        ed.set_suggestions(["交通"])  # the worker finished after the reviewer cancelled
        await pilot.pause()
        ed.set_suggestions(["交通"])
    ed.set_suggestions(["交通"])  # and after the app is gone
    assert app.result is None


async def test_colour_is_chosen_with_the_keyboard():
    app = EditorApp(editor())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, Select)
        await pilot.press("enter", "down", "down", "enter")  # yellow → green → blue
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result.color == "blue"


async def test_terminal_cursor_follows_cjk_cells_for_ime_windows():
    # Textual moves the (hidden) terminal cursor to the text cursor, counting cells: a CJK
    # character is two wide. IME candidate windows open at the terminal cursor. See
    # docs/chinese-input.md.
    app = EditorApp(editor())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        note = app.editor.query_one("#ne-note", TextArea)
        # Already right when the editor opens: the first composition needs it.
        assert app.cursor_position == note.cursor_screen_offset
        assert app.cursor_position.x == note.content_region.x
        await pilot.press(*"交通a")
        assert note.cursor_location == (0, 3)
        assert app.cursor_position == note.cursor_screen_offset
        assert app.cursor_position.x == note.content_region.x + 5
        await pilot.press("left")  # before the "a"
        assert app.cursor_position.x == note.content_region.x + 4
        tags = app.editor.query_one("#ne-tags", Input)
        tags.focus()
        await pilot.press(*"住房")
        await pilot.pause()
        assert app.cursor_position == tags.cursor_screen_offset
        # At the end of an Input, Textual 8.2.8 puts the terminal cursor one cell past the
        # drawn cursor block (its _cursor_offset adds 1 at the end); inside the text it is exact.
        assert app.cursor_position.x == tags.content_region.x + 4 + 1
        await pilot.press("left")
        assert app.cursor_position.x == tags.content_region.x + 2


def test_quote_is_clipped_to_four_lines_with_an_ellipsis():
    console = Console(width=20, color_system=None)
    with console.capture() as cap:
        console.print(ClippedText(Text(QUOTE), 4))
    lines = cap.get().splitlines()
    assert len(lines) == 4
    assert lines[-1].endswith("…")
    assert all(console.measure(line).maximum <= 20 for line in lines)
    with console.capture() as cap:
        console.print(ClippedText(Text("短句"), 4))
    assert cap.get().splitlines() == ["短句"]


def test_split_and_join_tags():
    assert split_tags(" 交通 ,住房，；产业、 green belt;") == ["交通", "住房", "产业", "green belt"]
    assert split_tags("") == []
    assert join_tags(["交通", "住房"]) == "交通, 住房"


def test_note_editor_snapshot(snap_compare):
    ed = editor(
        note="路网密度偏低，\n需核实数据来源。",
        tags=["交通"],
        known_tags=["交通", "住房"],
        suggestions=["交通", "路网", "产业园区", "PPP", "智慧城市"],
    )

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()

    assert snap_compare(EditorApp(ed), terminal_size=(100, 30), run_before=run_before)


async def test_the_suggestion_row_is_one_tab_stop_walked_with_arrows_and_digits():
    app = EditorApp(editor(suggestions=["交通", "路网", "产业园区"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ed = app.editor
        tags = ed.query_one("#ne-tags", Input)
        # Tab: note → tags → colour → the suggestions (one stop) → Save.
        await pilot.press("tab", "tab", "tab")
        assert app.focused is ed.suggestion_button(1)
        await pilot.press("left")  # wraps round to the last
        assert app.focused is ed.suggestion_button(3)
        await pilot.press("enter", "2")  # Enter takes it; in the row a digit takes its tag
        assert tags.value == "产业园区, 路网"
        await pilot.press("tab")
        assert app.focused is ed.query_one("#ne-save", Button)
        # The row remembers where it was: shift+tab comes back to the third.
        await pilot.press("shift+tab")
        assert app.focused is ed.suggestion_button(3)
        await pilot.press("space")
        assert tags.value == "路网"


async def test_f2_takes_a_suggestion_as_ctrl_t_does():
    # A browser keeps ctrl+t (a new tab): the served app needs another key for the same move.
    app = EditorApp(editor(suggestions=["交通", "路网"], focus="tags"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tags = app.editor.query_one("#ne-tags", Input)
        await pilot.press("f2", "right", "enter", "f2")
        await pilot.pause()
        assert app.focused is tags
        assert tags.value == "路网"


async def test_ctrl_t_without_suggestions_says_so_and_stays():
    app = EditorApp(editor())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert any("still coming" in str(n.message) for n in app._notifications)
        app.editor.set_suggestions([])
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert any("no suggested tags" in str(n.message) for n in app._notifications)


async def test_what_alt_digit_types_in_a_terminal_never_reaches_a_tag():
    # macOS option+1…9 types ¡ ™ £ ¢ ∞ § ¶ • ª: typed into the tag field they are dropped at
    # once (the cursor stays where it was) and a tag saved with them loses them.
    app = EditorApp(editor(suggestions=["交通"], tags=["旧™标签"], focus="tags"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tags = app.editor.query_one("#ne-tags", Input)
        await pilot.press(",", *"住房", "¡", "™", "£")
        await pilot.pause()
        assert "¡" not in tags.value and "™" not in tags.value and "£" not in tags.value
        assert tags.value.endswith(",住房")
        tags.cursor_position = tags.value.index(",")
        await pilot.press("•", "x")
        await pilot.pause()
        assert tags.value.endswith("x,住房")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result.tags == ("旧标签x", "住房")
