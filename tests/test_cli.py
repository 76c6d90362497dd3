"""The `zoneplan` command: JSON contracts, and one-line errors with exit 2 for bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES, gold_outline, sample_path
from zoneplan_tui import __version__
from zoneplan_tui.cli.command import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", *args], capture_output=True, text=True
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("outline", "numbers", "notes", "--db"):
        assert word in out


def test_outline_json_contract(capsys):
    seed = "000_85363b721c052c01"
    assert main(["outline", str(sample_path(seed)), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "file",
        "title",
        "title_line",
        "body_start_line",
        "headings",
        "inline_items",
    ]
    gold = gold_outline(seed)
    assert data["title"] == gold["title"]
    assert [(h["line"], h["level"]) for h in data["headings"]] == [
        (h["line"], h["level"]) for h in gold["headings"]
    ]
    for h in data["headings"]:
        assert set(h) == {"line", "level", "marker", "title"}
    for item in data["inline_items"]:
        assert set(item) == {"line", "marker", "title"}


def test_outline_tree_output(capsys):
    assert main(["outline", str(sample_path("001_944198d32a153964"))]) == 0
    out = capsys.readouterr().out
    assert "长沙经开区2020年工作要点" in out or "长沙" in out
    assert "headings" in out


def test_numbers_json_contract(capsys):
    path = sample_path("000_85363b721c052c01")
    text = path.read_text(encoding="utf-8")
    assert main(["numbers", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == path.name
    assert data["numbers"]
    for row in data["numbers"]:
        assert set(row) == {
            "start",
            "end",
            "text",
            "kind",
            "value",
            "unit",
            "cmp",
            "line",
            "section",
        }
        assert text[row["start"] : row["end"]] == row["text"]
        assert isinstance(row["section"], list)
    hit = next(r for r in data["numbers"] if r["text"] == "100亿元以上")
    assert hit["value"] == pytest.approx(1e10)
    assert hit["cmp"] == ">="
    assert hit["section"] == []  # the preamble, before the first heading
    inside = next(r for r in data["numbers"] if r["text"] == "200个以上")
    assert inside["section"][0].startswith("主动融入")


def test_numbers_csv_has_bom_and_rows(tmp_path):
    out = tmp_path / "figures.csv"
    path = sample_path("004_abaae5a951e12ace")
    assert main(["numbers", str(path), "--csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["start", "end", "text", "kind", "value", "unit", "cmp", "line", "section"]
    assert len(rows) > 20


def test_numbers_table_output(capsys):
    assert main(["numbers", str(sample_path("002_5295ecfae469fdd1"))]) == 0
    assert "figures" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["outline", "numbers"])
def test_bad_inputs_are_one_line_exit_2(tmp_path, command):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    unknown = tmp_path / "latin.txt"
    unknown.write_bytes("Ça coûte 10 €, très cher. ".encode("cp1252") * 50)
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: the size check must fire before any read
        fh.truncate(60 * 1024 * 1024)
    for path, message in [
        (tmp_path / "missing.txt", "no such file"),
        (empty_dir, "directory"),
        (binary, "binary"),
        (unknown, "unknown encoding"),
        (huge, "limit"),
    ]:
        result = run(command, str(path), "--json")
        assert result.returncode == 2, (path, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], result.stderr
        assert "Traceback" not in result.stderr


def test_empty_file_is_an_empty_outline(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["outline", str(empty), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["headings"] == [] and data["title"] is None
    assert main(["numbers", str(empty), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["numbers"] == []


def test_app_with_bad_path_fails_before_the_terminal_switches(tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr


def test_usage_errors_are_one_line():
    result = run("numbers")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_gbk_file_gives_the_same_outline(tmp_path, capsys):
    source = sample_path("001_944198d32a153964")
    gbk = tmp_path / "plan-gbk.txt"
    gbk.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    main(["outline", str(source), "--json"])
    want = json.loads(capsys.readouterr().out)
    main(["outline", str(gbk), "--json"])
    got = json.loads(capsys.readouterr().out)
    assert got["headings"] == want["headings"]


def test_samples_dir_is_what_no_argument_opens():
    assert len(list(SAMPLES.glob("*.txt"))) == 5


def test_global_db_option_before_the_subcommand(tmp_path, capsys):
    db = tmp_path / "elsewhere.json"
    plan = sample_path("000_85363b721c052c01")
    code = main(["--db", str(db), "notes", "add", str(plan), "--line", "8", "--note", "看这里"])
    assert code == 0
    assert db.exists()
    capsys.readouterr()
    assert main(["--db", str(db), "notes", "list", "--json"]) == 0
    assert "看这里" in capsys.readouterr().out
