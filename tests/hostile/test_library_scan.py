"""A folder holding one file the readers refuse: the library scan skips it with one warning and
keeps going, so `library`, `search` and `targets` still cover the good plan beside it."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import Hostile
from tests.hostile.limited import assert_clean, run_limited

REFUSED = {
    "fifo": "plan.txt: not a regular file (a FIFO)",
    "dev-zero": "plan.txt: not a regular file (a character device)",
    "docx-bomb": "plan.docx: a Word document whose word/document.xml inflates to over 100 MB",
    "non-utf8-name": "plan-\\xff.txt: a file name that is not UTF-8",
}


def _index(tmp_path) -> list[str]:
    return ["--index", str(tmp_path / "index.sqlite3")]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_library_skips_the_refused_file(hostile: Hostile, name: str, tmp_path) -> None:
    run = run_limited(["library", "--json", hostile.folders[name], *_index(tmp_path)])
    assert_clean(run, codes=(0,))
    plans = json.loads(run.stdout)["plans"]
    assert [p["file"] for p in plans] == ["good.txt"]
    warnings = run.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("zoneplan: skipped "), run.describe()
    assert REFUSED[name] in warnings[0]


def test_a_page_declaring_a_codec_that_is_no_charset_is_read(hostile: Hostile, tmp_path) -> None:
    run = run_limited(["library", "--json", hostile.folders["charset"], *_index(tmp_path)])
    assert_clean(run, codes=(0,))
    assert [p["file"] for p in json.loads(run.stdout)["plans"]] == ["good.txt", "plan.html"]
    assert run.stderr == ""


@pytest.mark.parametrize("name", ["fifo", "non-utf8-name"])
def test_search_and_targets_cover_the_good_plan(hostile: Hostile, name: str, tmp_path) -> None:
    folder = hostile.folders[name]
    run = run_limited(["search", "总体要求", folder, "--json", *_index(tmp_path)])
    assert_clean(run, codes=(0,))
    assert [h["path"].rsplit("/", 1)[1] for h in json.loads(run.stdout)["hits"]] == ["good.txt"]
    run = run_limited(["targets", folder, "--json", *_index(tmp_path)])
    assert_clean(run, codes=(0,))
    assert len(json.loads(run.stdout)["plans"]) == 1
