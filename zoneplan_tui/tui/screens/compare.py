"""Two plans compared: the section map (plan A's outline beside plan B's, each section marked
kept, changed, renamed, moved, added or dropped), Enter on a section shows both its texts with
the changes marked, and a targets tab lists the targets raised, cut, new and dropped.

The comparison (library/compare) runs in a worker: the screen paints at once and the map fills
when it is done. The notes of either plan stay visible: the map counts them per section and the
texts underline their passages (placed as the reader places notes on an edited file).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    LoadingIndicator,
    Static,
    TabbedContent,
    TabPane,
)

from zoneplan_tui.library.compare.engine import Comparison, PlanSide
from zoneplan_tui.library.compare.model import SectionPair, TargetChange
from zoneplan_tui.library.compare.report import indicator_label
from zoneplan_tui.library.compare.report import label as section_label
from zoneplan_tui.library.targets import Target
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.commands import KeysProvider
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.screens.base import FooterScreen
from zoneplan_tui.tui.screens.dialogs import HelpScreen
from zoneplan_tui.tui.session import Session
from zoneplan_tui.tui.widgets.compare_map import CompareMap
from zoneplan_tui.tui.widgets.compare_text import SectionTexts, change_spans, side_text

Spans = tuple[tuple[int, int], ...]

CHANGE_STYLES = {
    "raised": "green",
    "cut": "red",
    "unchanged": "dim",
    "changed": "yellow",
    "to_fill": "cyan",
    "new": "green",
    "dropped": "red",
}


@dataclass(eq=False)
class CompareReady(Message):
    """The comparison, and the places of each plan's notes (None and a message: it failed)."""

    comparison: Comparison | None
    notes_a: Spans = ()
    notes_b: Spans = ()
    error: str = ""


def _section_at(side: PlanSide, offset: int) -> int:
    index = side.plan.outline.section_index(side.plan.doc.line_of(offset))
    return 0 if index is None else index + 1


def notes_per_pair(c: Comparison, notes_a: Spans, notes_b: Spans) -> dict[str, int]:
    """A pair's key → the notes its two sections hold."""
    counts: dict[str, int] = {}
    for side, notes in (("a", notes_a), ("b", notes_b)):
        plan = c.a if side == "a" else c.b
        for start, _ in notes:
            pair = c.pair_of(side, _section_at(plan, start))
            if pair is not None:
                counts[pair.key] = counts.get(pair.key, 0) + 1
    return counts


class CompareScreen(FooterScreen):
    COMMANDS = FooterScreen.COMMANDS | {KeysProvider}
    BINDINGS = [
        Binding(
            "enter",
            "show",
            "Show",
            id="compare.show",
            tooltip="Both texts of the highlighted section, side by side, with the changes "
            "marked (struck through in A: gone; in green in B: new); on a target, its section",
        ),
        Binding(
            "n",
            "next_change",
            "Next change",
            id="compare.next-change",
            tooltip="The next section that is not kept (and its texts)",
        ),
        Binding(
            "N",
            "previous_change",
            "Previous change",
            id="compare.previous-change",
            show=False,
            tooltip="The previous section that is not kept (and its texts)",
        ),
        Binding(
            "t",
            "targets",
            "Targets",
            id="compare.targets",
            tooltip="Switch between the sections and the targets side by side (raised, cut, "
            "unchanged, new, dropped, to be filled)",
        ),
        Binding(
            "escape",
            "close",
            "Back",
            id="compare.close",
            tooltip="Back to the library",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            id="compare.help",
            key_display="?",
            tooltip="This help: every key of the comparison",
        ),
        Binding("q", "quit", "Quit", id="compare.quit", tooltip="Quit zoneplan"),
    ]

    def __init__(
        self,
        a: Path,
        b: Path,
        *,
        session: Session | None = None,
        keymap: Mapping[str, str] | None = None,
        stored_targets: Callable[[str], list[Target]] | None = None,
    ) -> None:
        """Compare plan `a` (the older, or first) with plan `b`. `stored_targets`: a plan's
        targets by its sha256, as the library stored them (else they are read here)."""
        super().__init__()
        self.stored_targets = stored_targets
        self.paths = (Path(a), Path(b))
        self.session = session if session is not None else Session()
        self.keymap = dict(keymap if keymap is not None else self.session.keymap)
        self.comparison: Comparison | None = None
        self.notes: tuple[Spans, Spans] = ((), ())
        self.shown_pair: SectionPair | None = None  # the section whose texts are shown
        self.target_rows: list[TargetChange] = []  # the targets tab's rows, in order

    # -- the widgets ------------------------------------------------------------------------------

    @property
    def map(self) -> CompareMap:
        return self.query_one(CompareMap)

    @property
    def texts(self) -> SectionTexts:
        return self.query_one(SectionTexts)

    @property
    def targets_table(self) -> DataTable[Text]:
        return self.query_one("#compare-targets", DataTable)

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def status_line(self) -> Static:
        return self.query_one("#compare-status", Static)

    def _key(self, binding_id: str) -> str:
        return hint(CompareScreen, binding_id, self.keymap)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="compare-tabs", initial="compare-sections-tab"):
            with (
                TabPane("Sections", id="compare-sections-tab"),
                Vertical(id="compare-main"),
            ):
                yield LoadingIndicator(id="compare-loading")
                yield CompareMap(id="compare-map")
                yield SectionTexts(id="compare-texts")
            with TabPane("Targets", id="compare-targets-tab"):
                yield DataTable(id="compare-targets", cursor_type="row", zebra_stripes=False)
        yield Static(Text("comparing the plans…"), id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self.sub_title = f"{self.paths[0].name} → {self.paths[1].name}"
        self.map.display = False
        # After the first paint: the worker holds the interpreter most of the time it runs.
        self.call_after_refresh(self._compare)

    # -- comparing --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare")
    def _compare(self) -> None:
        from zoneplan_tui.core.analysis import analyse
        from zoneplan_tui.formats.load import load_document
        from zoneplan_tui.library.compare.engine import compare_plans

        try:
            a, b = (analyse(load_document(p)) for p in self.paths)
            targets = [self._stored(plan.doc.sha256) for plan in (a, b)]
            comparison = compare_plans(a, b, a_targets=targets[0], b_targets=targets[1])
            notes = tuple(self._placed_notes(side) for side in (comparison.a, comparison.b))
            # The texts of the first change are shown at once: their word diff (and jieba's
            # dictionary, the first time) is worked out here, off the UI thread.
            first = next((p for p in comparison.shown_pairs if p.status != "kept"), None)
            if first is not None:
                comparison.changes(first)
        except Exception as exc:  # a file gone or unreadable since the library listed it
            self.post_message(CompareReady(None, error=str(exc)))
            return
        self.post_message(CompareReady(comparison, notes[0], notes[1]))

    def _stored(self, sha256: str) -> list[Target] | None:
        if self.stored_targets is None:
            return None
        try:
            return self.stored_targets(sha256)
        except Exception:  # an index gone or busy: the targets are read from the plan
            return None

    def _placed_notes(self, side: PlanSide) -> Spans:
        store = self.session.store
        if store is None:
            return ()
        from zoneplan_tui.notes.anchoring import anchor

        doc = side.plan.doc
        found = []
        for ann in store.for_document(doc.sha256, doc.path.resolve()):
            where = anchor(ann, doc.text)
            if where.start is not None and where.end is not None:
                found.append((where.start, where.end))
        return tuple(found)

    @on(CompareReady)
    def _ready(self, message: CompareReady) -> None:
        self.query_one("#compare-loading").display = False
        if message.comparison is None:
            self.status_line.update(label_line(f"cannot compare: {message.error}"))
            self.notify(message.error, severity="error")
            return
        c = self.comparison = message.comparison
        self.notes = (message.notes_a, message.notes_b)
        self.sub_title = f"{c.a.title} → {c.b.title}"
        self.map.display = True
        self.map.fill(c.shown_pairs, notes_per_pair(c, *self.notes))
        self._fill_targets(c)
        self.map.focus()
        first = next((i for i, p in enumerate(self.map.pairs) if p.status != "kept"), 0)
        self.map.move_cursor(row=first)
        self.show_pair(self.map.pair)
        self._status()

    def _fill_targets(self, c: Comparison) -> None:
        table = self.targets_table
        table.clear(columns=True)
        for key, title in (("change", "change"), ("indicator", "indicator"), ("a", "A")):
            table.add_column(Text(title), key=key)
        table.add_column(Text("B"), key="b")
        # What changed first, then the unchanged, each in the order of the map.
        self.target_rows = sorted(c.targets, key=lambda t: t.change == "unchanged")
        for i, t in enumerate(self.target_rows):
            table.add_row(
                Text(t.change, style=CHANGE_STYLES[t.change]),
                label_line(indicator_label(t), overflow="ellipsis", no_wrap=True),
                label_line(t.a.figure.text if t.a else "—", no_wrap=True),
                label_line(t.b.figure.text if t.b else "—", no_wrap=True),
                key=str(i),
            )

    # -- showing ----------------------------------------------------------------------------------

    def show_pair(self, pair: SectionPair | None) -> None:
        c = self.comparison
        if c is None or pair is None:
            return
        changes = c.changes(pair)
        a = side_text(
            c.a.text, pair.a, change_spans(changes, "a"), self.notes[0], "(not in plan A: added)"
        )
        b = side_text(
            c.b.text, pair.b, change_spans(changes, "b"), self.notes[1], "(not in plan B: dropped)"
        )
        what = f"{pair.status} · {pair.similarity:.2f}" if pair.a and pair.b else pair.status
        self.texts.show(a, b, f"A · {what}", f"B · {c.b.plan.doc.name}")
        self.shown_pair = pair

    def _status(self) -> None:
        c = self.comparison
        if c is None:
            return
        counts = ", ".join(f"{n} {k}" for k, n in c.section_counts().items() if n)
        changed = sum(1 for t in c.targets if t.change != "unchanged")
        keys = " · ".join(
            f"{self._key(f'compare.{key}')}: {what}"
            for key, what in (
                ("show", "texts"),
                ("next-change", "next change"),
                ("targets", "targets"),
                ("close", "back"),
            )
        )
        pair = self.map.pair
        lead = ""
        if pair is not None and self.tabs.active == "compare-sections-tab":
            lead = f"{section_label(pair.b if pair.b is not None else pair.a)} · "
        self.status_line.update(label_line(f"{lead}{counts} · {changed} targets changed · {keys}"))

    @on(DataTable.RowHighlighted, "#compare-map")
    def _highlighted(self) -> None:
        self._status()

    @on(DataTable.RowSelected, "#compare-map")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.show_pair(self.map.pair)

    @on(DataTable.RowSelected, "#compare-targets")
    def _target_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        c = self.comparison
        if c is None or event.row_key.value is None:
            return
        self.goto_target(self.target_rows[int(event.row_key.value)])

    def goto_target(self, t: TargetChange) -> None:
        """The section holding a target, in the map, with its texts."""
        c = self.comparison
        if c is None:
            return
        side, position = ("b", t.b_section) if t.b_section is not None else ("a", t.a_section)
        pair = c.pair_of(side, position) if position is not None else None
        if pair is None or pair not in self.map.pairs:
            return
        self.tabs.active = "compare-sections-tab"
        self.map.move_cursor(row=self.map.pairs.index(pair))
        self.map.focus()
        self.show_pair(pair)

    # -- actions ----------------------------------------------------------------------------------

    def action_show(self) -> None:
        if self.tabs.active == "compare-targets-tab":
            row = self.targets_table.cursor_row
            if 0 <= row < len(self.target_rows):
                self.goto_target(self.target_rows[row])
            return
        self.show_pair(self.map.pair)

    def action_next_change(self) -> None:
        self._step(1)

    def action_previous_change(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.comparison is None:
            return
        self.tabs.active = "compare-sections-tab"
        self.map.focus()
        self.map.next_change(step)
        self.show_pair(self.map.pair)

    def action_targets(self) -> None:
        tabs = self.tabs
        if tabs.active == "compare-targets-tab":
            tabs.active = "compare-sections-tab"
            self.map.focus()
        else:
            tabs.active = "compare-targets-tab"
            self.targets_table.focus()
        self._status()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen.of(self, self.keymap))

    def action_close(self) -> None:
        self.dismiss()

    def action_quit(self) -> None:
        self.app.exit()
