"""Every key of zoneplan, by the screens and widgets that bind it: README's key tables are made
from here, and the settings file's `[keys]` remaps are checked against these ids.

    python -m zoneplan_tui.tui.keys --markdown          # the tables, to stdout
    python -m zoneplan_tui.tui.keys --write README.md   # between README's marker comments
    python -m zoneplan_tui.tui.keys --check README.md   # exit 1 if README's tables are stale

README marks each table with `<!-- keys:NAME -->` … `<!-- /keys:NAME -->`; the text around
them is README's own.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path

from textual.binding import Binding, BindingType

from zoneplan_tui.tui.bindings import bindings_of_classes, grouped, markdown

# The app's own (ZoneplanApp.BINDINGS is this list: the app imports this module, not the
# other way round).
APP_BINDINGS: list[BindingType] = [
    # Declared (Textual would add it otherwise) so that it has an id and a tooltip.
    Binding(
        "ctrl+p",
        "command_palette",
        "palette",
        id="app.palette",
        show=False,
        priority=True,
        tooltip="Command palette: every action of the screen, and go to a section by typing "
        "part of its heading; from the library also Search all plans and Targets across plans",
    ),
]


@cache
def table_classes() -> dict[str, tuple[type, ...]]:
    """README's tables: which classes' keys each lists, in this order (within a table the rows
    are grouped by binding id namespace, see bindings.GROUP_TITLES). Imported when asked for:
    the app imports this module for APP_BINDINGS, and opening one plan must not load the
    library, search and targets screens."""
    from zoneplan_tui.tui.screens.compare import CompareScreen
    from zoneplan_tui.tui.screens.dialogs import DocumentSwitcher, HelpScreen
    from zoneplan_tui.tui.screens.export_dialog import ExportDialog
    from zoneplan_tui.tui.screens.library import LibraryScreen
    from zoneplan_tui.tui.screens.note_editor import NoteEditor
    from zoneplan_tui.tui.screens.plan_columns import PlanColumnsScreen
    from zoneplan_tui.tui.screens.reader import ReaderScreen
    from zoneplan_tui.tui.screens.search import SearchScreen
    from zoneplan_tui.tui.screens.tags import ConfirmScreen, PromptScreen, TagsScreen
    from zoneplan_tui.tui.screens.targets import TargetsScreen
    from zoneplan_tui.tui.widgets.figures_panel import FiguresPanel
    from zoneplan_tui.tui.widgets.keywords_panel import KeywordsPanel
    from zoneplan_tui.tui.widgets.notes_panel import NotesPanel
    from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
    from zoneplan_tui.tui.widgets.suggestion_button import SuggestionButton
    from zoneplan_tui.tui.widgets.text_view import TextView

    return {
        "reader": (
            TextView,
            ReaderScreen,
            OutlineTree,
            FiguresPanel,
            NotesPanel,
            NoteEditor,
            SuggestionButton,
            TagsScreen,
            PromptScreen,
            ConfirmScreen,
            DocumentSwitcher,
            ExportDialog,
            HelpScreen,
        ),
        "library": (LibraryScreen, KeywordsPanel, SearchScreen),
        "targets": (TargetsScreen, PlanColumnsScreen),
        "compare": (CompareScreen,),
    }


def table_bindings(name: str) -> list[Binding]:
    found = bindings_of_classes(table_classes()[name])
    app = [b for b in APP_BINDINGS if isinstance(b, Binding)]
    return [*found, *app] if name == "reader" else found


@cache
def _all() -> dict[str, Binding]:
    return {b.id or "": b for name in table_classes() for b in table_bindings(name)}


def known_binding_ids() -> set[str]:
    return set(_all())


def binding_by_id(binding_id: str) -> Binding:
    return _all()[binding_id]


def tables() -> dict[str, str]:
    """README's key tables (markdown), by name, with the default keys."""
    return {name: markdown(grouped(table_bindings(name))) for name in table_classes()}


def _marked(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- keys:{re.escape(name)} -->\n)(.*?)(<!-- /keys:{re.escape(name)} -->)", re.S
    )


def _replace(table: str, m: re.Match[str]) -> str:
    return f"{m[1]}\n{table}\n{m[3]}"


def update_readme(text: str) -> str:
    """`text` (README.md) with every marked table made again from the bindings."""
    for name, table in tables().items():
        pattern = _marked(name)
        if not pattern.search(text):
            raise ValueError(f"README has no <!-- keys:{name} --> … <!-- /keys:{name} --> block")
        text = pattern.sub(partial(_replace, table), text, count=1)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zoneplan_tui.tui.keys", description=__doc__)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--markdown", action="store_true", help="print the tables")
    action.add_argument("--write", metavar="README", help="update the tables in this file")
    action.add_argument("--check", metavar="README", help="exit 1 if its tables are stale")
    args = parser.parse_args(argv)
    if args.markdown:
        for name, table in tables().items():
            print(f"<!-- keys:{name} -->\n\n{table}\n<!-- /keys:{name} -->\n")
        return 0
    path = Path(args.write or args.check)
    text = path.read_text(encoding="utf-8")
    new = update_readme(text)
    if args.check:
        if new != text:
            print(f"{path}: the key tables differ from the bindings; run --write", file=sys.stderr)
            return 1
        return 0
    if new != text:
        path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
