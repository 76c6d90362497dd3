"""Each key described once: every binding has an id, a description and a tooltip; the help, the
palette, the footer and README's key tables come from them, with the user's remaps."""

from __future__ import annotations

import importlib
import pkgutil
import re

from textual.binding import Binding
from textual.widgets._footer import FooterKey

import zoneplan_tui.tui
from tests.conftest import ROOT, sample_path
from tests.tui.helpers import ready
from zoneplan_tui.core.config import Config
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.bindings import GROUP_TITLES, grouped, key_label
from zoneplan_tui.tui.commands import KeysProvider
from zoneplan_tui.tui.keys import known_binding_ids, main, update_readme
from zoneplan_tui.tui.screens.dialogs import HelpScreen
from zoneplan_tui.tui.widgets.text_view import TextView

WUQING = sample_path("000_85363b721c052c01")
ID = re.compile(r"^[a-z][a-z-]*\.[a-z0-9][a-z0-9-]*$")


def declared() -> list[tuple[str, Binding]]:
    """(class, binding) of every binding a class of the TUI declares."""
    out: list[tuple[str, Binding]] = []
    package = zoneplan_tui.tui
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == info.name:
                for binding in vars(obj).get("BINDINGS", ()):
                    out.append((obj.__qualname__, binding))
    return out


def test_every_binding_has_an_id_a_description_and_a_tooltip():
    found = declared()
    assert len(found) > 60
    ids: dict[str, int] = {}
    for owner, binding in found:
        assert isinstance(binding, Binding), (owner, binding)
        assert binding.id and ID.match(binding.id), (owner, binding)
        assert binding.id.split(".")[0] in GROUP_TITLES, (owner, binding.id)
        assert binding.description.strip(), (owner, binding.id)
        assert binding.tooltip.strip(), (owner, binding.id)
        ids.setdefault(binding.id, id(binding))
        assert ids[binding.id] == id(binding), f"{binding.id} is declared twice"


def test_the_key_catalogue_has_every_binding():
    assert known_binding_ids() == {b.id for _, b in declared()}


def test_readme_key_tables_are_made_from_the_bindings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme(readme) == readme, "run: python -m zoneplan_tui.tui.keys --write README.md"
    assert main(["--check", str(ROOT / "README.md")]) == 0


def test_a_stale_readme_table_is_found(tmp_path, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = tmp_path / "README.md"
    stale.write_text(readme.replace("Jump to the next section", "Next section"), encoding="utf-8")
    assert main(["--check", str(stale)]) == 1
    assert "differ" in capsys.readouterr().err
    assert main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == readme


def test_the_keys_are_the_ones_readme_described_before():
    """The bindings were given ids and tooltips; the keys themselves stay as they were."""
    keys = {b.id: b.key for _, b in declared()}
    assert keys == keys | {
        "text.down": "j,down",
        "text.up": "k,up",
        "text.left": "h,left",
        "text.right": "l,right",
        "text.page-down": "space,pagedown",
        "text.page-up": "b,pageup",
        "text.start": "g,home",
        "text.end": "G,end",
        "text.select": "v",
        "reader.prev-section": "left_square_bracket",
        "reader.next-section": "right_square_bracket",
        "reader.search": "slash",
        "reader.note": "n",
        "reader.prev-match": "N",
        "reader.tag": "t",
        "reader.notes": "a",
        "reader.undo": "u",
        "reader.tags": "T",
        "reader.outline": "o",
        "reader.figures": "f",
        "reader.highlight": "c",
        "reader.documents": "d",
        "reader.next-pane": "tab",
        "reader.clear": "escape",
        "reader.help": "question_mark",
        "reader.quit": "q",
        "outline.inline": "i",
        "outline.counts": "number_sign",
        "figures.sort": "s",
        "notes.edit": "e",
        "notes.delete": "x,delete",
        "note-editor.save": "ctrl+s",
        "library.search": "slash",
        "library.filter": "f",
        "library.sort": "s",
        "library.reverse": "S",
        "library.keywords": "k",
        "library.targets": "T",
        "targets.sort": "s",
        "targets.reverse": "S",
        "targets.plans": "p",
        "targets.filter": "f",
        "plan-columns.all": "a",
        "app.palette": "ctrl+p",
    }


def test_key_labels_are_what_people_type():
    labels = [key_label(k) for k in ("left_square_bracket", "pagedown", "escape", "ctrl+s", "$")]
    assert labels == ["[", "PgDn", "Esc", "ctrl+s", "$"]


def test_rows_of_one_tooltip_are_one_row():
    bindings = [
        Binding(f"alt+{n}", f"x({n})", f"Tag {n}", id=f"note-editor.tag-{n}", tooltip="Tag n")
        for n in range(1, 4)
    ]
    [(title, [row])] = grouped(bindings, {"note-editor.tag-3": "ctrl+3"})
    assert title == GROUP_TITLES["note-editor"]
    assert row.keys_text() == "alt+1 … ctrl+3"
    assert row.ids_text() == "note-editor.tag-1 … note-editor.tag-3"


# -- the settings' [keys] in the running app --------------------------------------------------


def remapped_app(**keys: str) -> ZoneplanApp:
    return ZoneplanApp([WUQING], config=Config(keys=keys))


async def test_a_remapped_key_works_and_the_old_one_does_not():
    app = remapped_app(**{"reader.next-section": "ctrl+down"})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        text = screen.query_one(TextView)
        first = screen.plan.outline.headings[0].line
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.doc.line_of(text.top_offset) != first
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert screen.doc.line_of(text.top_offset) == first


async def test_the_help_shows_the_remapped_key():
    app = remapped_app(**{"reader.next-section": "],ctrl+down", "outline.inline": "I"})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = {r.ids[0]: r for _, group in help_screen.groups for r in group}
        assert rows["reader.next-section"].keys_text() == "], ctrl+↓"
        assert rows["outline.inline"].keys_text() == "I"  # a widget's key, not focused
        assert rows["reader.prev-section"].keys_text() == "["
        shown = app.export_screenshot()
        assert "ctrl+↓" in shown and "reader.next-section" in shown


async def test_the_footer_keeps_a_remapped_key_in_its_place():
    async def footer(app: ZoneplanApp) -> list[str]:
        async with app.run_test(size=(200, 40)) as pilot:
            await ready(pilot)
            return [k.key for k in app.screen.query(FooterKey)]

    default = await footer(ZoneplanApp([WUQING]))
    remapped = await footer(remapped_app(**{"reader.figures": "F"}))
    assert "f" in default
    assert remapped == [("F" if k == "f" else k) for k in default]


async def test_the_palette_offers_the_screens_keys_with_their_remaps():
    app = remapped_app(**{"reader.next-section": "ctrl+down"})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        provider = KeysProvider(screen)
        hits = [hit async for hit in provider.search("next section")]
        [hit] = [h for h in hits if "reader.next-section" in (h.help or "")]
        assert hit.text == "Jump to the next section"
        assert hit.help == "ctrl+↓ · reader.next-section"
        titles = [str(h.text) async for h in provider.discover()]
        assert "Note on this section" in titles  # a command with no key
        assert "Cursor down a row (the view follows)" not in titles  # cursor keys: noise
        await hit.command()
        await pilot.pause()
        assert screen.doc.line_of(screen.query_one(TextView).top_offset) == (
            screen.plan.outline.headings[0].line
        )


async def test_the_hints_on_screen_follow_a_remap(tmp_path):
    from textual.widgets import Static

    from tests.conftest import SAMPLES
    from tests.tui.helpers import library_ready
    from zoneplan_tui.tui.library_source import LibrarySource

    source = LibrarySource(
        [SAMPLES],
        index_path=tmp_path / "index.sqlite3",
        folders_path=tmp_path / "folders.json",
    )
    config = Config(keys={"library.sort": "o", "library.filter": "F"})
    app = ZoneplanApp([], library=source, config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot)
        status = str(library.query_one("#library-status", Static).render())
        assert status.endswith("· Enter opens · / searches all · T targets · o sorts")
        assert "(F; Esc: back)" in str(library.plans_table.filter_input.placeholder)
        await pilot.press("o")
        assert library.sort_column == "body"
