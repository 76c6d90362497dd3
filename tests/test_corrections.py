"""Corrections of how a plan was read: the core applies them as plain data, the store keeps
them with the notes, keyed like notes, and a line correction follows its line's text.

General rules, on generated plans: a line marked as a heading is one, at the level given, with
its marker and title read as any heading's; a line marked as none is none; the plan's title,
body and year given win; a correction follows its line when lines are inserted above it, and is
reported (not applied elsewhere) when its line is gone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zoneplan_tui import cli
from zoneplan_tui.core.outline import parse_outline
from zoneplan_tui.core.overrides import Overrides
from zoneplan_tui.core.planmeta import plan_meta
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.annotations import AnnotationError, DocRef
from zoneplan_tui.notes.corrections import Correction, line_correction, resolve
from zoneplan_tui.notes.store import NotesStore

PLAN = (
    "某某开发区2020年工作要点\n"
    "\n"
    "一、总体要求\n"
    "坚持稳中求进工作总基调，推动高质量发展。\n"
    "重点工作安排\n"
    "二、主要任务\n"
    "（一）招商引资\n"
    "加快推进重大项目建设。\n"
    "（二）科技创新\n"
    "培育高新技术企业。\n"
)


def _lines(outline) -> list[tuple[int, int, str, str]]:
    return [(h.line, h.level, h.marker, h.title) for h in outline.headings]


# -- the core -----------------------------------------------------------------------------------


def test_without_overrides_the_outline_is_unchanged():
    assert parse_outline(PLAN) == parse_outline(PLAN, overrides=Overrides())
    assert parse_outline(PLAN) == parse_outline(PLAN, overrides=None)


@pytest.mark.parametrize("level", [1, 2, 3, 6])
def test_a_line_marked_as_heading_is_one_at_that_level(level):
    before = parse_outline(PLAN)
    assert 5 not in {h.line for h in before.headings}
    after = parse_outline(PLAN, overrides=Overrides(headings={5: level}))
    assert (5, level, "", "重点工作安排") in _lines(after)
    # Every other heading is as it was.
    assert [h for h in after.headings if h.line != 5] == list(before.headings)


def test_a_numbered_line_marked_as_heading_keeps_its_marker_and_title():
    after = parse_outline(PLAN, overrides=Overrides(headings={4: 2}))
    line4 = [h for h in after.headings if h.line == 4]
    assert line4 and line4[0].level == 2 and line4[0].title.startswith("坚持稳中求进")
    relevelled = parse_outline(PLAN, overrides=Overrides(headings={7: 3}))
    assert (7, 3, "（一）", "招商引资") in _lines(relevelled)


def test_a_line_marked_as_not_heading_is_none_and_the_section_path_follows():
    before = parse_outline(PLAN)
    assert 7 in {h.line for h in before.headings}
    after = parse_outline(PLAN, overrides=Overrides(not_headings=frozenset({7})))
    assert 7 not in {h.line for h in after.headings}
    assert [h.title for h in after.section_path(8)] == ["主要任务"]


def test_blank_or_missing_lines_are_ignored():
    after = parse_outline(PLAN, overrides=Overrides(headings={2: 1, 999: 1}))
    assert after.headings == parse_outline(PLAN).headings


def test_title_body_and_year_win(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    doc = load_document(path)
    read = plan_meta(doc, parse_outline(doc.text))
    assert read.year == 2020
    over = Overrides(title="另一个标题", body="某某新区", year=2021)
    outline = parse_outline(doc.text, overrides=over)
    assert outline.title == "另一个标题"
    meta = plan_meta(doc, outline, over)
    assert (meta.title, meta.body, meta.year) == ("另一个标题", "某某新区", 2021)
    only_year = plan_meta(doc, parse_outline(doc.text), Overrides(year=2030))
    assert (only_year.title, only_year.body, only_year.year) == (read.title, read.body, 2030)


def test_overrides_reject_bad_levels():
    with pytest.raises(ValueError):
        Overrides(headings={3: 7})
    with pytest.raises(ValueError):
        Overrides(headings={0: 1})


# -- resolving against edited text --------------------------------------------------------------


def _heading(line: int, level: int = 1, text: str = PLAN) -> Correction:
    return line_correction("heading", text, line, path="/p.txt", sha256="0" * 64, level=level)


def test_a_correction_follows_its_line_when_lines_are_inserted_above():
    c = _heading(5)
    edited = PLAN.replace("一、总体要求\n", "一、总体要求\n新增一段说明。\n另一段。\n")
    placed = resolve([c], edited)
    assert placed.line_of(c) == 7
    assert placed.overrides.headings == {7: 1}
    outline = parse_outline(edited, overrides=placed.overrides)
    assert (7, 1, "", "重点工作安排") in _lines(outline)


def test_a_correction_whose_line_is_gone_is_reported_and_not_applied():
    c = _heading(5)
    edited = PLAN.replace("重点工作安排\n", "")
    placed = resolve([c], edited)
    assert placed.line_of(c) is None and placed.overrides.headings == {}


def test_a_repeated_line_resolves_to_the_nearest_copy():
    text = "甲\n重复行\n乙\n丙\n重复行\n丁\n"
    c = line_correction("heading", text, 5, path="/p.txt", sha256="", level=2)
    edited = "新\n" + text
    assert resolve([c], edited).line_of(c) == 6


def test_the_latest_correction_of_a_line_stands():
    first = _heading(5)
    later = line_correction("not_heading", PLAN, 5, path="/p.txt", sha256="0" * 64)
    stamp = "2999-01-01T00:00:00.000Z"
    later = Correction(**{**_fields(later), "created": stamp, "updated": stamp})
    placed = resolve([later, first], PLAN)
    assert placed.overrides.headings == {} and placed.overrides.not_headings == {5}


def _fields(c: Correction) -> dict:
    return {name: getattr(c, name) for name in c.__slots__}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "heading", "line": 3, "text": "x", "level": 0},
        {"kind": "heading", "line": 3, "text": "x", "level": 7},
        {"kind": "not_heading", "line": 0, "text": "x"},
        {"kind": "meta"},
        {"kind": "meta", "year": 99},
        {"kind": "meta", "title": "  "},
        {"kind": "other", "line": 1, "text": "x"},
    ],
)
def test_invalid_corrections_are_refused(kwargs):
    with pytest.raises(AnnotationError):
        Correction(doc=DocRef(path="/p.txt"), **kwargs)


def test_a_blank_line_cannot_be_corrected():
    with pytest.raises(AnnotationError, match="blank"):
        _heading(2)


# -- the store ----------------------------------------------------------------------------------


def test_corrections_survive_reopening_and_are_found_by_hash_or_path(tmp_path):
    db = tmp_path / "notes.json"
    store = NotesStore.open(db)
    c = store.add_correction(_heading(5))
    store.add_correction(Correction("meta", DocRef(path="/p.txt", sha256="0" * 64), year=2021))
    store.close()
    again = NotesStore.open(db)
    assert [x.id for x in again.corrections_for("0" * 64) if x.kind == "heading"] == [c.id]
    assert len(again.corrections_for("1" * 64, path="/p.txt")) == 2  # the file edited since
    assert again.corrections_for("1" * 64, path="/other.txt") == []


def test_a_new_correction_of_a_line_replaces_the_old_and_plan_corrections_merge(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    store.add_correction(_heading(5, level=1))
    store.add_correction(_heading(5, level=3))
    doc = DocRef(path="/p.txt", sha256="0" * 64)
    store.add_correction(Correction("meta", doc, title="标题"))
    store.add_correction(Correction("meta", doc, year=2022))
    found = store.corrections_for("0" * 64)
    assert [(c.kind, c.level) for c in found if c.kind == "heading"] == [("heading", 3)]
    metas = [c for c in found if c.kind == "meta"]
    assert len(metas) == 1 and (metas[0].title, metas[0].year) == ("标题", 2022)


def test_remove_by_id_prefix_and_backups_keep_them(tmp_path):
    db = tmp_path / "notes.json"
    store = NotesStore.open(db, backup_interval=0)
    c = store.add_correction(_heading(5))
    store.add_correction(_heading(7))
    gone = store.remove_correction(c.id[:8])
    assert gone.id == c.id
    assert [x.line for x in store.all_corrections()] == [7]
    backup = NotesStore.open_read_only(db.with_name("notes.json.bak.1"))
    assert {x.line for x in backup.all_corrections()} >= {5}


def test_a_malformed_correction_record_is_reported_not_fatal(tmp_path):
    db = tmp_path / "notes.json"
    store = NotesStore.open(db)
    store.add_correction(_heading(5))
    data = json.loads(db.read_text())
    data["corrections"]["99"] = {"kind": "heading"}
    db.write_text(json.dumps(data))
    again = NotesStore.open(db)
    assert len(again.all_corrections()) == 1
    assert any("correction record 99" in p for p in again.problems)


# -- the command line ---------------------------------------------------------------------------


@pytest.fixture
def plan(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("ZONEPLAN_DB", str(tmp_path / "db" / "notes.json"))
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _outline(capsys, plan: Path) -> dict:
    assert cli.main(["outline", str(plan), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_correct_changes_the_outline_and_lists_and_removes(capsys, plan):
    before = _outline(capsys, plan)
    assert cli.main(["notes", "correct", str(plan), "--heading", "5", "--level", "1"]) == 0
    cid = capsys.readouterr().out.strip()
    assert cli.main(["notes", "correct", str(plan), "--not-heading", "7"]) == 0
    assert cli.main(["notes", "correct", str(plan), "--title", "新标题", "--year", "2021"]) == 0
    capsys.readouterr()
    after = _outline(capsys, plan)
    assert after["title"] == "新标题"
    lines = {h["line"]: h["level"] for h in after["headings"]}
    assert lines.get(5) == 1 and 7 not in lines
    assert {h["line"] for h in before["headings"]} - {7} <= set(lines)

    # An edit above the corrected line: the correction follows the text.
    plan.write_text("前言一行。\n" + PLAN, encoding="utf-8")
    moved = {h["line"]: h["level"] for h in _outline(capsys, plan)["headings"]}
    assert moved.get(6) == 1 and 8 not in moved

    assert cli.main(["notes", "corrections", str(plan), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in rows} == {"heading", "not_heading", "meta"}
    heading = next(r for r in rows if r["kind"] == "heading")
    assert heading["id"] == cid and heading["line"] == 5 and heading["line_now"] == 6
    assert cli.main(["notes", "uncorrect", cid[:8]]) == 0
    assert "removed: line 5 is a heading" in capsys.readouterr().out
    left = Overrides(not_headings=frozenset({8}), title="新标题")
    expected = parse_outline(plan.read_text(encoding="utf-8"), overrides=left)
    assert [(h["line"], h["level"]) for h in _outline(capsys, plan)["headings"]] == [
        (h.line, h.level) for h in expected.headings
    ]


def test_cli_library_uses_the_plan_corrections(capsys, plan, tmp_path):
    assert cli.main(["notes", "correct", str(plan), "--body", "另一区", "--year", "2031"]) == 0
    capsys.readouterr()
    index = tmp_path / "index.sqlite3"
    assert cli.main(["library", str(plan.parent), "--json", "--index", str(index)]) == 0
    data = json.loads(capsys.readouterr().out)
    plans = data["plans"] if isinstance(data, dict) else data
    row = next(p for p in plans if p["path"].endswith("plan.txt"))
    assert row["body"] == "另一区" and row["year"] == 2031


def test_cli_library_counts_headings_with_the_line_corrections(capsys, plan, tmp_path):
    index = tmp_path / "index.sqlite3"

    def headings() -> int:
        assert cli.main(["library", str(plan.parent), "--json", "--index", str(index)]) == 0
        data = json.loads(capsys.readouterr().out)
        plans = data["plans"] if isinstance(data, dict) else data
        return next(p for p in plans if p["path"].endswith("plan.txt"))["headings"]

    before = headings()
    assert before == len(_outline(capsys, plan)["headings"]) == 4
    assert cli.main(["notes", "correct", str(plan), "--heading", "5", "--level", "1"]) == 0
    capsys.readouterr()
    assert headings() == len(_outline(capsys, plan)["headings"]) == before + 1
    assert cli.main(["notes", "correct", str(plan), "--not-heading", "7"]) == 0
    assert cli.main(["notes", "correct", str(plan), "--not-heading", "9"]) == 0
    capsys.readouterr()
    assert headings() == len(_outline(capsys, plan)["headings"]) == before - 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "give --heading"),
        (["--heading", "5"], "needs --level"),
        (["--level", "2"], "goes with --heading"),
        (["--heading", "5", "--level", "9"], "level is 1..6"),
        (["--heading", "500", "--level", "1"], "no line 500"),
        (["--not-heading", "2"], "blank"),
        (["--heading", "5", "--level", "1", "--year", "2020"], "separately"),
        (["--year", "20"], "four digits"),
    ],
)
def test_cli_correct_errors_are_one_line(capsys, plan, argv, message):
    code = cli.main(["notes", "correct", str(plan), *argv])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_a_broken_notes_file_costs_the_outline_nothing(capsys, plan, tmp_path):
    db = tmp_path / "db" / "notes.json"
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"garbage")
    assert cli.main(["outline", str(plan), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["headings"] and "corrections not applied" in err


def test_notes_take_their_section_from_the_corrected_outline(capsys, plan, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert cli.main(["notes", "correct", str(plan), "--heading", "5", "--level", "2"]) == 0
    capsys.readouterr()
    assert cli.main(["notes", "add", str(plan), "--line", "6", "--note", "x"]) == 0
    assert cli.main(["notes", "add", str(plan), "--quote", "稳中求进", "--note", "y"]) == 0
    capsys.readouterr()
    assert cli.main(["notes", "list", str(plan), "--json"]) == 0
    sections = {n["note"]: n["target"]["section"] for n in json.loads(capsys.readouterr().out)}
    # Line 6 (二、主要任务) is a level-1 heading of its own; 稳中求进 sits under 总体要求.
    assert sections["y"] == ["总体要求"]
    assert cli.main(["notes", "list", str(plan)]) == 0
    assert "1 correction(s) of this plan" in capsys.readouterr().out


def test_a_note_in_a_corrected_section_has_that_section(capsys, plan):
    assert cli.main(["notes", "correct", str(plan), "--heading", "5", "--level", "2"]) == 0
    assert cli.main(["notes", "add", str(plan), "--quote", "重点工作安排", "--note", "z"]) == 0
    capsys.readouterr()
    assert cli.main(["notes", "list", str(plan), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["target"]["section"] == ["总体要求", "重点工作安排"]


def test_corrections_travel_with_a_json_export_and_import_once(capsys, plan, tmp_path):
    assert cli.main(["notes", "correct", str(plan), "--heading", "5", "--level", "2"]) == 0
    assert cli.main(["notes", "correct", str(plan), "--year", "2021"]) == 0
    assert cli.main(["notes", "add", str(plan), "--line", "4", "--note", "x"]) == 0
    out = tmp_path / "export.json"
    assert cli.main(["notes", "export", str(plan), "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert {c["kind"] for c in exported["zoneplan:corrections"]} == {"heading", "meta"}
    other = tmp_path / "other.json"
    assert cli.main(["notes", "--db", str(other), "import", str(out)]) == 0
    assert "corrections: added 2, updated 0" in capsys.readouterr().out
    assert cli.main(["notes", "--db", str(other), "import", str(out)]) == 0
    assert "corrections: added 0, updated 0" in capsys.readouterr().out
    assert cli.main(["outline", str(plan), "--json", "--db", str(other)]) == 0
    levels = {h["line"]: h["level"] for h in json.loads(capsys.readouterr().out)["headings"]}
    assert levels.get(5) == 2


def test_an_export_without_corrections_has_no_such_key(capsys, plan, tmp_path):
    assert cli.main(["notes", "add", str(plan), "--line", "4", "--note", "x"]) == 0
    capsys.readouterr()
    assert cli.main(["notes", "export", str(plan), "--format", "json"]) == 0
    assert "zoneplan:corrections" not in json.loads(capsys.readouterr().out)


def test_figures_take_their_section_from_the_corrected_outline(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ZONEPLAN_DB", str(tmp_path / "notes.json"))
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("重点工作安排\n", "重点工作安排\n新增企业30家。\n"), "utf-8")
    assert cli.main(["notes", "correct", str(path), "--heading", "5", "--level", "2"]) == 0
    capsys.readouterr()
    assert cli.main(["numbers", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["numbers"]
    row = next(r for r in rows if r["text"] == "30家")
    assert row["section"] == ["总体要求", "重点工作安排"]
