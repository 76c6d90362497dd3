"""The `zoneplan` command: JSON contracts, and one-line errors with exit 2 for bad input."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES, gold_outline, sample_path
from zoneplan_tui import __version__
from zoneplan_tui.cli.command import SUBCOMMANDS, build_parser, main


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


def assert_usage_error(err: str, command: str, message: str) -> None:
    """argparse's usage of `command`, then `zoneplan: error: <message>` once, nothing else."""
    lines = err.splitlines()
    assert lines[0].startswith(f"usage: zoneplan {command} ".rstrip()), err
    # the usage may wrap onto indented lines; then comes the one error line, last
    assert all(line.startswith(" ") for line in lines[1:-1]), err
    assert lines[-1] == f"zoneplan: error: {message}", err
    assert err.count("error") == 1 and "zoneplan: zoneplan" not in err, err
    assert "Traceback" not in err


def test_usage_errors_are_the_usage_and_one_error_line():
    result = run("numbers")
    assert result.returncode == 2 and result.stdout == ""
    assert_usage_error(result.stderr, "numbers", "the following arguments are required: PATH")


@pytest.mark.parametrize(
    ("argv", "command", "message"),
    [
        (["outline"], "outline", "the following arguments are required: PATH"),
        (["numbers", "x.txt", "--json", "--csv"], "numbers", "argument --csv: not allowed"),
        (["outline", "x.txt", "--jsn"], "", "unrecognized arguments: --jsn"),
        (["search"], "search", "the following arguments are required: QUERY"),
        (["search", "x", "--limit", "many"], "search", "argument --limit: invalid int value"),
        (["notes", "export"], "notes export", "the following arguments are required: --format"),
        (["notes", "restore", "last"], "notes restore", "argument N: invalid int value: 'last'"),
        (["notes", "frobnicate"], "notes", "argument COMMAND: invalid choice: 'frobnicate'"),
        (["config"], "config", "choose one of path, check"),
        (["--bogus"], "", "unrecognized arguments: --bogus"),
        (["plan.txt", "--jsn"], "", "unrecognized arguments: --jsn"),
    ],
)
def test_argument_errors_give_the_usage_and_one_error_line(capsys, argv, command, message):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err.splitlines()[-1]
    assert_usage_error(err, command, err.splitlines()[-1].removeprefix("zoneplan: error: "))


def test_help_lists_each_option_and_command_once(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    words = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    for name in ("-h,", "--version", "--db", "--index", *SUBCOMMANDS):
        assert words.count(name) == 1, (name, out)
    assert out.count("usage:") == 1
    assert "{" not in out  # no argparse {outline,numbers,...} choice lists


def test_help_wins_over_a_plan_name(capsys):
    with pytest.raises(SystemExit):
        main(["plan.txt", "--help"])
    assert "commands:" in capsys.readouterr().out


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _commands(sub, (*prefix, name))


ALL_COMMANDS = [" ".join(words) for words, _ in _commands(build_parser())]


def test_the_commands_dispatched_are_the_parsers_commands():
    assert tuple(c for c in ALL_COMMANDS if " " not in c) == SUBCOMMANDS
    assert {"notes add", "notes restore", "config path", "config check"} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_every_command_help_names_its_arguments_and_ends_with_an_example(capsys, command):
    parser = dict((" ".join(w), p) for w, p in _commands(build_parser()))[command]
    with pytest.raises(SystemExit) as info:
        main([*command.split(), "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: zoneplan {command} ")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            names = list(action.choices)
        else:
            names = action.option_strings[:1] or [str(action.metavar)]  # --db, or PATH
            assert action.help and action.help != argparse.SUPPRESS, (command, action.dest)
        for name in names:
            assert f"  {name}" in out, (command, name)
    examples = out.rstrip("\n").split("\n\n")[-1].splitlines()
    assert examples[0] in ("example:", "examples:"), out
    assert all(f"zoneplan {command}" in line for line in examples[1:]), examples


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


# ------------------------------------------------------------------------------- version


def test_python_m_is_the_command():
    result = run("--version")
    assert result.returncode == 0 and result.stdout == f"zoneplan {__version__}\n"


def test_import_does_not_look_up_the_installed_version():
    """`import zoneplan_tui` stays cheap: no importlib.metadata scan of site-packages."""
    code = "import sys, zoneplan_tui; print('importlib.metadata' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------------------- config


def test_config_path_prints_where_the_settings_file_is(capsys, tmp_path, monkeypatch):
    assert main(["config", "path"]) == 0
    default = capsys.readouterr().out
    assert default.endswith("/zoneplan/config.toml\n") and "config" in default
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(tmp_path / "mine.toml"))
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'mine.toml'}\n"


def test_config_check(capsys, tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(path))
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out == f"{path}: no settings file; the defaults apply\n"
    plans = tmp_path / "plans"
    plans.mkdir()
    path.write_text(
        f'theme = "nord"\noutline_width = 40\nlibrary_folders = [{str(plans)!r}, "gone"]\n'
        '[keys]\n"reader.next-section" = "],ctrl+down"\n',
        encoding="utf-8",
    )
    assert main(["config", "check"]) == 1  # a folder that does not exist
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}: read",
        "  theme            nord",
        "  outline_width    40",
        "  reviewer         (default: the user name)",
        "  export_folder    (default: beside the plan)",
        f"  library_folders  {plans}",
        f"                   {tmp_path / 'gone'}  (no such folder)",
        "  keys             reader.next-section = ],ctrl+down",
    ]
    assert err == f"zoneplan: warning: library_folders: {tmp_path / 'gone'}: no such folder\n"
    path.write_text("outline_width = 3\n", encoding="utf-8")
    assert main(["config", "check"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"zoneplan: {path}: outline_width must be a number of cells " \
        'from 10 to 200, or a percentage ("30%")\n'  # fmt: skip


# ------------------------------------------------------------------ zoneplan with no command


@pytest.fixture
def launched(monkeypatch):
    from zoneplan_tui.tui.app import ZoneplanApp

    apps: list[ZoneplanApp] = []
    monkeypatch.setattr(ZoneplanApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_no_argument_opens_the_settings_folders(launched, tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "w.txt").write_bytes(sample_path("000_85363b721c052c01").read_bytes())
    settings = tmp_path / "config.toml"
    settings.write_text(f"library_folders = [{str(plans)!r}]\n", encoding="utf-8")
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(settings))
    assert main(["--index", str(tmp_path / "i.sqlite3")]) == 0
    (app,) = launched
    assert app.library is not None and app.library.folders == [plans]
    assert not app.library.remember  # already in the settings; not copied to the folder list


def test_no_argument_with_a_broken_settings_file_is_one_line_before_the_app(
    launched, tmp_path, monkeypatch, capsys
):
    settings = tmp_path / "config.toml"
    settings.write_text("library_folders = 3\n", encoding="utf-8")
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(settings))
    assert main([]) == 2
    assert not launched
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "library_folders must be" in err
