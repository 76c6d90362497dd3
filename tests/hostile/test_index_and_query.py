"""`search`, `library` and `targets` over a damaged index, and queries no one types."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES
from tests.hostile import builders as b
from tests.hostile.limited import assert_clean, run_limited

DAMAGE = {
    "random bytes": b.random_bytes,
    "truncated": b.truncate_half,
    "a corrupted page": lambda p: b.corrupt_page(p, p.stat().st_size // 4096 // 2),
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_index_is_rebuilt_and_said_once(tmp_path, how):
    index = b.search_index(tmp_path / "ix.sqlite3", SAMPLES)
    DAMAGE[how](index)
    argv = ["search", "营商环境", SAMPLES, "--json", "--index", index]
    run = run_limited(argv)
    assert_clean(run, codes=(0,))
    assert json.loads(run.stdout)["hits"]
    [line] = run.stderr.splitlines()
    assert line.startswith("zoneplan: the search index ") and "was damaged" in line
    assert len(list(tmp_path.glob("ix.sqlite3.damaged-*[0-9]"))) == 1
    again = run_limited(argv)
    assert_clean(again, codes=(0,))
    assert again.stderr == "" and again.stdout == run.stdout


@pytest.mark.parametrize("command", ["library", "targets"])
def test_library_and_targets_rebuild_a_damaged_index_too(tmp_path, command):
    index = b.search_index(tmp_path / "ix.sqlite3", SAMPLES)
    b.corrupt_page(index, index.stat().st_size // 4096 // 2)
    run = run_limited([command, SAMPLES, "--json", "--index", index])
    assert_clean(run, codes=(0,))
    assert "was damaged" in run.stderr and len(run.stderr.splitlines()) == 1
    assert len(json.loads(run.stdout)["plans"]) == 5


@pytest.mark.parametrize("words", [33, 1000])
def test_a_query_of_too_many_words_is_one_line(tmp_path, words):
    query = " ".join(["招商", "项目", "企业"] * words)[: len("招商 ") * words].strip()
    run = run_limited(["search", query, SAMPLES, "--index", tmp_path / "ix.sqlite3"])
    assert_clean(run)
    assert run.returncode == 2
    assert run.stderr == f"zoneplan: query too long: {words:,} words (at most 32)\n"


def test_a_long_phrase_is_one_line(tmp_path):
    query = '"' + "招商引资" * 200 + '"'
    run = run_limited(["search", query, SAMPLES, "--index", tmp_path / "ix.sqlite3"])
    assert_clean(run)
    assert run.stderr == "zoneplan: query too long: 802 characters (at most 500)\n"
