"""Edited copies of a plan, made by rule from its own outline: the planted changes the compare
tests look for. Each edit returns the new text and what it planted (titles, not numbers, so a
test checks the comparison by what a reader would see)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zoneplan_tui.core.analysis import Analysis, analyse
from zoneplan_tui.core.document import document_from_text
from zoneplan_tui.core.outline_model import Heading

_CN = "零一二三四五六七八九十"


def plan(text: str, name: str = "plan.txt") -> Analysis:
    return analyse(document_from_text(text, name))


@dataclass
class Block:
    heading: Heading
    first: int  # 0-based line index of the heading
    end: int  # 0-based, exclusive: the next heading of this level or above


def blocks(p: Analysis, level: int) -> list[Block]:
    """The sections of one level with their line ranges (subsections included)."""
    heads = p.outline.headings
    n = p.doc.line_count
    out = []
    for k, h in enumerate(heads):
        if h.level != level:
            continue
        end = n
        for h2 in heads[k + 1 :]:
            if h2.level <= level:
                end = h2.line - 1
                break
        out.append(Block(h, h.line - 1, end))
    return out


def siblings(p: Analysis, level: int) -> list[list[Block]]:
    """The sections of `level` grouped by their parent, in order."""
    groups: list[list[Block]] = []
    parent_line = None
    heads = p.outline.headings
    for b in blocks(p, level):
        above = [h.line for h in heads if h.line < b.heading.line and h.level < level]
        key = above[-1] if above else None
        if not groups or key != parent_line:
            groups.append([])
            parent_line = key
        groups[-1].append(b)
    return groups


def _renumber(line: str, old: str, new_index: int) -> str:
    """`line` with the number in its marker `old` replaced by the `new_index`th (1-based)."""
    m = re.search(r"[零一二三四五六七八九十]+|\d+", old)
    if not m or not line.lstrip().startswith(old.strip()):
        return line
    num = str(new_index) if m.group().isdigit() else _chinese(new_index)
    new_marker = old[: m.start()] + num + old[m.end() :]
    at = line.find(old)
    return line[:at] + new_marker + line[at + len(old) :]


def _chinese(n: int) -> str:
    if n <= 10:
        return _CN[n]
    return ("" if n < 20 else _CN[n // 10]) + "十" + (_CN[n % 10] if n % 10 else "")


def _index_of(marker: str) -> int | None:
    m = re.search(r"[零一二三四五六七八九十]+|\d+", marker)
    if not m:
        return None
    from zoneplan_tui.core.numerals import parse_chinese

    return int(m.group()) if m.group().isdigit() else parse_chinese(m.group())


Line = tuple[str, Heading | None]


def _lines(p: Analysis) -> list[Line]:
    at = {h.line: h for h in p.outline.headings}
    return [(text, at.get(k + 1)) for k, text in enumerate(p.doc.lines)]


def _continuous(p: Analysis, level: int) -> bool:
    """True when the numbers of `level` run on across parents (1.–5. then 6.–9.)."""
    numbers = [_index_of(h.marker) for h in p.outline.headings if h.level == level]
    return bool(numbers) and numbers == list(range(1, len(numbers) + 1))


def _renumbered(p: Analysis, lines: list[Line]) -> str:
    """The lines with every heading's marker numbered by its new place, as the plan numbers
    them: per parent, or on across parents where it did so."""
    levels = {h.level for h in p.outline.headings}
    continuous = {lvl: _continuous(p, lvl) for lvl in levels}
    count = dict.fromkeys(levels, 0)
    out = []
    for text, h in lines:
        if h is not None and _index_of(h.marker) is not None:
            count[h.level] += 1
            for lvl in levels:
                if lvl > h.level and not continuous[lvl]:
                    count[lvl] = 0
            text = _renumber(text, h.marker, count[h.level])
        out.append(text)
    return "\n".join(out)


def swap(p: Analysis, group: list[Block], k: int) -> str:
    """Sections k and k+1 of one sibling group swapped, every marker renumbered."""
    lines = _lines(p)
    x, y = group[k], group[k + 1]
    out = (
        lines[: x.first]
        + lines[y.first : y.end]
        + lines[x.end : y.first]
        + lines[x.first : x.end]
        + lines[y.end :]
    )
    return _renumbered(p, out)


def drop(p: Analysis, group: list[Block], k: int) -> str:
    """Section k of a sibling group removed, every marker renumbered."""
    lines = _lines(p)
    gone = group[k]
    return _renumbered(p, lines[: gone.first] + lines[gone.end :])


def add_paragraph(p: Analysis, block: Block, paragraph: str) -> str:
    """`paragraph` as a new line right after the heading's line."""
    lines = list(p.doc.lines)
    lines.insert(block.first + 1, paragraph)
    return "\n".join(lines)


def replace_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def move(p: Analysis, section: Block, after: Block) -> str:
    """`section` taken out and put after `after` (another parent's last child), every marker
    renumbered."""
    lines = _lines(p)
    taken = lines[section.first : section.end]
    rest = lines[: section.first] + lines[section.end :]
    # Before the boilerplate that may close `after`'s block (a source line, a signature).
    end = after.end
    outside = set(p.outline.boilerplate_lines)
    while end > after.first + 1 and (end in outside or not p.doc.lines[end - 1].strip()):
        end -= 1
    at = end - (section.end - section.first if after.first > section.first else 0)
    return _renumbered(p, rest[:at] + taken + rest[at:])
