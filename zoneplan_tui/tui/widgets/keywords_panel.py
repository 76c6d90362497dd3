"""The keywords of a plan, and of each of its top-level sections, as a pickable list.

`read_keywords(path)` is slow (jieba, ~1.5 s for the first call of a run): call it in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.widgets import messages

PLAN_WORDS = 12
SECTION_WORDS = 4
HEADING_CELLS = 22  # the panel is 28 wide: borders, padding, scrollbar


@dataclass(frozen=True)
class PlanKeywords:
    words: list[str]
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, words)


def read_keywords(path: str | Path) -> PlanKeywords:
    """Top keywords of the plan, then of each top-level section (jieba TF-IDF, `keywords`)."""
    from zoneplan_tui.core.analysis import analyse_outline
    from zoneplan_tui.core.errors import DocumentError
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.library.keywords import keywords

    try:
        doc = load_document(path)
    except DocumentError:
        return PlanKeywords([])
    headings = analyse_outline(doc).headings
    top = min((h.level for h in headings), default=1)
    tops = [h for h in headings if h.level == top]
    sections = []
    for h, nxt in zip(tops, [*tops[1:], None], strict=True):
        start = doc.line_start(h.line)
        end = doc.line_start(nxt.line) if nxt is not None else len(doc.text)
        words = keywords(doc.text[start:end], SECTION_WORDS)
        if words:
            sections.append((f"{h.marker}{h.title}", words))
    return PlanKeywords(keywords(doc.text, PLAN_WORDS), sections)


class KeywordsPanel(OptionList):
    """Enter (or a click) on a keyword posts `KeywordChosen`."""

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Search",
            id="keywords.search",
            show=False,
            tooltip="Search every plan and note for the keyword (a click does too)",
        ),
    ]

    KeywordChosen = messages.KeywordChosen

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words: list[str] = []  # per option index ("" for a heading)

    def show_reading(self) -> None:
        self.clear_options()
        self.words = [""]
        self.add_option(Option(Text("reading…", style="dim"), disabled=True))

    def show(self, found: PlanKeywords | None) -> None:
        self.clear_options()
        self.words = []
        if found is None:
            return
        options: list[Option] = []

        def add(word: str, prompt: Text, disabled: bool = False) -> None:
            self.words.append(word)
            options.append(Option(prompt, disabled=disabled))

        for w in found.words:
            add(w, label_line(w))
        for heading, words in found.sections:
            title = label_line(heading, style="bold dim")
            title.truncate(HEADING_CELLS, overflow="ellipsis")  # one row: the list wraps
            add("", title, True)
            for w in words:
                add(w, label_line("  " + w))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        word = self.words[event.option_index] if event.option_index < len(self.words) else ""
        if word:
            self.post_message(messages.KeywordChosen(self, word))
