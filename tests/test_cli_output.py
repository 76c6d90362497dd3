"""cli/output.py: human-readable output safe everywhere, data exact in a pipe and safe on a
terminal; the plain renderers of large outlines and figure tables draw what Rich draws."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from tests.conftest import SAMPLES
from zoneplan_tui.cli import output
from zoneplan_tui.core.analysis import analyse, analyse_outline
from zoneplan_tui.core.document import Document, document_from_text
from zoneplan_tui.formats.load import load_document

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TEXT = "a\x1b]52;c;eA==\x1b\\b\x07\x9b1m\u202ec\n第二行\t[/]"


def _emit(monkeypatch, capsysbinary, text: str, form: output.Form, terminal: bool) -> str:
    monkeypatch.setattr(output, "is_terminal", lambda stream: terminal)
    output.emit(text, form=form)
    return capsysbinary.readouterr().out.decode("utf-8")


@pytest.mark.parametrize("form", ["data", "text", "json", "csv"])
def test_data_is_exact_in_a_pipe(monkeypatch, capsysbinary, form):
    text = json.dumps({"t": TEXT}, ensure_ascii=False) if form == "json" else TEXT
    assert _emit(monkeypatch, capsysbinary, text, form, terminal=False) == text


def test_on_a_terminal_each_form_is_made_safe_its_own_way(monkeypatch, capsysbinary):
    def shown(text: str, form: output.Form) -> str:
        out = _emit(monkeypatch, capsysbinary, text, form, terminal=True)
        assert RAW.search(out.replace("\r\n", "\n")) is None
        return out

    assert len(shown(TEXT, "text")) == len(TEXT)  # one for one: offsets kept
    as_json = json.dumps({"t": TEXT}, ensure_ascii=False, indent=1)
    assert json.loads(shown(as_json, "json")) == {"t": TEXT}  # the same data
    assert shown("a\x1b,b\r\nc,d\r\n", "csv") == "a␛,b\r\nc,d\r\n"
    assert "⟨U+202E⟩" in shown(TEXT, "data")


@pytest.mark.parametrize("terminal", [False, True])
def test_human_output_is_safe_piped_or_not(monkeypatch, capsysbinary, terminal):
    out = _emit(monkeypatch, capsysbinary, TEXT, "human", terminal)
    assert RAW.search(out) is None and "␛]52;c;eA==␛\\b␇⟨U+009B⟩1m⟨U+202E⟩c" in out
    assert "[/]" in out


def test_a_message_is_one_safe_line(capsys):
    output.tell(f"plan\n{TEXT}: no such file")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and RAW.search(err) is None and err.startswith("zoneplan: plan␤")


def _render(fn, *args) -> list[str]:
    buf = io.StringIO()
    fn(*args, Console(file=buf, width=500, markup=False, emoji=False, highlight=False))
    return [line.rstrip() for line in buf.getvalue().splitlines()]


def _many_levels() -> Document:
    """A plan of three heading levels with run-in items, repeated: every guide of the tree."""
    lines = ["2020年工作要点"]
    for i in range(1, 8):
        lines.append(f"{'一二三四五六七'[i - 1]}、第{i}部分")
        for j in range(1, 4):
            runs = f"一是推进{i}{j}。二是落实{i}{j}。"
            lines.append(f"（{'一二三'[j - 1]}）第{i}.{j}节。" + (runs if j == 1 else ""))
            lines.append(runs)
            if j != 2:
                for k in range(1, 3):
                    lines.append(f"{k}.第{i}.{j}.{k}条")
    return document_from_text("\n".join(lines) + "\n", "many.txt")


def test_the_plain_outline_tree_is_richs_tree(monkeypatch):
    docs = [load_document(p) for p in sorted(SAMPLES.glob("*.txt"))] + [_many_levels()]
    for doc in docs:
        outline = analyse_outline(doc)
        rich = _render(output.print_outline, doc, outline)
        monkeypatch.setattr(output, "LARGE_TABLE", -1)  # the plain renderer for any size
        plain = _render(output.print_outline, doc, outline)
        monkeypatch.undo()
        assert plain == rich, doc.name


def test_a_large_figure_table_is_plain_columns_cut_to_width(monkeypatch):
    doc = load_document(SAMPLES / "haimen-2017-work-plan.txt")
    plan = analyse(doc)
    monkeypatch.setattr(output, "LARGE_TABLE", 10)
    lines = _render(output.print_figures, doc, plan)
    assert len(lines) == len(plan.figures) + 3  # title, header, rows, the count
    assert lines[1].split() == ["line", "section", "text", "kind", "value", "unit", "cmp"]
    assert "--csv or --json" in lines[-1]
    widths = {len(line) for line in lines[2:-1] if line}
    assert max(widths) <= 9 + 24 + 28 + 12 + 14 + 8 + 4 + 2 * 6  # the column caps, in cells
    assert RAW.search("\n".join(lines)) is None
