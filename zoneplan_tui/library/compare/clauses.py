"""Text changes inside a matched section, clause by clause.

A clause runs up to a 。 or a ；(or ！？ and their ASCII forms), within one line: a paragraph
break ends one too. The two sections' clauses are aligned as sequences (difflib, by their
squeezed text, so spacing and punctuation changes are no change); inside a replaced run each
clause of A is paired with the most similar clause of B after the last one paired (at least
`PAIR_FLOOR` alike, Indel), and a pair is a changed clause with its word diff. What is left is
a removed clause (A only) or an added one (B only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from zoneplan_tui.library.compare.model import ClauseChange
from zoneplan_tui.library.compare.sections import squeeze
from zoneplan_tui.library.compare.words import word_diff

PAIR_FLOOR = 0.5
_CLAUSE_END = re.compile(r"[。；;！？!?]+[”’」』）)]*")

Span = tuple[int, int]


def clauses(text: str, pieces: Sequence[Span]) -> list[Span]:
    """The clauses of the line pieces (offsets into `text`), without surrounding blanks; a
    clause of punctuation only is none."""
    out: list[Span] = []
    for start, end in pieces:
        at = start
        for m in _CLAUSE_END.finditer(text, start, end):
            out.append((at, m.end()))
            at = m.end()
        if at < end:
            out.append((at, end))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and squeeze(text[s:e]):
            spans.append((s, e))
    return spans


def clause_changes(
    a_text: str, a_pieces: Sequence[Span], b_text: str, b_pieces: Sequence[Span]
) -> list[ClauseChange]:
    """The clause changes from A's section to B's, in reading order."""
    ca, cb = clauses(a_text, a_pieces), clauses(b_text, b_pieces)
    ka = [squeeze(a_text[s:e]) for s, e in ca]
    kb = [squeeze(b_text[s:e]) for s, e in cb]
    out: list[ClauseChange] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        out.extend(_replaced(a_text, ca, ka, i1, i2, b_text, cb, kb, j1, j2))
    return out


def _replaced(
    a_text: str,
    ca: list[Span],
    ka: list[str],
    i1: int,
    i2: int,
    b_text: str,
    cb: list[Span],
    kb: list[str],
    j1: int,
    j2: int,
) -> list[ClauseChange]:
    out: list[ClauseChange] = []
    next_b = j1
    for i in range(i1, i2):
        best, best_j = PAIR_FLOOR, None
        for j in range(next_b, j2):
            alike = float(Indel.normalized_similarity(ka[i], kb[j]))
            if alike >= best:
                best, best_j = alike, j
        if best_j is None:
            out.append(ClauseChange("removed", ca[i], None))
            continue
        out.extend(ClauseChange("added", None, cb[j]) for j in range(next_b, best_j))
        (sa, ea), (sb, eb) = ca[i], cb[best_j]
        words = word_diff(a_text[sa:ea], b_text[sb:eb])
        out.append(ClauseChange("changed", ca[i], cb[best_j], words, best))
        next_b = best_j + 1
    out.extend(ClauseChange("added", None, cb[j]) for j in range(next_b, j2))
    return out


__all__ = ["PAIR_FLOOR", "clause_changes", "clauses"]
