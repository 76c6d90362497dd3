"""Word .docx → plan text: paragraphs in order, list numbering rendered, tables flattened.

Word keeps automatic numbering (`一、`, `（一）`, `1.`) out of the paragraph text, in
numbering.xml, so a plan numbered that way would lose every heading marker. We render the labels
as Word shows them: each paragraph's numId/ilvl (its own, or its style's) names a level with a
start value, a number format and a label template (`%1、`, `（%2）`), counted per numId.
Tables become one line per row with cells joined by " | " and are reported as table ranges so
the outline parser never takes a cell for a heading. Paragraphs with an outline level (heading
styles) or set more prominently than the body are reported with a typographic rank
(docx_style.py).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import Converted, limits, lines_to_converted
from zoneplan_tui.formats.docx_style import Look, Typesetter, ranks
from zoneplan_tui.formats.numfmt import format_number

CELL_SEPARATOR = " | "
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOT_TEXT = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}p"})  # deleted, or a text box's own
_RUN_TEXT = frozenset(f"{_W}{t}" for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))
# After a tab suffix, labels ending in punctuation or an enclosed number read run together with
# the title (`一、总体要求`, `1.加快`); labels ending in a digit or letter get a space (`1.1 总则`),
# which the decimal heading rules rely on.
# Paragraphs whose type is read for ranks: a plan has a few thousand; a file of a hundred
# thousand one-word paragraphs ranks its first ones only (each look costs a few µs).
_MAX_LOOKS = 50_000
_TIGHT_END = "、，,.．）)】〕」』。：:" + "".join(chr(c) for c in range(0x2460, 0x24A0))


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str  # "tab", "space" or "nothing"
    restart: bool  # restarts after a higher level (w:lvlRestart 0 turns that off)
    legal: bool  # w:isLgl: every number in the label is decimal


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = None if el is None else el.find(f"{_W}{tag}")
    if child is None:
        return default
    return child.get(f"{_W}val", default)


class _Numbering:
    """Numbering definitions and the running counters of each list (numId)."""

    def __init__(self, numbering_el: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_el is None:
            return
        for a in numbering_el.iter(f"{_W}abstractNum"):
            self.abstract[a.get(f"{_W}abstractNumId", "")] = {
                int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in a.iter(f"{_W}lvl")
            }
        for n in numbering_el.iter(f"{_W}num"):
            overrides: dict[int, int] = {}
            for o in n.iter(f"{_W}lvlOverride"):
                start = _val(o, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    overrides[int(o.get(f"{_W}ilvl", "0"))] = int(start)
            self.nums[n.get(f"{_W}numId", "")] = (_val(n, "abstractNumId") or "", overrides)

    def _level(self, num_id: str, ilvl: int) -> _Level | None:
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        level = self.abstract.get(abstract_id, {}).get(ilvl)
        if level is not None and ilvl in overrides:
            level = replace(level, start=overrides[ilvl])
        return level

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list `num_id` at level `ilvl`, with the separator after it."""
        level = self._level(num_id, ilvl)
        if level is None:
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else level.start
        for deeper in [k for k in counts if k > ilvl]:
            deeper_level = self._level(num_id, deeper)
            if deeper_level is None or deeper_level.restart:
                del counts[deeper]
        if level.fmt in ("bullet", "none"):
            return ""  # bullets carry no numbering and are often private-use Symbol glyphs
        text = level.text
        for k in range(9, 0, -1):  # %10 does not exist; go high to low so %1 does not eat %1x
            token = f"%{k}"
            if token not in text:
                continue
            ref = self._level(num_id, k - 1)
            value = counts.get(k - 1, ref.start if ref else 1)
            fmt = "decimal" if level.legal or ref is None else ref.fmt
            text = text.replace(token, format_number(value, fmt))
        if not text:
            return ""
        if level.suffix == "nothing" or (level.suffix == "tab" and text[-1] in _TIGHT_END):
            return text
        return text + " "


def _level(lvl: Any) -> _Level:
    start = _val(lvl, "start", "0") or "0"
    return _Level(
        start=int(start) if start.lstrip("-").isdigit() else 0,  # the schema default is 0
        fmt=_val(lvl, "numFmt", "decimal") or "decimal",
        text=_val(lvl, "lvlText", "") or "",
        suffix=_val(lvl, "suff", "tab") or "tab",
        restart=_val(lvl, "lvlRestart") != "0",
        legal=lvl.find(f"{_W}isLgl") is not None and _val(lvl, "isLgl", "1") not in ("0", "false"),
    )


def _num_pr(p: Any, styles: dict[str, Any], ppr: Any = None) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph: its own numPr, else the one of its style or a base style."""
    if ppr is None:
        ppr = p.find(f"{_W}pPr")
    numpr = None if ppr is None else ppr.find(f"{_W}numPr")
    style_id = _val(ppr, "pStyle")
    ilvl: str | None = _val(numpr, "ilvl")
    num_id: str | None = _val(numpr, "numId")
    seen: set[str] = set()
    while num_id is None and style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        if style is None:
            break
        sppr = style.find(f"{_W}pPr")
        snum = None if sppr is None else sppr.find(f"{_W}numPr")
        num_id = _val(snum, "numId")
        ilvl = ilvl if ilvl is not None else _val(snum, "ilvl")
        style_id = _val(style, "basedOn")
    if not num_id or num_id == "0":
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _blocks(parent: Any) -> Iterator[Any]:
    """Body-level paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def paragraph_runs(p: Any) -> list[tuple[Any, str]]:
    """The runs of paragraph `p` that Word shows as its text, with their text. python-docx's
    Paragraph.text reads only direct runs and hyperlinks, which loses tracked insertions
    (w:ins), inline content controls (dates in templates), smart tags and simple fields; here
    every run counts except deleted ones and those of a text box anchored in the paragraph
    (its own paragraphs, not this line's text)."""
    runs: list[tuple[Any, str]] = []
    for r in p.iter(f"{_W}r"):
        anc = r.getparent()
        while anc is not None and anc is not p and anc.tag not in _NOT_TEXT:
            anc = anc.getparent()
        if anc is p:
            # python-docx's CT_R.text, without its XPath query per run (two thirds of the
            # time of a large document): each of these children knows its text (str()).
            runs.append((r, "".join([str(child) for child in r if child.tag in _RUN_TEXT])))
    return runs


def paragraph_text(p: Any) -> str:
    """The text Word shows for paragraph `p` (see paragraph_runs)."""
    return "".join(text for _, text in paragraph_runs(p))


def _row_cells(tr: Any) -> list[str]:
    cells = []
    for tc in tr.iter(f"{_W}tc"):
        if tc.getparent() is not tr and tc.getparent().tag != f"{_W}sdtContent":
            continue  # a cell of a table nested in this row: its text is in its outer cell
        texts = (paragraph_text(p).strip() for p in tc.iter(f"{_W}p"))
        cells.append(" ".join(t for t in texts if t))
    return cells


def without_dangling_relationships(data: bytes) -> bytes:
    """The package with every internal relationship to a missing part dropped from its .rels
    (the sizes were checked by limits.zip_guard before)."""
    import posixpath
    import zipfile

    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(out, "w") as w:
        names = set(z.namelist())
        for info in z.infolist():
            blob = z.read(info)
            if info.filename.endswith(".rels"):
                # word/_rels/document.xml.rels describes word/document.xml: targets are
                # relative to word/
                base = posixpath.dirname(posixpath.dirname(info.filename))
                root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
                for rel in list(root):
                    target = rel.get("Target", "")
                    if rel.get("TargetMode") == "External" or not target:
                        continue
                    path = target.lstrip("/") if target.startswith("/") else target
                    path = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
                    if path not in names:
                        root.remove(rel)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            w.writestr(info, blob)
    return out.getvalue()


def convert(data: bytes) -> Converted:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DocumentError("opening .docx needs the python-docx package") from exc
    limits.zip_guard(data)  # python-docx inflates whole parts: measure them first
    try:
        try:
            document = docx.Document(io.BytesIO(data))
        except KeyError:
            # a relationship to a part the zip does not hold (an image saved as `../NULL`):
            # Word opens such files, without the missing part
            document = docx.Document(io.BytesIO(without_dangling_relationships(data)))
    except Exception as exc:  # python-docx raises KeyError, lxml and zip errors alike
        raise DocumentError(f"a damaged Word document ({type(exc).__name__})") from None
    try:
        numbering_el = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_el = None
    numbering = _Numbering(numbering_el)
    styles = {s.get(f"{_W}styleId"): s for s in document.styles.element.iter(f"{_W}style")}
    typesetter = Typesetter(styles, document.styles.element.find(f"{_W}docDefaults"))
    body = document.element.body

    lines: list[str] = []
    tables: list[tuple[int, int]] = []
    looks: list[tuple[int, Look, int]] = []
    cells: Counter[tuple[float, bool, str]] = Counter()
    chars = 0
    for block in _blocks(body):
        if block.tag == f"{_W}tbl":
            trs = block.iterchildren(f"{_W}tr")  # not .iter(): nested tables stay in their cell
            rows = [_row_cells(tr) for tr in trs]
            rows = [row for row in rows if any(row)]
            if rows:
                tables.append((len(lines) + 1, len(lines) + len(rows)))
                lines.extend(CELL_SEPARATOR.join(row) for row in rows)
                chars += sum(len(cell) for row in rows for cell in row)
                limits.check_text(chars)
                for p in block.iter(f"{_W}p"):
                    runs = paragraph_runs(p)
                    look = typesetter.look(p.find(f"{_W}pPr"), runs)
                    cells[(look.size, look.bold, look.face)] += sum(len(t) for _, t in runs)
            continue
        ppr = block.find(f"{_W}pPr")
        numpr = _num_pr(block, styles, ppr)
        runs = paragraph_runs(block)
        text = "".join(t for _, t in runs)
        # an empty numbered paragraph still takes its number in Word, so count it
        label = numbering.label(*numpr) if numpr is not None else ""
        if text.strip():
            text = label + text
            chars += len(text)
            limits.check_text(chars)
        if not text.strip():
            if lines and lines[-1]:
                lines.append("")  # keep one blank line for spacing paragraphs, not runs of them
            continue
        parts = text.split("\n")
        if len(parts) == 1 and len(looks) < _MAX_LOOKS:
            looks.append((len(lines) + 1, typesetter.look(ppr, runs), len(text.strip())))
        lines.extend(parts)
    while lines and not lines[-1]:
        lines.pop()
    if not any(line.strip() for line in lines):
        raise DocumentError("a Word document with no text in it")
    return lines_to_converted(lines, "docx", tables, ranks(looks, cells))
