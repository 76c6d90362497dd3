"""`zoneplan notes import` of something that is no export file: /dev/zero, a FIFO, a directory.
One line and exit 2, in bounded time and memory (it was a MemoryError, or a wait forever)."""

from __future__ import annotations

import os

import pytest

from tests.hostile.conftest import Hostile
from tests.hostile.limited import assert_clean, run_limited


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("dev-zero", "not a regular file (a character device)"),
        ("fifo", "not a regular file (a FIFO)"),
        ("folder", "is a directory"),
    ],
)
def test_importing_a_special_file_is_one_line(hostile: Hostile, tmp_path, source, message):
    path = {"dev-zero": hostile.files["dev-zero"], "fifo": hostile.files["fifo"]}
    path["folder"] = tmp_path
    run = run_limited(["notes", "import", path[source], "--db", tmp_path / "notes.json"])
    assert_clean(run, codes=(2,))
    assert message in run.stderr
    assert not os.path.exists(tmp_path / "notes.json")  # nothing written
