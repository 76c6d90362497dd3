"""`-o FILE` for every command that takes it (cli/output_file.py): atomic, only ever a regular
file replaced, its permissions kept, a symbolic link written through to a regular file only,
`-` for stdout. Run in process; tests/hostile runs the same refusals in a limited child."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.cli.command import main
from zoneplan_tui.notes import atomic

PLAN = SAMPLES / "haimen-2017-work-plan.txt"


def commands(tmp_path: Path) -> dict[str, list[str]]:
    """Every command with -o, writing to the `-o` that follows."""
    db = tmp_path / "notes.json"
    assert main(["notes", "add", str(PLAN), "--line", "4", "--note", "核实", "--db", str(db)]) == 0
    index = ["--index", str(tmp_path / "ix.sqlite3"), "--db", str(db)]
    return {
        "numbers csv": ["numbers", str(PLAN), "--csv"],
        "numbers json": ["numbers", str(PLAN), "--json"],
        "numbers table": ["numbers", str(PLAN)],
        "targets csv": ["targets", str(SAMPLES), "--csv", *index],
        "targets table": ["targets", str(SAMPLES), *index],
        "notes md": ["notes", "export", "--format", "md", "--db", str(db)],
        "notes json": ["notes", "export", "--format", "json", "--db", str(db)],
    }


@pytest.fixture(scope="module")
def argvs(tmp_path_factory) -> dict[str, list[str]]:
    return commands(tmp_path_factory.mktemp("o-commands"))


NAMES = ["numbers csv", "numbers json", "numbers table", "targets csv", "targets table", "notes md"]


def _specials(tmp_path: Path) -> dict[str, Path]:
    """Targets that must never be replaced: (name -> path)."""
    found = {}
    os.mkfifo(tmp_path / "fifo")
    found["a FIFO"] = tmp_path / "fifo"
    (tmp_path / "dir").mkdir()
    found["a directory"] = tmp_path / "dir"
    (tmp_path / "to-null").symlink_to("/dev/null")
    found["a link to /dev/null"] = tmp_path / "to-null"
    (tmp_path / "to-dir").symlink_to(tmp_path / "dir")
    found["a link to a directory"] = tmp_path / "to-dir"
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    found["a link to nothing"] = tmp_path / "dangling"
    try:  # a character device of our own (as /dev/null is), never the system's
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        found["a character device"] = tmp_path / "null"
    except (PermissionError, OSError):
        pass
    return found


def _kind(path: Path) -> tuple:
    st = os.lstat(path)
    link = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
    return stat.S_IFMT(st.st_mode), st.st_ino, st.st_rdev, link


@pytest.mark.parametrize("name", NAMES)
def test_special_files_are_refused_and_left_alone(argvs, name, tmp_path, capsys):
    for what, target in _specials(tmp_path).items():
        before = _kind(target)
        capsys.readouterr()
        assert main([*argvs[name], "-o", str(target)]) == 2, what
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("zoneplan: ") and "not written" in err
        assert _kind(target) == before, what
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", NAMES)
def test_a_file_keeps_its_mode_and_a_link_its_target(argvs, name, tmp_path, capsys):
    private = tmp_path / "private.out"
    private.write_text("old")
    private.chmod(0o600)
    assert main([*argvs[name], "-o", str(private)]) == 0
    assert private.read_text(encoding="utf-8-sig") != "old"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600

    real = tmp_path / "real.out"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    assert main([*argvs[name], "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link is kept …
    assert real.read_text(encoding="utf-8-sig") != "old"  # … and the file it leads to written
    assert stat.S_IMODE(real.stat().st_mode) == 0o640

    fresh = tmp_path / "new.out"
    mask = os.umask(0o027)
    try:
        assert main([*argvs[name], "-o", str(fresh)]) == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0666 less the umask
    capsys.readouterr()
    assert main([*argvs[name], "-o", "-"]) == 0  # stdout
    printed = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    written = fresh.read_bytes().decode("utf-8-sig").splitlines()
    assert printed[0].strip() == written[0].strip() and len(printed) > 1  # (a table's width)


@pytest.mark.parametrize("name", NAMES)
def test_a_failed_write_leaves_the_previous_file(argvs, name, tmp_path, capsys, monkeypatch):
    target = tmp_path / "out"
    target.write_text("the previous output")

    def full_disk(step: str, payload: bytes) -> None:
        if step == "mid-write":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_fault_hook", full_disk)
    capsys.readouterr()
    assert main([*argvs[name], "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"zoneplan: {target}: cannot write (No space left on device)\n"
    assert target.read_text() == "the previous output"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary file left behind
