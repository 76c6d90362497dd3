"""library/targets_clauses.py: the clause and sentence bounds are those of their definition (the
nearest mark walked to character by character), at every position of texts dense and sparse in
marks, with windows short and long."""

from __future__ import annotations

import random

import pytest

from zoneplan_tui.library.targets_clauses import (
    CLAUSE_END,
    SENTENCE_END,
    clause_end,
    clause_start,
    sentence_start,
)


def _back(text: str, pos: int, floor: int, marks: str) -> int:
    i = pos
    while i > floor and text[i - 1] not in marks:
        i -= 1
    return i


def _forward(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in CLAUSE_END + "、（(":
        i += 1
    return i


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    marks = CLAUSE_END + "、（()"
    out = ["", "。", "增长", "增长8%"]
    for n, share in ((40, 0.3), (300, 0.05), (3000, 0.002), (5000, 0.0)):
        out.append("".join(rng.choice(marks) if rng.random() < share else "增" for _ in range(n)))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_the_bounds_are_the_nearest_marks(seed: int) -> None:
    rng = random.Random(seed)
    for text in _texts(seed):
        for pos in range(len(text) + 1):
            floor = rng.randrange(pos + 2)  # a floor past the position too
            assert clause_start(text, pos, floor) == _back(text, pos, floor, CLAUSE_END)
            assert sentence_start(text, pos) == _back(text, pos, 0, SENTENCE_END)
            assert clause_end(text, pos) == _forward(text, pos)
