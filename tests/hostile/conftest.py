"""Hostile fixtures, generated once per test session (`hostile` below).

To add a case: a builder in builders.py, a line in `_build`, and a test that runs the commands
on `hostile.files[name]` through limited.run_limited (a child process under RLIMIT_AS and a
timeout) and checks it with limited.assert_clean (exit 0 or 2, no traceback, one line).
Everything here is about 60 MB on disk (the 40 MB page, bombs of a few MB) and ~5 s to build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile import builders as b

CHARSETS = ("hex", "rot13", "zlib_codec", "base64", "undefined", "unicode_escape")


class Hostile:
    """Paths of the generated files: `files[name]` single plan files, `folders[name]` a folder
    holding one hostile file beside a good plan (for the library scan)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, Path] = {}
        self.folders: dict[str, Path] = {}

    def file(self, name: str) -> Path:
        return self.root / "files" / name

    def folder(self, name: str) -> Path:
        folder = self.root / "folders" / name
        folder.mkdir(parents=True)
        b.plan(folder / "good.txt")
        self.folders[name] = folder
        return folder


def _build(h: Hostile) -> Hostile:
    (h.root / "files").mkdir()
    f = h.files
    f["docx-bomb-paragraphs"] = b.docx_bomb_paragraphs(h.file("bomb-paragraphs.docx"))
    f["docx-bomb-text-node"] = b.docx_bomb_text_node(h.file("bomb-text.docx"))
    f["docx-many-members"] = b.docx_many_members(h.file("members.docx"))
    # 3 tags a paragraph: the most paragraphs a Word file may hold, and one chunk more
    chunk = b.PARAGRAPH * 1000
    f["docx-at-tag-limit"] = b.docx_from_parts(h.file("at-limit.docx"), [(chunk, 333)])
    f["docx-over-tag-limit"] = b.docx_from_parts(h.file("over-limit.docx"), [(chunk, 334)])
    f["dev-zero"] = b.symlink(h.file("zero-plan.txt"), "/dev/zero")
    f["fifo"] = b.fifo(h.file("fifo-plan.txt"))
    f["deep-html"] = b.deep_html(h.file("deep.html"))
    f["html-open-tail"] = b.html_open_tail(h.file("open-tail.html"))
    f["pdf-100k-pages"] = b.pdf_pages(h.file("pages.pdf"))
    f["pdf-lying-count"] = b.pdf_pages(h.file("lying.pdf"), declared=1)
    f["single-line"] = b.single_line(h.file("single-line.txt"))
    for charset in CHARSETS:
        f[f"charset-{charset}"] = b.html_charset(h.file(f"charset-{charset}.html"), charset)
    bad = bytes(h.root / "files") + b"/plan-\xff\xfe.txt"
    b.plan(bad)
    f["non-utf8-name"] = Path(bad.decode("utf-8", "surrogateescape"))

    # The library scan: each kind of refused file beside a good plan.
    b.fifo(h.folder("fifo") / "plan.txt")
    b.symlink(h.folder("dev-zero") / "plan.txt", "/dev/zero")
    os.link(f["docx-bomb-paragraphs"], h.folder("docx-bomb") / "plan.docx")
    b.html_charset(h.folder("charset") / "plan.html", "hex")
    b.plan(bytes(h.folder("non-utf8-name")) + b"/plan-\xff.txt")

    # What a terminal or a markup parser would act on, in texts, titles, names and notes.
    f["escape-plan"] = b.plan(h.file(b.ESCAPE_NAMES[0]), b.ESCAPE_PLAN)
    f["markup-plan"] = b.plan(h.file(b.ESCAPE_NAMES[2]), b.MARKUP_PLAN)
    f["escape-import"] = b.escape_import(h.file("escapes.json"), f["escape-plan"])
    escapes = h.root / "escape-lib"
    escapes.mkdir()
    h.folders["escapes"] = b.escape_folder(escapes)
    return h


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return _build(Hostile(tmp_path_factory.mktemp("hostile")))
