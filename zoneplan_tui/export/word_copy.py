"""Comments into a copy of a Word plan: the original file, its formatting kept, with every note
a comment on the runs that hold its passage.

Notes point into the converter's text (formats/docx.py), which is not the runs' text alone: it
adds the list labels Word renders from numbering.xml (`一、`, `（二）`), joins table cells with
" | ", drops control characters and blank-paragraph runs. `char_sources` walks the file in the
converter's order and pairs every character of that text with the run and the offset it comes
from (None for what the converter added), checking each line against the text as it goes: a
file whose text does not match (changed since it was read, or read differently by a newer
converter) raises `Unmatched`, and the caller writes a new document instead. Runs are then cut
at each passage's ends, so a comment covers exactly the passage's characters (a passage that
begins with a list label is anchored from its first character in the runs: the label is not
text in Word). Orphaned notes are comments on the first run of the document.
"""

from __future__ import annotations

import copy
import io
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from zoneplan_tui.export.plan import AnnotatedPlan, Progress, no_progress
from zoneplan_tui.export.word_comments import add_comment
from zoneplan_tui.formats.docx import CELL_SEPARATOR, paragraph_runs

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The run children that are text, as formats/docx.py reads them (each knows its text: str()).
_RUN_TEXT = frozenset(f"{_W}{t}" for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))
# formats/__init__.py: lines_to_converted drops these from every line.
_DROPPED = frozenset(chr(c) for c in [*range(32), 127] if c != 9)

Source = tuple[Any, int]  # (w:r element, offset in its text)


class Unmatched(Exception):
    """The Word file's runs do not give the plan's text; the message says where."""


def _blocks(parent: Any) -> Iterator[Any]:
    # formats/docx.py's order: body paragraphs and tables, inside content controls too.
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph(p: Any) -> tuple[str, list[Source]]:
    text: list[str] = []
    sources: list[Source] = []
    for r, t in paragraph_runs(p):
        text.append(t)
        sources += [(r, k) for k in range(len(t))]
    return "".join(text), sources


def _row(tr: Any) -> tuple[str, list[Source | None]]:
    """A table row as the converter writes it: cells' paragraphs stripped and joined by a space,
    cells joined by CELL_SEPARATOR, rows without text left out (empty string)."""
    cells: list[tuple[str, list[Source | None]]] = []
    for tc in tr.iter(f"{_W}tc"):
        if tc.getparent() is not tr and tc.getparent().tag != f"{_W}sdtContent":
            continue  # a nested table's cell: its text is in its outer cell
        parts: list[tuple[str, list[Source | None]]] = []
        for p in tc.iter(f"{_W}p"):
            text, sources = _paragraph(p)
            stripped = text.strip()
            if stripped:
                lead = len(text) - len(text.lstrip())
                parts.append((stripped, list(sources[lead : lead + len(stripped)])))
        cells.append(_join(parts, " "))
    if not any(text for text, _ in cells):
        return "", []
    return _join(cells, CELL_SEPARATOR)


def _join(
    parts: list[tuple[str, list[Source | None]]], sep: str
) -> tuple[str, list[Source | None]]:
    text = sep.join(t for t, _ in parts)
    sources: list[Source | None] = []
    for i, (_, s) in enumerate(parts):
        if i:
            sources += [None] * len(sep)
        sources += s
    return text, sources


def char_sources(body: Any, text: str) -> list[Source | None]:
    """For every character of `text` (the converter's text of the Word file whose body element
    is `body`), the run and offset it comes from; None for labels, separators and line ends."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out: list[Source | None] = [None] * len(text)
    at = 0  # the next line of `text` to match
    last_blank = True  # the converter's last line so far is blank (or there is none)

    def take(produced: str, sources: list[Any], *, label: bool) -> None:
        """Match the converter's next line(s) `produced`; `label`: a list label Word renders
        may come before `produced` on its first line."""
        nonlocal at
        count = produced.count("\n") + 1
        if at + count > len(lines):
            raise Unmatched(f"the text ends before line {at + count}")
        got = "\n".join(lines[at : at + count])
        keep = [i for i, c in enumerate(produced) if c == "\n" or c not in _DROPPED]
        want = "".join(produced[i] for i in keep)
        lead = len(got) - len(want)
        if not got.endswith(want) or lead < 0 or (lead and not label) or "\n" in got[:lead]:
            raise Unmatched(f"line {at + 1} differs")
        base = starts[at] + lead
        for k, i in enumerate(keep):
            out[base + k] = sources[i]
        at += count

    for block in _blocks(body):
        if block.tag == f"{_W}tbl":
            for tr in block.iterchildren(f"{_W}tr"):
                row, row_sources = _row(tr)
                if row:
                    # a line break inside a cell is a control character of the row's line
                    take(row.replace("\n", "\x00"), row_sources, label=False)
                    last_blank = False
            continue
        ptext, sources = _paragraph(block)
        if ptext.strip():
            take(ptext, sources, label=True)
            last_blank = not ptext.split("\n")[-1]
        elif not last_blank:
            if at < len(lines):  # trailing blank lines are dropped at the end
                if lines[at]:
                    raise Unmatched(f"line {at + 1} should be blank")
                at += 1
            last_blank = True
    if at < len(lines):
        raise Unmatched(f"line {at + 1} has no paragraph")
    return out


def _text_children(r: Any) -> list[tuple[Any, int]]:
    return [(c, len(str(c)) if c.tag in _RUN_TEXT else 0) for c in r if c.tag != f"{_W}rPr"]


def _cut(r: Any, k: int) -> Any:
    """Cut run `r` after `k` characters of its text: `r` keeps them, a copy of it (its
    formatting) inserted after it takes the rest, which it returns. Elements that are no text
    (a field character, a page-break mark) go with the side they stand on."""
    tail = copy.deepcopy(r)
    for run, head in ((r, True), (tail, False)):
        pos = 0
        for child, n in _text_children(run):
            a, b = pos, pos + n
            pos = b
            before = b <= k if n else a < k
            if before != head and not (a < k < b):
                run.remove(child)
            elif a < k < b:  # only a w:t holds more than one character
                text = child.text or ""
                child.text = text[: k - a] if head else text[k - a :]
                child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(tail)
    return tail


class _Pieces:
    """The runs after cutting: (run, offset) of the original text → the piece holding it."""

    def __init__(self, cuts: dict[Any, set[int]]) -> None:
        self._pieces: dict[Any, tuple[list[int], list[Any]]] = {}
        for r, ks in cuts.items():
            length = sum(n for _, n in _text_children(r))
            points = sorted(k for k in ks if 0 < k < length)
            pieces = [r]
            for k in reversed(points):  # from the end, so `r` keeps the offsets before
                pieces.insert(1, _cut(r, k))
            self._pieces[r] = ([0, *points], pieces)

    def at(self, source: Source) -> Any:
        r, k = source
        if r not in self._pieces:
            return r
        points, pieces = self._pieces[r]
        return pieces[bisect_right(points, k) - 1]


def _ends(sources: list[Source | None], start: int, end: int) -> tuple[Source, Source] | None:
    """The first and last characters of [start, end) that are in the runs; for a passage of
    label or separator characters only, the next character that is."""
    inside = [s for s in sources[start:end] if s is not None]
    if inside:
        return inside[0], inside[-1]
    after = next((s for s in sources[end:] if s is not None), None)
    before = next((s for s in reversed(sources[:start]) if s is not None), None)
    found = after or before
    return (found, found) if found is not None else None


def write_copy(plan: AnnotatedPlan, data: bytes, progress: Progress = no_progress) -> bytes:
    """The Word file `data` (the plan's own bytes) with the notes as comments. Raises
    `Unmatched` when its runs do not give the plan's text."""
    import docx

    from zoneplan_tui.formats import limits
    from zoneplan_tui.formats.docx import without_dangling_relationships

    limits.zip_guard(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError:  # a relationship to a missing part, as the converter tolerates
        data = without_dangling_relationships(data)
        document = docx.Document(io.BytesIO(data))
    notes = plan.notes
    total = len(notes) + 1
    sources = char_sources(document.element.body, plan.doc.text)
    progress(1, total)
    ends: list[tuple[Source, Source] | None] = []
    cuts: dict[Any, set[int]] = {}
    for note in notes:
        found = None
        if note.start is not None and note.end is not None:
            found = _ends(sources, note.start, note.end)
        ends.append(found)
        if found is not None:
            (r1, k1), (r2, k2) = found
            cuts.setdefault(r1, set()).add(k1)
            cuts.setdefault(r2, set()).add(k2 + 1)
    pieces = _Pieces(cuts)
    first_run = next((s for s in sources if s is not None), None)
    for i, (note, found) in enumerate(zip(notes, ends, strict=True)):
        progress(1 + i, total)
        if found is None:  # an orphan (or a plan with no run text): on the first run
            if first_run is None:
                raise Unmatched("the document has no text to anchor a comment on")
            found = (first_run, first_run)
        add_comment(document, pieces.at(found[0]), pieces.at(found[1]), note, plan.reviewer)
    out = io.BytesIO()
    document.save(out)
    progress(total, total)
    return out.getvalue()
