"""Which section of plan A is which section of plan B: matched by title and content, never by
number, at every level.

1. **Features.** A section's title and own text are squeezed (`sections.squeeze`: Simplified,
   no spaces or punctuation). Its content is the set of character bigrams of its own text, or,
   when it has next to none (a chapter heading over its subsections), of the text of its whole
   subtree. A bigram weighs its inverse document frequency over the sections of both plans, so
   the words every section uses (推进, 加强, 建设) count for little and the ones that make a
   section what it is count for much.
2. **Candidates.** For each section of A, the sections of B that share a rare bigram of content
   or title with it (found through an inverted index, so two plans of a thousand sections each
   are not a million comparisons), that have the same title, or that stand at the same place
   (the same ordinal path: 2nd chapter, 3rd section).
3. **Score.** `TITLE_WEIGHT` × title similarity (Indel, rapidfuzz) + `TEXT_WEIGHT` × content
   similarity (the idf-weighted Dice of the bigram sets); a section with no content on either
   side is scored by its title. A level apart costs `LEVEL_PENALTY` (two levels apart is no
   candidate); parents with similar titles add up to `CONTEXT_WEIGHT`, which settles ties
   between look-alikes (two chapters' （一）工作目标).
4. **Assignment**, greedy by score, one to one: first every pair scoring `HIGH` or more (the
   kept, renumbered, moved and lightly edited sections); then, in rounds, pairs scoring `LOW`
   or more once `PARENT_BONUS` is added to those whose parents are matched to each other (a
   section rewritten in its place). A round's matches make the next round's parents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from math import log

from rapidfuzz.distance import Indel

from zoneplan_tui.library.compare.sections import PREAMBLE, Section, own_text, squeeze

TITLE_WEIGHT = 0.45
TEXT_WEIGHT = 0.55
HIGH = 0.7
LOW = 0.5
PARENT_BONUS = 0.15
CONTEXT_WEIGHT = 0.05
LEVEL_PENALTY = 0.1
MIN_OWN = 12  # characters of own text below which a section is known by its subtree
RARE = 4  # a bigram in at most this many sections of B finds candidates
TOP_K = 8  # candidates per section from the inverted index
ROUNDS = 4


@dataclass(frozen=True, slots=True)
class Features:
    title: str  # squeezed
    own: str  # squeezed own text
    grams: frozenset[str]  # bigrams of the content
    weight: float  # sum of the bigrams' idf


def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _contents(text: str, sections: Sequence[Section]) -> tuple[list[str], list[str], list[str]]:
    """Squeezed titles, own texts and contents (own text, or the subtree's when short)."""
    titles = [squeeze(s.title) for s in sections]
    own = [squeeze(own_text(text, s)) for s in sections]
    content = list(own)
    n = len(sections)
    for i, s in enumerate(sections):
        if len(own[i]) >= MIN_OWN or s.is_preamble:
            continue
        end = i + 1
        while end < n and sections[end].level > s.level:
            end += 1
        if end > i + 1:
            content[i] = own[i] + "".join(titles[k] + own[k] for k in range(i + 1, end))
    return titles, own, content


def features(
    a_text: str, a: Sequence[Section], b_text: str, b: Sequence[Section]
) -> tuple[list[Features], list[Features], dict[str, float]]:
    """Both plans' section features, and the idf of every bigram over their sections."""
    ta, oa, ca = _contents(a_text, a)
    tb, ob, cb = _contents(b_text, b)
    grams_a = [_bigrams(c) for c in ca]
    grams_b = [_bigrams(c) for c in cb]
    df: Counter[str] = Counter()
    for g in grams_a:
        df.update(g)
    for g in grams_b:
        df.update(g)
    n = len(a) + len(b)
    idf = {g: log(1 + n / k) for g, k in df.items()}

    def make(titles: list[str], own: list[str], grams: list[frozenset[str]]) -> list[Features]:
        return [
            Features(t, o, g, sum(idf[x] for x in g))
            for t, o, g in zip(titles, own, grams, strict=True)
        ]

    return make(ta, oa, grams_a), make(tb, ob, grams_b), idf


def content_similarity(x: Features, y: Features, idf: dict[str, float]) -> float | None:
    """idf-weighted Dice of the two bigram sets; None when neither has content."""
    if not x.grams and not y.grams:
        return None
    if not x.grams or not y.grams:
        return 0.0
    small, big = (x.grams, y.grams) if len(x.grams) <= len(y.grams) else (y.grams, x.grams)
    shared = sum(idf[g] for g in small if g in big)
    total = x.weight + y.weight
    return 2 * shared / total if total else 0.0


def title_similarity(x: str, y: str) -> float:
    if not x and not y:
        return 1.0
    return float(Indel.normalized_similarity(x, y))


def _ordinal_paths(sections: Sequence[Section]) -> list[tuple[int, ...]]:
    counts: dict[int | None, int] = defaultdict(int)
    paths: list[tuple[int, ...]] = []
    for s in sections:
        if s.is_preamble:
            paths.append(())
            continue
        counts[s.parent] += 1
        above = paths[s.parent] if s.parent is not None else ()
        paths.append((*above, counts[s.parent]))
    return paths


class Aligner:
    """The matching of A's sections to B's (see the module docstring)."""

    def __init__(
        self, a_text: str, a: Sequence[Section], b_text: str, b: Sequence[Section]
    ) -> None:
        self.a, self.b = a, b
        self.fa, self.fb, self.idf = features(a_text, a, b_text, b)
        self.match_a: dict[int, int] = {}
        self.match_b: dict[int, int] = {}
        self._parent_titles: dict[tuple[int, int], float] = {}

    # -- candidates -------------------------------------------------------------------------------

    def candidates(self) -> dict[tuple[int, int], float]:
        """(A position, B position) → base score, for every candidate pair."""
        a, b, fa, fb = self.a, self.b, self.fa, self.fb
        in_b: Counter[str] = Counter()
        for f in fb:
            in_b.update(f.grams)
        postings: dict[str, list[int]] = defaultdict(list)
        for j, f in enumerate(fb):
            if b[j].is_preamble:
                continue
            for g in f.grams:
                if in_b[g] <= RARE:
                    postings[g].append(j)
            for g in _bigrams(f.title):
                postings["\x00" + g].append(j)
        by_title: dict[str, list[int]] = defaultdict(list)
        for j, f in enumerate(fb):
            if f.title:
                by_title[f.title].append(j)
        paths_a, paths_b = _ordinal_paths(a), _ordinal_paths(b)
        by_path = {p: j for j, p in enumerate(paths_b) if p}
        title_df: Counter[str] = Counter()
        for key, js in postings.items():
            if key.startswith("\x00"):
                title_df[key] = len(js)
        out: dict[tuple[int, int], float] = {}
        for i, f in enumerate(fa):
            if a[i].is_preamble:
                continue
            hits: Counter[int] = Counter()
            for g in f.grams:
                for j in postings.get(g, ()):
                    hits[j] += 1
            for g in _bigrams(f.title):
                key = "\x00" + g
                if title_df[key] <= max(RARE, len(b) // 20):
                    for j in postings.get(key, ()):
                        hits[j] += 2
            chosen = {j for j, _ in hits.most_common(TOP_K)}
            chosen.update(by_title.get(f.title, ()))
            same_place = by_path.get(paths_a[i])
            if same_place is not None:
                chosen.add(same_place)
            for j in chosen:
                score = self.base_score(i, j)
                if score is not None:
                    out[(i, j)] = score
        return out

    def base_score(self, i: int, j: int) -> float | None:
        sa, sb = self.a[i], self.b[j]
        gap = abs(sa.level - sb.level)
        if gap > 1:
            return None
        fa, fb = self.fa[i], self.fb[j]
        t = title_similarity(fa.title, fb.title)
        c = content_similarity(fa, fb, self.idf)
        score = t if c is None else TITLE_WEIGHT * t + TEXT_WEIGHT * c
        return score - LEVEL_PENALTY * gap + CONTEXT_WEIGHT * self._parents_alike(sa, sb)

    def _parents_alike(self, sa: Section, sb: Section) -> float:
        if sa.parent is None or sb.parent is None:
            return 1.0 if sa.parent is None and sb.parent is None else 0.0
        key = (sa.parent, sb.parent)
        found = self._parent_titles.get(key)
        if found is None:
            found = title_similarity(self.fa[sa.parent].title, self.fb[sb.parent].title)
            self._parent_titles[key] = found
        return found

    # -- assignment -------------------------------------------------------------------------------

    def same_parent(self, i: int, j: int) -> bool:
        pa, pb = self.a[i].parent, self.b[j].parent
        if pa is None or pb is None:
            return pa is None and pb is None
        return self.match_a.get(pa) == pb

    def _take(self, scored: list[tuple[float, int, int]], floor: float) -> int:
        taken = 0
        for score, i, j in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
            if score < floor:
                break
            if i in self.match_a or j in self.match_b:
                continue
            self.match_a[i], self.match_b[j] = j, i
            taken += 1
        return taken

    def run(self) -> dict[int, int]:
        """A position → B position of every matched pair (the preambles always)."""
        if self.a and self.b and self.a[0].index == PREAMBLE and self.b[0].index == PREAMBLE:
            self.match_a[0], self.match_b[0] = 0, 0
        cands = self.candidates()
        self._take([(s, i, j) for (i, j), s in cands.items()], HIGH)
        for _ in range(ROUNDS):
            open_pairs = [
                (s + PARENT_BONUS * self.same_parent(i, j), i, j)
                for (i, j), s in cands.items()
                if i not in self.match_a and j not in self.match_b
            ]
            if not self._take(open_pairs, LOW):
                break
        return dict(self.match_a)


__all__ = [
    "HIGH",
    "LOW",
    "TEXT_WEIGHT",
    "TITLE_WEIGHT",
    "Aligner",
    "Features",
    "content_similarity",
    "features",
    "title_similarity",
]
