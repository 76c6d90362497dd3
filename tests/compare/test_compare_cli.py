"""`zoneplan compare A B`: the JSON contract of README.md, the other report forms, the summary,
made-safe human output and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.cli.command import main
from zoneplan_tui.library.compare.model import SECTION_STATUSES, TARGET_CHANGES

A = SAMPLES / "wuqing-2019-work-points.txt"


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A with one growth target raised, one count cut and a clause reworded."""
    text = A.read_text(encoding="utf-8")
    assert "一般预算收入增长8%" in text and "引进优质项目300个以上" in text
    text = text.replace("一般预算收入增长8%", "一般预算收入增长10%", 1)
    text = text.replace("引进优质项目300个以上", "引进优质项目250个以上", 1)
    path = tmp_path / "edited.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_contract(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(A), str(edited), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"format", "a", "b", "summary", "sections", "targets"}
    assert set(data["a"]) == {"file", "title", "sha256", "chars"}
    assert list(data["summary"]["sections"]) == list(SECTION_STATUSES)
    assert list(data["summary"]["targets"]) == list(TARGET_CHANGES)
    pair = data["sections"][1]
    assert set(pair) == {
        "status",
        "similarity",
        "title_similarity",
        "text_similarity",
        "moved",
        "renamed",
        "changed",
        "renumbered",
        "a",
        "b",
        "changes",
    }
    assert set(pair["a"]) == {"position", "level", "marker", "title", "line", "path", "preamble"}
    changes = [ch for p in data["sections"] for ch in p["changes"]]
    assert changes and {ch["kind"] for ch in changes} == {"changed"}
    assert set(changes[0]) == {"kind", "a", "b", "a_line", "b_line", "similarity", "words"}
    inserted = {w["text"] for ch in changes for w in ch["words"] if w["op"] == "insert"}
    assert {"10", "250"} <= inserted
    by_change = {t["indicator"]: t["change"] for t in data["targets"] if t["change"] != "unchanged"}
    assert by_change == {"一般预算收入": "raised", "引进优质项目": "cut"}
    t = next(t for t in data["targets"] if t["indicator"] == "一般预算收入")
    assert set(t) == {"indicator", "key", "growth", "kind", "change", "a", "b"}
    assert (t["a"]["value"], t["b"]["value"]) == (0.08, 0.1)


def test_summary_names_what_changed(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(A), str(edited)]) == 0
    out = capsys.readouterr().out
    assert "targets: 1 raised, 1 cut" in out
    assert "raised    一般预算收入（增长）: 8% → 10%" in out


@pytest.mark.parametrize(
    "name,starts",
    [("r.md", "# 对比"), ("r.html", "<!DOCTYPE html>"), ("r.csv", "\ufeffrecord,status")],
)
def test_output_file_takes_its_form_from_the_extension(
    edited: Path, tmp_path: Path, name: str, starts: str
) -> None:
    out = tmp_path / name
    assert main(["compare", str(A), str(edited), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(starts)


def test_csv_rows(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(A), str(edited), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    targets = {r["a_text"]: r for r in rows if r["record"] == "target" and r["status"] == "cut"}
    assert list(targets) == ["引进优质项目 300个以上"]
    assert targets["引进优质项目 300个以上"]["b_value"] == "250"
    assert {r["status"] for r in rows if r["record"] == "clause"} == {"changed"}


def test_markdown_marks_words(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(A), str(edited), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "~~8~~**10**" in out and "| 引进优质项目 | 300个以上 | 250个以上 | cut |" in out


def test_html_escapes_the_plans_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("工作要点\n一、总体要求\n推进<b>园区</b>建设。\n", encoding="utf-8")
    b.write_text("工作要点\n一、总体要求\n推进<script>园区</script>建设。\n", encoding="utf-8")
    assert main(["compare", str(a), str(b), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "<script" not in out and "<b>" not in out and "&lt;" in out


def test_human_output_is_made_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("工作要点\n一、总体要求\n二、重点任务\n推进建设。\n", encoding="utf-8")
    b.write_text("工作要点\n一、总体要求\n二、重点\x1b[31m任务\n推进建设。\n", encoding="utf-8")
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "␛" in out


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(A), str(tmp_path / "none.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("zoneplan: ")
