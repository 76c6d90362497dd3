"""Keywords, tag suggestions and word boundaries (real jieba: its dictionary loads once here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zoneplan_tui.library import keywords as kw
from zoneplan_tui.notes.annotations import normalise_tag

PASSAGE = (
    "加快推进交通基础设施建设，进一步完善城市路网，2020年新建道路12.5公里，"
    "推动智慧城市建设和产业园区发展。一是加强PPP项目管理；二是推进“十四五”规划编制。"
)


@pytest.fixture(scope="module")
def jieba_ready() -> None:
    kw.warm_up()  # ~1.5 s, once for the module


def test_lazy_import_quiet_and_thread_safe_warm_up():
    # A fresh process: importing the module must not import jieba, and loading the dictionary
    # (several threads at once) must print nothing — it would land on a full-screen TUI.
    code = (
        "import sys, threading\n"
        "from zoneplan_tui.library import keywords as kw\n"
        "assert 'jieba' not in sys.modules\n"
        "assert not kw.is_ready()\n"
        "ts = [threading.Thread(target=kw.warm_up) for _ in range(4)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "kw.warm_up()\n"
        "print(kw.is_ready(), kw.words('交通规划'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    assert out.stdout.strip() == "True [(0, 2), (2, 4)]"


def test_is_useful_word_drops_figures_single_characters_and_boilerplate():
    for word in ("2020", "12.5%", "１,000", "第三", "一是", "十四五", "路", "推进", "进一步", "……"):
        assert not kw.is_useful_word(word), word
    for word in ("交通", "PPP", "5G", "三农", "产业园区"):
        assert kw.is_useful_word(word), word


def test_keywords_are_subject_words(jieba_ready):
    got = kw.keywords(PASSAGE, k=6)
    assert 0 < len(got) <= 6
    assert "PPP" in got
    for word in got:
        assert kw.is_useful_word(word)
    assert not set(got) & {"2020", "12.5", "推进", "建设", "进一步", "一是", "十四五", "公里"}
    assert kw.keywords("   ") == []
    assert kw.keywords(PASSAGE, k=0) == []


def test_suggest_tags_existing_first_then_keywords_deduplicated(jieba_ready):
    existing = ["住房", "产业园区", "ｐｐｐ", "交通"]  # ｐｐｐ: full-width spelling of PPP
    got = kw.suggest_tags(PASSAGE, existing, k=8)
    # Existing tags found in the passage, in the order given; 住房 is not in it.
    assert got[:3] == ["产业园区", "ｐｐｐ", "交通"]
    assert "住房" not in got
    # The keyword PPP is the same tag as ｐｐｐ; 产业园 is covered by 产业园区.
    assert "PPP" not in got and "产业园" not in got
    assert len(got) == 8
    assert len({normalise_tag(t) for t in got}) == len(got)
    assert kw.suggest_tags(PASSAGE, existing, k=2) == ["产业园区", "ｐｐｐ"]


def test_words_are_jieba_segments_without_whitespace(jieba_ready):
    text = "一是 加快\r\n推进5G。"
    spans = kw.words(text)
    assert [text[s:e] for s, e in spans] == ["一是", "加快", "推进", "5G", "。"]
    assert spans == sorted(spans)
    assert kw.words("") == []


def test_keywords_rank_as_jieba_analyse(jieba_ready):
    # keywords() applies jieba.analyse.extract_tags' arithmetic to the IDF table it loads itself
    # (without one long sort that would stall the app): the ranking must be jieba's own.
    import warnings

    from tests.conftest import SAMPLES
    from zoneplan_tui.formats.load import find_plans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.analyse

    texts = [PASSAGE] + [p.read_text(encoding="utf-8") for p in find_plans(SAMPLES)]
    texts += [t[i : i + 300] for t in texts[1:] for i in range(0, len(t), 2500)]
    for text in texts:
        assert kw._extract_tags(text, 40) == jieba.analyse.extract_tags(text, topK=40)
    median = jieba.analyse.default_tfidf.median_idf
    assert median == kw._MEDIAN_IDF
