"""In-document search across Traditional/Simplified, widths and compatibility characters, with
the match's offsets in the text as written (core/textmatch.py), and the character table the
search index shares (core/textnorm.py) read through the official OpenCC."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoneplan_tui.core.textmatch import find_all, fold, fold_phrases
from zoneplan_tui.core.textnorm import has_opencc, normalise


def found(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in find_all(fold(text), query)]


def test_the_official_opencc_is_the_one_installed():
    import opencc

    assert has_opencc()
    assert hasattr(opencc.OpenCC("t2s"), "convert")  # the C++ binding's converter


@pytest.mark.parametrize(
    ("text", "query", "hit"),
    [
        ("位于臺北市內湖區的園區", "内湖区", "內湖區"),  # characters: the search index's table
        ("位于台北市内湖区的园区", "內湖區", "内湖区"),  # and the other way round
        ("採購辦公傢俱一批", "家具", "傢俱"),  # phrases: the table alone keeps 傢
        ("充分瞭解企業需求", "了解", "瞭解"),
        ("與上位規劃相牴觸的", "抵触", "牴觸"),
        ("ＧＤＰ增長８％", "gdp增长8%", "ＧＤＰ增長８％"),  # width and case
    ],
)
def test_a_query_finds_the_other_script_and_width_at_the_written_characters(text, query, hit):
    assert found(text, query) == [hit]


def test_a_compatibility_ideograph_is_found_and_highlighted_exactly():
    year = "\uf98e"  # CJK COMPATIBILITY IDEOGRAPH-F98E, which NFKC makes 年
    assert unicodedata.normalize("NFKC", year) == "年"
    text = f"到2025{year}底，完成125 {year}度任务"
    spans = find_all(fold(text), "125 年")
    assert [text[a:b] for a, b in spans] == [f"125 {year}"]
    assert spans == [(text.index("125 "), text.index("125 ") + 5)]
    assert found(text, "2025年底") == [f"2025{year}底"]


def test_characters_that_fold_to_several_keep_every_later_offset_exact():
    # ㎡ → "m2", … → "...", ① → "1", ß → "ss": the folded text is longer than the original, and
    # every match after them (and inside them) is still on the characters of the original.
    text = "……面积5㎡以上①、Straße內湖區。面積5m2"
    folded = fold(text)
    assert len(folded.text) > len(text)
    assert found(text, "内湖区") == ["內湖區"]
    start = text.index("內湖區")
    assert find_all(folded, "内湖区") == [(start, start + 3)]
    assert found(text, "5m2") == ["5㎡", "5m2"]
    assert found(text, "m") == ["㎡", "m"]  # part of what ㎡ became: the whole ㎡
    assert found(text, "strasse") == ["Straße"]
    assert found(text, "1、") == ["①、"]
    assert found(text, ".") == ["…", "…"]


def test_a_phrase_conversion_that_changes_length_maps_back_to_the_phrase():
    # OpenCC's t2s keeps lengths on every phrase we know of; the alignment that handles one that
    # does not is tested with a converter that does (three characters become two, one four).
    def convert(text: str) -> str:
        return text.replace("甲乙丙", "丁戊").replace("己", "庚辛壬癸")

    text = "前言\n一甲乙丙二己三\n末行"
    phrases = fold_phrases(text, convert)
    assert phrases.text == "前言\n一丁戊二庚辛壬癸三\n末行"
    assert phrases.starts is not None
    spans = find_all(fold(text, convert), "丁", convert)
    assert [text[a:b] for a, b in spans] == ["甲乙丙"]
    assert [text[a:b] for a, b in find_all(fold(text, convert), "戊二庚", convert)] == [
        "甲乙丙二己"
    ]
    assert [text[a:b] for a, b in find_all(fold(text, convert), "三\n末", convert)] == ["三\n末"]
    assert [text[a:b] for a, b in find_all(fold(text, convert), "前言", convert)] == ["前言"]


def test_an_empty_or_unfoldable_query_finds_nothing():
    folded = fold("一、总体要求")
    assert find_all(folded, "") == []
    assert find_all(folded, "\u200b") == []  # NFKC keeps it, and the text has none
    assert find_all(folded, "二") == []


def test_the_character_table_folds_traditional_to_simplified_never_the_reverse():
    # Read from OpenCC's converters: 擡 (Traditional) folds to 抬; the Simplified 抬 stays.
    assert normalise("擡頭") == "抬头"
    assert normalise("抬头") == "抬头"
    assert normalise("啓動") == "启动"  # a Taiwan/Hong Kong variant, folded the rest of the way
    assert normalise("\u2f00\uf900") == "一岂"


@given(st.text(alphabet=st.sampled_from("內湖區傢俱瞭解牴觸㎡…①ß\uf98eＡａ年5 \n"), max_size=40))
def test_every_match_is_inside_the_text_and_in_order(text):
    folded = fold(text)
    for query in ("内湖区", "家具", "m", "年", "a", "."):
        spans = find_all(folded, query)
        assert all(0 <= a < b <= len(text) for a, b in spans)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
        for a, b in spans:
            assert fold(query).text in fold(text[a:b]).text
