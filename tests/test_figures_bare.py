"""The figure scan turns bare numbers (一, 三, 2: no unit, range, multiplier or comparator) down
before reading them in context (`figures_scan._bare`); reading every match in full must find the
same figures, on the sample plans and on text built from every kind of bare number next to the
words that make one a figure."""

from __future__ import annotations

import random

import pytest

from zoneplan_tui.core import figures_scan
from zoneplan_tui.formats.load import find_plans, load_document, sample_docs_dir

_NUMBERS = ("一", "三", "十二", "2", "35", "1.5", "0.46", "xx", "x", "2035", "-5", "三点五")
_AROUND = (
    "", "万", "亿", "以上", "左右", "不低于", "不超过", "为", "达", "，", "。", "、", "个",
    "人口", "容积率", "基尼系数", "性别比为 ", "是", "项", "\n", " ",
)  # fmt: skip


def _texts() -> list[str]:
    rng = random.Random(3)
    built = [
        "".join(
            rng.choice(_AROUND) + rng.choice(_NUMBERS) + rng.choice(_AROUND) for _ in range(400)
        )
        for _ in range(5)
    ]
    return built + [load_document(p).text for p in find_plans(sample_docs_dir())]


@pytest.mark.parametrize("text", _texts(), ids=lambda t: f"{len(t)}-chars")
def test_the_bare_number_shortcut_finds_what_the_full_reading_finds(text, monkeypatch) -> None:
    fast = figures_scan.scan(text)
    monkeypatch.setattr(figures_scan, "_bare", lambda m: False)
    assert figures_scan.scan(text) == fast
