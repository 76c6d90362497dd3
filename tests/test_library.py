"""The library: metadata of the sample plans, remembered folders, notes counts."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.core.analysis import analyse_outline
from zoneplan_tui.core.document import document_from_text
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.core.planmeta import plan_meta
from zoneplan_tui.formats.load import find_plans, load_document
from zoneplan_tui.library.catalog import FolderList, Library, default_folders_path
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore

EXPECTED = {
    "wuqing-2019-work-points.txt": ("中共武清开发区工委2019年工作要点", "武清开发区", 2019),
    "changsha-etdz-2020-work-points.txt": (
        "长沙经济技术开发区党工委2020年工作要点",
        "长沙经济技术开发区",
        2020,
    ),
    "jinan-luan-2020-work-points.txt": ("金安经济开发区2020年工作要点", "金安经济开发区", 2020),
    "haimen-2017-work-plan.txt": ("2017年工作计划", "海门", 2017),
    "industrial-park-summary-and-plan-redacted.txt": (
        "industrial-park-summary-and-plan-redacted",
        "xx工业园区",
        None,
    ),
}


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_metadata_of_the_samples(file):
    doc = load_document(SAMPLES / file)
    meta = plan_meta(doc, analyse_outline(doc))
    assert (meta.title, meta.body, meta.year) == EXPECTED[file]


def test_metadata_general_rules():
    doc = document_from_text("关于印发某某市高新区管委会2021年工作要点的通知\n正文。\n")
    meta = plan_meta(doc, analyse_outline(doc))
    assert meta.year == 2021
    doc = document_from_text(
        "工作计划\n发布时间：2018-01-05\n发布机构：某县人民政府\n\n一、总体要求\n"
    )
    meta = plan_meta(doc, analyse_outline(doc))
    assert (meta.body, meta.year) == ("某县", 2018)


def test_library_lists_plans_with_counts_and_notes(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    doc = load_document(SAMPLES / "wuqing-2019-work-points.txt")
    i = doc.text.index("引进北京项目")
    store.add(new_annotation(doc.text, i, i + 6, path=doc.path, sha256=doc.sha256, note="n"))
    with Library.open(
        index_path=tmp_path / "ix", folders_path=tmp_path / "f.json", store=store
    ) as lib:
        lib.refresh([SAMPLES])
        plans = {os.path.basename(p.path): p for p in lib.plans()}
        assert set(plans) == set(EXPECTED)
        w = plans["wuqing-2019-work-points.txt"]
        assert (w.title, w.body, w.year) == EXPECTED["wuqing-2019-work-points.txt"][:3]
        assert w.notes == 1 and w.headings > 10 and w.figures > 10 and w.size > 10_000
        assert plans["haimen-2017-work-plan.txt"].notes == 0
        assert lib.search("北京项目")[0].path == str(SAMPLES / "wuqing-2019-work-points.txt")


def test_a_moved_file_keeps_its_notes(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(SAMPLES, plans)
    doc = load_document(plans / "haimen-2017-work-plan.txt")
    store = NotesStore.open(tmp_path / "notes.json")
    store.add(new_annotation(doc.text, 0, 4, path=doc.path, sha256=doc.sha256, note="x"))
    (plans / "sub").mkdir()
    (plans / "haimen-2017-work-plan.txt").rename(plans / "sub" / "moved.txt")
    with Library.open(
        index_path=tmp_path / "ix", folders_path=tmp_path / "f.json", store=store
    ) as lib:
        lib.refresh([plans])
        moved = [p for p in lib.plans() if p.path.endswith("moved.txt")]
        assert moved and moved[0].notes == 1


def test_folders_are_remembered(tmp_path):
    assert default_folders_path().is_relative_to(os.environ["XDG_DATA_HOME"])
    fl = FolderList(tmp_path / "lib.json")
    assert fl.load() == []
    fl.add(SAMPLES)
    fl.add(SAMPLES)
    assert FolderList(tmp_path / "lib.json").load() == [str(SAMPLES)]
    with Library.open(index_path=tmp_path / "ix", folders_path=tmp_path / "lib.json") as lib:
        assert lib.plans() == []
        lib.refresh()
        assert len(lib.plans()) == 5
        assert lib.remove_folder(SAMPLES) == []
    (tmp_path / "lib.json").write_text("not json")
    assert FolderList(tmp_path / "lib.json").load() == []


def test_plan_files_recursive_and_errors(tmp_path):
    (tmp_path / "a" / ".hidden").mkdir(parents=True)
    (tmp_path / "a" / "x.txt").write_text("一、标题\n")
    (tmp_path / "a" / ".hidden" / "y.txt").write_text("一、标题\n")
    assert find_plans(tmp_path) == [tmp_path / "a" / "x.txt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(DocumentError):
        find_plans(tmp_path / "empty")
    with pytest.raises(DocumentError):
        find_plans(tmp_path / "missing")


def test_metadata_of_a_traditional_plan_keeps_its_script():
    doc = document_from_text("中共武清開發區工委２０１９年工作要點\n一、總體要求\n")
    meta = plan_meta(doc, analyse_outline(doc))
    assert (meta.body, meta.year) == ("武清開發區", 2019)


def test_a_remembered_folder_that_is_gone_is_reported_not_fatal(tmp_path):
    fl = FolderList(tmp_path / "lib.json")
    fl.add(SAMPLES)
    fl.add(tmp_path / "unplugged")
    with Library.open(index_path=tmp_path / "ix", folders_path=tmp_path / "lib.json") as lib:
        report = lib.refresh()
        assert len(lib.plans()) == 5
        assert len(report.errors) == 1 and "unplugged" in report.errors[0]
        with pytest.raises(DocumentError):
            lib.refresh([tmp_path / "unplugged"])


def test_search_can_be_scoped_to_plans_another_library_listed(tmp_path):
    paths = {"index_path": tmp_path / "ix", "folders_path": tmp_path / "f.json"}
    with Library.open(**paths) as lib:
        lib.refresh([SAMPLES])
        wuqing = next(
            p.sha256 for p in lib.plans() if p.path.endswith("wuqing-2019-work-points.txt")
        )
    with Library.open(**paths) as fresh:  # no refresh of its own: e.g. a UI worker
        hits = fresh.search("招商", docs=[wuqing])
        assert hits and {h.sha256 for h in hits} == {wuqing}
        assert len({h.sha256 for h in fresh.search("招商")}) > 1  # unscoped: every plan


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SAMPLES / "wuqing-2019-work-points.txt", folder / "good.txt")
    (folder / os.fsdecode(b"bad-\xff.txt")).write_text("一、总体要求\n增长8%\n")
    with Library.open(index_path=tmp_path / "ix", folders_path=tmp_path / "f.json") as lib:
        report = lib.refresh([folder], remember=True)
        assert [os.path.basename(p.path) for p in lib.plans()] == ["good.txt"]
        assert report.errors == [
            f"{folder}/bad-\\xff.txt: a file name that is not UTF-8; rename it"
        ]
        assert lib.search("武清")


def test_a_folder_whose_name_is_not_utf8_is_remembered_exactly(tmp_path):
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/plans-\xfe")
    os.mkdir(folder)
    fl = FolderList(tmp_path / "lib.json")
    fl.add(SAMPLES)
    fl.add(folder)
    assert FolderList(tmp_path / "lib.json").load() == [str(SAMPLES), folder]
    assert "武清" not in (tmp_path / "lib.json").read_text(encoding="utf-8")  # valid UTF-8


def test_a_rebuilt_index_is_reported_once(tmp_path):
    paths = {"index_path": tmp_path / "ix", "folders_path": tmp_path / "f.json"}
    (tmp_path / "ix").write_bytes(b"\x00garbage" * 1000)
    with Library.open(**paths) as lib:
        report = lib.refresh([SAMPLES])
        assert len(report.notices) == 1 and "was damaged" in report.notices[0]
        assert len(lib.plans()) == 5
        assert lib.refresh([SAMPLES]).notices == []


def test_damage_found_while_searching_moves_the_index_aside(tmp_path):
    from zoneplan_tui.library.index import SearchIndexError

    paths = {"index_path": tmp_path / "ix", "folders_path": tmp_path / "f.json"}
    with Library.open(**paths) as lib:
        lib.refresh([SAMPLES])
        # FTS5's own records garbled: the b-trees are sound, so the check on opening passes
        lib.index.con.execute("UPDATE fts_data SET block = randomblob(length(block))")
    with Library.open(**paths) as lib:
        lib.refresh([SAMPLES])
        with pytest.raises(SearchIndexError, match=r"was damaged .*run the command again") as e:
            lib.search("招商")
        assert "\n" not in str(e.value)
    assert len(list(tmp_path.glob("ix.damaged-*"))) == 1
    with Library.open(**paths) as lib:  # the next command rebuilds
        lib.refresh([SAMPLES])
        assert lib.search("招商")
