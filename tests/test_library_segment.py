"""The segmenter (rjieba) gives jieba's words; queries cut without it give the same words."""

from __future__ import annotations

import logging
import random
import subprocess
import sys
import warnings

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.formats.load import find_plans
from zoneplan_tui.library import query_words, segment
from zoneplan_tui.library.sqlite import sqlite3


@pytest.fixture(scope="module")
def jieba():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
    return jieba


@pytest.fixture(scope="module")
def texts() -> list[str]:
    raw = [p.read_text(encoding="utf-8") for p in find_plans(SAMPLES)]
    # Simplified, Traditional (folded), ASCII, digits, punctuation and whitespace runs.
    return [*raw, *(normalise(t) for t in raw), "AT&T 5G基站 3.5% c++ 2019-05-24\u3000ＡＢ１"]


def test_rjieba_cuts_as_jieba_without_hmm(jieba, texts):
    for text in texts:
        assert segment.cut(text) == list(jieba.cut(text, HMM=False))
        assert segment.cut_for_search(text) == list(jieba.cut_for_search(text, HMM=False))


def test_tags_are_jieba_possegs(jieba, texts):
    for text in texts:
        want = [(w.word, w.flag) for w in jieba.posseg.cut(text, HMM=False)]
        assert segment.tag(text) == want


def _substrings(texts: list[str], n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = rng.choice(texts)
        i = rng.randrange(len(text))
        out.append(text[i : i + rng.randint(1, 40)])
    return out


def test_queries_are_cut_as_the_segmenter_cuts_them(texts):
    assert query_words.build() is not None
    d = query_words._open(query_words.table_path())
    assert d is not None  # built, and the port agreed with rjieba on the samples
    for s in _substrings(texts, 1500):
        assert list(query_words._cut(s, d)) == segment.cut(s), s
        assert list(query_words._cut_for_search(s, d)) == segment.cut_for_search(s), s


def test_a_word_table_that_disagrees_is_not_used(monkeypatch):
    path = query_words.build()
    assert path is not None
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='0' WHERE key='agrees'")
    con.commit()
    con.close()
    assert query_words._open(path) is None  # the segmenter answers instead
    monkeypatch.setattr(query_words.segment, "is_ready", lambda: False)
    query_words._opened.clear()
    assert query_words.cut("优化营商环境") == segment.cut("优化营商环境")


def test_the_port_finds_a_changed_dictionary(monkeypatch):
    freqs, total = query_words._read_jieba_dict(query_words._jieba_dict())
    lookup = {w: f for w, f in freqs.items() if f > 0}
    assert query_words._agrees(query_words.Dictionary(lookup, total, 16))
    del lookup["发展"]  # a dictionary without 发展: every plan says it, cut 发/展 now
    assert not query_words._agrees(query_words.Dictionary(lookup, total, 16))


def test_distribution_versions_without_importlib_metadata():
    import importlib.metadata as md

    for dist in ("jieba", "rjieba", "opencc", "rich"):
        assert query_words.installed_version(dist) == md.version(dist)
    assert query_words.installed_version("no-such-distribution-here") == "?"


def test_a_query_cut_loads_no_segmenter(tmp_path):
    # A command that only searches: the word table is there, nothing is indexed.
    env_code = "import sys\nfrom zoneplan_tui.library import query_words\nquery_words.build()\n"
    subprocess.run([sys.executable, "-c", env_code], check=True)
    code = (
        "import sys\n"
        "from zoneplan_tui.library import query_words\n"
        "assert query_words.cut('优化营商环境') == ['优化', '营商', '环境']\n"
        "print('rjieba' in sys.modules, 'jieba' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
