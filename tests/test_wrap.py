"""Tests for zoneplan_tui.core.wrap: cell widths agree with Rich, kinsoku rules, word runs."""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from zoneplan_tui.core.wrap import NO_END, NO_START, CellText, cell_widths, display_text, wrap_line

SAMPLES = sorted((Path(__file__).parent.parent / "sample_docs").glob("*.txt"))


def rows_of(text: str, width: int) -> list[str]:
    starts = wrap_line(text, width)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def cells(row: str) -> int:
    return cell_len(display_text(row.removesuffix("\n")))


def check_invariants(text: str, width: int) -> list[str]:
    """Properties every wrap must have; returns the rows (without newlines)."""
    starts = wrap_line(text, width)
    assert starts[0] == 0
    assert starts == sorted(set(starts)), "row starts strictly increase"
    rows = rows_of(text, width)
    assert "".join(rows) == text, "rows concatenate back to the text"
    for row in rows:
        body = row.removesuffix("\n")
        assert "\n" not in body
        # A row may only exceed the width if it is a single character wider than the row.
        assert cells(body) <= width or len(body.rstrip("\u200d\ufe0f\u0301")) == 1, (row, width)
    return [row.removesuffix("\n") for row in rows]


# ---------------------------------------------------------------- widths


def test_cell_widths_match_rich_per_character() -> None:
    text = "中文ABC，。“引号”…—①％%\u3000é\u0301"
    widths = cell_widths(text)
    from rich.cells import get_character_cell_size

    assert list(widths) == [get_character_cell_size(c) for c in text]


def test_ambiguous_width_characters_are_one_cell_like_rich() -> None:
    # Documented choice: follow Rich (1 cell), not CJK-terminal rendering (2 cells).
    for char in "“”‘’…—·①②":
        assert cell_widths(char) == b"\x01"
        assert cell_len(char) == 1


def test_control_characters_measured_as_their_one_cell_substitute() -> None:
    text = "a\tb\x00c"
    assert display_text(text) == "a b\u2400c"  # NUL as its control picture ␀
    assert len(display_text(text)) == len(text)
    assert sum(cell_widths(text)) == cell_len(display_text(text)) == 5


def test_emoji_grapheme_rules_match_rich() -> None:
    for text in ["👨\u200d👩\u200d👧", "✉\ufe0f", "♣\ufe0f中", "a\u200d", "中\ufe0f"]:
        assert sum(cell_widths(text)) == cell_len(text), text


def test_prefix_sums() -> None:
    measured = CellText("ab\n中文")
    assert list(measured.cum) == [0, 1, 2, 3, 5, 7]
    assert measured.line_starts == [0, 3]


# ---------------------------------------------------------------- basic wrapping


def test_short_line_is_one_row() -> None:
    assert wrap_line("中文", 10) == [0]
    assert wrap_line("", 10) == [0]


def test_exact_fit_is_one_row() -> None:
    assert wrap_line("一二三四五", 10) == [0]
    assert wrap_line("一二三四五六", 10) == [0, 5]


def test_newlines_end_rows() -> None:
    text = "一二三\n\n四五六七八九十"
    assert rows_of(text, 8) == ["一二三\n", "\n", "四五六七", "八九十"]


def test_cjk_rows_fill_the_width() -> None:
    text = "一二三四五六七八九十" * 3
    assert [cells(r) for r in rows_of(text, 10)] == [10] * 6


def test_odd_width_leaves_a_cell_free_rather_than_split_a_wide_char() -> None:
    assert rows_of("一二三四", 5) == ["一二", "三四"]


# ---------------------------------------------------------------- kinsoku


def test_no_row_starts_with_closing_punctuation() -> None:
    # At width 8 the greedy cut would put "，" first on the second row.
    text = "一二三四，五六七八"
    rows = rows_of(text, 8)
    assert rows == ["一二三", "四，五六", "七八"]
    assert all(row[0] not in NO_START for row in rows[1:])


@pytest.mark.parametrize("punct", list("，。、；：？！）》”’」』】〕…—·%％"))
def test_each_no_start_character_is_pushed_to_the_previous_row_with_its_char(punct: str) -> None:
    width = 8
    text = "一二三四" + punct + "五六七八九十"
    rows = check_invariants(text, width)
    for row in rows[1:]:
        assert row[0] != punct, (punct, rows)


@pytest.mark.parametrize("punct", list("（《“‘「『【〔"))
def test_no_row_ends_with_opening_punctuation(punct: str) -> None:
    for prefix in range(1, 6):
        text = "一" * prefix + punct + "二三四五六七八九十"
        rows = check_invariants(text, 8)
        for row in rows[:-1]:
            assert row[-1] not in NO_END, (punct, rows)


def test_quoted_phrase() -> None:
    text = "紧扣“提升新形象、建设新园区、迈上新台阶”总基调，围绕“5年内挺进全省前十强”总目标。"
    for width in range(6, 40):
        rows = check_invariants(text, width)
        for row in rows[1:]:
            assert row[0] not in NO_START, (width, rows)
        for row in rows[:-1]:
            assert row[-1] not in NO_END, (width, rows)


def test_double_dash_and_ellipsis_stay_together() -> None:
    for text in ["一二三——四五六七八", "一二三……四五六七八"]:
        for width in range(4, 14):
            rows = check_invariants(text, width)
            joined = "|".join(rows)
            assert "—|—" not in joined and "…|…" not in joined, rows


def test_unavoidable_closing_punctuation_is_cut_anyway() -> None:
    text = "。" * 10
    rows = check_invariants(text, 4)
    assert rows == ["。。"] * 5


# ---------------------------------------------------------------- ASCII words


@pytest.mark.parametrize("word", ["2019", "GDP", "8.5", "8.5%", "1,234", "2019-2020", "Ｇ３１２"])
def test_word_runs_are_not_split_when_avoidable(word: str) -> None:
    for prefix in range(0, 12):
        text = "甲" * prefix + word + "乙丙丁戊己庚辛"
        rows = check_invariants(text, 12)
        assert any(word in row for row in rows), (word, rows)


def test_word_run_moves_whole_to_the_next_row() -> None:
    assert rows_of("一二三四GDP增长", 10) == ["一二三四", "GDP增长"]


def test_english_breaks_at_spaces() -> None:
    rows = rows_of("the quick brown fox jumps", 10)
    assert rows == ["the quick ", "brown fox ", "jumps"]


def test_over_long_word_is_broken_by_cells() -> None:
    word = "x" * 25
    rows = check_invariants("中" + word, 10)
    assert rows == ["中", "x" * 10, "x" * 10, "x" * 5]


def test_over_long_url_still_avoids_punctuation_at_row_start() -> None:
    url = "http://www.example.com/a.b.c.d.e.f"
    rows = check_invariants(url, 7)
    assert all(row[0] not in NO_START for row in rows[1:]), rows


# ---------------------------------------------------------------- edge widths


def test_width_one() -> None:
    assert rows_of("abc", 1) == ["a", "b", "c"]
    # A wide character cannot fit a 1-cell row: each gets its own (overflowing) row.
    assert rows_of("中文", 1) == ["中", "文"]
    check_invariants("中，文“字”ab1.5", 1)


def test_width_two() -> None:
    assert rows_of("中文字", 2) == ["中", "文", "字"]
    rows = check_invariants("中，文", 2)
    assert rows == ["中", "，", "文"]  # unavoidable: "中，" is 4 cells
    assert rows_of("a中b", 2) == ["a", "中", "b"]


def test_zero_or_negative_width_is_treated_as_one() -> None:
    assert rows_of("ab", 0) == ["a", "b"]
    assert rows_of("ab", -5) == ["a", "b"]


def test_combining_mark_never_starts_a_row() -> None:
    text = "e\u0301" * 6
    rows = check_invariants(text, 2)
    assert all(not row.startswith("\u0301") for row in rows)
    assert rows == ["e\u0301e\u0301"] * 3


def test_emoji_sequence_is_not_split() -> None:
    family = "👨\u200d👩\u200d👧"
    rows = check_invariants("中" + family + "文", 3)
    assert family in rows


# ---------------------------------------------------------------- property tests

CJK = st.sampled_from("中文规划发展项目经济园区建设年")
PUNCT = st.sampled_from("，。、；：？！）》”’」』】〕…—·%％（《“‘「『【〔")
ASCII = st.sampled_from("abcXYZ0123456789.,-% ")
OTHER = st.sampled_from(["\u3000", "\t", "é", "\u0301", "①", "\n", "✉\ufe0f"])
TEXT = st.lists(st.one_of(CJK, CJK, PUNCT, ASCII, OTHER), max_size=120).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXT, width=st.integers(min_value=1, max_value=30))
def test_property_invariants(text: str, width: int) -> None:
    check_invariants(text, width)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.one_of(CJK, PUNCT), min_size=1, max_size=80).map("".join),
    width=st.integers(min_value=4, max_value=30),
)
def test_property_kinsoku_holds_when_avoidable(text: str, width: int) -> None:
    rows = check_invariants(text, width)
    for index in range(1, len(rows)):
        prev, row = rows[index - 1], rows[index]
        if row[0] in NO_START or prev[-1] in NO_END:
            # Only allowed when the previous row has no allowed break at all.
            assert all(prev[i] in NO_START or prev[i - 1] in NO_END for i in range(1, len(prev))), (
                rows,
                width,
            )


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(CJK, min_size=1, max_size=80).map("".join),
    width=st.integers(min_value=2, max_value=30),
)
def test_property_plain_cjk_rows_are_full(text: str, width: int) -> None:
    """Without punctuation or words there is no reason to break early: greedy rows are full."""
    rows = check_invariants(text, width)
    for row in rows[:-1]:
        assert cells(row) == width - width % 2


# ---------------------------------------------------------------- real documents and speed


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for width in (20, 57, 79):
        rows = check_invariants(text, width)
        for prev, row in pairwise(rows):
            if prev and row:  # rows within one line
                assert row[0] not in "，。、；：？！）》", (prev, row)


def test_two_megabyte_document_wraps_quickly() -> None:
    base = "\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)
    text = base * (2 * 1024 * 1024 // len(base.encode("utf-8")) + 1)
    started = time.perf_counter()
    measured = CellText(text)
    rows = measured.wrap(79)
    elapsed = time.perf_counter() - started
    assert len(rows) > 10_000
    # ~0.1 s on a laptop; generous bound for slow CI machines.
    assert elapsed < 2.0, elapsed
