"""Re-anchoring: where an annotation's passage is in the current, possibly edited, text.

Follows Hypothesis: the stored position if the quote and its context are still there, else every
exact occurrence of the quote, else a fuzzy search; candidates are scored on quote, prefix, suffix
and position agreement, and the score decides attached / review / orphan. The fuzzy search is
Myers' bit-parallel algorithm on Python ints behind a pigeonhole filter (docs/notes-store.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from zoneplan_tui.notes.annotations import Annotation, AnnotationError, Target, make_target
from zoneplan_tui.notes.figure_changes import FigureChange, describe_changes, figure_changes

# Re-anchoring thresholds (from the issue): a score of at least ATTACH re-attaches the note,
# REVIEW..ATTACH attaches it provisionally and asks the reviewer to confirm, below REVIEW the note
# is an orphan (kept, listed apart, never deleted).
ATTACH_THRESHOLD = 0.9
REVIEW_THRESHOLD = 0.75

# Score weights, as in Hypothesis's match-quote: the quote dominates, context on each side matters
# a lot, distance from the old position only breaks ties. With these weights an exact quote whose
# context is gone on both sides scores ~0.6 (orphan) and with one side intact ~0.8 (review): a
# repeated phrase elsewhere in a plan never re-attaches on its own.
QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
_TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

# Fuzzy search tolerates errors up to a quarter of the quote's length; a quote shorter than this
# many characters is only ever matched exactly (one error in three characters is noise).
MIN_FUZZY_QUOTE = 4
# Bounds on work for pathological input (a one-character quote in a 2 MB file).
MAX_EXACT_CANDIDATES = 20_000

AnchorStatus = Literal["attached", "review", "orphan"]


@dataclass(frozen=True, slots=True)
class Anchoring:
    """Where an annotation sits in the current text.

    `start`/`end` are set for "attached" and "review" (the provisional place to show it) and None
    for "orphan". `score` is in 0..1; for an orphan it is the best rejected candidate's score.
    `figure_changes`: the figures of the quote that differ in the passage now, (was, now) pairs
    ("" for a figure added or removed); any makes the status "review", whatever the score.
    """

    status: AnchorStatus
    start: int | None
    end: int | None
    score: float
    method: Literal["position", "exact", "fuzzy", "none"] = "none"
    figure_changes: tuple[FigureChange, ...] = ()

    @property
    def is_attached(self) -> bool:
        return self.status == "attached"

    @property
    def reason(self) -> str:
        """Why the note needs review, for a person: the figure changes, else the passage."""
        if self.figure_changes:
            return describe_changes(self.figure_changes)
        if self.status == "review":
            return "the passage changed"
        return ""


def status_for(score: float) -> AnchorStatus:
    if score >= ATTACH_THRESHOLD:
        return "attached"
    if score >= REVIEW_THRESHOLD:
        return "review"
    return "orphan"


def _context_score(stored: str, actual: str) -> float:
    # No stored context (quote at the very start or end of the old text) says nothing either way.
    if not stored:
        return 1.0
    # Imported here: opening a plan with no notes, and most note commands, never score a
    # context, and rapidfuzz costs every one of them its import (issue 14).
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(stored, actual)


def _score(target: Target, text: str, start: int, end: int, errors: int) -> float:
    quote_len = len(target.quote)
    quote_score = max(0.0, 1.0 - errors / quote_len)
    prefix = target.prefix
    suffix = target.suffix
    prefix_score = _context_score(prefix, text[max(0, start - len(prefix)) : start])
    suffix_score = _context_score(suffix, text[end : end + len(suffix)])
    pos_score = 1.0 - abs(start - target.start) / max(len(text), 1)
    raw = (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * prefix_score
        + SUFFIX_WEIGHT * suffix_score
        + POSITION_WEIGHT * max(0.0, pos_score)
    )
    return raw / _TOTAL_WEIGHT


def anchor(ann: Annotation | Target, text: str) -> Anchoring:
    """Find an annotation's passage in (possibly changed) text.

    1. The stored position, if the quote and its full context are still there (score 1.0).
    2. Else every exact occurrence of the quote, ranked by quote/prefix/suffix/position agreement.
    3. If no exact occurrence scores high enough to attach, also a fuzzy search allowing up to a
       quarter of the quote's length in edits; the best of all candidates wins.

    The status follows the score: >= 0.9 attached, 0.75..0.9 review, below that orphan; and a
    passage whose figures differ from the quote's is "review" whatever its score.
    """
    target = ann.target if isinstance(ann, Annotation) else ann
    quote = target.quote
    qlen = len(quote)
    start = target.start
    end = start + qlen
    if (
        end <= len(text)
        and text.startswith(quote, start)
        and start >= len(target.prefix)
        and text.startswith(target.prefix, start - len(target.prefix))
        and text.startswith(target.suffix, end)
    ):
        return Anchoring("attached", start, end, 1.0, "position")

    best: tuple[float, int, int, str] = (0.0, -1, -1, "none")
    found = text.find(quote)
    count = 0
    while found != -1 and count < MAX_EXACT_CANDIDATES:
        score = _score(target, text, found, found + qlen, 0)
        if score > best[0]:
            best = (score, found, found + qlen, "exact")
        count += 1
        found = text.find(quote, found + 1)

    if best[0] < ATTACH_THRESHOLD and qlen >= MIN_FUZZY_QUOTE:
        for m_start, m_end, errors in fuzzy_find(quote, text, qlen // 4):
            if errors == 0:
                continue  # already scored as an exact occurrence
            score = _score(target, text, m_start, m_end, errors)
            if score > best[0]:
                best = (score, m_start, m_end, "fuzzy")

    score, b_start, b_end, method = best
    status = status_for(score)
    if status == "orphan":
        return Anchoring("orphan", None, None, score, "none")
    # Only a fuzzy match can read differently from the quote; an exact one has the same figures.
    changes = figure_changes(quote, text[b_start:b_end]) if method == "fuzzy" else ()
    if changes:
        status = "review"
    return Anchoring(status, b_start, b_end, score, method, changes)  # type: ignore[arg-type]


def rebase(ann: Annotation, where: Anchoring, text: str, sha256: str) -> Annotation:
    """The annotation moved onto its re-anchored place in `text` (quote and context refreshed).

    Only for "attached"/"review" results; the caller decides whether to persist it (an exact
    re-attachment loses nothing; a fuzzy one replaces the stored quote with the current wording).
    """
    if where.start is None or where.end is None:
        raise AnnotationError("an orphaned note has no place to move to")
    target = make_target(text, where.start, where.end, ann.target.section)
    return replace(ann, target=target, doc=replace(ann.doc, sha256=sha256))


def _myers_ends(pattern: str, text: str, max_errors: int) -> list[tuple[int, int]]:
    """(end, errors) for each end offset in `text` where some substring ending there is within
    `max_errors` edits of `pattern` (Myers' bit-parallel algorithm, Hyyrö's formulation).

    Python ints are arbitrary precision, so the pattern may be any length (diff-match-patch stops
    at 32 characters), and the per-character bit masks live in a dict, so any alphabet works
    (edlib gives up on texts with more than 256 distinct characters, i.e. any Chinese text).
    """
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    out: list[tuple[int, int]] = []
    get = peq.get
    for j, ch in enumerate(text):
        eq = get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) ^ pv) | eq) & mask
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        # Searching, not comparing whole strings: the top row is all zeros (a match may start
        # anywhere), so no carry comes in at the bottom bit.
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            out.append((j + 1, score))
    return out


def _candidate_windows(pattern: str, text: str, max_errors: int) -> list[tuple[int, int]]:
    """Regions of `text` that can hold a match with at most `max_errors` edits.

    Pigeonhole filter: cut the pattern into max_errors + 1 pieces; k edits can spoil at most k of
    them, so any match contains one piece verbatim. Only the neighbourhoods of verbatim piece
    occurrences (found with the C-speed `str.find`) are searched with the bit-parallel scan.
    """
    m = len(pattern)
    pieces = max_errors + 1
    bounds = [round(i * m / pieces) for i in range(pieces + 1)]
    spans: list[tuple[int, int]] = []
    for i in range(pieces):
        offset, piece = bounds[i], pattern[bounds[i] : bounds[i + 1]]
        if not piece:
            continue
        pos = text.find(piece)
        while pos != -1:
            lo = max(0, pos - offset - max_errors)
            hi = min(len(text), pos - offset + m + max_errors)
            spans.append((lo, hi))
            pos = text.find(piece, pos + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def fuzzy_find(pattern: str, text: str, max_errors: int) -> list[tuple[int, int, int]]:
    """Approximate occurrences of `pattern` in `text`: (start, end, errors) with errors <= max.

    One result per local minimum of the error count along the text (a match with 0 errors also
    matches with 1 error one character further on; only the better one is reported).
    """
    m = len(pattern)
    if m == 0 or max_errors < 0:
        return []
    max_errors = min(max_errors, m - 1)
    results: dict[tuple[int, int], int] = {}
    for lo, hi in _candidate_windows(pattern, text, max_errors):
        ends = _myers_ends(pattern, text[lo:hi], max_errors)
        for idx, (end, errors) in enumerate(ends):
            # A local minimum among consecutive end positions.
            if idx > 0 and ends[idx - 1][0] == end - 1 and ends[idx - 1][1] < errors:
                continue
            if idx + 1 < len(ends) and ends[idx + 1][0] == end + 1 and ends[idx + 1][1] < errors:
                continue
            abs_end = lo + end
            start = _best_start(pattern, text, abs_end, errors, lo)
            if start is None:
                continue
            key = (start[0], abs_end)
            if key not in results or start[1] < results[key]:
                results[key] = start[1]
    return [(s, e, err) for (s, e), err in sorted(results.items())]


def _edit_distances_to_suffixes(pattern: str, text: str) -> list[int]:
    """ed(pattern, text[len(text) - r:]) for r = 0..len(text), in one bit-parallel pass.

    Myers' algorithm on the reversed strings with the text's start anchored (top row 0, 1, 2, …,
    hence the carry of 1 into the bottom bit): this prices every possible match start at once.
    """
    rp, rt = pattern[::-1], text[::-1]
    m = len(rp)
    peq: dict[str, int] = {}
    for i, ch in enumerate(rp):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    out = [m]
    get = peq.get
    for ch in rt:
        eq = get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) ^ pv) | eq) & mask
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        out.append(score)
    return out


def _best_start(
    pattern: str, text: str, end: int, errors: int, floor: int
) -> tuple[int, int] | None:
    """The start giving text[start:end] the fewest edits to `pattern` (ties: closest length)."""
    m = len(pattern)
    lo = max(floor, end - m - errors)
    dists = _edit_distances_to_suffixes(pattern, text[lo:end])
    best: tuple[int, int, int] | None = None  # (distance, length difference, -start)
    for length in range(max(0, m - errors), len(dists)):
        dist = dists[length]
        if dist > errors:
            continue
        key = (dist, abs(length - m), -(end - length))
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return -best[2], best[0]
