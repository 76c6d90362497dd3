"""`zoneplan notes carry OLD NEW`: notes of an older edition placed on the newer one, those
whose passage is gone listed, nothing carried twice. The newer edition is made by rule from a
sample: two chapters swapped and renumbered, a section dropped, a passage's surroundings
rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.compare.edits import drop, plan, siblings, swap
from tests.conftest import SAMPLES
from zoneplan_tui.cli.command import main
from zoneplan_tui.core.document import document_from_text
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore

REWORDED_BEFORE = "根据上级最新部署要求，经认真研究并广泛征求各方面意见后，现将本项任务调整为："
REWORDED_AFTER = "；各责任单位要细化分解目标任务，明确时间节点和责任人员，确保按期保质完成。"
OLD = SAMPLES / "changsha-etdz-2020-work-points.txt"


def _note(store: NotesStore, path: Path, quote: str, note: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(quote)
    doc = document_from_text(text, path.name)
    store.add(
        new_annotation(
            doc.text,
            start,
            start + len(quote),
            path=str(path.resolve()),
            sha256=doc.sha256,
            note=note,
        )
    )


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """(old, new, quote of each kind of note): kept, rewritten around, dropped."""
    text = OLD.read_text(encoding="utf-8")
    old = tmp_path / "old.txt"
    old.write_text(text, encoding="utf-8")
    p = plan(text, "old.txt")
    top = min(h.level for h in p.outline.headings)
    sections = [g for g in siblings(p, top + 1) if len(g) >= 3]
    gone = sections[-1][0]
    dropped_line = p.doc.lines[gone.first]
    kept_section = sections[0][1]
    kept_line = p.doc.lines[kept_section.first]
    quotes = {
        "kept": kept_line[
            len(kept_section.heading.marker) + 4 : len(kept_section.heading.marker) + 24
        ],
        "dropped": dropped_line[-30:-5],
    }
    # The passage to be rewritten around: a middle stretch of another section's line.
    around = p.doc.lines[sections[0][2].first]
    mid = len(around) // 2
    quotes["rewritten"] = around[mid : mid + 12]
    new_text = drop(p, sections[-1], 0)
    p2 = plan(new_text, "new.txt")
    chapters = next(g for g in siblings(p2, top) if len(g) >= 3)
    new_text = swap(p2, chapters, 0)
    # Both sides of the passage rewritten past the context a note keeps.
    rewritten = REWORDED_BEFORE + quotes["rewritten"] + REWORDED_AFTER
    new_text = new_text.replace(around[mid - 40 : mid + 52], rewritten, 1)
    assert quotes["rewritten"] in new_text and quotes["kept"] in new_text
    assert quotes["dropped"] not in new_text
    new = tmp_path / "new.txt"
    new.write_text(new_text, encoding="utf-8")
    return old, new, quotes


def test_notes_are_carried_and_the_lost_ones_listed(
    editions: tuple[Path, Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, quotes = editions
    with NotesStore.open() as store:
        for kind, quote in quotes.items():
            _note(store, old, quote, f"note on the {kind} passage")
    assert main(["notes", "carry", str(old), str(new), "--json"]) == 0
    rows = {r["note"].split()[3]: r for r in json.loads(capsys.readouterr().out)["notes"]}
    assert rows["kept"]["status"] == "attached"
    assert rows["rewritten"]["status"] == "review"
    assert rows["rewritten"]["method"] == "section"  # its context is gone: found by section
    assert rows["dropped"]["status"] == "orphan" and rows["dropped"]["new_id"] is None
    new_text = new.read_text(encoding="utf-8")
    new_sha = document_from_text(new_text).sha256
    with NotesStore.open() as store:
        carried = store.for_document(new_sha)
        assert sorted(a.target.quote for a in carried) == sorted(
            [quotes["kept"], quotes["rewritten"]]
        )
        for a in carried:
            assert new_text[a.target.start : a.target.end] == a.target.quote
        assert len(store.for_document(document_from_text(old.read_text("utf-8")).sha256)) == 3
    # Again: nothing carried twice; the summary lists the note that could not be placed.
    assert main(["notes", "carry", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("carried 0 of 3 notes (0 to review, 2 already there, 1 not placed)")
    assert "not placed" in out.splitlines()[1]


def test_dry_run_stores_nothing(
    editions: tuple[Path, Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, quotes = editions
    with NotesStore.open() as store:
        _note(store, old, quotes["kept"], "a note")
    assert main(["notes", "carry", str(old), str(new), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("would carry 1 of 1 notes")
    with NotesStore.open() as store:
        assert len(store) == 1
