"""The analysis of a plan: the same outline and figures whether parsed here or in a child."""

from __future__ import annotations

import sys

from tests.conftest import SAMPLES
from zoneplan_tui.core import analysis
from zoneplan_tui.core.analysis import PROCESS_THRESHOLD, analyse
from zoneplan_tui.core.document import document_from_text
from zoneplan_tui.formats.load import load_document


def _big_plan():
    base = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    copies = PROCESS_THRESHOLD // len(base) + 1
    return document_from_text((base + "\n") * copies, "big.txt")


def test_offloaded_parse_equals_the_in_process_one():
    doc = _big_plan()
    assert len(doc.text) >= PROCESS_THRESHOLD
    here = analyse(doc)
    child = analyse(doc, offload=True)
    assert child.outline == here.outline
    assert child.figures == here.figures
    assert len(child.figures) > 1000


def test_offload_falls_back_when_no_child_can_start(monkeypatch):
    doc = _big_plan()
    calls = []

    def no_child(text, tables, overrides=None):
        calls.append(len(text))
        raise OSError("no processes here")

    monkeypatch.setattr(analysis, "_parse_in_child", no_child)
    result = analyse(doc, offload=True)
    assert calls == [len(doc.text)]
    assert result.figures == analyse(doc).figures


def test_a_broken_child_falls_back_too(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    doc = _big_plan()
    assert analyse(doc, offload=True).outline == analyse(doc).outline


def test_small_plans_are_parsed_in_process(monkeypatch):
    monkeypatch.setattr(
        analysis, "_parse_in_child", lambda text: (_ for _ in ()).throw(AssertionError)
    )
    doc = load_document(SAMPLES / "wuqing-2019-work-points.txt")
    assert analyse(doc, offload=True).outline.headings


def test_the_child_is_told_which_lines_are_table_cells():
    from pathlib import Path

    from zoneplan_tui.core.document import Document

    big = _big_plan()
    table = "\n".join(["一、表格中的一格", "二、另一格"])  # heading-like cells of a flattened table
    text = table + "\n" + big.text
    doc = Document(Path("t.docx"), text, "docx", ((1, 2),))
    child = analyse(doc, offload=True)
    assert child.outline == analyse(doc).outline
    assert all(h.line > 2 for h in child.outline.headings)
