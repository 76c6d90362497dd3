"""The colour legend of figure kinds: each kind in the colour the text view draws it with, and
an example of what it holds. Shown in the figures panel and in the reader's help."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from zoneplan_tui.core.figures_model import KINDS  # the record alone: the rules load later
from zoneplan_tui.tui.styles import figure_style

# What each kind holds, by example (in the plans' own words).
KIND_EXAMPLES: dict[str, str] = {
    "percent": "8%",
    "money": "100亿元",
    "count": "300个",
    "area": "800亩",
    "date": "2025年",
    "range": "5–8%",
    "ordinal": "第3名",
    "placeholder": "xx家",
    "other": "50公里",
}


def kind_label(kind: str, dark: bool) -> Text:
    """One kind's swatch: its name in its colour."""
    return Text(f" {kind} ", style=figure_style(kind, dark))


def kind_legend(dark: bool, kinds: Iterable[str] = KINDS) -> Text:
    """Every kind in its colour with an example: ` percent ` 增长8%  ` money ` 100亿元 …"""
    legend = Text(no_wrap=False)
    for index, kind in enumerate(kinds):
        if index:
            legend.append("  ")
        legend.append_text(kind_label(kind, dark))
        example = KIND_EXAMPLES.get(kind)
        if example:
            legend.append(f" {example}", style="dim")
    return legend


__all__ = ["KIND_EXAMPLES", "kind_label", "kind_legend"]
