"""The note field (tui/widgets/note_area.py) is Textual's TextArea made cheap on long lines: the
same rows, the same cursor arithmetic and the same drawing, from less work."""

from __future__ import annotations

import itertools
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from zoneplan_tui.core.wrap import cell_widths
from zoneplan_tui.tui.widgets import note_area
from zoneplan_tui.tui.widgets.note_area import NoteArea, NoteWrap, rewrap, wrap_offsets

UNIT = "加快推进交通基础设施建设，进一步完善城市路网，2020年新建道路12.5公里。Roads and rail. "
ALPHABET = "交通路网建设，。、（）“”2019.5%ab cd-—…\u200d👍"

lines = st.text(alphabet=ALPHABET, min_size=0, max_size=400)


def _rows(line: str, offsets: list[int]) -> list[str]:
    bounds = [0, *offsets, len(line)]
    return [line[a:b] for a, b in itertools.pairwise(bounds)]


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, str, int, int, int]:
    """(old line, new line, c0, c1, c2): [c0, c1) of the old line replaced by [c0, c2)."""
    old = draw(lines)
    c0 = draw(st.integers(0, len(old)))
    c1 = draw(st.integers(c0, min(len(old), c0 + 20)))
    inserted = draw(st.text(alphabet=ALPHABET, max_size=12))
    new = old[:c0] + inserted + old[c1:]
    return old, new, c0, c1, c0 + len(inserted)


@settings(max_examples=300, deadline=None)
@given(edits(), st.integers(4, 60))
def test_rewrap_after_an_edit_is_a_wrap_from_scratch(monkeypatch_edit, width):
    old, new, c0, c1, c2 = monkeypatch_edit
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(note_area, "RESYNC_ROWS", 10**9)  # never give up: exact
        assert rewrap(new, wrap_offsets(old, width), c0, c1, c2, width) == wrap_offsets(new, width)


@settings(max_examples=300, deadline=None)
@given(edits(), st.integers(4, 60), st.integers(1, 3))
def test_rewrap_bounded_keeps_every_row_within_the_width(monkeypatch_edit, width, resync):
    old, new, c0, c1, c2 = monkeypatch_edit
    before = wrap_offsets(old, width)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(note_area, "RESYNC_ROWS", resync)
        got = rewrap(new, before, c0, c1, c2, width)
    assert got == sorted(set(got)) and all(0 < x < len(new) for x in got)
    for row in _rows(new, got):
        assert sum(cell_widths(row)) <= width or len(row) == 1
    # Rows well before the edit are untouched.
    kept = [x for x in before if x < c0 and sum(cell_widths(old[x:c0])) > width]
    assert got[: len(kept)] == kept


class AreaApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield NoteArea(self.text, soft_wrap=True, highlight_cursor_line=False)


def _state(wrapped: WrappedDocument) -> tuple:
    return (
        wrapped._wrap_offsets,
        wrapped._offset_to_line_info,
        wrapped._line_index_to_offsets,
        wrapped._tab_width_cache,
    )


def _same_drawing(area: NoteArea) -> None:
    """Every row drawn by the note field as Textual's TextArea draws it."""
    for y in range(area.size.height):
        assert list(area._render_line(y)) == list(TextArea._render_line(area, y)), y


async def test_long_lines_draw_as_textarea_draws_them():
    text = UNIT * 40 + "\n短的一行\n\n" + UNIT * 25
    app = AreaApp(text)
    async with app.run_test(size=(70, 24)) as pilot:
        area = app.query_one(NoteArea)
        area.focus()
        await pilot.pause()
        assert len(area.document[0]) >= note_area.LONG_LINE
        cases = [
            Selection((0, 300), (0, 300)),  # a cursor mid-line
            Selection((0, 250), (0, 420)),  # a selection across rows
            Selection((0, 900), (3, 40)),  # across lines
            Selection((0, len(area.document[0])), (0, len(area.document[0]))),  # at the end
        ]
        for selection in cases:
            area.selection = selection
            for top in (0, 7, 13):
                area.scroll_to(y=top, animate=False)
                await pilot.pause()
                _same_drawing(area)


async def test_wrapping_follows_every_kind_of_edit(monkeypatch):
    monkeypatch.setattr(note_area, "RESYNC_ROWS", 10**9)
    app = AreaApp(UNIT * 30 + "\n第二段\n" + UNIT * 10)
    async with app.run_test(size=(60, 20)) as pilot:
        area = app.query_one(NoteArea)
        area.focus()
        area.move_cursor((0, 500))
        await pilot.press(*"插入文字ab", "backspace", "backspace", "delete", "enter")
        await pilot.press("up", "end", *"末尾", "ctrl+z")
        area.replace("替换", (0, 10), (0, 30))
        area.insert("一\n二\n三", (2, 5))
        area.delete((0, 100), (1, 2))
        await pilot.press("ctrl+z", "ctrl+y")
        await pilot.pause()
        wrapped = area.wrapped_document
        assert isinstance(wrapped, NoteWrap)
        fresh = NoteWrap(area.document, width=wrapped._width, tab_width=wrapped._tab_width)
        assert _state(wrapped) == _state(fresh)
        _same_drawing(area)


@settings(max_examples=60, deadline=None)
@given(lines.filter(lambda s: len(s) > 20), st.integers(4, 40), st.data())
def test_cursor_arithmetic_is_textareas(line, width, data):
    """Offsets <-> locations as Textual's WrappedDocument computes them from the same rows."""
    from textual.document._document import Document

    ours = NoteWrap(Document(line), width=width)
    for column in {0, len(line), *data.draw(st.lists(st.integers(0, len(line)), max_size=8))}:
        assert ours.location_to_offset((0, column)) == WrappedDocument.location_to_offset(
            ours, (0, column)
        )
    rows = len(ours.get_offsets(0)) + 1
    for y in {0, rows - 1, -1, data.draw(st.integers(0, rows - 1))}:
        for x in (0, 1, width // 2, width + 3):
            assert ours.get_target_document_column(0, x, y) == (
                WrappedDocument.get_target_document_column(ours, 0, x, y)
            )
    sections = ours.get_sections(0)
    assert "".join(sections) == line and len(sections) == rows
    assert [sections[i] for i in range(rows)] == _rows(line, ours.get_offsets(0))
    assert bisect_right(ours.get_offsets(0), len(line)) == rows - 1
