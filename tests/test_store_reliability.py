"""The notes file survives crashes, kill -9, concurrent processes, full disks and bad files.

Crashes are real: a child process is stopped with os._exit (no cleanup handlers run) at each
step of a save, or killed with SIGKILL while it saves in a loop.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.notes_files import on_disk
from zoneplan_tui.notes import atomic
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.atomic import backup_path
from zoneplan_tui.notes.store import CorruptStoreError, NotesStore, StoreError

TEXT = "坚持稳中求进工作总基调，全面深化改革开放，加快推进重大项目建设。" * 4
SHA = "e" * 64


def note(i: int = 0, **kw):
    start = i % 60
    return new_annotation(TEXT, start, start + 6, path="/plans/r.txt", sha256=SHA, **kw)


def temp_files(db: Path) -> list[str]:
    return [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]


def run_child(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "notes.json"
    s = NotesStore.open(path)
    s.import_annotations([note(i, note=f"已有{i}") for i in range(20)])
    return path


# ------------------------------------------------------------------- crash at every step

CRASH_CHILD = r"""
import os, sys
from zoneplan_tui.notes import atomic
from zoneplan_tui.notes import store as S
from zoneplan_tui.notes.annotations import new_annotation
db, step, dump = sys.argv[1:4]
def hook(name, payload):
    if name == step:
        with open(dump, "wb") as fh:
            fh.write(payload)
        os._exit(77)   # a crash: no finally blocks, no temp-file cleanup
atomic._fault_hook = hook
s = S.NotesStore.open(db)
text = "崩溃测试文本" * 10
s.add(new_annotation(text, 6, 12, path="/crash.txt", sha256="f" * 64, note="crash"))
os._exit(0)
"""

STEPS_OLD = ["before-write", "mid-write", "after-fsync", "before-replace"]
STEPS_NEW = ["after-replace", "after-dir-fsync"]


@pytest.mark.parametrize("step", STEPS_OLD + STEPS_NEW)
def test_crash_at_each_step_leaves_the_old_or_the_new_file(db, tmp_path, step):
    old = db.read_bytes()
    dump = tmp_path / "payload.bin"
    out = run_child(CRASH_CHILD, str(db), step, str(dump))
    assert out.returncode == 77, out.stderr
    new = dump.read_bytes()
    now = db.read_bytes()
    assert now == (old if step in STEPS_OLD else new)
    if step in ("mid-write", "after-fsync", "before-replace"):
        assert temp_files(db)  # the crash left its temporary file…
    s = NotesStore.open(db)
    assert temp_files(db) == []  # …and the next open removes it
    assert len(s.all()) == (20 if step in STEPS_OLD else 21)
    s.add(note(99))
    assert len(NotesStore.open(db).all()) == len(s.all())


@pytest.mark.parametrize("step", STEPS_OLD)
def test_an_error_at_each_step_raises_and_changes_nothing(db, step, monkeypatch):
    s = NotesStore.open(db)
    old = db.read_bytes()

    def hook(name: str, _payload: bytes) -> None:
        if name == step:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic, "_fault_hook", hook)
    with pytest.raises(StoreError, match=r"Input/output error.*not changed"):
        s.add(note(1, note="lost"))
    assert db.read_bytes() == old
    assert temp_files(db) == []
    monkeypatch.setattr(atomic, "_fault_hook", None)
    assert len(s.all()) == 20  # the failed note is not shown as if saved
    s.add(note(2, note="saved"))
    assert len(NotesStore.open(db).all()) == 21


# ------------------------------------------------------------------------ kill -9 loop

WRITER = r"""
import sys
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.notes.annotations import new_annotation
db, tag = sys.argv[1:3]
s = NotesStore.open(db)
text = "压力测试：规划文本内容。" * 10
i = 0
while True:
    a = s.add(new_annotation(text, i % 50, i % 50 + 5, path="/kill.txt", sha256="b" * 64,
                             note=f"{tag}-{i}", tags=[f"k{i % 7}"]))
    sys.stdout.write(a.id + "\n")
    sys.stdout.flush()   # printed only after add() returned: an acknowledged note
    i += 1
"""


def test_kill_9_while_saving_a_multi_megabyte_file(tmp_path):
    db = tmp_path / "notes.json"
    s = NotesStore.open(db)
    long_note = "审查意见：" + "需要补充论证材料。" * 30
    s.import_annotations([note(i, note=f"{i}{long_note}", tags=["批量"]) for i in range(3000)])
    assert db.stat().st_size > 2_000_000
    acknowledged: set[str] = set()
    rng = random.Random(9)
    kills = 0
    for round_no in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), f"r{round_no}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        first = proc.stdout.readline()  # saving has begun (slow CI: however long imports take)
        time.sleep(rng.random() * 0.4)  # then kill it at a random point of a later save
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode()
        kills += 1
        acknowledged.update((first + out).decode().split())
        data = on_disk(db)  # never unreadable (the file, and its journal replayed over it)
        ids = {r["id"] for r in data["notes"].values()}
        assert acknowledged <= ids  # no acknowledged note lost
    assert kills == 6 and len(acknowledged) > 0
    after = NotesStore.open(db)
    assert temp_files(db) == []
    assert {a.id for a in after.all()} >= acknowledged
    assert len(after.all()) >= 3000 + len(acknowledged)


# ------------------------------------------------------------------- concurrent processes

WORKER = r"""
import json, random, sys, time
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.notes.annotations import new_annotation
db, who, n, start_at = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
rng = random.Random(who)
s = NotesStore.open(db)  # one long-lived store per process, as the app has
s.all()
while time.time() < start_at:  # start together, so the saves really interleave
    time.sleep(0.002)
text = "多进程并发写入测试文本。" * 10
mine = []
for i in range(n):
    time.sleep(rng.random() * 0.015)  # let the others in between our saves
    r = rng.random()
    if r < 0.55 or not mine:
        a = s.add(new_annotation(text, i % 40, i % 40 + 4, path=f"/{who}.txt", sha256="c" * 64,
                                 note=f"{who}-{i}", tags=[f"t{who}", "shared"]))
        mine.append(a.id)
        print(json.dumps(["add", a.id, a.note]), flush=True)
    elif r < 0.8:
        nid = rng.choice(mine)
        a = s.update(nid, note=f"{who}-{i}-edited")
        print(json.dumps(["update", nid, a.note]), flush=True)
    elif r < 0.9:
        nid = mine.pop(rng.randrange(len(mine)))
        s.delete(nid)
        print(json.dumps(["delete", nid, None]), flush=True)
    else:
        s.set_state("c" * 64, "position", i, path=f"/{who}.txt")
        print(json.dumps(["state", who, i]), flush=True)
others = [a for a in s.all() if not a.doc.path.endswith(f"/{who}.txt")]
print(json.dumps(["saw-others", len(others), None]), flush=True)
"""


def test_processes_adding_editing_deleting_at_once(tmp_path):
    db = tmp_path / "notes.json"
    NotesStore.open(db).add(note(0, note="seed"))
    start_at = str(time.time() + 1.5)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), f"p{k}", "30", start_at],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    expected: dict[str, str | None] = {}
    positions: dict[str, int] = {}
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err  # no "Document with ID … already exists", no lock error
        assert "Error" not in err
        for line in out.splitlines():
            op, key, value = json.loads(line)
            if op in ("add", "update"):
                expected[key] = value
            elif op == "delete":
                expected[key] = None
            elif op == "state":
                positions[key] = value
    s = NotesStore.open(db)
    stored = {a.id: a.note for a in s.all()}
    for nid, text in expected.items():
        if text is None:
            assert nid not in stored
        else:
            assert stored.get(nid) == text  # every acknowledged change is there
    assert len(stored) == 1 + sum(v is not None for v in expected.values())
    names = [n for n, _ in s.tags_with_counts()]
    assert names.count("shared") == 1  # one tag, however many processes created it at once
    for who, pos in positions.items():
        assert s.get_state("c" * 64, "position", path=f"/{who}.txt") == pos
    data = on_disk(db)
    assert len({r["id"] for r in data["notes"].values()}) == len(data["notes"])


# --------------------------------------------------------- disk full, read-only, I/O error


def test_disk_full_mid_write(db, monkeypatch):
    s = NotesStore.open(db)
    old = db.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data[: max(1, len(data) // 3)])  # a short write first

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(StoreError) as exc:
        s.add(note(3, note="不会保存"))
    monkeypatch.setattr(os, "write", real_write)
    message = str(exc.value)
    assert "No space left on device" in message and "ENOSPC" in message
    assert str(db) in message and "\n" not in message
    assert db.read_bytes() == old
    assert temp_files(db) == []
    assert len(s.all()) == 20


def test_read_only_directory(db, monkeypatch):
    s = NotesStore.open(db)
    old = db.read_bytes()
    real_open = os.open

    def refuse_new_files(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and str(path).endswith(".tmp"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_new_files)
    with pytest.raises(StoreError, match="Read-only file system"):
        s.add(note(4))
    monkeypatch.setattr(os, "open", real_open)
    assert db.read_bytes() == old and temp_files(db) == []


def test_lock_file_cannot_be_created(tmp_path, monkeypatch):
    db = tmp_path / "ro" / "notes.json"
    s = NotesStore.open(db)
    real_open = os.open

    def refuse_lock(path, flags, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_lock)
    with pytest.raises(StoreError, match=r"cannot lock.*Permission denied"):
        s.add(note(5))
    assert not db.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_really_read_only_directory(db):
    s = NotesStore.open(db)
    old = db.read_bytes()
    os.chmod(db.parent, 0o500)
    try:
        with pytest.raises(StoreError):
            s.add(note(6))
    finally:
        os.chmod(db.parent, 0o700)
    assert db.read_bytes() == old


@pytest.mark.parametrize("fail", ["fsync", "replace"])
def test_io_error_on_fsync_or_replace(db, monkeypatch, fail):
    s = NotesStore.open(db)
    old = db.read_bytes()

    def broken(*_args, **_kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, fail, broken)
    with pytest.raises(StoreError, match="Input/output error"):
        s.add(note(7))
    monkeypatch.undo()
    assert db.read_bytes() == old and temp_files(db) == []


def test_a_locked_database_times_out_with_a_clear_error(db):
    from filelock import FileLock

    s = NotesStore.open(db, lock_timeout=0.2)
    holder = FileLock(str(db) + ".lock")
    code = (
        "import sys, time\nfrom filelock import FileLock\n"
        "l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(5)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(holder.lock_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="locked by another zoneplan process"):
            s.add(note(8))
    finally:
        proc.kill()
        proc.wait()
    s.add(note(8))


# ------------------------------------------------------------------------- corrupt files

CORRUPT = {
    "truncated": b'{"_default": {"1": {"format": "zoneplan-notes", "schema_version": 1}},'
    b' "notes": {"1',
    "array": b"[1, 2, 3]",
    "string": b'"hello"',
    "binary": bytes(range(256)) * 4,
    "gbk": '{"notes": "规划备注"}'.encode("gbk"),
    "other app": b'{"_default": {"1": {"name": "someone else"}}}',
    "bad record id": b'{"_default": {"1": {"format": "zoneplan-notes", "schema_version": 1}},'
    b' "notes": {"abc": {}}}',
    "table not object": b'{"_default": {"1": {"format": "zoneplan-notes", "schema_version": 1}},'
    b' "notes": [1]}',
    "whitespace": b"   \n",
}


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_files_are_refused_and_never_touched(tmp_path, kind):
    db = tmp_path / "notes.json"
    db.write_bytes(CORRUPT[kind])
    with pytest.raises(CorruptStoreError) as exc:
        NotesStore.open(db)
    message = str(exc.value)
    assert str(db) in message and "untouched" in message and "\n" not in message
    if kind != "bad record id":
        with pytest.raises(CorruptStoreError):
            NotesStore.open_read_only(db)
    assert db.read_bytes() == CORRUPT[kind]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


def test_a_record_id_that_breaks_tinydb_can_still_be_read_only(tmp_path):
    db = tmp_path / "notes.json"
    good = note(1, note="可读").to_dict()
    good["tags"] = []
    layout = {
        "_default": {"1": {"format": "zoneplan-notes", "schema_version": 1}},
        "notes": {"1": good, "x": {}},
    }
    db.write_bytes(orjson.dumps(layout))
    ro = NotesStore.open_read_only(db)
    assert [a.note for a in ro.all()] == ["可读"]


def test_an_empty_file_is_a_new_database_unless_backups_exist(tmp_path):
    db = tmp_path / "notes.json"
    db.write_bytes(b"")
    s = NotesStore.open(db)  # `touch notes.json`: nothing to lose, so it is adopted
    s.add(note(1))
    s.add(note(2))
    assert backup_path(db, 1).exists()
    db.write_bytes(b"")  # something else truncated our file
    with pytest.raises(CorruptStoreError, match="empty but backups exist"):
        NotesStore.open(db)
    assert db.read_bytes() == b""


def test_corruption_while_running_blocks_writes(db):
    s = NotesStore.open(db)
    db.write_bytes(b"garbage")
    with pytest.raises(CorruptStoreError):
        s.add(note(9))
    with pytest.raises(CorruptStoreError):
        s.all()
    assert db.read_bytes() == b"garbage"
