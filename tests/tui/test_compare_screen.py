"""Pilot tests of the compare screen, opened from the library: the map of sections, the two
texts with their changes, the targets tab, notes on either plan, at 120×40 and 200×60."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.compare.edits import add_paragraph, blocks, plan, siblings, swap
from tests.conftest import SAMPLES
from tests.tui.helpers import library_ready, make_library_app, settle
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.screens.compare import CompareScreen
from zoneplan_tui.tui.screens.library import LibraryScreen
from zoneplan_tui.tui.widgets.compare_map import CompareMap
from zoneplan_tui.tui.widgets.compare_text import CAME, GONE, NOTED

ORIGINAL = SAMPLES / "wuqing-2019-work-points.txt"
ADDED = "新增一段：全面推行园区数字孪生平台建设，打造智慧园区样板工程。"


def make_editions(folder: Path) -> tuple[Path, Path]:
    """old.txt (a sample) and new.txt: two chapters swapped, a target raised, a paragraph
    added."""
    folder.mkdir(parents=True, exist_ok=True)
    text = ORIGINAL.read_text(encoding="utf-8")
    old = folder / "old.txt"
    old.write_text(text, encoding="utf-8")
    p = plan(text, "old.txt")
    top = min(h.level for h in p.outline.headings)
    group = next(g for g in siblings(p, top) if len(g) >= 3)
    p = plan(swap(p, group, 1), "x.txt")
    deepest = max(h.level for h in p.outline.headings)
    p = plan(add_paragraph(p, blocks(p, deepest)[2], ADDED), "y.txt")
    assert "一般预算收入增长8%" in p.doc.text
    new = folder / "new.txt"
    new.write_text(p.doc.text.replace("一般预算收入增长8%", "一般预算收入增长10%", 1), "utf-8")
    return old, new


async def open_compare(pilot: Pilot, old: Path, new: Path) -> CompareScreen:
    library = await library_ready(pilot)
    assert isinstance(library, LibraryScreen)
    table = library.query_one("#library-table", DataTable)
    names = [Path(p.path).name for p in library.shown]
    table.move_cursor(row=names.index(old.name))
    await pilot.press("c")
    table.move_cursor(row=names.index(new.name))
    await pilot.press("c")
    for _ in range(100):
        await settle(pilot)
        screen = pilot.app.screen
        if isinstance(screen, CompareScreen) and screen.comparison is not None:
            return screen
    raise AssertionError("the comparison never came")


def styles(text: Text) -> set[str]:
    return {str(s.style) for s in text.spans}


def shown(screen: CompareScreen, side: str) -> Text:
    return screen.texts.shown[side]


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
async def test_compare_from_the_library(tmp_path: Path, size: tuple[int, int]) -> None:
    old, new = make_editions(tmp_path / "plans")
    app = make_library_app(tmp_path, folder=tmp_path / "plans")
    async with app.run_test(size=size) as pilot:
        screen = await open_compare(pilot, old, new)
        assert screen.paths == (old, new)
        c = screen.comparison
        assert c is not None
        cmap = screen.query_one(CompareMap)
        assert cmap.row_count == len(c.shown_pairs)
        statuses = [p.status for p in cmap.pairs]
        assert "moved" in statuses and "changed" in statuses
        assert "dropped" not in statuses and "added" not in statuses
        # The two outlines share the width: both columns as wide as the screen allows.
        width = cmap.outline_width()
        assert 2 * width + 20 >= size[0] - 4
        # The first change is shown at once; n goes to the next.
        first = screen.shown_pair
        assert first is not None and first.status != "kept"
        await pilot.press("n")
        await pilot.pause()
        second = screen.shown_pair
        assert second is not None and second is not first and second.status != "kept"
        # The section with the added paragraph: green in B, nothing struck in A.
        row = next(
            i
            for i, p in enumerate(cmap.pairs)
            if p.b and ADDED in c.b.text[p.b.pieces[0][0] : p.b.pieces[-1][1]]
        )
        cmap.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        b = shown(screen, "b")
        assert ADDED in b.plain and CAME in styles(b)
        assert GONE not in styles(shown(screen, "a"))
        # The targets tab: the raised target; Enter goes to its section, 8% struck in A.
        await pilot.press("t")
        await pilot.pause()
        assert screen.tabs.active == "compare-targets-tab"
        targets = screen.targets_table
        rows = screen.target_rows
        assert sorted(map(id, rows)) == sorted(map(id, c.targets))
        raised = [i for i, t in enumerate(rows) if t.change == "raised"]
        assert raised == [0] and rows[0].indicator == "一般预算收入"
        targets.move_cursor(row=raised[0])
        await pilot.press("enter")
        await pilot.pause()
        assert screen.tabs.active == "compare-sections-tab"
        a = shown(screen, "a")
        struck = "".join(a.plain[s.start : s.end] for s in a.spans if str(s.style) == GONE)
        assert struck == "8"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_notes_on_either_plan_stay_visible(tmp_path: Path) -> None:
    old, new = make_editions(tmp_path / "plans")
    text = old.read_text(encoding="utf-8")
    quote = "加快聚集优质项目"
    start = text.index(quote)
    store = NotesStore.open(tmp_path / "notes.json")
    from zoneplan_tui.core.document import document_from_text

    sha = document_from_text(text).sha256
    store.add(
        new_annotation(
            text, start, start + len(quote), path=str(old.resolve()), sha256=sha, note="进度？"
        )
    )
    app = make_library_app(tmp_path, folder=tmp_path / "plans", store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(pilot, old, new)
        cmap = screen.query_one(CompareMap)
        row = next(i for i, p in enumerate(cmap.pairs) if p.a and p.a.is_preamble)
        assert str(cmap.get_cell_at(Coordinate(row, 4))) == "1"
        cmap.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        a = shown(screen, "a")
        underlined = [a.plain[s.start : s.end] for s in a.spans if str(s.style) == NOTED]
        assert underlined == [quote]


async def test_marking_the_same_plan_twice_unmarks_it(tmp_path: Path) -> None:
    make_editions(tmp_path / "plans")
    app = make_library_app(tmp_path, folder=tmp_path / "plans")
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot)
        await pilot.press("c")
        assert library.compare_mark is not None
        await pilot.press("c")
        assert library.compare_mark is None
        assert isinstance(pilot.app.screen, LibraryScreen)
