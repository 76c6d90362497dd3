"""NotesStore: the API the UI and the CLI use, the file layout, tags, state, backups, migration."""

from __future__ import annotations

import os
import threading
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from tests.notes_files import content, on_disk
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.notes import storage as storage_mod
from zoneplan_tui.notes.annotations import Annotation, DocRef, Target, new_annotation, now_iso
from zoneplan_tui.notes.atomic import backup_path
from zoneplan_tui.notes.store import (
    CorruptStoreError,
    NoteNotFoundError,
    NotesStore,
    ReadOnlyStoreError,
    StoreError,
    list_backups,
    resolve_db_path,
    restore_backup,
)

TEXT = (
    "一、总体要求\n坚持稳中求进工作总基调，全面深化改革开放。\n"
    "二、主要目标\n完成应税销售237亿元，全社会固定资产投资130亿元。\n"
)
SHA1 = "1" * 64
SHA2 = "2" * 64


def note(
    quote: str = "稳中求进", *, path: str = "/plans/a.txt", sha: str = SHA1, **kw
) -> Annotation:
    start = TEXT.index(quote)
    return new_annotation(TEXT, start, start + len(quote), path=path, sha256=sha, **kw)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.json"


@pytest.fixture
def store(db: Path) -> NotesStore:
    return NotesStore.open(db)


def raw(db: Path) -> dict:
    return on_disk(db)


# ------------------------------------------------------------------------------ basics


def test_opening_creates_nothing_until_the_first_save(db):
    s = NotesStore.open(db)
    assert s.all() == [] and len(s) == 0
    assert not db.parent.exists()
    s.add(note())
    assert db.exists()


def test_add_get_update_delete_restore(store):
    a = store.add(note(note="核实数据", tags=["投资"]))
    assert store.get(a.id) == a
    assert store.get("nope") is None

    b = store.update(a.id, note="已核实\n第二行", color="green")
    assert b.note == "已核实\n第二行" and b.color == "green"
    assert b.created == a.created and b.updated >= a.updated
    assert store.update(a.id, note="已核实\n第二行") == b  # no change, no new timestamp

    gone = store.delete(a.id)
    assert gone == b and store.get(a.id) is None
    assert store.tags_with_counts() == []  # the unused tag went with it

    store.restore(gone)
    assert store.get(a.id) == b  # undo keeps id and timestamps
    store.restore(a)  # undo of the update
    assert store.get(a.id) == a


def test_errors_are_user_errors_with_the_path(store, db):
    a = store.add(note())
    with pytest.raises(StoreError, match="already exists"):
        store.add(a)
    with pytest.raises(NoteNotFoundError) as exc:
        store.update("missing", note="x")
    assert isinstance(exc.value, UserError)
    assert str(db) in str(exc.value)
    with pytest.raises(NoteNotFoundError):
        store.delete("missing")
    with pytest.raises(TypeError):
        store.update(a.id, created="2020-01-01T00:00:00Z")
    with pytest.raises(StoreError, match="color"):
        store.update(a.id, color="not a colour!")
    with pytest.raises(StoreError):
        store.update(a.id, tags="一个字符串")


def test_for_document_matches_by_hash_or_by_path(store):
    a = store.add(note("稳中求进", path="/plans/a.txt", sha=SHA1))
    b = store.add(note("全面深化", path="/plans/a.txt", sha=SHA2))  # an earlier version of a.txt
    c = store.add(note("稳中求进", path="/plans/moved.txt", sha=SHA1))  # same text, moved file
    store.add(note("应税销售", path="/plans/other.txt", sha="3" * 64))
    assert {x.id for x in store.for_document(SHA1)} == {a.id, c.id}
    assert {x.id for x in store.for_document(SHA1, "/plans/a.txt")} == {a.id, b.id, c.id}
    assert [x.id for x in store.for_document("4" * 64, "/plans/a.txt")] == [a.id, b.id]
    assert [x.start for x in store.for_document(SHA1, "/plans/a.txt")] == sorted(
        x.start for x in store.for_document(SHA1, "/plans/a.txt")
    )


def test_search_by_text_and_tag(store):
    a = store.add(note(note="关注 GDP 目标", tags=["经济", "Key"]))
    b = store.add(note("应税销售", note="税收", tags=["经济"]))
    assert {x.id for x in store.search(tag="经济")} == {a.id, b.id}
    assert [x.id for x in store.search(tag="ｋｅｙ")] == [a.id]  # width and case folded
    assert [x.id for x in store.search(text="ｇｄｐ")] == [a.id]
    assert [x.id for x in store.search(text="应税")] == [b.id]  # the quote counts too
    assert [x.id for x in store.search(text="税", tag="key")] == []


def test_all_sorted_and_len(store):
    for q in ("全面深化", "稳中求进", "应税销售"):
        store.add(note(q))
    assert [a.quote for a in store.all()] == ["稳中求进", "全面深化", "应税销售"]
    assert len(store) == 3


# ------------------------------------------------------------------------------ file format


def test_file_is_a_standard_tinydb_file_in_utf8(store, db):
    a = store.add(note(note="中文备注", tags=["交通"]))
    data = db.read_bytes()
    assert "中文备注".encode() in data  # not \u-escaped
    layout = raw(db)
    assert list(layout)[:4] == ["_default", "notes", "tags", "state"]
    meta = layout["_default"]["1"]
    assert meta["format"] == "zoneplan-notes" and meta["schema_version"] == 1
    plain = TinyDB(db)
    try:
        rows = plain.table("notes").all()
        assert rows[0]["id"] == a.id and rows[0]["note"] == "中文备注"
        tag_id = rows[0]["tags"][0]
        assert plain.table("tags").get(doc_id=tag_id)["name"] == "交通"
    finally:
        plain.close()


def test_unknown_record_fields_survive_an_update(store, db):
    a = store.add(note())
    layout = raw(db)
    layout["notes"]["1"]["future_field"] = {"kept": True}
    db.write_bytes(orjson.dumps(layout))
    store.update(a.id, note="改")
    assert raw(db)["notes"]["1"]["future_field"] == {"kept": True}


def test_malformed_records_are_skipped_kept_and_reported(store, db):
    good = store.add(note())
    store.add(note("全面深化"))
    layout = raw(db)
    layout["notes"]["2"]["target"] = "broken"
    layout["notes"]["7"] = "not even an object"
    layout["notes"]["8"] = {"id": "x", "doc": {"path": "/p"}, "tags": [99]}
    db.write_bytes(orjson.dumps(layout))
    assert [a.id for a in store.all()] == [good.id]
    text = "\n".join(store.problems)
    assert "notes record 7 is malformed" in text and "note x is malformed" in text
    assert sum("malformed" in p for p in store.problems) == 3
    assert store.for_document(SHA1) == [good]
    store.add(note("应税销售"))  # a save keeps the broken records as they were
    after = raw(db)["notes"]
    assert after["2"]["target"] == "broken" and after["7"] == "not even an object"


def test_a_dangling_tag_id_costs_the_tag_not_the_note(store, db):
    a = store.add(note(tags=["甲"]))
    layout = raw(db)
    layout["notes"]["1"]["tags"].append(42)
    db.write_bytes(orjson.dumps(layout))
    assert store.get(a.id).tags == ("甲",)
    assert any("unknown tag id 42" in p for p in store.problems)


def test_unicode_round_trip(store, db):
    nfc = unicodedata.normalize("NFC", "Café 规划")
    nfd = unicodedata.normalize("NFD", nfc)
    notes = [nfc, nfd, "𠮷野家 😀 emoji", "Windows 行尾\r\n第二行\r\n", "tab\tand\u3000全角空格"]
    ids = [store.add(note(note=n, tags=[n.split()[0]])).id for n in notes]
    again = NotesStore.open(db)
    for i, n in zip(ids, notes, strict=True):
        assert again.get(i).note == n  # byte-for-byte: no normalisation, CRLF kept
    assert nfc != nfd


# ------------------------------------------------------------------------------------ tags


def test_tags_table_canonical_spelling_counts_and_pruning(store, db):
    a = store.add(note(tags=["交通", "Land Use"]))
    b = store.add(note("全面深化", tags=["交通 ", "land use", "新"]))
    assert b.tags == ("交通", "Land Use", "新")  # existing spellings win
    assert store.tags_with_counts() == [("Land Use", 2), ("交通", 2), ("新", 1)]
    assert len(raw(db)["tags"]) == 3
    store.update(b.id, tags=["交通"])
    assert store.tags_with_counts() == [("交通", 2), ("Land Use", 1)]
    store.delete(a.id)
    assert store.tags_with_counts() == [("交通", 1)]


def test_rename_tag_is_one_record(store, db):
    store.add(note(tags=["交通"]))
    store.add(note("全面深化", tags=["交通"]))
    before = raw(db)
    store.rename_tag("交通", "交通运输")
    after = raw(db)
    assert after["notes"] == before["notes"]  # notes point at tag ids: untouched
    assert [t["name"] for t in after["tags"].values()] == ["交通运输"]
    assert store.tags_with_counts() == [("交通运输", 2)]
    store.rename_tag("交通运输", "交通ＲＵＮ")
    store.rename_tag("交通run", "交通Run")  # same normalised name: only the spelling changes
    assert store.tags_with_counts() == [("交通Run", 2)]
    store.add(note("应税销售", tags=["其他"]))
    with pytest.raises(StoreError, match="merge"):
        store.rename_tag("其他", "交通run")
    with pytest.raises(NoteNotFoundError):
        store.rename_tag("nope", "x")
    with pytest.raises(StoreError):
        store.rename_tag("其他", "  ")


def test_merge_and_delete_tags(store):
    a = store.add(note(tags=["道路", "交通"]))
    b = store.add(note("全面深化", tags=["道路"]))
    c = store.add(note("应税销售", tags=["交通", "税"]))
    assert store.merge_tags("道路", "交通") == 2
    assert store.get(a.id).tags == ("交通",)  # deduplicated
    assert store.get(b.id).tags == ("交通",)
    assert store.tags_with_counts() == [("交通", 3), ("税", 1)]
    assert store.merge_tags("税", "财政") == 1  # merging into a new name renames
    assert store.get(c.id).tags == ("交通", "财政")
    assert store.delete_tag("交通") == 3
    assert store.get(a.id).tags == ()
    assert store.tags_with_counts() == [("财政", 1)]
    with pytest.raises(NoteNotFoundError):
        store.delete_tag("交通")


# ----------------------------------------------------------------------------------- state


def test_state_by_hash_and_path(store, db):
    assert store.get_state(SHA1, "position") is None
    assert store.get_state(SHA1, "position", 0) == 0
    store.set_state(SHA1, "position", 120, path="/plans/a.txt")
    store.set_state(SHA1, "folds", {"一、总体要求": True}, path="/plans/a.txt")
    assert store.get_state(SHA1, "position") == 120
    assert store.get_state(SHA1, "position", path="/plans/a.txt") == 120
    # the plan was edited: new hash, same path → the old position is the best guess
    assert store.get_state(SHA2, "position", path="/plans/a.txt") == 120
    assert store.get_state(SHA2, "position") is None
    store.set_state(SHA2, "position", 300, path="/plans/a.txt")
    assert store.get_state(SHA2, "position", path="/plans/a.txt") == 300
    records = raw(db)["state"].values()
    assert sorted(r["sha256"] for r in records if r["key"] == "position") == [SHA2]


def test_state_without_a_path_and_no_op_saves(store, db):
    store.set_state("path:/x.txt", "position", 5)  # the UI may key by any string
    assert store.get_state("path:/x.txt", "position") == 5
    stamp = raw(db)["_default"]["1"]["write_id"]
    store.set_state("path:/x.txt", "position", 5)
    assert raw(db)["_default"]["1"]["write_id"] == stamp  # same value: no save
    with pytest.raises(StoreError, match="JSON"):
        store.set_state(SHA1, "k", object())


# ---------------------------------------------------------------------- many store objects


def test_two_long_lived_stores_see_each_other_and_never_clash(db):
    """The TinyDB failure the issue describes: two long-lived TinyDB objects hand out the same
    document id. Each save here re-reads what the other wrote and resets TinyDB's counters."""
    one, two = NotesStore.open(db), NotesStore.open(db)
    ids = []
    for i in range(6):
        s = one if i % 2 == 0 else two
        ids.append(s.add(note(note=f"第{i}条")).id)
        other = two if s is one else one
        assert other.get(ids[-1]) is not None
    assert sorted(a.id for a in one.all()) == sorted(ids) == sorted(a.id for a in two.all())
    assert len(raw(db)["notes"]) == 6
    assert not one.changed_on_disk()
    two.update(ids[0], note="改")
    assert one.changed_on_disk()
    assert one.refresh() is True and one.refresh() is False
    assert one.get(ids[0]).note == "改"
    tagged = two.add(note(tags=["甲"]))
    one.add(note(tags=["甲"]))  # must reuse tag 甲, not create a second one
    assert len(raw(db)["tags"]) == 1
    assert one.get(tagged.id).tags == ("甲",)


def test_threads_share_one_store(store):
    errors = []

    def work(k: int) -> None:
        try:
            for i in range(10):
                store.add(note(note=f"{k}-{i}", tags=[f"t{k % 3}"]))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.all()) == 40
    assert sum(n for _, n in store.tags_with_counts()) == 40


# ------------------------------------------------------------------------ import (merge)


def test_import_adds_updates_and_skips_by_id(store):
    a = store.add(note(note="旧"))
    newer = Annotation.from_dict({**a.to_dict(), "note": "新", "updated": "2999-01-01T00:00:00Z"})
    older = Annotation.from_dict({**a.to_dict(), "note": "更旧", "updated": "2000-01-01T00:00:00Z"})
    fresh = note("全面深化", tags=["导入"])
    rep = store.import_annotations([fresh, a])
    assert (rep.added, rep.unchanged, rep.updated, rep.older) == ([fresh.id], [a.id], [], [])
    rep = store.import_annotations([older])
    assert rep.older == [a.id] and store.get(a.id).note == "旧"
    rep = store.import_annotations([newer])
    assert rep.updated == [a.id] and store.get(a.id).note == "新"
    again = store.import_annotations([newer, fresh])
    assert again.added == [] and again.updated == [] and len(again.skipped) == 2
    assert again.summary() == "added 0, updated 0, skipped 2 (2 unchanged)"


def _at(ann: Annotation, when: str, **changes: object) -> Annotation:
    return Annotation.from_dict({**ann.to_dict(), "updated": when, **changes})


NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_the_same_id_twice_in_an_import_keeps_the_newer_and_reports_it(store):
    a = note(note="一")
    older = _at(a, "2025-01-01T00:00:00Z", note="旧的一份")
    newer = _at(a, "2025-02-01T00:00:00Z", note="新的一份")
    for order in ([older, newer], [newer, older]):  # whichever comes first in the file
        s = NotesStore.open(store.path.with_name(f"n{len(order)}{order[0].note}.json"))
        rep = s.import_annotations(order, now=NOW)
        assert rep.added == [a.id] and s.get(a.id).note == "新的一份"
        [conflict] = rep.conflicts
        assert a.id in conflict and "2 different copies" in conflict
        assert "kept the newest" in conflict
        assert rep.summary() == "added 1, updated 0, skipped 0, 1 conflict"
    # The same copy twice is one note, no conflict.
    rep = store.import_annotations([newer, newer], now=NOW)
    assert rep.added == [a.id] and rep.unchanged == [a.id] and rep.conflicts == []


def test_a_stored_copy_newer_than_the_import_is_kept_and_the_conflict_said(store):
    a = store.add(note(note="本地改过"))
    stale = _at(a, "2000-01-01T00:00:00Z", note="导出时的旧文")
    rep = store.import_annotations([stale], now=NOW)
    assert rep.older == [a.id] and store.get(a.id).note == "本地改过"
    [conflict] = rep.conflicts
    assert a.id in conflict and "kept the stored one" in conflict


def test_a_time_in_the_future_is_taken_as_now_and_reported(store):
    a = store.add(note(note="原文"))
    now = datetime.now(UTC) + timedelta(seconds=1)  # the clock of the import
    stamp = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    future = _at(a, "2999-01-01T00:00:00Z", note="远未来的修改", created="2999-01-01T00:00:00Z")
    rep = store.import_annotations([future], now=now)
    [clamped] = rep.clamped
    assert a.id in clamped and "2999-01-01" in clamped and "in the future" in clamped
    got = store.get(a.id)
    assert got.note == "远未来的修改" and got.updated == got.created == stamp
    # A correction made after the import wins, as it should: the 2999 date no longer does.
    day = now + timedelta(days=1)
    later = _at(got, day.isoformat().replace("+00:00", "Z"), note="更正")
    assert store.import_annotations([later], now=day).updated == [a.id]
    assert store.get(a.id).note == "更正"
    # Within the allowed skew (a clock a little fast) a time is kept as it is.
    soon = (day + timedelta(minutes=30)).isoformat().replace("+00:00", "Z")
    rep = store.import_annotations([_at(got, soon, note="时钟稍快")], now=day)
    assert rep.clamped == [] and store.get(a.id).updated == soon


def test_importing_a_clamped_note_again_changes_nothing(store):
    a = note(note="未来")
    future = _at(a, "2999-01-01T00:00:00Z")
    assert store.import_annotations([future], now=NOW).added == [a.id]
    again = store.import_annotations([future], now=NOW + timedelta(hours=5))
    assert again.unchanged == [a.id] and again.updated == [] and len(again.clamped) == 1


# ---------------------------------------------------------------------------------- paths


def test_db_path_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONEPLAN_DB", str(tmp_path / "env.json"))
    assert resolve_db_path() == tmp_path / "env.json"
    assert resolve_db_path(tmp_path / "flag.json") == tmp_path / "flag.json"
    monkeypatch.delenv("ZONEPLAN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = resolve_db_path()
    assert path.name == "notes.json" and "zoneplan" in path.parts
    assert str(path).startswith(str(tmp_path))  # never the real user data dir in tests


def test_a_directory_is_not_a_notes_file(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        NotesStore.open(tmp_path)


# -------------------------------------------------------------------------------- read-only


def test_read_only_store_reads_but_never_writes(store, db):
    a = store.add(note())
    ro = NotesStore.open_read_only(db)
    assert ro.get(a.id) == a
    before = db.read_bytes()
    with pytest.raises(ReadOnlyStoreError):
        ro.add(note("全面深化"))
    with pytest.raises(ReadOnlyStoreError):
        ro.set_state(SHA1, "k", 1)
    assert db.read_bytes() == before
    assert NotesStore.open_read_only(db.parent / "absent.json").all() == []


# --------------------------------------------------------------------------------- backups


def test_backups_rotate_spaced_out_and_forced_for_bulk_changes(db):
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note())  # the first save of a new file has nothing to back up
    assert not backup_path(db, 1).exists()
    v1 = db.read_bytes()
    s.add(note("全面深化", tags=["甲"]))
    assert backup_path(db, 1).read_bytes() == v1  # no backup yet: make one
    s.add(note("应税销售", tags=["乙"]))
    assert backup_path(db, 1).read_bytes() == v1  # within the interval: not again
    assert not backup_path(db, 2).exists()
    # The third note went to the journal: the backup is the file with it folded in.
    v3 = content(on_disk(db))
    s.merge_tags("甲", "乙")  # bulk change: always back up first
    assert content(on_disk(backup_path(db, 1))) == v3 and backup_path(db, 2).read_bytes() == v1
    for i in range(4):
        s.delete_tag("乙") if i == 0 else s.import_annotations([note(note=str(i))])
    assert sorted(p.name for p in db.parent.glob("notes.json.bak.*")) == [
        "notes.json.bak.1",
        "notes.json.bak.2",
        "notes.json.bak.3",
    ]
    infos = list_backups(db)
    assert [i.generation for i in infos] == [1, 2, 3]
    assert all(i.notes is not None and i.notes >= 3 for i in infos)


def test_backups_are_hard_links_of_superseded_versions(db):
    s = NotesStore.open(db)
    s.add(note())
    ino = db.stat().st_ino
    s.add(note("全面深化"))
    assert backup_path(db, 1).stat().st_ino == ino  # no copy: the old inode itself


def test_restore_backup_keeps_the_file_it_replaces(db):
    s = NotesStore.open(db)
    a = s.add(note())
    s.add(note("全面深化"))
    db.write_bytes(b'{"_default": {"1": {"format": "zoneplan-no')  # broken by something else
    with pytest.raises(CorruptStoreError):
        NotesStore.open(db)
    kept = restore_backup(db, 1)
    assert kept is not None and kept.read_bytes().startswith(b'{"_default": {"1"')
    again = NotesStore.open(db)
    assert [x.id for x in again.all()] == [a.id]
    assert s.get(a.id) == a  # the long-lived store sees the restored file
    with pytest.raises(StoreError, match="no such backup"):
        restore_backup(db, 7)


# ------------------------------------------------------------------------------- migration


def test_schema_migration_runs_in_memory_and_is_written_with_a_backup(db, monkeypatch):
    s = NotesStore.open(db)
    a = s.add(note(note="v1"))
    v1 = db.read_bytes()

    def v1_to_v2(data: dict) -> None:
        for rec in data["notes"].values():
            rec["note"] = rec["note"] + " (migrated)"

    monkeypatch.setattr(storage_mod, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(storage_mod.MIGRATIONS, 1, v1_to_v2)
    s2 = NotesStore.open(db)
    assert s2.get(a.id).note == "v1 (migrated)"
    assert db.read_bytes() == v1  # reading does not write
    s2.add(note("全面深化"))
    assert raw(db)["_default"]["1"]["schema_version"] == 2
    assert backup_path(db, 1).read_bytes() == v1  # the pre-migration file is kept

    monkeypatch.setattr(storage_mod, "SCHEMA_VERSION", 1)
    with pytest.raises(StoreError, match="newer zoneplan"):
        NotesStore.open(db)
    assert raw(db)["_default"]["1"]["schema_version"] == 2


def test_a_plain_tinydb_empty_file_is_adopted(db):
    db.parent.mkdir(parents=True)
    db.write_text("{}")
    s = NotesStore.open(db)
    s.add(note())
    assert raw(db)["_default"]["1"]["format"] == "zoneplan-notes"


def test_timestamps_are_utc_iso():
    stamp = now_iso()
    assert stamp.endswith("Z") and "T" in stamp
    a = Annotation(DocRef("/p"), Target(0, 1, "x"), created="2024-05-01T08:00:00+08:00")
    assert a.updated == a.created


def test_store_repr_and_context_manager(db):
    with NotesStore.open(db) as s:
        assert "notes.json" in repr(s)
    assert "read_only=True" in repr(NotesStore.open_read_only(db))


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_backup_falls_back_to_a_copy_without_hard_links(db, monkeypatch):
    s = NotesStore.open(db)
    s.add(note())
    v1 = db.read_bytes()

    def no_links(*_a, **_k):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    s.add(note("全面深化"))
    assert backup_path(db, 1).read_bytes() == v1
    assert backup_path(db, 1).stat().st_ino != db.stat().st_ino


def test_a_rewrite_that_stat_cannot_see_is_still_noticed(store, db):
    """Inode reuse within one mtime tick looks unchanged to stat. Simulated: another save (new
    write_id, same size) written into the same inode with the mtime put back."""
    store.add(note(note="原来"))
    assert store.all()[0].note == "原来"
    st = db.stat()
    data = db.read_bytes()
    write_id = raw(db)["_default"]["1"]["write_id"].encode()
    changed = data.replace("原来".encode(), "改了".encode()).replace(write_id, b"0" * 32)
    with open(db, "r+b") as fh:
        fh.write(changed)
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    now = db.stat()
    assert (now.st_ino, now.st_size, now.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)
    assert store.changed_on_disk()
    assert store.all()[0].note == "改了"


def test_safe_storage_works_under_plain_tinydb(tmp_path):
    from zoneplan_tui.notes.storage import SafeJSONStorage

    path = tmp_path / "plain.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    db.insert({"k": "值"})
    db.insert({"k": "二"})
    assert [d["k"] for d in TinyDB(path).all()] == ["值", "二"]
    assert [p.name for p in tmp_path.iterdir()] == ["plain.json"]


# ------------------------------------------------------------------------------ the layers


def test_a_transaction_is_one_save_whatever_it_writes(store, db, monkeypatch):
    from zoneplan_tui.notes import atomic

    store.add(note(tags=["甲"]))
    saves = []
    monkeypatch.setattr(atomic, "_fault_hook", lambda step, _p: saves.append(step))
    with store.transaction() as t:
        t.notes.insert({"id": "raw", "doc": {"path": "/p"}, "tags": []})
        t.tags.insert({"name": "乙", "norm": "乙"})
        t.state.insert({"sha256": SHA1, "path": "", "key": "k", "value": 1, "updated": now_iso()})
    assert saves.count("before-write") == 1
    layout = raw(db)
    assert len(layout["notes"]) == 2 and len(layout["tags"]) == 2 and len(layout["state"]) == 1
    saves.clear()
    with store.transaction():
        pass  # wrote nothing: no save
    assert saves == []


def test_a_failing_transaction_changes_nothing(store, db):
    a = store.add(note())
    before = db.read_bytes()
    with pytest.raises(ZeroDivisionError), store.transaction() as t:
        t.notes.update({"note": "lost"}, doc_ids=[1])
        t.tags.insert({"name": "丢", "norm": "丢"})
        raise ZeroDivisionError
    assert db.read_bytes() == before
    assert store.get(a.id).note == "" and store.tags_with_counts() == []
    assert store.add(note("全面深化")).id in {x.id for x in NotesStore.open(db).all()}


def test_transactions_do_not_nest_and_need_a_writable_store(store, db):
    store.add(note())
    before = db.read_bytes()
    with pytest.raises(RuntimeError, match="nest"), store.transaction() as t:
        t.tags.insert({"name": "外", "norm": "外"})
        with store.transaction():
            pass
    assert db.read_bytes() == before
    with pytest.raises(ReadOnlyStoreError), NotesStore.open_read_only(db).transaction():
        pass


def test_a_refused_write_does_not_cost_a_reparse(store, monkeypatch):
    a = store.add(note())
    store.all()
    parses = []
    real = storage_mod.loads
    monkeypatch.setattr(storage_mod, "loads", lambda b: parses.append(1) or real(b))
    with pytest.raises(StoreError, match="already exists"):
        store.add(a)
    with pytest.raises(NoteNotFoundError):
        store.delete("missing")
    assert store.get(a.id) == a
    assert parses == []  # the cache was kept: nothing had been written


def test_document_ids_freed_by_a_delete_are_reused_without_mixing_notes_up(store, db):
    """A fresh store counts record ids from the file (max + 1), so another process may give a new
    note the record id of a note just deleted here; undoing that delete must add the old note
    back, not overwrite the new one."""
    keep = store.add(note(note="留"))
    gone = store.add(note("全面深化", note="删"))
    store.delete(gone.id)
    new = NotesStore.open(db).add(note("应税销售", note="新"))
    assert sorted(raw(db)["notes"]) == ["1", "2"]  # the freed id 2 was taken again
    store.restore(gone)
    assert {x.id: x.note for x in store.all()} == {keep.id: "留", gone.id: "删", new.id: "新"}
    assert store.update(new.id, note="新2").note == "新2"
    assert store.get(gone.id).note == "删"


def test_backup_now_forces_a_rotation_with_the_next_save(db):
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note())
    s.add(note("全面深化"))  # the first backup
    v2 = db.read_bytes()
    s.add(note("应税销售"))
    assert not backup_path(db, 2).exists()  # within the interval
    s.backup_now()
    s.add(note("固定资产"))
    assert backup_path(db, 2).exists() and backup_path(db, 1).read_bytes() != v2


def test_the_cache_middleware_works_under_plain_tinydb(tmp_path):
    from zoneplan_tui.notes.storage import ReloadingCache, SafeJSONStorage

    path = tmp_path / "plain.json"
    cache = ReloadingCache(SafeJSONStorage)
    db = TinyDB(path, storage=cache)
    db.insert({"k": "一"})
    assert not path.exists()  # writes wait for flush(), like TinyDB's CachingMiddleware
    cache.flush()
    assert [d["k"] for d in TinyDB(path, storage=SafeJSONStorage).all()] == ["一"]
    TinyDB(path, storage=SafeJSONStorage).insert({"k": "二"})
    assert cache.changed_on_disk() and cache.refresh() and not cache.refresh()
    # A reload calls for a new TinyDB over the cache: its tables count ids from what they saw.
    db = TinyDB(storage=lambda: cache)
    assert [d["k"] for d in db.all()] == ["一", "二"]
    db.insert({"k": "三"})
    db.close()  # flushes
    assert [d["k"] for d in TinyDB(path, storage=SafeJSONStorage).all()] == ["一", "二", "三"]
