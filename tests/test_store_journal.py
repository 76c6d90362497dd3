"""The journal beside the notes file (`<db>.journal`): small saves append, everything reads them.

The same guarantees as the rewritten file (tests/test_store_reliability.py): a crash at any
step of an append or of folding the journal in loses nothing acknowledged and leaves readable
files; processes appending at once lose nothing; a bad file is refused and left alone; backups
and restores include what the journal said.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.notes_files import content, journal_lines, on_disk
from zoneplan_tui.notes import atomic
from zoneplan_tui.notes import store as store_mod
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.atomic import backup_path
from zoneplan_tui.notes.journal import journal_path
from zoneplan_tui.notes.store import (
    CorruptStoreError,
    NotesStore,
    StoreError,
    add_unread,
    list_backups,
    restore_backup,
)

TEXT = "坚持稳中求进工作总基调，全面深化改革开放，加快推进重大项目建设。" * 4
SHA = "e" * 64


def note(i: int = 0, **kw):
    start = i % 60
    return new_annotation(TEXT, start, start + 6, path="/plans/j.txt", sha256=SHA, **kw)


def ids_on_disk(db: Path) -> set[str]:
    return {r["id"] for r in on_disk(db)["notes"].values()}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A notes file with a backup made and its interval not yet over: the next small save
    appends to the journal."""
    path = tmp_path / "notes.json"
    s = NotesStore.open(path, backup_interval=3600)
    s.import_annotations([note(i, note=f"已有{i}", tags=["原有"]) for i in range(20)])
    s.add(note(note="第二次保存"))  # rotates the first backup: a rewrite
    assert backup_path(path, 1).exists() and not journal_path(path).exists()
    return path


def test_a_small_save_appends_one_line_and_leaves_the_file_alone(db):
    base = db.read_bytes()
    s = NotesStore.open(db, backup_interval=3600)
    a = s.add(note(3, note="追加", tags=["新标签"]))
    assert db.read_bytes() == base
    (line,) = journal_lines(db)
    # the note and the tag it created, as whole records, over this version of the file
    assert line["base"] == on_disk(db)["_default"]["1"]["write_id"]
    assert sorted(op[0] for op in line["ops"]) == ["notes", "tags"]
    s.update(a.id, note="改过")
    s.delete(s.all()[0].id)
    assert len(journal_lines(db)) == 3 and db.read_bytes() == base
    fresh = NotesStore.open_read_only(db)
    assert {x.id: x.note for x in fresh.all()} == {x.id: x.note for x in s.all()}
    assert fresh.get(a.id).note == "改过" and fresh.get(a.id).tags == ("新标签",)


def test_another_process_append_is_seen_by_a_long_lived_store(db):
    app = NotesStore.open(db)
    assert len(app.all()) == 21 and not app.changed_on_disk()
    done = subprocess.run(
        [sys.executable, "-c", ADD_ONE, str(db)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert journal_lines(db), "the other process appended"
    assert app.changed_on_disk()
    assert app.get(done.stdout.strip()) is not None and len(app.all()) == 22
    assert not app.changed_on_disk()


ADD_ONE = r"""
import sys
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.notes.annotations import new_annotation
text = "另一进程写入" * 10
s = NotesStore.open(sys.argv[1], backup_interval=3600)
print(s.add(new_annotation(text, 0, 6, path="/other.txt", sha256="d" * 64, note="other")).id)
"""


def test_large_changes_and_a_full_journal_rewrite_the_file(db, monkeypatch):
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note(note="一条"))
    assert journal_path(db).exists()
    s.rename_tag("原有", "改名")  # one record: appended
    assert journal_path(db).exists()
    s.import_annotations([note(i, note=f"批量{i}") for i in range(100)])  # bulk: rewritten
    assert not journal_path(db).exists()
    monkeypatch.setattr(store_mod, "JOURNAL_MIN_BYTES", 4000)
    monkeypatch.setattr(store_mod, "JOURNAL_SHARE", 10**6)
    sizes = []
    for i in range(12):
        s.add(note(i, note=f"填满日志{i}" * 20))
        sizes.append(journal_path(db).stat().st_size if journal_path(db).exists() else 0)
    # the journal grew past its limit once, was folded into the file, and started again
    assert 0 in sizes and max(sizes) >= 4000 and sizes[-1] < max(sizes)
    assert ids_on_disk(db) == {a.id for a in s.all()} and len(s.all()) == 21 + 1 + 100 + 12
    assert [a.tags for a in s.all() if a.note == "已有0"] == [("改名",)]


# ------------------------------------------------------------------- crashes mid-append

CRASH_APPEND = r"""
import os, sys
from zoneplan_tui.notes import atomic
from zoneplan_tui.notes import store as S
from zoneplan_tui.notes.annotations import new_annotation
db, step = sys.argv[1:3]
def hook(name, payload):
    if name == step:
        os._exit(77)   # a crash: no finally blocks run
atomic._fault_hook = hook
s = S.NotesStore.open(db, backup_interval=3600)
text = "崩溃测试文本" * 10
s.add(new_annotation(text, 6, 12, path="/crash.txt", sha256="f" * 64, note="crash"))
os._exit(0)
"""


@pytest.mark.parametrize(
    ("step", "kept"),
    [
        ("journal-before-append", False),
        ("journal-mid-append", False),
        ("journal-after-fsync", True),
    ],
)
def test_kill_mid_append_leaves_readable_files_and_the_next_append_works(db, step, kept):
    before = ids_on_disk(db)
    base = db.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", CRASH_APPEND, str(db), step], capture_output=True, timeout=60
    )
    assert done.returncode == 77, done.stderr.decode()
    assert db.read_bytes() == base  # an append never touches the file itself
    s = NotesStore.open(db, backup_interval=3600)
    notes = {a.note for a in s.all()}
    assert ("crash" in notes) is kept
    assert before <= {a.id for a in s.all()}
    later = s.add(note(note="之后"))
    again = NotesStore.open_read_only(db)
    assert later.id in {a.id for a in again.all()}
    assert ("crash" in {a.note for a in again.all()}) is kept
    assert ids_on_disk(db) == {a.id for a in again.all()}


def test_a_torn_line_is_skipped_and_never_spoils_the_next(db):
    s = NotesStore.open(db, backup_interval=3600)
    first = s.add(note(note="完整"))
    whole = journal_path(db).read_bytes()
    with open(journal_path(db), "ab") as fh:
        fh.write(whole[: len(whole) // 2])  # what a crash mid-append leaves: no newline
    reader = NotesStore.open_read_only(db)
    assert first.id in {a.id for a in reader.all()} and len(reader.all()) == 22
    # an append that does not read the file ends the torn line first, then writes its own
    quick = note(5, note="不读文件", tags=["原有"])
    assert add_unread(db, quick)
    assert journal_path(db).read_bytes().count(b"\n") == 3
    assert len(journal_lines(db)) == 2
    assert reader.changed_on_disk() and quick.id in {a.id for a in reader.all()}
    # a damaged byte inside an intact-looking line: that line is skipped, the rest kept
    raw = bytearray(journal_path(db).read_bytes())
    raw[20] ^= 0x01
    journal_path(db).write_bytes(bytes(raw))
    assert quick.id in {a.id for a in NotesStore.open_read_only(db).all()}
    # a store that finds skipped lines rewrites the file on its next save: they are gone
    s.add(note(note="整理"))
    assert not journal_path(db).exists()
    assert {a.note for a in NotesStore.open_read_only(db).all()} >= {"不读文件", "整理"}


def test_a_failed_append_changes_nothing(db, monkeypatch):
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note(note="先有"))
    before = journal_path(db).read_bytes()

    def hook(name, payload):
        if name == "journal-mid-append":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_fault_hook", hook)
    with pytest.raises(StoreError, match="No space left"):
        s.add(note(note="写不下"))
    monkeypatch.setattr(atomic, "_fault_hook", None)
    assert journal_path(db).read_bytes() == before  # the half line was taken back
    assert "写不下" not in {a.note for a in s.all()}  # and is not shown as saved


# ------------------------------------------------------------------- processes at once

APPENDER = r"""
import sys, time
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.notes.annotations import new_annotation
db, who, n, start_at = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
s = NotesStore.open(db, backup_interval=3600)
s.all()
while time.time() < start_at:
    time.sleep(0.002)
text = "并发追加测试文本。" * 10
for i in range(n):
    a = s.add(new_annotation(text, i % 40, i % 40 + 4, path=f"/{who}.txt", sha256="c" * 64,
                             note=f"{who}-{i}", tags=[f"t{who}", "shared"]))
    print(a.id, flush=True)
"""


def test_processes_appending_at_once_lose_nothing(db):
    start_at = time.time() + 3
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, str(db), f"p{k}", "25", str(start_at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    acknowledged: set[str] = set()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        acknowledged.update(out.split())
    assert len(acknowledged) == 100
    assert len(journal_lines(db)) >= 100  # appended, not rewritten
    assert acknowledged <= ids_on_disk(db)
    s = NotesStore.open_read_only(db)
    assert acknowledged <= {a.id for a in s.all()} and len(s.all()) == 121
    names = [n for n, _ in s.tags_with_counts()]
    assert names.count("shared") == 1  # created once, whoever appended first


# ------------------------------------------------------------------- folding the journal in

COMPACT_CRASH = r"""
import os, sys
from zoneplan_tui.notes import atomic
from zoneplan_tui.notes import store as S
db, step = sys.argv[1:3]
def hook(name, payload):
    if name == step:
        os._exit(77)
atomic._fault_hook = hook
s = S.NotesStore.open(db, backup_interval=3600)
s.merge_tags("原有", "合并")   # a bulk change: backup first, so the journal is folded in first
os._exit(0)
"""


@pytest.mark.parametrize(
    "step", ["mid-write", "after-fsync", "before-replace", "after-replace", "after-dir-fsync"]
)
def test_kill_while_folding_the_journal_in_loses_nothing(db, step):
    s = NotesStore.open(db, backup_interval=3600)
    for i in range(5):
        s.add(note(i, note=f"日志{i}"))
    s.delete(s.all()[0].id)
    expected = content(on_disk(db))
    assert journal_lines(db)
    done = subprocess.run(
        [sys.executable, "-c", COMPACT_CRASH, str(db), step], capture_output=True, timeout=60
    )
    assert done.returncode == 77, done.stderr.decode()
    # whether the old file + journal or the new file (the journal's lines then dead) is in
    # place, the content is what it was, every record once, no temporary files once reopened
    assert content(on_disk(db)) == expected
    after = NotesStore.open(db, backup_interval=3600)
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert {a.id for a in after.all()} == {r["id"] for r in expected["notes"].values()}
    after.add(note(note="之后"))
    assert len(NotesStore.open_read_only(db).all()) == len(expected["notes"]) + 1


def test_a_backup_holds_what_the_journal_said(db):
    s = NotesStore.open(db, backup_interval=3600)
    added = [s.add(note(i, note=f"备份前{i}")).id for i in range(3)]
    before = content(on_disk(db))
    s.merge_tags("原有", "合并")
    assert not journal_path(db).exists()
    assert content(on_disk(backup_path(db, 1))) == before
    assert set(added) <= {r["id"] for r in on_disk(backup_path(db, 1))["notes"].values()}
    assert list_backups(db)[0].notes == len(before["notes"])


def test_restore_moves_the_journal_aside_with_the_file_it_belonged_to(db):
    s = NotesStore.open(db, backup_interval=3600)
    late = s.add(note(note="恢复前追加"))
    journal = journal_path(db).read_bytes()
    kept = restore_backup(db, 1)
    assert kept is not None and not journal_path(db).exists()
    assert kept.with_name(kept.name + ".journal").read_bytes() == journal
    restored = NotesStore.open(db)
    assert late.id not in {a.id for a in restored.all()}
    assert len(restored.all()) == 20  # the backup made before the second save


# ------------------------------------------------------------------- bad files, read-only


def test_journal_beside_a_corrupt_file_leaves_both_alone(db):
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note(note="日志里"))
    journal = journal_path(db).read_bytes()
    db.write_bytes(db.read_bytes()[:100])  # truncated by something else
    with pytest.raises(CorruptStoreError):
        NotesStore.open(db)
    with pytest.raises(CorruptStoreError):
        NotesStore.open_read_only(db)
    with pytest.raises(StoreError):
        s.add(note(note="不能写"))
    assert journal_path(db).read_bytes() == journal and len(db.read_bytes()) == 100
    restore_backup(db, 1)
    assert len(NotesStore.open(db).all()) == 20


def test_read_only_opening_replays_the_journal_and_never_writes(db):
    s = NotesStore.open(db, backup_interval=3600)
    a = s.add(note(note="只读可见"))
    files = {p.name: p.read_bytes() for p in db.parent.iterdir()}
    ro = NotesStore.open_read_only(db)
    assert ro.get(a.id) is not None and ro.for_document(SHA)[0].doc.sha256 == SHA
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == files


def test_export_sees_journaled_notes(db, tmp_path):
    s = NotesStore.open(db, backup_interval=3600)
    a = s.add(note(note="导出可见"))
    assert journal_lines(db)
    out = tmp_path / "export.json"
    env = {**os.environ, "ZONEPLAN_DB": str(db)}
    zoneplan = Path(sys.executable).with_name("zoneplan")
    done = subprocess.run(
        [str(zoneplan), "notes", "export", "--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert a.id in json.dumps(json.loads(out.read_text(encoding="utf-8")))


# ------------------------------------------------------------------- adding without reading


def test_adding_without_reading_gives_the_records_a_store_would(db, tmp_path):
    """The same notes added to two copies of a file, by a store (which reads the file) and
    without reading: the same records, keys and tag ids."""
    other = tmp_path / "copy" / "notes.json"
    other.parent.mkdir()
    other.write_bytes(db.read_bytes())
    first = note(note="先有日志")
    for path in (db, other):  # a store appends over each copy: that vouches for the file
        NotesStore.open(path, backup_interval=3600).add(first)
        NotesStore.open(path, backup_interval=3600).delete(first.id)  # frees the highest key
    new = [
        note(7, note="新标签", tags=["全新", "原有"]),
        note(8, note="同名不同写法", tags=["ＡＢ", "ab", "原有"]),
        note(9, note="无标签"),
    ]
    for ann in new:
        NotesStore.open(db, backup_interval=3600).add(ann)  # a command that reads the file
        assert add_unread(other, ann)
    assert content(on_disk(other))["notes"] == content(on_disk(db))["notes"]
    assert content(on_disk(other))["tags"] == content(on_disk(db))["tags"]
    fresh = {a.id: a for a in NotesStore.open_read_only(other).all()}
    assert {a.id: a for a in NotesStore.open_read_only(db).all()} == fresh
    assert fresh[new[1].id].tags == ("ＡＢ", "原有")  # one tag by normalised name


def test_adding_without_reading_only_over_a_version_a_store_has_read(db, tmp_path):
    ann = note(note="不读")
    assert not add_unread(db, ann)  # no journal yet: nothing vouches for this file
    assert not journal_path(db).exists()
    assert not add_unread(tmp_path / "none.json", ann)  # no file at all
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note(note="日志开始"))
    # the file replaced behind the journal's back (same content, another file): not trusted
    data = db.read_bytes()
    db.unlink()
    db.write_bytes(data)
    assert not add_unread(db, ann)
    # a file that is not ours, with a journal beside it: never appended to
    foreign = tmp_path / "foreign" / "notes.json"
    foreign.parent.mkdir()
    foreign.write_bytes(b'{"other": {"1": {"x": 1}}}')
    journal_path(foreign).write_bytes(journal_path(db).read_bytes())
    before = journal_path(foreign).read_bytes()
    assert not add_unread(foreign, ann)
    assert journal_path(foreign).read_bytes() == before


def test_adding_without_reading_stops_when_the_journal_is_full(db, monkeypatch):
    monkeypatch.setattr(store_mod, "JOURNAL_MIN_BYTES", 3000)
    monkeypatch.setattr(store_mod, "JOURNAL_SHARE", 10**6)
    NotesStore.open(db, backup_interval=3600).add(note(note="开始"))
    results = [add_unread(db, note(i, note=f"长{i}" * 100)) for i in range(8)]
    assert results[0] and not results[-1]
    assert journal_path(db).stat().st_size >= 3000
    s = NotesStore.open(db, backup_interval=3600)
    s.add(note(note="整理"))  # the store folds the full journal in
    assert not journal_path(db).exists() and len(s.all()) == 21 + 1 + sum(results) + 1


def test_the_command_adds_without_reading_and_every_reader_sees_it(db, tmp_path):
    NotesStore.open(db, backup_interval=3600).add(note(note="开始"))
    lines = len(journal_lines(db))
    plan = tmp_path / "plan.txt"
    plan.write_text(TEXT, encoding="utf-8")
    zoneplan = Path(sys.executable).with_name("zoneplan")
    args = [
        "notes",
        "add",
        str(plan),
        "--quote",
        "全面深化改革",
        "--note",
        "命令行",
        "--db",
        str(db),
    ]
    done = subprocess.run(
        [str(zoneplan), *args, "--tag", "原有"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert len(journal_lines(db)) == lines + 1  # appended, the file not rewritten
    got = NotesStore.open_read_only(db).get(done.stdout.strip())
    assert got is not None and got.note == "命令行" and got.tags == ("原有",)
    assert got.target.quote == "全面深化改革"


def test_compact_folds_the_journal_in_for_plain_tinydb(db):
    from tinydb import TinyDB

    s = NotesStore.open(db, backup_interval=3600)
    a = s.add(note(note="压缩前", tags=["新"]))
    s.update(a.id, note="压缩后")
    expected = content(on_disk(db))
    assert s.compact() is True and not journal_path(db).exists()
    assert s.compact() is False
    assert content(on_disk(db)) == expected
    plain = TinyDB(db)
    try:
        rows = {r["id"]: r for r in plain.table("notes").all()}
        assert rows[a.id]["note"] == "压缩后"
        assert plain.table("tags").get(doc_id=rows[a.id]["tags"][0])["name"] == "新"
    finally:
        plain.close()


def test_interleaved_saves_and_unread_adds_replay_to_the_store_s_records(db, tmp_path):
    """Random adds, edits, deletes and tag renames on two copies: on one all through stores, on
    the other the adds without reading. The tables must come out the same, keys included."""
    import random

    other = tmp_path / "copy" / "notes.json"
    other.parent.mkdir()
    other.write_bytes(db.read_bytes())
    for path in (db, other):  # the copy has no backup yet: its first save makes one
        NotesStore.open(path, backup_interval=3600).set_state(SHA, "position", 1)
        NotesStore.open(path, backup_interval=3600).set_state(SHA, "position", 2)
    rng = random.Random(14)
    live: list[str] = []
    for i in range(40):
        r = rng.random()
        if r < 0.5 or not live:
            ann = note(i, note=f"第{i}", tags=rng.sample(["原有", "甲", "乙", "Ｃ", "c"], 2))
            NotesStore.open(db, backup_interval=3600).add(ann)
            assert add_unread(other, ann)
            live.append(ann.id)
        elif r < 0.7:
            nid = rng.choice(live)
            for path in (db, other):
                NotesStore.open(path, backup_interval=3600).update(nid, note=f"改{i}")
        elif r < 0.9:
            nid = live.pop(rng.randrange(len(live)))
            for path in (db, other):
                NotesStore.open(path, backup_interval=3600).delete(nid)
        else:
            name = rng.choice([n for n, _ in NotesStore.open(db).tags_with_counts()])
            for path in (db, other):
                NotesStore.open(path, backup_interval=3600).rename_tag(name, f"{name}{i}")
    assert journal_path(other).exists()  # everything was appended

    def notes(path: Path) -> dict[str, dict]:  # an edit's time is its own on each copy
        return {k: {**r, "updated": None} for k, r in on_disk(path)["notes"].items()}

    assert notes(other) == notes(db)
    assert content(on_disk(other))["tags"] == content(on_disk(db))["tags"]


def test_adding_without_reading_stops_where_a_correction_may_change_the_outline(db, tmp_path):
    # A note added unread takes its section path from the outline as parsed; a correction of
    # the plan's headings would change that, so any correction in the journal or the file sends
    # the command to the store, which makes the note against the corrected outline.
    from zoneplan_tui.notes.corrections import line_correction
    from zoneplan_tui.notes.store import holds_corrections

    s = NotesStore.open(db, backup_interval=3600)
    s.add(note(note="开始"))
    assert not holds_corrections(db)
    assert add_unread(db, note(1, note="无更正"))
    s = NotesStore.open(db, backup_interval=3600)
    s.add_correction(line_correction("heading", TEXT, 1, path="/plans/j.txt", sha256=SHA, level=1))
    assert journal_path(db).exists() and holds_corrections(db)  # the correction: appended
    before = journal_path(db).read_bytes()
    assert not add_unread(db, note(2, note="有更正"))
    assert journal_path(db).read_bytes() == before
    s.compact()  # folded into the file: still seen there
    assert not journal_path(db).exists() and holds_corrections(db)
    (correction,) = s.corrections_for(SHA, Path("/plans/j.txt"))
    s.remove_correction(correction.id)
    s.compact()
    assert not holds_corrections(db)  # an emptied table is no correction


def test_the_command_makes_its_note_against_the_corrected_outline(db, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("某区2025年工作要点\n重点项目\n推进招商引资工作。\n", encoding="utf-8")
    zoneplan = Path(sys.executable).with_name("zoneplan")
    common = ["--db", str(db)]

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(zoneplan), *args, *common], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    NotesStore.open(db, backup_interval=3600).add(note(note="开始"))  # a journal over the file
    # the parser reads line 2 as a heading; the reviewer said it is not one
    run("notes", "correct", str(plan), "--not-heading", "2")
    NotesStore.open(db, backup_interval=3600).add(note(note="再开始"))  # a journal over it
    assert journal_path(db).exists()
    added = run("notes", "add", str(plan), "--quote", "招商引资", "--note", "n")
    got = NotesStore.open_read_only(db).get(added)
    assert got is not None and got.target.section == ()


# ------------------------------------------------------ the one-shot lock (hold_lock_once)

_HOLD_WITH_FILELOCK = (
    "import sys, time\nfrom filelock import FileLock\n"
    "l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(5)\n"
)
_HOLD_ONCE = (
    "import sys, time\nfrom pathlib import Path\n"
    "from zoneplan_tui.notes.atomic import hold_lock_once\n"
    "with hold_lock_once(Path(sys.argv[1]), 5):\n"
    "    print('held', flush=True); time.sleep(5)\n"
)


def _holding(code: str, arg: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(arg)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_adding_without_reading_waits_for_a_store_holding_the_lock(db):
    NotesStore.open(db, backup_interval=3600).add(note(note="日志开始"))
    holder = _holding(_HOLD_WITH_FILELOCK, atomic.lock_path(db))  # as a store takes it
    try:
        with pytest.raises(StoreError, match="locked by another zoneplan process"):
            add_unread(db, note(1, note="等"), lock_timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
    assert add_unread(db, note(1, note="等"))  # the lock is free again


def test_a_store_waits_for_a_command_holding_the_lock_without_filelock(db):
    holder = _holding(_HOLD_ONCE, db)
    try:
        with pytest.raises(StoreError, match="locked by another zoneplan process"):
            NotesStore.open(db, lock_timeout=0.3).add(note(2, note="等"))
    finally:
        holder.kill()
        holder.wait()
    NotesStore.open(db, lock_timeout=0.3).add(note(2, note="等"))


def test_a_refused_flock_is_one_clear_error_and_nothing_is_appended(db, monkeypatch):
    import fcntl

    NotesStore.open(db, backup_interval=3600).add(note(note="日志开始"))

    def refused(fd, op):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", refused)
    before = journal_path(db).read_bytes()
    with pytest.raises(StoreError, match=r"cannot lock .*Function not implemented"):
        add_unread(db, note(3, note="无锁"))
    monkeypatch.undo()
    assert journal_path(db).read_bytes() == before
    assert add_unread(db, note(3, note="无锁"))


# ------------------------------------- after a rewrite: a journal started for the next add


def test_a_started_journal_lets_the_next_add_append_without_reading(db):
    s = NotesStore.open(db, backup_interval=3600)
    s.compact()  # nothing to fold: still no journal
    assert not journal_path(db).exists() and not add_unread(db, note(1, note="还不行"))
    assert s.start_journal()
    (header,) = journal_lines(db)
    base = on_disk(db)["_default"]["1"]["write_id"]
    st = db.stat()
    assert header == {
        "base": base,
        "ops": [],
        "file": [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns],
    }
    assert not s.start_journal()  # a journal is there: nothing to start
    assert add_unread(db, note(2, note="直接追加"))
    assert "直接追加" in {a.note for a in NotesStore.open_read_only(db).all()}


def test_no_journal_is_started_over_a_file_changed_since_or_before_the_first_backup(tmp_path):
    path = tmp_path / "notes.json"
    s = NotesStore.open(path, backup_interval=3600)
    s.add(note(note="第一条"))  # a new file: its first backup comes with the next save
    assert not backup_path(path, 1).exists()
    assert not s.start_journal() and not journal_path(path).exists()
    s.add(note(1, note="第二条"))  # the first backup, a rewrite
    other = NotesStore.open(path, backup_interval=3600)
    other.backup_now()
    other.add(note(2, note="别处改写"))  # another process rewrites the file
    assert not s.start_journal()  # s knows another version: it does not vouch for this one
    assert not journal_path(path).exists()


def test_the_corrections_table_is_found_from_the_end_of_the_file(db):
    import mmap

    from zoneplan_tui.notes.store import holds_corrections

    NotesStore.open(db, backup_interval=3600).compact()
    data = db.read_bytes()
    at = data.rfind(b'"corrections":')
    assert at > len(data) - 200 and data[at:].startswith(b'"corrections":{}')
    assert not holds_corrections(db)
    # a file written before the table was always written: no key at all, still no correction
    stripped = data.replace(b',"corrections":{}', b"")
    assert stripped != data
    db.write_bytes(stripped)
    assert not holds_corrections(db)
    with open(db, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        assert m.rfind(b'"corrections":') == -1
