"""`zoneplan search | targets | library` on the sample plans."""

from __future__ import annotations

import csv
import io
import json
import shutil

from tests.conftest import SAMPLES
from tests.test_cli import assert_usage_error
from zoneplan_tui.cli.command import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_search_json(capsys):
    code, out, _ = run(capsys, "search", "营商环境", "--json", "--limit", "3")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "营商环境" and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert {"path", "section", "line", "snippet", "highlights", "matches", "score"} <= set(hit)
    s, e = hit["highlights"][0]
    assert hit["snippet"][s:e] == "营商环境"


def test_search_text_marks_matches(capsys, tmp_path):
    code, out, _ = run(capsys, "search", "北京项目", str(SAMPLES))
    assert code == 0
    assert out.splitlines()[0].startswith("wuqing-2019-work-points.txt:")
    assert "【北京项目】" in out


def test_search_limits_to_the_folder(capsys, tmp_path):
    shutil.copy(SAMPLES / "haimen-2017-work-plan.txt", tmp_path / "h.txt")
    run(capsys, "search", "营商环境", "--json")  # index every sample first
    code, out, _ = run(capsys, "search", "营商环境", str(tmp_path), "--json")
    assert code == 0
    assert {h["path"] for h in json.loads(out)["hits"]} <= {str(tmp_path / "h.txt")}


def test_library_json(capsys):
    code, out, _ = run(capsys, "library", "--json")
    assert code == 0
    plans = {p["file"]: p for p in json.loads(out)["plans"]}
    assert len(plans) == 5
    w = plans["wuqing-2019-work-points.txt"]
    assert (w["body"], w["year"]) == ("武清开发区", 2019)
    assert w["headings"] > 0 and w["figures"] > 0 and w["notes"] == 0 and w["size"] > 0


def test_library_table(capsys):
    code, out, _ = run(capsys, "library")
    assert code == 0 and "headings" in out


def test_targets_json_and_csv(capsys, tmp_path):
    code, out, _ = run(capsys, "targets", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["plans"]) == 5
    names = {(r["indicator"], r["growth"]) for r in data["indicators"]}
    assert {("一般预算收入", True), ("引进北京项目", False), ("固定资产投资", True)} <= names
    code, _, _ = run(capsys, "targets", "--csv", "-o", str(tmp_path / "t.csv"))
    raw = (tmp_path / "t.csv").read_bytes()
    assert code == 0 and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    # issue 13: one row per value, with its plan, year and kind (target or result)
    assert rows[0] == ["indicator", "plan", "year", "kind", "value", "unit", "text", "line"]
    row = next(r for r in rows if r[0] == "引进北京项目")
    assert row[1:] == ["武清开发区 2019 工作要点", "2019", "target", "200", "个", "200个以上", "10"]
    growth = next(r for r in rows if r[0] == "一般预算收入（增长）")
    assert growth[2:7] == ["2019", "target", "0.08", "%", "8%"]
    assert all(r[3] in ("target", "result") for r in rows[1:])


def test_targets_table_in_the_terminal_has_year_and_kind(capsys):
    code, out, _ = run(capsys, "targets")
    assert code == 0
    header = next(line for line in out.splitlines() if "indicator" in line)
    for column in ("indicator", "plan", "year", "kind", "text", "value"):
        assert column in header
    assert "target" in out and "e+" not in out


def test_errors_are_one_line_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "search", "x", str(tmp_path / "missing"))
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "library", str(tmp_path / "empty"))
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(capsys, "targets", "--json", "--csv")
    assert code == 2
    assert_usage_error(err, "targets", "argument --csv: not allowed with argument --json")
    # A file that is not an index is moved aside (issue 11), said in one line, and rebuilt.
    (tmp_path / "bad.sqlite3").write_text("not a database" * 100)
    code, _, err = run(capsys, "search", "x", "--index", str(tmp_path / "bad.sqlite3"))
    assert code == 0 and err.count("\n") == 1 and "was damaged" in err
    [moved] = tmp_path.glob("bad.sqlite3.damaged-*")
    assert moved.read_text() == "not a database" * 100


def test_named_folders_are_remembered_for_all(capsys, tmp_path):
    code, _, err = run(capsys, "library", "--all")
    assert code == 2 and "no folders yet" in err
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(SAMPLES / "haimen-2017-work-plan.txt", a / "h.txt")
    shutil.copy(SAMPLES / "wuqing-2019-work-points.txt", b / "w.txt")
    assert run(capsys, "library", str(a), "--json")[0] == 0
    assert run(capsys, "library", str(b), "--json")[0] == 0
    code, out, _ = run(capsys, "library", "--all", "--json")
    assert code == 0
    assert sorted(p["file"] for p in json.loads(out)["plans"]) == ["h.txt", "w.txt"]
    code, out, _ = run(capsys, "search", "北京项目", "--all", "--json")
    assert code == 0 and json.loads(out)["hits"][0]["path"] == str(b / "w.txt")


# ------------------------------------------------------------- library_folders of the settings


def _settings(tmp_path, monkeypatch, text: str):
    path = tmp_path / "settings" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(path))
    return path


def _files(out: str) -> list[str]:
    return sorted(p["file"] for p in json.loads(out)["plans"])


def _two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(SAMPLES / "haimen-2017-work-plan.txt", a / "h.txt")
    shutil.copy(SAMPLES / "wuqing-2019-work-points.txt", b / "w.txt")
    return a, b


def test_without_dir_the_settings_folders_are_read_not_the_samples(capsys, tmp_path, monkeypatch):
    a, _ = _two_folders(tmp_path)
    _settings(tmp_path, monkeypatch, f"library_folders = [{str(a)!r}]\n")
    code, out, err = run(capsys, "library", "--json")
    assert code == 0 and _files(out) == ["h.txt"], err
    code, out, err = run(capsys, "targets", "--json")
    assert code == 0 and [p["file"] for p in json.loads(out)["plans"]] == ["h.txt"], err
    code, out, err = run(capsys, "search", "招引央企", "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and hits and {h["path"] for h in hits} == {str(a / "h.txt")}, err
    # the settings' folders are not copied into the remembered ones
    from zoneplan_tui.library.catalog import FolderList

    assert FolderList().load() == []


def test_a_relative_settings_folder_is_relative_to_the_settings_file(capsys, tmp_path, monkeypatch):
    _two_folders(tmp_path)
    _settings(tmp_path, monkeypatch, 'library_folders = ["../a"]\n')
    code, out, err = run(capsys, "library", "--json")
    assert code == 0, err
    assert _files(out) == ["h.txt"]


def test_a_missing_settings_folder_is_skipped_with_a_warning(capsys, tmp_path, monkeypatch):
    a, _ = _two_folders(tmp_path)
    gone = tmp_path / "unplugged"
    path = _settings(tmp_path, monkeypatch, f"library_folders = [{str(gone)!r}, {str(a)!r}]\n")
    code, out, err = run(capsys, "library", "--json")
    assert code == 0 and _files(out) == ["h.txt"]
    assert err == (
        f"zoneplan: warning: {gone}: no such folder, skipped (library_folders in {path})\n"
    )
    _settings(tmp_path, monkeypatch, f"library_folders = [{str(gone)!r}]\n")
    code, out, err = run(capsys, "library", "--json")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "none of the library_folders is a folder" in err and str(path) in err


def test_a_broken_settings_file_stops_only_the_commands_that_read_it(capsys, tmp_path, monkeypatch):
    a, _ = _two_folders(tmp_path)
    path = _settings(tmp_path, monkeypatch, "library_folders = ")
    code, out, err = run(capsys, "library", "--json")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"zoneplan: {path}: not valid TOML")
    code, out, err = run(capsys, "library", str(a), "--json")  # a DIR named: no settings read
    assert code == 0 and _files(out) == ["h.txt"], err


def test_all_is_the_settings_folders_and_the_remembered_ones(capsys, tmp_path, monkeypatch):
    a, b = _two_folders(tmp_path)
    assert run(capsys, "library", str(b), "--json")[0] == 0  # remembered
    _settings(tmp_path, monkeypatch, f"library_folders = [{str(a)!r}, {str(b)!r}]\n")
    code, out, err = run(capsys, "library", "--all", "--json")
    assert code == 0, err
    assert _files(out) == ["h.txt", "w.txt"]
    code, _, err = run(capsys, "library", str(a), "--all")
    assert code == 2 and "not both" in err


def test_index_before_the_subcommand_is_the_subcommands(capsys, tmp_path):
    index = tmp_path / "elsewhere.sqlite3"
    code, out, err = run(capsys, "--index", str(index), "library", "--json")
    assert code == 0, err
    assert index.exists() and len(_files(out)) == 5


def test_a_search_over_an_indexed_library_loads_no_segmenter(tmp_path):
    # The index is up to date and the word table built (a library was indexed once): a search
    # command cuts its query without rjieba or jieba, and reads no plan.
    import subprocess
    import sys

    from zoneplan_tui.library import query_words

    assert query_words.build() is not None
    index = str(tmp_path / "ix.sqlite3")
    argv = ["search", "優化營商環境", str(SAMPLES), "--index", index, "--json"]
    code = (
        "import json, sys\n"
        "from zoneplan_tui.cli.command import main\n"
        f"assert main({argv!r}) == 0\n"
        "heavy = ('rjieba', 'jieba', 'zoneplan_tui.core.analysis', 'rapidfuzz', 'filelock',\n"
        "         'importlib.metadata', 'zoneplan_tui.notes.anchoring', 'zoneplan_tui.notes.w3c')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(first.stdout)["hits"]  # this one indexed the plans
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert json.loads(again.stderr.strip().splitlines()[-1]) == []
