"""A figure's target cue (`figures.is_target`) and a text's script (`figures_region.
is_traditional`) are those of their definitions, on texts built to put clause ends, cues and
hint characters everywhere around the figures."""

from __future__ import annotations

import random

import pytest

from zoneplan_tui.core.figures import Figure, is_target
from zoneplan_tui.core.figures_region import is_traditional

_CUES = ("增长", "力争", "确保", "达到", "新增", "完成", "引进", "突破", "实现")
_ENDS = "。；;！？!?\n"
_TRADITIONAL = "國與為會發區業這們對於劃開資經濟產計畫個項場"
_SIMPLIFIED = "国与为会发区业这们对于划开资经济产计画个项场"


def _cued_by_definition(start: int, text: str) -> bool:
    window = text[max(0, start - 24) : start]
    last = max(window.rfind(e) for e in _ENDS)
    if last >= 0:
        window = window[last + 1 :]
    return any(cue in window for cue in _CUES)


@pytest.mark.parametrize("seed", range(4))
def test_a_target_cue_is_a_cue_word_in_the_clause_before(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [*_CUES, *_ENDS, "工业", "产值", "，", "亿元"]
    text = "".join(rng.choice(pieces) for _ in range(3000))
    for start in range(len(text)):
        fig = Figure(start, start + 1, text[start], "count", 1, None, None, start, start + 1, 1)
        assert is_target(fig, text) == _cued_by_definition(start, text)


@pytest.mark.parametrize("seed", range(4))
def test_traditional_script_is_two_traditional_hints_to_one_simplified(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        t, s = rng.randrange(12), rng.randrange(12)
        chars = [rng.choice(_TRADITIONAL) for _ in range(t)]
        chars += [rng.choice(_SIMPLIFIED) for _ in range(s)] + ["文"] * rng.randrange(20)
        rng.shuffle(chars)
        assert is_traditional("".join(chars)) == (t > 2 * s)
