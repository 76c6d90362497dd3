"""A damaged notes file's error names `zoneplan notes restore` and the newest good backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoneplan_tui import cli
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.atomic import backup_path
from zoneplan_tui.notes.store import CorruptStoreError, NotesStore

TEXT = "一、目标\n建成300个以上。\n"


def _with_backups(db: Path, generations: int) -> None:
    store = NotesStore.open(db, backup_interval=0)
    for i in range(generations + 1):
        store.add(new_annotation(TEXT, 5, 8, path="/p.txt", sha256="0" * 64, note=str(i)))
    store.close()
    assert backup_path(db, generations).exists()


def test_the_error_names_the_command_and_the_newest_backup_with_its_time(tmp_path):
    db = tmp_path / "notes.json"
    _with_backups(db, 2)
    db.write_bytes(b'{"notes": ')
    with pytest.raises(CorruptStoreError) as err:
        NotesStore.open(db)
    message = str(err.value)
    assert "`zoneplan notes restore`" in message
    assert str(backup_path(db, 1)) in message and "saved 20" in message and "UTC" in message


def test_a_damaged_newest_backup_is_skipped_for_the_next_good_one(tmp_path):
    db = tmp_path / "notes.json"
    _with_backups(db, 2)
    backup_path(db, 1).write_bytes(b"garbage")
    db.write_bytes(b"garbage")
    with pytest.raises(CorruptStoreError) as err:
        NotesStore.open(db)
    message = str(err.value)
    assert "`zoneplan notes restore 2`" in message and str(backup_path(db, 2)) in message


def test_no_good_backup_is_said_so(tmp_path):
    db = tmp_path / "notes.json"
    _with_backups(db, 1)
    backup_path(db, 1).write_bytes(b"garbage")
    db.write_bytes(b"garbage")
    with pytest.raises(CorruptStoreError) as err:
        NotesStore.open(db)
    assert "none of its backups" in str(err.value) and "restore`" not in str(err.value)


def test_the_cli_says_it_on_one_line(tmp_path, monkeypatch, capsys):
    db = tmp_path / "notes.json"
    _with_backups(db, 1)
    db.write_bytes(b"garbage")
    monkeypatch.setenv("ZONEPLAN_DB", str(db))
    assert cli.main(["notes", "list"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "zoneplan notes restore" in err and str(backup_path(db, 1)) in err
