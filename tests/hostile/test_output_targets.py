"""Special files as `-o`, in a limited child (a FIFO written to naively blocks forever; a device
replaced as root is the system's): one line, exit 2, the special file as it was. Every command
and every kind of target is covered in process by tests/test_output_file.py."""

from __future__ import annotations

import os
import stat

import pytest

from tests.conftest import SAMPLES
from tests.hostile.limited import assert_clean, run_limited

PLAN = SAMPLES / "haimen-2017-work-plan.txt"


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        (["numbers", PLAN, "--csv"], "fifo"),
        (["notes", "export", "--format", "json"], "link to /dev/null"),
        (["numbers", PLAN, "--json"], "character device"),
    ],
)
def test_a_special_target_is_refused(tmp_path, argv, kind):
    target = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link to /dev/null":
        target.symlink_to("/dev/null")
    else:
        try:  # our own device node, in a temporary folder: never the system's
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except OSError:
            pytest.skip("cannot make a device node here")
    before = os.lstat(target)
    run = run_limited([*argv, "-o", target, "--db", tmp_path / "notes.json"])
    assert_clean(run, codes=(2,))
    assert run.stderr.rstrip().endswith("; not written"), run.describe()
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
