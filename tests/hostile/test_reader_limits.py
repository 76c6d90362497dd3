"""The readers' limits, in process: each limit refuses with a message naming it, and what is
under it reads as before. Limits are lowered with monkeypatch so the files stay small."""

from __future__ import annotations

import os
import socket
import zipfile

import pytest

from tests.conftest import SAMPLES
from tests.format_fixtures import make_docx, make_html, make_pdf
from tests.hostile import builders as b
from zoneplan_tui.core.decode import text_encoding
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import limits
from zoneplan_tui.formats.html import _inert_tail
from zoneplan_tui.formats.html import convert as html_convert
from zoneplan_tui.formats.load import find_plans, load_document
from zoneplan_tui.formats.paths import is_utf8, shown, shown_in_json

MiB = 2**20
WUQING = SAMPLES / "wuqing-2019-work-points.txt"


def _refused(path, match: str) -> str:
    with pytest.raises(DocumentError, match=match) as info:
        load_document(path)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- special files ---------------------------------------------------------------------------


def test_a_link_to_a_device_is_refused_before_reading(tmp_path):
    _refused(b.symlink(tmp_path / "plan.txt", "/dev/zero"), r"\(a character device\)")
    _refused(b.symlink(tmp_path / "null.txt", "/dev/null"), r"\(a character device\)")


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        _refused(path, r"\(a socket\)")


def test_directories_and_missing_files_keep_their_messages(tmp_path):
    _refused(tmp_path, "is a directory")
    _refused(tmp_path / "missing.txt", "no such file")
    _refused(f"{tmp_path}/a\x00b.txt", "cannot read")  # a NUL: ValueError from os.stat


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs procfs")
def test_a_file_that_reports_no_size_is_still_read_under_the_cap():
    # procfs files are regular files of size 0: a stat() check alone would let any length in
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(DocumentError, match="over the"):
        load_document("/proc/self/status", max_bytes=16)
    assert "Name:" in load_document("/proc/self/status").text


def test_the_text_limit_applies_to_every_format(tmp_path, monkeypatch):
    text = WUQING.read_text(encoding="utf-8")
    files = [
        WUQING,
        make_docx(text, tmp_path / "w.docx"),
        make_pdf(text, tmp_path / "w.pdf"),
        make_html(text, tmp_path / "w.html"),
    ]
    for path in files:
        assert load_document(path).text
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1000)
    for path in files:
        _refused(path, "over 1,000 characters of text, the limit for a plan")


# -- Word ------------------------------------------------------------------------------------


def test_a_docx_bomb_is_refused_naming_the_part_and_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_XML_PART", 4 * MiB)
    for build in (b.docx_bomb_paragraphs, b.docx_bomb_text_node):
        path = build(tmp_path / f"{build.__name__}.docx", inflated=8 * MiB)
        _refused(path, "word/document.xml inflates to over 4 MB, the limit for one part")


def test_all_parts_together_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_INFLATED", 3 * MiB)
    path = b.docx_bomb_paragraphs(tmp_path / "bomb.docx", inflated=8 * MiB)
    _refused(path, "inflates to over 3 MB, the limit for a plan")


def test_xml_tags_are_counted_across_chunks(tmp_path, monkeypatch):
    # 3 tags a paragraph (w:p, w:r, w:t); chunks of 1 MiB cut tags in two
    path = b.docx_bomb_paragraphs(tmp_path / "bomb.docx", inflated=2 * MiB)
    with zipfile.ZipFile(path) as z:
        xml = b"".join(z.read(name) for name in z.namelist())
    tags = xml.count(b"<") - xml.count(b"</")
    monkeypatch.setattr(limits, "MAX_XML_TAGS", tags)
    limits.zip_guard(path.read_bytes())
    monkeypatch.setattr(limits, "MAX_XML_TAGS", tags - 1)
    _refused(path, f"over {tags - 1:,} XML tags, the limit for a plan")


def test_too_many_zip_members(tmp_path):
    _refused(b.docx_many_members(tmp_path / "m.docx"), "20,003 zip members, over the limit")


def test_a_zip_whose_sizes_lie_is_damaged_not_inflated(tmp_path):
    path = b.docx_bomb_paragraphs(tmp_path / "bomb.docx", inflated=2 * MiB)
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")  # document.xml is the last member: its entry
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")  # declared size 1000
    path.write_bytes(bytes(data))
    _refused(path, "damaged Word document")


@pytest.mark.parametrize("offset", [0, 1, 5, 3000])
def test_a_corrupt_deflate_stream_is_a_damaged_docx(tmp_path, offset):
    path = b.docx_bomb_paragraphs(tmp_path / "bomb.docx", inflated=2 * MiB)
    data = bytearray(path.read_bytes())
    at = data.index(b"word/document.xml") + len("word/document.xml") + offset
    data[at : at + 8] = b"\xff" * 8  # zlib.error (invalid block type …) or a bad CRC
    path.write_bytes(bytes(data))
    _refused(path, "a damaged Word document")


# -- web pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["hex", "rot13", "zlib_codec", "base64", "undefined"])
def test_a_charset_that_is_no_text_encoding_is_ignored(tmp_path, charset):
    doc = load_document(b.html_charset(tmp_path / "p.html", charset))
    assert doc.lines == ["一、总体要求", "全年增长8%。"] and doc.encoding == "html:utf-8"


def test_only_text_encodings_are_used_to_decode():
    assert text_encoding("GBK") == "gbk" and text_encoding("utf8") == "utf-8"
    for name in ("hex", "rot13", "zlib_codec", "bz2", "unicode_escape", "idna", "utf-7", "x"):
        assert text_encoding(name) is None, name


def test_deep_pages_are_flattened_and_html_tags_are_capped(monkeypatch):
    page = ("<html><body>" + "<div>" * 50_000 + "一、总体要求</body></html>").encode()
    assert html_convert(page).text == "一、总体要求"
    monkeypatch.setattr(limits, "MAX_HTML_TAGS", 10_000)
    with pytest.raises(DocumentError, match="a web page of 50,004 tags, over the limit of 10,000"):
        html_convert(page)


def test_what_follows_the_last_tag_end_is_read_as_text_at_once():
    # html.parser rescans from every "<" after the last ">" to the end (minutes for 200 KB of
    # `<x`, see test_readers' html-open-tail) and then gives each piece as text: the same text
    # comes out when those "<" are escaped first.
    assert _inert_tail("<p>a</p><x<x</y") == "<p>a</p>&lt;x&lt;x&lt;/y"
    assert _inert_tail("<p>a</p>\n") == "<p>a</p>\n"
    page = "<p>一、总体要求</p>" + "<x" * 1000
    assert html_convert(page.encode()).text.split("\n") == ["一、总体要求", "<x" * 1000]


def test_a_web_page_that_takes_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "HTML_SECONDS", 0.0)
    page = ("<p>一、总体要求</p>" * 1000).encode()
    with pytest.raises(DocumentError, match=r"a web page that takes over 0 s to read"):
        html_convert(page)


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_pages_are_capped_whatever_count_the_file_states(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 50)
    _refused(b.pdf_pages(tmp_path / "a.pdf", 51), "a PDF of 51 pages, over the limit of 50")
    lying = b.pdf_pages(tmp_path / "b.pdf", 51, declared=1)
    _refused(lying, "a PDF of at least 51 pages, over the limit of 50")
    # 50 pages pass (their one "x" is a running header: no text is left, which is another error)
    _refused(b.pdf_pages(tmp_path / "c.pdf", 50), r"no text layer \(50 pages")


def test_a_pdf_that_takes_too_long_is_refused_with_the_page_reached(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PDF_SECONDS", 0.0)
    path = b.pdf_pages(tmp_path / "a.pdf", 20)
    _refused(
        path, r"a PDF that takes over 0 s to read, the limit for a plan \(stopped at page 1 of 20\)"
    )


def test_one_heavy_page_is_refused_under_a_lowered_parsing_budget(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    if not hasattr(pypdf.get_configuration(), "stream_parsing_work_maximum_count"):
        pytest.skip("this pypdf has no parsing budget; the deadline covers it")
    # 200,000 operations, 1.4 million tokens: under pypdf's own budget (2 million, ~6 s of
    # parsing), over the one the reader sets
    path = b.pdf_pages(tmp_path / "heavy.pdf", 1, operations=200_000)
    _refused(path, "a PDF beyond the reader's limits")


# -- file names ------------------------------------------------------------------------------


def test_names_that_are_not_utf8_are_shown_with_their_bytes(tmp_path):
    raw = os.fsencode(tmp_path) + b"/plan-\xff.txt"
    b.plan(raw)
    path = os.fsdecode(raw)
    assert not is_utf8(path) and is_utf8(str(tmp_path))
    assert shown(path) == f"{tmp_path}/plan-\\xff.txt"
    doc = load_document(path)  # the path itself still opens the file
    assert doc.text.startswith("2019年工作要点")
    assert find_plans(tmp_path) == [doc.path]
    import json

    assert json.loads(shown_in_json(json.dumps({"f": path}, ensure_ascii=False))) == {
        "f": shown(path)
    }
    with pytest.raises(DocumentError) as info:
        load_document(path + ".missing")
    assert "plan-\\xff.txt.missing: no such file" in str(info.value)
    str(info.value).encode("utf-8")  # printable as it is
