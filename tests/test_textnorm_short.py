"""Short texts (queries, titles) are folded with the entries of their own characters before the
whole table is built: the same result as the whole table, character for character."""

from __future__ import annotations

import random

import pytest

from zoneplan_tui.core import textnorm

SAMPLES = [
    "營商環境",  # Traditional
    "氫能產業 招商項目",
    "啓動",  # a variant folded through tw2s/hk2s
    "\uf900\uf9a8\u2f00\u2f08",  # compatibility ideographs, Kangxi radicals
    "ＡＢＣ１２３ａｂｃ",  # full-width letters and digits
    "GDP增长6.5%以上",  # ASCII upper case
    "优化营商环境，，。：“”",  # Simplified and punctuation: unchanged
    "𠀀𪚥",  # supplementary planes
]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    """textnorm as in a new process: no table built, no character seen."""
    textnorm._table.cache_clear()
    textnorm._charmap.cache_clear()
    monkeypatch.setattr(textnorm, "_partial", {})
    monkeypatch.setattr(textnorm, "_partial_cps", set())
    yield textnorm
    textnorm._table.cache_clear()
    textnorm._charmap.cache_clear()


def test_short_texts_fold_as_the_whole_table_does(fresh) -> None:
    short = [fresh.normalise(s) for s in SAMPLES]
    assert fresh._table.cache_info().currsize == 0  # the whole table was not needed
    assert len(fresh._partial_cps) < 100
    table = fresh._table()
    assert short == [s.translate(table) for s in SAMPLES]
    assert short[0] == "营商环境" and short[4] == "abc123abc" and short[5].startswith("gdp")


def test_the_entries_of_any_characters_are_those_of_the_whole_table() -> None:
    table = textnorm._table()
    rng = random.Random(14)
    pool = sorted(set(table) | set(range(0x4E00, 0x4E00 + 3000)) | set(range(0x20, 0x7F)))
    for size in (1, 2, 7, 50, 400):
        for _ in range(20):
            cps = frozenset(rng.sample(pool, size))
            assert textnorm._table_for(cps) == {cp: table[cp] for cp in cps if cp in table}
    assert textnorm._table_for(frozenset(table)) == table


def test_long_texts_and_many_characters_use_the_whole_table(fresh) -> None:
    long_text = "營商環境" * (fresh._SHORT_TEXT // 4 + 1)
    assert fresh.normalise(long_text) == "营商环境" * (fresh._SHORT_TEXT // 4 + 1)
    assert fresh._table.cache_info().currsize == 1
    assert fresh._partial_cps == set()
