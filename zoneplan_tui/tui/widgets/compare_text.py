"""A matched section's two texts side by side, its changes marked: in A what went (removed
clauses and deleted words struck through in red), in B what came (added clauses and inserted
words in green); the passages that hold a note are underlined, on either side.

`side_text` builds one side as Rich `Text` from the plan's text, the section's line pieces and
the clause changes (comparison offsets, so nothing is searched again); every character from the
plan is made safe on the way.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from zoneplan_tui.library.compare.model import ClauseChange
from zoneplan_tui.library.compare.sections import Section
from zoneplan_tui.tui.labels import content, label, label_line

GONE = "strike red"
CAME = "bold green"
NOTED = "underline"
HEAD = "bold"

Span = tuple[int, int, str]  # start, end (offsets into the plan's text), style


def change_spans(changes: Sequence[ClauseChange], side: str) -> list[Span]:
    """The styled spans of one side ("a" or "b"): whole clauses added or removed, and inside a
    changed clause the words deleted (A) or inserted (B)."""
    whole, mark = ("removed", GONE) if side == "a" else ("added", CAME)
    spans: list[Span] = []
    for ch in changes:
        at_span = ch.a if side == "a" else ch.b
        if at_span is None:
            continue
        if ch.kind == whole:
            spans.append((at_span[0], at_span[1], mark))
            continue
        if ch.kind != "changed":
            continue
        at = at_span[0]
        for op in ch.words:
            if side == "a":
                if op.op == "insert":
                    continue
                n = len(op.a_text or op.text)
                if op.op == "delete":
                    spans.append((at, at + n, GONE))
            else:
                if op.op == "delete":
                    continue
                n = len(op.text)
                if op.op == "insert":
                    spans.append((at, at + n, CAME))
            at += n
    return spans


def side_text(
    text: str,
    section: Section | None,
    spans: Sequence[Span],
    noted: Sequence[tuple[int, int]] = (),
    empty: str = "",
) -> Text:
    """One side: the heading, then its own text line by line, with `spans` styled and the
    `noted` passages underlined."""
    if section is None:
        return label(empty, "dim italic")
    out = Text()
    if not section.is_preamble:
        out.append_text(label_line(f"{section.marker}{section.title}", HEAD))
        out.append("\n")
    styled = [*spans, *((s, e, NOTED) for s, e in noted)]
    for start, end in section.pieces:
        line = label(text[start:end])
        for s, e, style in styled:
            lo, hi = max(s, start), min(e, end)
            if lo < hi:
                line.stylize(style, lo - start, hi - start)
        out.append_text(line)
        out.append("\n")
    if not section.pieces:
        out.append_text(label("(no text of its own)", "dim italic"))
    return out


class SectionTexts(Horizontal):
    """Plan A's text of a section beside plan B's."""

    def compose(self) -> ComposeResult:
        for side in ("a", "b"):
            pane = VerticalScroll(id=f"compare-{side}-pane", classes="compare-pane")
            pane.border_title = content("A" if side == "a" else "B")
            with pane:
                yield Static(id=f"compare-{side}-text", classes="compare-text")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: dict[str, Text] = {}  # the side's text as last shown

    def show(self, a: Text, b: Text, title_a: str = "A", title_b: str = "B") -> None:
        self.shown = {"a": a, "b": b}
        for side, body, title in (("a", a, title_a), ("b", b, title_b)):
            pane = self.query_one(f"#compare-{side}-pane", VerticalScroll)
            pane.border_title = content(title)
            self.query_one(f"#compare-{side}-text", Static).update(body)
            pane.scroll_home(animate=False)


__all__ = ["CAME", "GONE", "NOTED", "SectionTexts", "change_spans", "side_text"]
