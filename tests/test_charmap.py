"""core/charmap.py: a CharMap gives exactly what str.translate gives, however dense the changes,
for the tables the package folds with and for tables with regex-special and astral keys."""

from __future__ import annotations

import random

import pytest

from zoneplan_tui.core import numerals, outline_rules, textnorm
from zoneplan_tui.core.charmap import CharMap

# Regex-special characters as keys, a run of neighbours (a range in the class), an astral key,
# and values given both as code points and as characters.
_ODD_TABLE: dict[int, int | str] = {
    ord("]"): ord("["),
    ord("-"): "_",
    ord("\\"): "/",
    ord("^"): "~",
    ord("A"): "a",
    ord("B"): "b",
    ord("C"): "c",
    0x2F800: "丽",
    0x2FA1D: "\u2a600",
}
_ALPHABET = "]-\\^ABCxyz你好，。\n\t 國發區\U0002f800\U0002fa1d\U00020001ＡＢ１２（）"


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", "x", "]" * 300, "平" * 5000]
    for n in (10, 255, 256, 257, 1000, 20000):
        out.append("".join(rng.choice(_ALPHABET) for _ in range(n)))
        # sparse: a change now and then in plain text, the case the regex path is for
        plain = ["平"] * n
        for i in rng.sample(range(n), min(n, 5)):
            plain[i] = rng.choice(_ALPHABET)
        out.append("".join(plain))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_a_charmap_equals_translate(seed: int) -> None:
    tables: list[dict[int, int | str]] = [_ODD_TABLE, {}, {ord("平"): "平"}]
    tables.append({ord(k): v for k, v in zip("國發區", "国发区", strict=True)})
    for table in tables:
        fold = CharMap(table)
        for text in _texts(seed):
            assert fold(text) == text.translate(table)


def test_the_package_folds_are_translates() -> None:
    """The three folds a plan goes through on its way into the index, on text dense and sparse
    in the characters they change."""
    text = "".join(chr(c) for c in range(0x2E80, 0xFFFF) if not 0xD800 <= c < 0xE000)
    sparse = ("平" * 200).join(text[i : i + 3] for i in range(0, len(text), 997))
    for sample in (text, sparse, text[:300]):
        assert outline_rules.fold(sample) == sample.translate(outline_rules._fold_table())
        assert numerals._FOLD_MAP(sample) == sample.translate(numerals.FOLD)
        assert textnorm.normalise(sample) == sample.translate(textnorm._table())
