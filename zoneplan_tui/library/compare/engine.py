"""Compare two plans: `compare_plans(a, b)` → `Comparison`.

A is the older (or first) plan, B the newer (or second). The sections are aligned by
`align.Aligner` (titles and content, never numbers); then each matched pair is classified:

* **moved**: its parent in B is not the match of its parent in A (it went to another chapter),
  its level changed, or it is out of order among the siblings it kept: within each parent of B,
  the matched sections that came from the matching parent of A keep their A order along a
  longest increasing subsequence, and those off it are the moved ones. A section renumbered
  because another was added, dropped or moved before it is not moved (`renumbered` says its
  marker changed);
* **renamed**: its title changed (the similarity of the two says how much);
* **changed**: its own text changed (not its subsections': each is a pair of its own);
* **kept**: none of these.

Targets are paired by indicator (`target_changes`), and the text changes of a pair
(`clauses`) are worked out when first asked for, so that the app shows the map before it has
segmented any words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from threading import Lock

from rapidfuzz.distance import Indel

from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.library.compare.align import (
    TEXT_WEIGHT,
    TITLE_WEIGHT,
    Aligner,
    title_similarity,
)
from zoneplan_tui.library.compare.clauses import clause_changes
from zoneplan_tui.library.compare.model import (
    SECTION_STATUSES,
    TARGET_CHANGES,
    ClauseChange,
    SectionPair,
    SectionStatus,
    TargetChange,
)
from zoneplan_tui.library.compare.sections import Section, plan_sections, squeeze
from zoneplan_tui.library.compare.target_changes import pair_targets
from zoneplan_tui.library.targets import Target


@dataclass
class PlanSide:
    """One plan of a comparison: its analysis, sections and targets."""

    plan: Analysis
    sections: list[Section]
    targets: list[Target]

    @property
    def text(self) -> str:
        return self.plan.doc.text

    @property
    def title(self) -> str:
        return self.plan.outline.title or self.plan.doc.name

    def section_of(self, t: Target) -> int:
        """The position of the section holding a target (0, the preamble, before any)."""
        index = self.plan.outline.section_index(t.figure.line)
        return 0 if index is None else index + 1


@dataclass
class Comparison:
    a: PlanSide
    b: PlanSide
    pairs: list[SectionPair]  # the section map: B's order, A's dropped sections where they were
    targets: list[TargetChange]  # in the order of the map
    _changes: dict[str, list[ClauseChange]] = field(default_factory=dict, repr=False)
    _lock: Lock = field(default_factory=Lock, repr=False)

    def changes(self, pair: SectionPair) -> list[ClauseChange]:
        """The clause changes of a pair (an added or dropped section: its clauses, all added or
        all removed). Worked out once, on first use; safe from several threads."""
        with self._lock:
            found = self._changes.get(pair.key)
        if found is not None:
            return found
        a_pieces = pair.a.pieces if pair.a is not None else ()
        b_pieces = pair.b.pieces if pair.b is not None else ()
        if pair.a is not None and pair.b is not None and not pair.changed:
            found = []
        else:
            found = clause_changes(self.a.text, a_pieces, self.b.text, b_pieces)
        with self._lock:
            self._changes[pair.key] = found
        return found

    def pair_of(self, side: str, position: int) -> SectionPair | None:
        """The pair holding section `position` of side "a" or "b"."""
        for p in self.pairs:
            s = p.a if side == "a" else p.b
            if s is not None and s.position == position:
                return p
        return None

    def section_counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(SECTION_STATUSES, 0)
        for p in self.pairs:
            if _shown(p):
                counts[p.status] += 1
        return counts

    def target_counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(TARGET_CHANGES, 0)
        for t in self.targets:
            counts[t.change] += 1
        return counts

    @property
    def shown_pairs(self) -> list[SectionPair]:
        """The map without an empty preamble on both sides."""
        return [p for p in self.pairs if _shown(p)]


def _shown(p: SectionPair) -> bool:
    sections = [s for s in (p.a, p.b) if s is not None]
    return not all(s.is_preamble and not s.pieces for s in sections)


def compare_plans(
    a: Analysis,
    b: Analysis,
    *,
    a_targets: Sequence[Target] | None = None,
    b_targets: Sequence[Target] | None = None,
) -> Comparison:
    """Compare plan `a` (older) with plan `b` (newer). `a_targets`/`b_targets`: their
    `plan_targets`, when already at hand (the library stores them); read here otherwise."""
    if a_targets is None or b_targets is None:
        from zoneplan_tui.library.targets import plan_targets

        a_targets = plan_targets(a) if a_targets is None else a_targets
        b_targets = plan_targets(b) if b_targets is None else b_targets
    side_a = PlanSide(a, plan_sections(a), list(a_targets))
    side_b = PlanSide(b, plan_sections(b), list(b_targets))
    aligner = Aligner(side_a.text, side_a.sections, side_b.text, side_b.sections)
    match = aligner.run()
    pairs = _classify(aligner, match)
    ordered = _map_order(side_a.sections, side_b.sections, pairs)
    targets = pair_targets(
        side_a.targets, side_b.targets, side_a.section_of, side_b.section_of, match
    )
    rank = {}
    for k, p in enumerate(ordered):
        if p.a is not None:
            rank[("a", p.a.position)] = k
        if p.b is not None:
            rank[("b", p.b.position)] = k

    def where(t: TargetChange) -> tuple[int, int]:
        if t.b is not None and t.b_section is not None:
            return rank[("b", t.b_section)], t.b.figure.start
        assert t.a is not None and t.a_section is not None
        return rank[("a", t.a_section)], t.a.figure.start

    targets.sort(key=where)
    return Comparison(side_a, side_b, ordered, targets)


def _classify(
    aligner: Aligner, match: dict[int, int]
) -> dict[tuple[int | None, int | None], SectionPair]:
    a, b = aligner.a, aligner.b
    fa, fb = aligner.fa, aligner.fb
    back = {j: i for i, j in match.items()}
    moved: set[int] = set()  # A positions
    # Out of order among kept siblings: per parent of B, the A order of those whose parent
    # matches, along a longest increasing subsequence.
    groups: dict[int | None, list[int]] = defaultdict(list)
    for j, sb in enumerate(b):
        i = back.get(j)
        if i is None:
            continue
        sa = a[i]
        same_parent = (sa.parent is None and sb.parent is None) or (
            sa.parent is not None and match.get(sa.parent) == sb.parent
        )
        if not same_parent or sa.level != sb.level:
            moved.add(i)
        else:
            groups[sb.parent].append(i)
    for seq in groups.values():
        keep = set(longest_increasing(seq))
        moved.update(i for i in seq if i not in keep)
    out: dict[tuple[int | None, int | None], SectionPair] = {}
    for i, j in match.items():
        sa, sb = a[i], b[j]
        t = title_similarity(fa[i].title, fb[j].title)
        own_a, own_b = fa[i].own, fb[j].own
        text = own_similarity(own_a, own_b)
        similarity = t if not own_a and not own_b else TITLE_WEIGHT * t + TEXT_WEIGHT * text
        if sa.is_preamble:
            similarity = text
        renamed = fa[i].title != fb[j].title
        changed = own_a != own_b
        status: SectionStatus = (
            "moved" if i in moved else "renamed" if renamed else "changed" if changed else "kept"
        )
        out[(i, j)] = SectionPair(
            sa,
            sb,
            status,
            round(similarity, 3),
            round(t, 3),
            round(text, 3),
            moved=i in moved,
            renamed=renamed,
            changed=changed,
            renumbered=_marker(sa.marker) != _marker(sb.marker),
        )
    for i, sa in enumerate(a):
        if i not in match:
            out[(i, None)] = SectionPair(sa, None, "dropped", 0.0, 0.0, 0.0)
    for j, sb in enumerate(b):
        if j not in back:
            out[(None, j)] = SectionPair(None, sb, "added", 0.0, 0.0, 0.0)
    return out


# Above this many characters on a side, two own texts compare by their character bigrams (Dice)
# instead of their edit distance: Indel is quadratic in the worst case, and a chapter of tables
# has tens of thousands of characters.
LONG_TEXT = 3000


def own_similarity(x: str, y: str) -> float:
    """How alike two squeezed own texts are, 0..1."""
    if x == y:
        return 1.0
    if max(len(x), len(y)) <= LONG_TEXT:
        return float(Indel.normalized_similarity(x, y))
    gx = {x[i : i + 2] for i in range(len(x) - 1)}
    gy = {y[i : i + 2] for i in range(len(y) - 1)}
    return 2 * len(gx & gy) / (len(gx) + len(gy)) if gx or gy else 0.0


def _marker(marker: str) -> str:
    return squeeze(marker)


def longest_increasing(seq: Sequence[int]) -> list[int]:
    """A longest strictly increasing subsequence of `seq` (its values), O(n log n)."""
    tails: list[int] = []  # tails[k]: the smallest tail value of an increasing run of k + 1
    tail_at: list[int] = []  # index in seq of that tail
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[pos] = v
            tail_at[pos] = k
        prev[k] = tail_at[pos - 1] if pos else -1
    out: list[int] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(seq[k])
        k = prev[k]
    return out[::-1]


def _map_order(
    a: Sequence[Section],
    b: Sequence[Section],
    pairs: dict[tuple[int | None, int | None], SectionPair],
) -> list[SectionPair]:
    """B's sections in B's order, each dropped section of A right after the nearest section
    before it in A that has a place in the map (A's order among themselves)."""
    by_b = {j: p for (i, j), p in pairs.items() if j is not None}
    matched_a = {i: j for (i, j) in pairs if i is not None and j is not None}
    after: dict[int, list[SectionPair]] = defaultdict(list)  # B position → dropped to follow
    lead: list[SectionPair] = []
    anchor: int | None = None
    for i in range(len(a)):
        if i in matched_a:
            anchor = matched_a[i]
            continue
        p = pairs[(i, None)]
        if anchor is None:
            lead.append(p)
        else:
            after[anchor].append(p)
    out = list(lead)
    for j in range(len(b)):
        out.append(by_b[j])
        out.extend(after.get(j, ()))
    return out


__all__ = ["Comparison", "PlanSide", "compare_plans", "longest_increasing"]
