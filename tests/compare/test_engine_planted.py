"""The comparison finds every change planted in an edited copy of a real plan, and takes no
renumbered or moved section for dropped. The edits are made by rule from each sample's own
outline (tests/compare/edits.py), so the same checks run on every plan in sample_docs/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.compare.edits import (
    add_paragraph,
    blocks,
    drop,
    move,
    plan,
    replace_at,
    siblings,
    swap,
)
from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.library.compare.engine import Comparison, compare_plans
from zoneplan_tui.library.compare.model import SectionPair, TargetChange

SAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("sample_docs").glob("*.txt"))
NEW_PARAGRAPH = "新增一段：全面推行园区数字孪生平台建设，打造智慧园区样板工程。"


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def original(request: pytest.FixtureRequest) -> Analysis:
    path: Path = request.param
    return plan(path.read_text(encoding="utf-8"), path.name)


def _pairs(c: Comparison) -> list[SectionPair]:
    return [p for p in c.pairs if not (p.a and p.a.is_preamble) and not (p.b and p.b.is_preamble)]


def _by_title(c: Comparison, title: str) -> SectionPair:
    found = [p for p in c.pairs if (p.a and p.a.title == title) or (p.b and p.b.title == title)]
    assert len(found) == 1, (title, found)
    return found[0]


def test_a_plan_against_itself_is_all_kept(original: Analysis) -> None:
    c = compare_plans(original, original)
    assert {p.status for p in _pairs(c)} == {"kept"}
    assert len(_pairs(c)) == len(original.outline.headings)
    assert all(not c.changes(p) for p in c.pairs)
    assert all(_unchanged(t) for t in c.targets)


def test_swapped_chapters_are_moved_not_dropped(original: Analysis) -> None:
    top = min(h.level for h in original.outline.headings)
    groups = [g for g in siblings(original, top) if len(g) >= 3]
    if not groups:
        pytest.skip("fewer than three top-level sections")
    group = groups[0]
    k = len(group) // 2 - 1
    edited = plan(swap(original, group, k))
    c = compare_plans(original, edited)
    statuses = {p.status for p in _pairs(c)}
    assert "dropped" not in statuses and "added" not in statuses
    x, y = _by_title(c, group[k].heading.title), _by_title(c, group[k + 1].heading.title)
    assert x.a is not None and x.b is not None and y.a is not None and y.b is not None
    assert (x.status == "moved") != (y.status == "moved")  # one moved past the other
    assert x.renumbered and y.renumbered
    # Everything else kept its place.
    others = [p for p in _pairs(c) if p is not x and p is not y]
    assert {p.status for p in others} == {"kept"}


def test_dropped_section_renumbers_its_siblings_without_dropping_them(original: Analysis) -> None:
    candidates = [g for lvl in (2, 1) for g in siblings(original, lvl) if len(g) >= 3]
    if not candidates:
        pytest.skip("no sibling group of three")
    group = candidates[0]
    gone = group[0]
    edited = plan(drop(original, group, 0))
    c = compare_plans(original, edited)
    gone_lines = range(gone.first + 1, gone.end + 1)
    dropped = [p for p in _pairs(c) if p.status == "dropped"]
    assert dropped and all(p.a is not None and p.a.line in gone_lines for p in dropped)
    assert any(p.a is not None and p.a.title == gone.heading.title for p in dropped)
    assert not [p for p in _pairs(c) if p.status == "added"]
    for b in group[1:]:
        p = _by_title(c, b.heading.title)
        assert p.status == "kept", (b.heading.title, p.status)
        assert p.renumbered or not re.search(r"[一二三四五六七八九十\d]", b.heading.marker)


def test_added_paragraph_is_an_added_clause(original: Analysis) -> None:
    level = max(h.level for h in original.outline.headings)
    target = blocks(original, level)[len(blocks(original, level)) // 2]
    edited = plan(add_paragraph(original, target, NEW_PARAGRAPH))
    c = compare_plans(original, edited)
    p = _by_title(c, target.heading.title)
    assert p.status == "changed" and p.changed
    added = [ch for ch in c.changes(p) if ch.kind == "added"]
    assert added and all(ch.b is not None for ch in added)
    found = "".join(c.b.text[ch.b[0] : ch.b[1]] for ch in added if ch.b)
    assert found == NEW_PARAGRAPH.replace("。", "") + "。" or NEW_PARAGRAPH in found
    assert {q.status for q in _pairs(c) if q is not p} == {"kept"}
    assert not [ch for ch in c.changes(p) if ch.kind != "added"]


def _unchanged(t: TargetChange) -> bool:
    """Unchanged, or a placeholder (xx亿元) on both sides: still to be filled."""
    if t.a is None or t.b is None:
        return False
    if t.a.figure.kind == "placeholder":
        return t.change == "to_fill" and t.b.figure.kind == "placeholder"
    return t.change == "unchanged"


def _numeric_target(original: Analysis) -> tuple[int, int, str] | None:
    """A target whose figure starts with a plain number: (start, end) of that number."""
    c = compare_plans(original, original)
    seen: dict[str, int] = {}
    for t in c.targets:
        seen[t.key] = seen.get(t.key, 0) + 1
    for t in c.targets:
        if t.a is None or seen[t.key] != 1 or t.a.figure.kind in ("date", "placeholder"):
            continue
        m = re.match(r"\d+(?:\.\d+)?", t.a.figure.text)
        if m and isinstance(t.a.value, int | float):
            start = t.a.figure.start
            return start, start + m.end(), t.key
    return None


@pytest.mark.parametrize("factor,expected", [(2, "raised"), (0.5, "cut")])
def test_changed_target_is_raised_or_cut(original: Analysis, factor: float, expected: str) -> None:
    found = _numeric_target(original)
    if found is None:
        pytest.skip("no single numeric target")
    start, end, key = found
    old = original.doc.text[start:end]
    new = f"{float(old) * factor:g}"
    edited = plan(replace_at(original.doc.text, start, end, new))
    c = compare_plans(original, edited)
    mine = [t for t in c.targets if t.key == key]
    assert [t.change for t in mine] == [expected]
    assert all(_unchanged(t) for t in c.targets if t.key != key)


def test_section_moved_to_another_parent_is_moved(original: Analysis) -> None:
    level = min(h.level for h in original.outline.headings) + 1
    groups = [g for g in siblings(original, level) if len(g) >= 2]
    if len(groups) < 2:
        pytest.skip("fewer than two parents with subsections")
    section, after = groups[0][-1], groups[1][-1]
    edited = plan(move(original, section, after))
    c = compare_plans(original, edited)
    p = _by_title(c, section.heading.title)
    assert p.status == "moved" and p.a is not None and p.b is not None
    assert not [q for q in _pairs(c) if q.status in ("added", "dropped")]
    assert {q.status for q in _pairs(c) if q is not p} == {"kept"}


def test_a_filled_in_placeholder_is_to_fill(original: Analysis) -> None:
    c = compare_plans(original, original)
    keys = [t.key for t in c.targets]
    found = [
        t
        for t in c.targets
        if t.a is not None and t.a.figure.kind == "placeholder" and keys.count(t.key) == 1
    ]
    if not found:
        pytest.skip("no placeholder target")
    t = found[0]
    assert t.a is not None
    f = t.a.figure
    filled = re.sub(r"[xX×Ｘｘ]", "6", f.text)
    edited = plan(replace_at(original.doc.text, f.start, f.end, filled))
    (changed,) = [x for x in compare_plans(original, edited).targets if x.key == t.key]
    assert changed.change == "to_fill"
    assert changed.b is not None and changed.b.figure.kind != "placeholder"
