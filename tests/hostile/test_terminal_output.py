"""Every command on plans, names, tags, notes and queries full of terminal escapes and markup
(builders.ESCAPE_PLAN …), in a limited child: human-readable output never carries a character
a terminal acts on, piped or not; data keeps its exact characters in a pipe and is made safe
on a terminal; markup is printed as text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.hostile import builders as b
from tests.hostile.conftest import Hostile
from tests.hostile.limited import Run, assert_clean, run_limited

# What must never reach a terminal (tab and newline are text).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def out(run: Run) -> str:
    return run.stdout.decode("utf-8")


def assert_safe(run: Run, *, codes: tuple[int, ...] = (0,)) -> str:
    """Clean exit, and neither stdout nor stderr holds a raw control character; the stdout."""
    assert_clean(run, codes=codes)
    text = out(run)
    for name, stream in (("stdout", text), ("stderr", run.stderr)):
        found = RAW.search(stream.replace("\r\n", "\n"))  # CR LF: CSV's line ends
        assert found is None, f"{name} has {found.group()!r}: {run.describe()}\n{stream[:600]}"
    return text


@pytest.fixture(scope="module")
def notes(hostile: Hostile, tmp_path_factory) -> tuple[Path, Path]:
    """A notes file holding escape-laden notes on the escape plan: one added, one imported;
    and the index of the escape folder, built once for the module."""
    home = tmp_path_factory.mktemp("escape-notes")
    db, index = home / "notes.json", home / "index.sqlite3"
    plan = hostile.files["escape-plan"]
    tags = ["--tag", f"t{b.OSC0}", "--tag", "[/]"]
    run = run_limited(
        ["notes", "add", plan, "--line", "3", "--note", b.ESCAPES + b.MARKUP, "--db", db, *tags]
    )
    assert_safe(run)
    run = run_limited(["notes", "import", hostile.files["escape-import"], "--db", db])
    err = assert_safe(run) and run.stderr
    assert "in the future; taken as the time of the import" in err  # the far-future date
    assert "␛" in err or "pwned" not in err
    return db, index


def test_outline_and_numbers_show_placeholders_and_markup_as_text(hostile: Hostile):
    plan = hostile.files["escape-plan"]
    tree = assert_safe(run_limited(["outline", plan]))
    assert "␛]0;pwned␇plan␇.txt" in tree  # the file name, as the tree's root
    assert "一、总体要求␛[2J␇" in tree  # a heading, its escapes shown
    assert "⟨U+202E⟩" in tree  # the bidi override of a heading, shown by its code point
    table = assert_safe(run_limited(["numbers", plan]))
    assert "figures" in table and "␛" in table
    titled = assert_safe(run_limited(["outline", hostile.files["markup-plan"]]))
    assert "[link=file:///etc/passwd]2019年工作要点[/link][/]" in titled


def test_notes_list_and_errors_are_safe(hostile: Hostile, notes):
    db, _ = notes
    listed = assert_safe(run_limited(["notes", "list", "--db", db]))
    assert "␛" in listed and "[/]" in listed
    assert_safe(run_limited(["notes", "list", hostile.files["escape-plan"], "--db", db]))
    assert_safe(run_limited(["notes", "backups", "--db", db]))
    # A message that quotes a file name or a query.
    missing = assert_safe(run_limited(["text", f"{b.OSC52}missing{b.CSI_2J}.txt"]), codes=(2,))
    assert missing == ""
    query = f"{b.CSI_2J}[/]招商{b.OSC0}"
    found = assert_safe(
        run_limited(["search", query, hostile.folders["escapes"], "--index", notes[1]])
    )
    assert found.endswith("hits\n") or found.endswith("hit\n")


def test_library_search_and_targets_of_an_escape_folder(hostile: Hostile, notes):
    db, index = notes
    folder = hostile.folders["escapes"]
    common = [folder, "--index", index, "--db", db]
    listed = assert_safe(run_limited(["library", *common], timeout=20))
    assert "[red]f[on" in listed  # a file name that is markup, printed as it is
    hits = assert_safe(run_limited(["search", "招商", *common]))
    assert "hit" in hits and "␛" in hits
    assert_safe(run_limited(["targets", *common]))


def test_data_is_exact_in_a_pipe(hostile: Hostile, notes):
    db, _ = notes
    plan = hostile.files["escape-plan"]
    assert run_limited(["text", plan]).stdout == b.ESCAPE_PLAN.encode()
    outline = json.loads(run_limited(["outline", "--json", plan]).stdout)
    assert outline["file"] == b.ESCAPE_NAMES[0]
    assert any(h["title"].startswith("总体要求" + b.CSI_2J) for h in outline["headings"])
    rows = out(run_limited(["numbers", "--csv", plan]))
    assert b.RLO in rows  # the section of a figure, as the plan has it
    exported = json.loads(run_limited(["notes", "export", "--format", "json", "--db", db]).stdout)
    bodies = [body for item in exported["first"]["items"] for body in item.get("body", [])]
    assert any(b.ESCAPES in (body.get("value") or "") for body in bodies)


@pytest.mark.parametrize(
    "argv",
    [
        ["text", "{plan}"],
        ["outline", "--json", "{plan}"],
        ["numbers", "--json", "{plan}"],
        ["numbers", "--csv", "{plan}"],
        ["notes", "export", "--format", "md", "--db", "{db}"],
        ["notes", "export", "--format", "csv", "--db", "{db}"],
        ["notes", "export", "--format", "json", "--db", "{db}"],
        ["notes", "list", "--json", "--db", "{db}"],
        ["outline", "{plan}"],  # human-readable: the same safe text in a pipe
    ],
    ids=lambda argv: " ".join(a for a in argv if "{" not in a),
)
def test_on_a_terminal_data_is_made_safe(hostile: Hostile, notes, argv):
    db, _ = notes
    plan = hostile.files["escape-plan"]
    args = [a.format(plan=plan, db=db) for a in argv]
    shown = assert_safe(run_limited(args, tty=True))
    piped = out(run_limited(args))
    if argv == ["outline", "{plan}"]:
        assert piped == shown
        return
    assert piped != shown  # the pipe had the characters, the terminal their placeholders
    if "--json" in args or "json" in args:
        a, b_ = json.loads(shown), json.loads(piped)
        if isinstance(a, dict):  # an export says when it was made
            a.pop("generated", None), b_.pop("generated", None)
        assert a == b_  # the same data, escaped
    if args[0] == "text":
        assert len(shown) == len(piped)  # one character for one: every offset in its place
