"""How a Word paragraph is set: its outline level and its type, for typographic ranks.

A heading in Word is a paragraph with an outline level — a heading style (`Heading 2`, `标题
2`) or a level set on the paragraph — or, in the many government documents formatted by hand,
a paragraph set larger, bolder or in another face (黑体 for `一、`, 楷体 for `（一）`) than the
body. `Typesetter.look(pPr, runs)` reads both: the outline level from the paragraph and its style
chain, and the size, weight and East Asian face of the run properties that cover most of its
text (the run's own, else its paragraph style chain's, else the document defaults).
`ranks(looks)` turns the paragraphs' looks into ranks the way pdf_layout.py does for PDF lines:
outline levels first (a Title above Heading 1 above Heading 2 …), then the type more prominent
than the body's, larger first, then bold, then in the order the faces first appear.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RPR, _FONTS = f"{_W}rPr", f"{_W}rFonts"
_EAST_ASIA, _ASCII = f"{_W}eastAsia", f"{_W}ascii"
_HEADING_NAME_RE = re.compile(r"^(?:heading|标题|標題)\s*([1-9])$", re.I)
_TITLE_NAMES = frozenset({"title", "标题", "標題"})
_OFF = frozenset({"0", "false", "off"})
_RANK_CHARS = 60  # a paragraph longer than this is prose, however it is set


class Look(NamedTuple):  # a tuple: a large file makes one a paragraph
    outline: int | None  # 0 for a Title, 1 for Heading 1 …; None for body paragraphs
    size: float  # points
    bold: bool
    face: str  # East Asian font name, "" when the theme decides


def _val(el: Any, tag: str) -> str | None:
    child = None if el is None else el.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val", "")


class Typesetter:
    """Resolves paragraph and run properties against one document's styles."""

    def __init__(self, styles: dict[str, Any], defaults: Any) -> None:
        self.styles = styles
        rpr = None if defaults is None else defaults.find(f"{_W}rPrDefault/{_W}rPr")
        self.default = _props(rpr, {})
        self.cache: dict[str | None, tuple[int | None, dict[str, Any]]] = {}
        self.runs: dict[tuple[int, tuple[str | None, ...]], dict[str, Any]] = {}

    def _style(self, style_id: str | None) -> tuple[int | None, dict[str, Any]]:
        """(outline level, run properties) a paragraph style gives, through its basedOn chain."""
        if style_id in self.cache:
            return self.cache[style_id]
        chain: list[Any] = []
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = _val(self.styles[sid], "basedOn")
        outline: int | None = None
        props: dict[str, Any] = dict(self.default)
        for style in reversed(chain):  # the base first, each style overriding it
            props = _props(style.find(f"{_W}rPr"), props)
            level = _val(style.find(f"{_W}pPr"), "outlineLvl")
            if level is not None and level.isdigit():
                outline = int(level) + 1 if int(level) < 9 else None
            name = (_val(style, "name") or "").strip()
            if (m := _HEADING_NAME_RE.match(name)) is not None:
                outline = int(m.group(1))
            elif name.lower() in _TITLE_NAMES:
                outline = 0
        self.cache[style_id] = (outline, props)
        return outline, props

    def look(self, ppr: Any, runs: list[tuple[Any, str]]) -> Look:
        """How a paragraph is set, from its pPr and its (run, text) pairs. A million
        paragraphs of a large file go through here, so a run without properties of its own
        costs nothing beyond its paragraph style."""
        outline, base = self._style(_val(ppr, "pStyle"))
        level = _val(ppr, "outlineLvl")
        if level is not None and level.isdigit():
            outline = int(level) + 1 if int(level) < 9 else None
        counts: dict[tuple[float, bool, str], int] = {}
        for r, text in runs:
            if text:
                rpr = r.find(_RPR)
                props = base if rpr is None else self._run(rpr, base)
                key = (props["size"], props["bold"], props["face"])
                counts[key] = counts.get(key, 0) + len(text)
        if len(counts) == 1:
            size, bold, face = next(iter(counts))
        elif counts:
            size, bold, face = max(counts, key=lambda k: counts[k])
        else:
            size, bold, face = base["size"], base["bold"], base["face"]
        return Look(outline, size, bold, face)

    def _run(self, rpr: Any, base: dict[str, Any]) -> dict[str, Any]:
        key = (id(base), _signature(rpr))
        found = self.runs.get(key)
        if found is None:
            found = self.runs[key] = _props(rpr, base)
        return found


def _signature(rpr: Any) -> tuple[str | None, ...]:
    """The run properties that matter here, as a key: size, weight and East Asian face."""
    fonts = rpr.find(_FONTS)
    face = None if fonts is None else (fonts.get(_EAST_ASIA) or fonts.get(_ASCII))
    return (_val(rpr, "sz"), _val(rpr, "b"), face)


def _props(rpr: Any, inherited: dict[str, Any]) -> dict[str, Any]:
    props = {"size": 10.5, "bold": False, "face": ""} | inherited
    if rpr is None:
        return props
    size = _val(rpr, "sz")
    if size and size.isdigit():
        props["size"] = int(size) / 2
    bold = _val(rpr, "b")
    if bold is not None:
        props["bold"] = bold not in _OFF
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is not None:
        face = fonts.get(f"{_W}eastAsia") or fonts.get(f"{_W}ascii")
        if face:
            props["face"] = face
    return props


def ranks(
    looks: Sequence[tuple[int, Look, int]], cells: Counter[tuple[float, bool, str]]
) -> dict[int, int]:
    """Line -> rank for paragraphs given as (line, look, characters of text). `cells`: the
    characters of table cells by type, which set the body type when there is little prose
    (a list of tables under a title and a few captions)."""
    counts: Counter[tuple[float, bool, str]] = Counter()
    for _, look, n in looks:
        counts[(look.size, look.bold, look.face)] += n
    if sum(counts.values()) < sum(cells.values()) / 2:
        counts += cells
    if not counts:
        return {}
    body = max(counts, key=lambda k: counts[k])
    order: dict[tuple[float, bool, str], int] = {}
    keyed: list[tuple[int, tuple[int, float, bool, int]]] = []
    for line, look, n in looks:
        if n > _RANK_CHARS:
            continue
        key = (look.size, look.bold, look.face)
        order.setdefault(key, len(order))
        if look.outline is not None:
            keyed.append((line, (look.outline, -look.size, not look.bold, order[key])))
        elif _prominent(key, body):
            keyed.append((line, (10, -look.size, not look.bold, order[key])))
    tiers = {k: i + 1 for i, k in enumerate(sorted({k for _, k in keyed}))}
    return {line: tiers[k] for line, k in keyed}


def _prominent(key: tuple[float, bool, str], body: tuple[float, bool, str]) -> bool:
    size, bold, face = key
    if size > body[0] + 0.5:
        return True
    if size < body[0] - 0.5:
        return False
    return (bold and not body[1]) or (face != body[2] and face != "")
