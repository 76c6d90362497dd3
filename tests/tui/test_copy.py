"""Copy to the clipboard (OSC 52 through `App.copy_to_clipboard`): the selection, the paragraph,
a figure, a note, a section path; and the notification that says where else to get it."""

from __future__ import annotations

from tests.conftest import sample_path
from tests.tui.helpers import make_app, ready
from zoneplan_tui.core.figures import describe
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.clipboard import clipboard_text, copy_message, refusing_terminal
from zoneplan_tui.tui.widgets.figures_panel import FiguresPanel
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
from zoneplan_tui.tui.widgets.text_view import TextView

WUQING = sample_path("000_85363b721c052c01")


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_y_copies_the_paragraph_under_the_cursor_and_names_its_lines():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        doc = screen.doc
        heading = screen.plan.outline.headings[2]
        screen.go_to_line(heading.line)
        await pilot.press("l", "l", "y")
        await pilot.pause()
        assert app.clipboard == doc.line_text(heading.line).strip()
        said = messages(app)[-1]
        assert "the paragraph" in said and f"(line {heading.line})" in said
        assert "zoneplan text" in said and WUQING.name in said


async def test_ctrl_c_copies_the_selection_exactly_and_otherwise_keeps_its_meaning():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        doc = screen.doc
        view = screen.query_one(TextView)
        line = screen.plan.outline.headings[1].line
        screen.go_to_line(line)
        # No selection: ctrl+c copies nothing and still says how to quit (Textual's meaning).
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == ""
        assert any("quit" in m for m in messages(app))
        await pilot.press("v", *"llll", "ctrl+c")
        await pilot.pause()
        start, end = view.selection
        assert end - start == 5
        assert app.clipboard == doc.text[start:end]
        said = messages(app)[-1]
        assert "the selection" in said and f"(line {line})" in said
        # A selection over two lines is copied with its line end; the lines are named.
        view.clear_selection()
        view.move_cursor(doc.line_start(line))
        await pilot.press("v")
        view.move_cursor(doc.line_start(line + 1) + 3)
        await pilot.press("ctrl+c")
        await pilot.pause()
        start, end = view.selection
        assert "\n" in app.clipboard
        assert app.clipboard == doc.text[start:end]
        assert f"(lines {line}–{doc.line_of(end - 1)})" in messages(app)[-1]


async def test_y_in_the_figures_panel_copies_the_figure_with_its_normalised_value():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        panel = screen.query_one(FiguresPanel)
        panel.table.move_cursor(row=3)
        await pilot.press("y")
        await pilot.pause()
        figure = panel.visible_figures()[3]
        assert app.clipboard == f"{describe(figure)} ({figure.kind})"
        assert figure.text in app.clipboard and "→" in app.clipboard
        assert "zoneplan numbers" in messages(app)[-1]


async def test_y_in_the_outline_copies_the_section_path():
    app = make_app(WUQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        outline = screen.plan.outline
        child = next(h for h in outline.headings if h.level == 2)
        screen.go_to_line(child.line)
        await pilot.pause()
        tree = screen.query_one(OutlineTree)
        tree.focus()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        path = [f"{h.marker}{h.title}" for h in outline.section_path(child.line)]
        assert len(path) == 2
        assert app.clipboard == " › ".join([outline.title, *path])
        assert "zoneplan outline" in messages(app)[-1]


async def test_y_in_the_notes_panel_copies_the_note(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    doc = load_document(WUQING)
    start = doc.text.index("招商")
    ann = new_annotation(
        doc.text,
        start,
        start + 2,
        path=doc.path,
        sha256=doc.sha256,
        note="核对口径",
        tags=("招商", "核实"),
    )
    store.add(ann)
    app = make_app(WUQING, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(10):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("a")
        panel = app.screen.query_one(NotesPanel)
        assert panel.table.has_focus and panel.table.row_count == 1
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.splitlines()[:3] == ["「招商」", "核对口径", "#招商 #核实"]
        assert "zoneplan notes list" in messages(app)[-1]


def test_copied_text_keeps_line_ends_and_drops_what_a_terminal_acts_on():
    hostile = "一、总体\r\n要求\t8%\x1b]52;c;eA==\x07\u202e"
    assert clipboard_text(hostile) == "一、总体\n要求\t8%]52;c;eA=="


def test_a_terminal_that_refuses_osc52_is_named_with_the_way_round_it():
    assert refusing_terminal({"TERM_PROGRAM": "Apple_Terminal"}) == "Apple_Terminal"
    assert refusing_terminal({"TERM_PROGRAM": "iTerm.app"}) is None
    assert refusing_terminal({}) is None
    said = copy_message("增长8%", "the selection", "`zoneplan text a.txt` prints it.", None)
    assert "Copied the selection: 「增长8%」 (4 characters)" in said
    assert "set-clipboard" in said and said.endswith("`zoneplan text a.txt` prints it.")
    refused = copy_message("增长8%", "the note", "`zoneplan notes list a.txt`.", "Apple_Terminal")
    assert "Apple_Terminal does not take" in refused and "zoneplan notes list" in refused
    long = copy_message("字" * 100, "the paragraph", "", None)
    assert "…" in long and "(100 characters)" in long
