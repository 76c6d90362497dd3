"""A note whose quoted figures changed is marked for review and says what changed.

The rules are general: for any passage with figures, the same figure written another way is no
change, and a changed value, unit or comparator, or a figure added or removed, is one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zoneplan_tui import cli
from zoneplan_tui.notes.anchoring import anchor
from zoneplan_tui.notes.annotations import make_target
from zoneplan_tui.notes.figure_changes import describe_changes, figure_changes

# A passage long enough that a one-figure edit re-attaches by score alone; the figure sits in
# the middle of the quote so that both sides' context stays intact.
HEAD = "一、总体目标\n到2025年，全区围绕主导产业加快集聚，"
TAIL = "，形成特色鲜明的产业集群和创新生态体系。\n二、重点任务\n加快推进项目建设。\n"


def _text(middle: str) -> str:
    return HEAD + "力争建成各类市场主体" + middle + "，带动就业人口持续增长" + TAIL


def _anchored(old_mid: str, new_mid: str):
    old = _text(old_mid)
    start = old.index("力争")
    end = old.index("带动就业人口持续增长") + len("带动就业人口持续增长")
    return anchor(make_target(old, start, end), _text(new_mid))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("300个以上", "350个以上", [("300个以上", "350个以上")]),  # value
        ("30公顷", "30平方公里", [("30公顷", "30平方公里")]),  # unit (same number)
        ("30家", "30个", [("30家", "30个")]),  # measure word
        ("300个以上", "300个以下", [("300个以上", "300个以下")]),  # comparator
        ("300个，投资5亿元", "300个", [("5亿元", "")]),  # removed
        ("300个", "300个，投资5亿元", [("", "5亿元")]),  # added
    ],
)
def test_a_changed_figure_marks_the_note_for_review_and_names_the_change(old, new, expected):
    where = _anchored(old, new)
    assert where.status == "review"
    assert list(where.figure_changes) == expected
    assert where.start is not None
    for was, now in expected:
        assert (was or "—") in where.reason and (now or "—") in where.reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("投资1.2亿元", "投资12000万元"),
        ("三十个", "30个"),
        ("30个", "三十个"),
        ("百分之五", "5%"),
        ("300个以上", "３００个以上"),  # full-width digits
    ],
)
def test_the_same_figure_written_differently_is_no_change(old, new):
    assert figure_changes(old, new) == ()
    assert _anchored(old, new).figure_changes == ()


def test_an_edit_outside_the_figures_changes_none():
    assert _anchored("300个以上", "300个以上").figure_changes == ()
    assert figure_changes("建成市场主体300个", "建成各类市场主体300个") == ()


def test_an_untouched_passage_has_no_changes_and_stays_attached():
    text = _text("300个以上")
    start = text.index("300")
    where = anchor(make_target(text, start, start + 6), text)
    assert where.status == "attached" and where.figure_changes == () and where.reason == ""


def test_several_changes_in_text_order():
    changes = figure_changes(
        "新增30家，投资5亿元，面积2平方公里", "新增40家，投资5亿元，面积3平方公里"
    )
    assert changes == (("30家", "40家"), ("2平方公里", "3平方公里"))
    assert describe_changes(changes) == "30家 → 40家; 2平方公里 → 3平方公里"


# -- the command line reads it ------------------------------------------------------------------


@pytest.fixture
def edited(tmp_path: Path, monkeypatch, capsys) -> Path:
    monkeypatch.setenv("ZONEPLAN_DB", str(tmp_path / "notes.json"))
    plan = tmp_path / "plan.txt"
    plan.write_text(_text("300个以上"), encoding="utf-8")
    quote = "力争建成各类市场主体300个以上，带动就业人口持续增长"
    assert cli.main(["notes", "add", str(plan), "--quote", quote, "--note", "核实"]) == 0
    plan.write_text(_text("350个以上"), encoding="utf-8")
    capsys.readouterr()
    return plan


def test_notes_list_json_carries_the_figure_changes(edited, capsys):
    assert cli.main(["notes", "list", str(edited), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    anchor_ = rows[0]["anchor"]
    assert anchor_["status"] == "review"
    assert anchor_["figure_changes"] == [["300个以上", "350个以上"]]
    assert anchor_["reason"] == "300个以上 → 350个以上"


def test_notes_list_table_has_a_status_column_saying_why(edited, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the table folds long cells on a narrow terminal
    assert cli.main(["notes", "list", str(edited)]) == 0
    out = capsys.readouterr().out
    assert "status" in out and "review: 300个以上 → 350个以上" in out
