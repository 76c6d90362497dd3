"""`zoneplan notes list|add|export|import`, through the real entry point."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import orjson
import pytest

from tests.conftest import SAMPLES
from tests.test_cli import assert_usage_error
from zoneplan_tui import cli
from zoneplan_tui.cli import notes as notes_cli
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.store import NotesStore

PLAN = "haimen-2017-work-plan.txt"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / PLAN
    p.write_bytes((SAMPLES / PLAN).read_bytes())
    return p


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "db" / "notes.json"
    monkeypatch.setenv("ZONEPLAN_DB", str(path))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys, *argv: str) -> str:
    code, out, err = run(capsys, "notes", "add", *argv)
    assert code == 0, err
    return out.strip()


# ------------------------------------------------------------------------------------- add


def test_add_by_quote_builds_the_annotation_from_the_document(capsys, plan, db):
    nid = add(capsys, str(plan), "--quote", "招引央企", "--note", "核实\n两行", "--tag", "招商")
    a = NotesStore.open(db).get(nid)
    doc = load_document(plan)
    assert doc.text[a.start : a.end] == "招引央企"
    assert a.doc.sha256 == doc.sha256 and a.doc.path == str(plan.resolve())
    assert a.doc.title  # from the outline
    assert a.note == "核实\n两行" and a.tags == ("招商",)
    assert a.target.prefix == doc.text[a.start - 32 : a.start]


def test_add_nth_occurrence_and_section_path(capsys, plan, db):
    doc = load_document(plan)
    quote = "加快"
    second = doc.text.find(quote, doc.text.find(quote) + 1)
    nid = add(capsys, str(plan), "--quote", quote, "--occurrence", "2", "--note", "")
    a = NotesStore.open(db).get(nid)
    assert a.start == second and a.note == ""
    from zoneplan_tui.core.outline import parse_outline

    expected = [h.title for h in parse_outline(doc.text).section_path(doc.line_of(second))]
    assert list(a.section) == expected
    count = doc.text.count(quote)
    code, _, err = run(capsys, "notes", "add", str(plan), "--quote", quote, "--occurrence",
                       str(count + 5), "--note", "x")  # fmt: skip
    assert code == 2 and f"only {count} time(s)" in err


def test_add_whole_line(capsys, plan, db):
    doc = load_document(plan)
    line = next(n for n in range(1, doc.line_count) if doc.line_text(n).strip())
    nid = add(capsys, str(plan), "--line", str(line), "--note", "整行", "--tag", "a", "--tag", "b")
    a = NotesStore.open(db).get(nid)
    assert a.quote == doc.line_text(line).rstrip() and a.start == doc.line_start(line)
    assert a.tags == ("a", "b")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--quote", "这句话不在文件里", "--note", "x"], "not in the plan"),
        (["--line", "9999", "--note", "x"], "no line 9999"),
        (["--line", "0", "--note", "x"], "no line 0"),
        (["--line", "1", "--occurrence", "2", "--note", "x"], "goes with --quote"),
        (["--quote", "规划", "--occurrence", "0", "--note", "x"], "counts from 1"),
        (["--quote", "2017", "--note", "x", "--color", "bad colour"], "color"),
        (["--quote", "2017", "--note", "x", "--tag", " "], "tag"),
    ],
)
def test_add_errors_are_one_line_exit_2(capsys, plan, db, argv, message):
    code, out, err = run(capsys, "notes", "add", str(plan), *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
    assert not db.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--note", "x"], "one of the arguments --quote --line is required"),
        (["--line", "x", "--note", "x"], "argument --line: invalid int value: 'x'"),
        (["--line", "1"], "the following arguments are required: --note"),
    ],
)
def test_add_argument_errors_give_the_usage_and_one_error_line(capsys, plan, db, argv, message):
    code, out, err = run(capsys, "notes", "add", str(plan), *argv)
    assert code == 2 and out == ""
    assert_usage_error(err, "notes add", message)
    assert not db.exists()


def test_add_finds_a_quote_typed_in_another_normal_form(capsys, tmp_path, db):
    plan = tmp_path / "nfd.txt"
    plan.write_text(unicodedata.normalize("NFD", "规划：Café 项目建设\n"), encoding="utf-8")
    nid = add(capsys, str(plan), "--quote", unicodedata.normalize("NFC", "Café"), "--note", "")
    assert NotesStore.open(db).get(nid).quote == unicodedata.normalize("NFD", "Café")


def test_missing_plan_is_exit_2(capsys, tmp_path, db):
    code, _, err = run(capsys, "notes", "add", str(tmp_path / "none.txt"), "--line", "1",
                       "--note", "x")  # fmt: skip
    assert code == 2 and "no such file" in err


# ------------------------------------------------------------------------------------ list


def test_list_one_plan_all_and_by_tag(capsys, plan, db):
    a = add(capsys, str(plan), "--quote", "招引央企", "--note", "甲注", "--tag", "招商")
    b = add(capsys, str(plan), "--quote", "全社会固定资产投资", "--note", "乙注")
    code, out, _ = run(capsys, "notes", "list", str(plan))
    assert code == 0 and a[:8] in out and b[:8] in out and "甲注" in out
    code, out, _ = run(capsys, "notes", "list", "--tag", "招商")
    assert a[:8] in out and b[:8] not in out
    code, out, _ = run(capsys, "notes", "list", "--json")
    rows = json.loads(out)
    assert {r["id"] for r in rows} == {a, b}


def test_list_after_the_plan_changed_shows_moved_and_orphaned_notes(capsys, plan, db):
    doc = load_document(plan)
    kept = add(capsys, str(plan), "--quote", "招引央企", "--note", "还在")
    gone_line = next(n for n in range(10, doc.line_count) if len(doc.line_text(n)) > 40)
    gone = add(capsys, str(plan), "--line", str(gone_line), "--note", "段落被删")
    lines = doc.text.split("\n")
    del lines[gone_line - 1]
    plan.write_text("新增的前言。\n" + "\n".join(lines), encoding="utf-8")
    code, out, _ = run(capsys, "notes", "list", str(plan), "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[kept]["anchor"]["status"] == "attached"
    new = load_document(plan)
    k = rows[kept]["anchor"]
    assert new.text[k["start"] : k["end"]] == "招引央企" and k["line"] == new.line_of(k["start"])
    assert rows[gone]["anchor"]["status"] == "orphan" and rows[gone]["anchor"]["start"] is None
    code, out, _ = run(capsys, "notes", "list", str(plan))
    assert code == 0 and "orphaned" in out and out.index(gone[:8]) > out.index("orphaned")


def test_list_with_no_notes_and_no_database(capsys, plan, db):
    code, out, _ = run(capsys, "notes", "list")
    assert code == 0 and "No notes" in out
    assert not db.exists()  # listing never creates the database


# ---------------------------------------------------------------------------------- export


def test_export_markdown_groups_by_section_and_escapes(capsys, tmp_path, db):
    plan = tmp_path / "p.txt"
    plan.write_text(
        "某区2020年工作要点\n\n一、总体要求\n\n坚持 | 管道 # 井号 ```代码``` 的写法。\n\n"
        "二、主要目标\n\n完成目标任务，确保实现。\n",
        encoding="utf-8",
    )
    add(capsys, str(plan), "--quote", "管道 # 井号 ```代码```", "--note",
        "# 不是标题\n| 不是表格 |\n```\n不是代码\n```", "--tag", "a|b")  # fmt: skip
    add(capsys, str(plan), "--quote", "完成目标任务", "--note", "第二节")
    code, out, _ = run(capsys, "notes", "export", str(plan), "--format", "md")
    assert code == 0
    lines = out.splitlines()
    headings = [ln for ln in lines if ln.startswith("#")]
    assert headings[0].startswith("# Notes:")
    assert headings[0] == "# Notes: 某区2020年工作要点"
    assert any("总体要求" in h for h in headings) and any("主要目标" in h for h in headings)
    assert all(h.startswith(("# ", "## ")) for h in headings)  # no heading smuggled in
    assert "```" not in out and "\\`\\`\\`" in out
    assert not any(ln.startswith("|") for ln in lines)
    assert "\\# 不是标题" in out and "\\| 不是表格 \\|" in out and "a\\|b" in out
    assert "> 管道 \\# 井号" in out


def test_export_csv_has_a_bom_and_one_row_per_note(capsys, plan, db, tmp_path):
    add(capsys, str(plan), "--quote", "招引央企", "--note", "=SUM(A1)\n第二行", "--tag", "x")
    out_file = tmp_path / "notes.csv"
    code, _, _ = run(capsys, "notes", "export", str(plan), "--format", "csv", "-o", str(out_file))
    assert code == 0
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["quote"] == "招引央企" and rows[0]["status"] == "attached"
    assert rows[0]["note"] == "'=SUM(A1)\n第二行"  # a formula stays text in Excel
    assert list(rows[0]) == list(notes_cli.CSV_COLUMNS)


def test_json_export_import_round_trip_is_lossless_and_idempotent(capsys, plan, db, tmp_path):
    add(capsys, str(plan), "--quote", "招引央企", "--note", "备注\r\n𠮷😀", "--tag", "甲")
    add(capsys, str(plan), "--line", "1", "--note", "", "--color", "#ff0000")
    exported = tmp_path / "notes.json"
    code, _, _ = run(capsys, "notes", "export", "--format", "json", "-o", str(exported))
    assert code == 0
    data = orjson.loads(exported.read_bytes())
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    item = data["first"]["items"][0]
    assert item["type"] == "Annotation"
    assert {s["type"] for s in item["target"]["selector"]} == {
        "TextQuoteSelector",
        "TextPositionSelector",
    }

    other = tmp_path / "other.json"
    code, out, _ = run(capsys, "notes", "import", "--db", str(other), str(exported))
    assert code == 0 and "added 2, updated 0, skipped 0" in out
    before = [a.to_dict() for a in NotesStore.open(db).all()]
    assert [a.to_dict() for a in NotesStore.open(other).all()] == before
    code, out, _ = run(capsys, "notes", "import", str(exported), "--db", str(other))
    assert code == 0 and "added 0, updated 0, skipped 2 (2 unchanged)" in out


def test_import_reports_bad_items_and_bad_files(capsys, plan, db, tmp_path):
    add(capsys, str(plan), "--quote", "招引央企", "--note", "x")
    exported = tmp_path / "e.json"
    run(capsys, "notes", "export", "--format", "json", "-o", str(exported))
    data = orjson.loads(exported.read_bytes())
    data["first"]["items"].append({"type": "Annotation", "target": "nowhere"})
    exported.write_bytes(orjson.dumps(data))
    other = tmp_path / "o.json"
    code, out, err = run(capsys, "notes", "--db", str(other), "import", str(exported))
    assert code == 1 and "added 1" in out and "1 invalid" in out and "item 2" in err
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    code, out, err = run(capsys, "notes", "import", str(bad))
    assert code == 2 and "not valid JSON" in err and err.count("\n") == 1
    code, _, err = run(capsys, "notes", "import", str(tmp_path / "absent.json"))
    assert code == 2 and "no such file" in err
    bad.write_text('{"something": "else"}')
    code, _, err = run(capsys, "notes", "import", str(bad))
    assert code == 2 and "not a W3C" in err


# ---------------------------------------------------------------------------- plumbing


def test_corrupt_database_is_one_line_exit_2_and_untouched(tmp_path, plan):
    db = tmp_path / "broken.json"
    db.write_bytes(b'{"notes": ')
    env = {"ZONEPLAN_DB": str(db), "PATH": "/usr/bin:/bin"}
    for argv in (["notes", "list"], ["notes", "add", str(plan), "--line", "1", "--note", "x"]):
        out = subprocess.run(
            [sys.executable, "-m", "zoneplan_tui", *argv],
            capture_output=True,
            text=True,
            env=env,
        )
        assert out.returncode == 2, out.stderr
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert str(db) in out.stderr and "not valid JSON" in out.stderr
    assert db.read_bytes() == b'{"notes": '


def test_db_option_on_notes_or_on_its_subcommand(capsys, plan, tmp_path, db):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    add(capsys, "--db", str(one), str(plan), "--quote", "招引央企", "--note", "1")
    code, _, err = run(capsys, "notes", "--db", str(two), "add", str(plan), "--line", "1",
                       "--note", "2")  # fmt: skip
    assert code == 0, err
    assert len(NotesStore.open(one).all()) == 1 and len(NotesStore.open(two).all()) == 1
    assert not db.exists()


def test_notes_without_a_subcommand(capsys):
    code, _, err = run(capsys, "notes")
    assert code == 2 and "choose one of" in err
    assert_usage_error(
        err,
        "notes",
        "choose one of list, add, export, import, backups, restore, carry, correct, corrections, "
        "uncorrect",
    )


def test_register_works_with_a_plain_argparse_parser(plan, db, tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--db", default=None)
    notes_cli.register(parser.add_subparsers())
    args = parser.parse_args(["notes", "add", str(plan), "--line", "1", "--note", "n"])
    assert args.func(args) == 0
    assert len(NotesStore.open(db).all()) == 1
    other = tmp_path / "global.json"  # a global --db before the sub-command reaches the handler
    args = parser.parse_args(["--db", str(other), "notes", "add", str(plan), "--line", "1",
                              "--note", "n"])  # fmt: skip
    assert args.func(args) == 0
    assert len(NotesStore.open(other).all()) == 1


def test_md_escape():
    from zoneplan_tui.export.markdown import md_escape

    assert md_escape("# a | b") == "\\# a \\| b"
    assert md_escape("1. 项") == "1\\. 项"
    assert md_escape("- 项\n    缩进") == "\\- 项\n\u00a0\u00a0\u00a0\u00a0缩进"
    assert md_escape("<b>&amp;</b>") == "\\<b\\>\\&amp;\\</b\\>"


def test_a_corrupt_notes_file_can_be_restored_from_its_backup(capsys, plan, db):
    add(capsys, str(plan), "--line", "1", "--note", "第一条")
    # The second save finds no backup yet and keeps the file as it was before it (one note).
    add(capsys, str(plan), "--line", "2", "--note", "第二条")
    good = db.read_bytes()
    db.write_bytes(good[: len(good) // 2])  # a save cut short by something outside zoneplan
    code, _, err = run(capsys, "notes", "list")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "zoneplan notes restore" in err and "notes.json.bak.1" in err
    code, out, _ = run(capsys, "notes", "backups", "--json")
    listed = json.loads(out)["backups"]
    assert code == 0 and listed[0]["generation"] == 1 and listed[0]["notes"] == 1
    damaged = db.read_bytes()
    code, _, err = run(capsys, "notes", "restore")
    assert code == 0 and "kept as" in err
    (kept,) = [p for p in db.parent.glob("notes.json.before-restore-*") if p.suffix != ".journal"]
    assert kept.read_bytes() == damaged  # the damaged file is kept, never deleted
    # its journal (started by the second add) is kept beside it, not applied to the backup
    assert [p.name for p in db.parent.glob(kept.name + ".*")] == [kept.name + ".journal"]
    code, out, _ = run(capsys, "notes", "list", "--json")
    assert code == 0 and [n["note"] for n in json.loads(out)] == ["第一条"]


def test_restore_of_a_missing_generation_is_one_line(capsys, db):
    code, out, err = run(capsys, "notes", "backups")
    assert code == 0 and "no backups" in out
    code, _, err = run(capsys, "notes", "restore", "4")
    assert code == 2 and "no such backup" in err and len(err.strip().splitlines()) == 1


def test_a_large_list_is_a_plain_table_of_the_same_rows(capsys, plan, db, monkeypatch):
    from zoneplan_tui.cli import notes as notes_cli

    a = add(capsys, str(plan), "--quote", "招引央企", "--note", "甲注", "--tag", "招商")
    b = add(capsys, str(plan), "--quote", "全社会固定资产投资", "--note", "乙注")
    _, rich_out, _ = run(capsys, "notes", "list", str(plan))
    monkeypatch.setattr(notes_cli, "PLAIN_TABLE_FROM", 2)  # two notes are "many" now
    code, out, _ = run(capsys, "notes", "list", str(plan))
    assert code == 0 and out != rich_out and "┃" not in out  # no box drawing: the plain table
    title, head, _rule, *rows = out.splitlines()
    assert title == f"2 note(s) on {plan.name}"
    assert head.split() == ["id", "line", "passage", "note", "tags"]
    in_rich_order = sorted([a[:8], b[:8]], key=rich_out.index)  # text order, as Rich's table
    assert [r.split()[0] for r in rows] == in_rich_order
    row_a = rows[in_rich_order.index(a[:8])]
    assert "甲注" in row_a and "招商" in row_a and "乙注" in rows[in_rich_order.index(b[:8])]
    code, out, _ = run(capsys, "notes", "list")
    assert out.splitlines()[1].split() == ["id", "document", "passage", "note", "tags"]


def test_an_import_file_over_the_size_cap_is_refused(tmp_path, monkeypatch, capsys):
    from zoneplan_tui.cli.command import main
    from zoneplan_tui.formats import limits

    export = tmp_path / "big.json"
    export.write_text("[" + ",".join(["{}"] * 800_000) + "]")  # 2.4 MB
    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", limits.MiB)
    assert main(["notes", "import", str(export), "--db", str(tmp_path / "notes.json")]) == 2
    err = capsys.readouterr().err
    assert err == f"zoneplan: {export}: 2.3 MB is over the 1 MB limit for a notes export\n"
    assert not (tmp_path / "notes.json").exists()


def test_export_csv_says_why_a_note_needs_review(capsys, db, tmp_path):
    plan = tmp_path / "plan.txt"
    before = "某区2021年工作要点\n一、主要目标\n全年新增市场主体300个以上，固定资产投资增长8%。\n"
    plan.write_text(before, encoding="utf-8")
    add(capsys, str(plan), "--quote", "全年新增市场主体300个以上", "--note", "核实")
    add(capsys, str(plan), "--quote", "固定资产投资增长8%", "--note", "不变")
    plan.write_text(before.replace("300个", "350个"), encoding="utf-8")
    out_file = tmp_path / "notes.csv"
    code, _, _ = run(capsys, "notes", "export", str(plan), "--format", "csv", "-o", str(out_file))
    assert code == 0
    rows = {
        r["note"]: r for r in csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig")))
    }
    assert rows["核实"]["status"] == "review" and "300个以上 → 350个以上" in rows["核实"]["reason"]
    assert rows["不变"]["status"] == "attached" and rows["不变"]["reason"] == ""


def test_after_the_first_backup_each_add_appends_without_reading_the_file(
    capsys, plan, db, monkeypatch
):
    from zoneplan_tui.notes.atomic import backup_path
    from zoneplan_tui.notes.journal import journal_path

    add(capsys, str(plan), "--line", "1", "--note", "新文件")  # creates the file
    add(capsys, str(plan), "--line", "2", "--note", "首个备份")  # rotates the first backup
    assert backup_path(db, 1).exists() and journal_path(db).exists()

    def no_store(*args, **kwargs):
        raise AssertionError("the notes file was opened and read")

    with monkeypatch.context() as m:
        m.setattr(notes_cli, "_open_store", no_store)
        for n in range(3):
            add(capsys, str(plan), "--line", "1", "--note", f"追加{n}")
    code, out, _ = run(capsys, "notes", "list", "--json")
    assert code == 0
    assert sorted(r["note"] for r in json.loads(out)) == sorted(
        ["新文件", "首个备份", "追加0", "追加1", "追加2"]
    )
