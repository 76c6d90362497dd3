"""Every reader on every hostile file, as the CLI runs it: a result or a one-line error naming
the limit, in bounded time and memory (see limited.py)."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import CHARSETS, Hostile
from tests.hostile.limited import assert_clean, run_limited

# file -> what the one-line error says; None: the file is read
EXPECTED: dict[str, str | None] = {
    "docx-bomb-paragraphs": "word/document.xml inflates to over 100 MB, the limit for one part",
    "docx-bomb-text-node": "word/document.xml inflates to over 100 MB, the limit for one part",
    "docx-many-members": "a Word document of 20,003 zip members, over the limit of 10,000",
    "docx-over-tag-limit": "a Word document of over 1,000,000 XML tags, the limit for a plan",
    "docx-at-tag-limit": None,
    "dev-zero": "not a regular file (a character device)",
    "fifo": "not a regular file (a FIFO)",
    "deep-html": "a web page of 8,388,616 tags, over the limit of 500,000",
    "html-open-tail": None,
    "pdf-100k-pages": "a PDF of 100,000 pages, over the limit of 2,000",
    "pdf-lying-count": "a PDF of at least 100,000 pages, over the limit of 2,000",
    "single-line": None,
    "non-utf8-name": None,
    **{f"charset-{c}": None for c in CHARSETS},
}


def _check(run, hostile: Hostile, name: str) -> None:
    message = EXPECTED[name]
    assert_clean(run)
    if message is None:
        assert run.returncode == 0 and run.stdout, run.describe()
    else:
        assert run.returncode == 2 and message in run.stderr, run.describe()
        assert run.stdout == b""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text(hostile: Hostile, name: str) -> None:
    _check(run_limited(["text", hostile.files[name]]), hostile, name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outline_json(hostile: Hostile, name: str) -> None:
    _check(run_limited(["outline", "--json", hostile.files[name]]), hostile, name)


def test_a_name_that_is_not_utf8_shows_its_bytes_in_json(hostile: Hostile) -> None:
    run = run_limited(["outline", "--json", hostile.files["non-utf8-name"]])
    assert_clean(run, codes=(0,))
    assert json.loads(run.stdout)["file"] == "plan-\\xff\\xfe.txt"
    run = run_limited(["numbers", "--json", hostile.files["non-utf8-name"]])
    assert_clean(run, codes=(0,))
    assert json.loads(run.stdout)["file"] == "plan-\\xff\\xfe.txt"


def test_the_figure_table_of_a_5_mb_line_is_printed_in_bounded_time(hostile: Hostile) -> None:
    # 170,000 figures: a Rich table took minutes; the plain columns take a second.
    run = run_limited(["numbers", hostile.files["single-line"]])
    assert_clean(run, codes=(0,))
    last = run.stdout.decode().splitlines()[-1]
    assert last.endswith("targets (columns cut to width; --csv or --json gives them whole)")
