"""cli/table.py: the plain fixed-width table large outputs are printed with."""

from __future__ import annotations

import random

from rich.cells import cell_len as rich_cell_len

from zoneplan_tui.cli.table import MAX_CELL, cell_len, fit, render_table


def test_cells_are_measured_as_rich_measures_them():
    for text in ("abc", "营商环境", "ab营商", "“引号”…", "５Ｇ基站", "\u3000全角空格", "e\u0301"):
        assert cell_len(text) == rich_cell_len(text), text


def test_a_cut_cell_fits_its_width_and_says_so():
    rng = random.Random(5)
    alphabet = "ab营商环境“”…５Ｇ 1"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        width = rng.randrange(1, 25)
        cut, n = fit(text, width)
        assert n == cell_len(cut) <= width
        if cut != text:
            assert cut.endswith("…") and text.startswith(cut[:-1])
            assert cell_len(text[: len(cut)]) > width - 1  # nothing more would have fitted
        else:
            assert cell_len(text) <= width


def test_columns_line_up_in_display_cells():
    rows = [["1", "营商环境", "x"], ["22", "a", "招商引资，优化服务"], ["333", "营" * 80, ""]]
    out = render_table(["id", "text", "note"], rows, title="3 rows", right=[0])
    title, _head, rule, *lines = out.rstrip("\n").split("\n")
    assert title == "3 rows"
    assert rule == "─" * 3 + "  " + "─" * MAX_CELL + "  " + "─" * 18
    # every column starts at the same cell: widths 3, 60 (capped) and 18, two cells apart; the
    # last line ends with its cut cell (29 wide characters and "…": 59 cells)
    assert [cell_len(line) for line in lines] == [3 + 2 + 60 + 2 + 1, 3 + 2 + 60 + 2 + 18, 64]
    assert lines[0].startswith("  1  营商环境")  # the id column is right-aligned
    assert lines[2][5:] == "营" * 29 + "…"


def test_a_terminal_width_shrinks_the_widest_columns():
    rows = [["a" * 50, "b" * 50, "c" * 5]]
    out = render_table(["x", "y", "z"], rows, width=60)
    assert all(cell_len(line) <= 60 for line in out.splitlines())
    assert "ccccc" in out  # the narrow column is left alone


def test_control_characters_are_drawn_as_the_reader_draws_them():
    from zoneplan_tui.core.wrap import display_text

    out = render_table(["a"], [["x\ty\x07z\u202e"]])
    # BEL as its control picture, a bidi override as U+FFFD: one cell each, as the text view.
    assert out.splitlines()[-1] == "x y\u2407z\ufffd" == display_text("x\ty\x07z\u202e")
