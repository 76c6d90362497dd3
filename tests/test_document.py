import codecs

import pytest

from zoneplan_tui.core.decode import decode_bytes
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats.load import find_plans, load_document, sample_docs_dir

PLAN = "一、总体要求\n（一）目标。2019年实现增长8%。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
        (PLAN.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.encode("gbk"), "gb18030"),
    ],
)
def test_decoding_by_detection(tmp_path, data, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.text == PLAN
    assert doc.encoding == encoding


def test_crlf_and_cr_become_lf_and_nothing_else_changes(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\n\u00a0 尾　".encode())
    doc = load_document(path)
    assert doc.text == "第一行\n第二行\n第三行\n\u00a0 尾　"
    assert doc.line_count == 4
    assert doc.line_text(2) == "第二行"
    assert doc.line_of(doc.line_start(3)) == 3


def test_empty_file_is_an_empty_document(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = load_document(path)
    assert doc.text == ""
    assert doc.line_count == 1


def test_sha256_is_of_the_normalised_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes("甲\r\n乙".encode())
    b.write_bytes("甲\n乙".encode("gb18030"))
    assert load_document(a).sha256 == load_document(b).sha256


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00\xff" * 200, "binary"),
        ("latin.txt", "Grüße aus München, 10 € ".encode("cp1252") * 20, "unknown encoding"),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file_directory_and_size_limit(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        load_document(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes("字".encode() * 1000)
    with pytest.raises(DocumentError, match="limit"):
        load_document(big, max_bytes=100)


def test_find_plans_in_a_directory(tmp_path):
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "a.md").write_text("# 甲", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [p.name for p in find_plans(tmp_path)] == ["a.md", "b.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DocumentError, match="no plans"):
        find_plans(empty)


def test_bundled_samples_are_found():
    plans = find_plans(sample_docs_dir())
    assert len(plans) == 5
    for plan in plans:
        assert load_document(plan).encoding == "utf-8"


def test_decode_never_mistakes_random_bytes_for_gb18030():
    # GB18030 decodes most byte soups; the plausibility check must still say no.
    data = bytes((i * 37 + 101) % 256 for i in range(3000) if (i * 37 + 101) % 256 > 127)
    with pytest.raises(DocumentError):
        decode_bytes(data)


def test_the_size_limit_is_stated_as_the_readme_states_it(tmp_path):
    from zoneplan_tui.formats.load import MAX_BYTES

    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: no 50 MB of writing for a test
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(DocumentError, match=r"50\.0 MB is over the 50 MB limit"):
        load_document(big)


@pytest.mark.parametrize("control", [c for c in range(1, 32) if c not in (9, 10, 12, 13, 27)])
def test_a_text_is_binary_past_its_share_of_control_characters(control):
    # The first 8 KiB decide: more controls than max(8, a fiftieth of them) is a binary file;
    # tab, line feed, form feed, carriage return and escape are text's own and never count.
    text = "规划目标".encode() * 800  # 9,600 bytes, of which 8,192 are sampled
    allowed = bytes([9, 10, 12, 13, 27]) * 100
    limit = 8192 // 50
    at_limit = bytes([control]) * limit + allowed + text
    assert decode_bytes(at_limit)[1] == "utf-8"
    with pytest.raises(DocumentError, match="binary"):
        decode_bytes(bytes([control]) * (limit + 1) + allowed + text)
    # past the sample they are not looked at
    assert decode_bytes(text * 2 + bytes([control]) * 1000)[1] == "utf-8"
    short = "目标".encode() + bytes([control]) * 8
    assert decode_bytes(short)[1] == "utf-8"
    with pytest.raises(DocumentError, match="binary"):
        decode_bytes(short + bytes([control]))
