"""What the speed-ups of indexing must not change: the grams of a text, the targets when the
caller passes the normalised text and metadata down, and the hits of an index whatever the
size of FTS5's in-memory hash (benchmarks/index_rows_check.py compares whole libraries)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.core.planmeta import plan_meta
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.formats.load import find_plans, load_document
from zoneplan_tui.library import index as search_index
from zoneplan_tui.library.index import SearchIndex
from zoneplan_tui.library.index_rows import grams
from zoneplan_tui.library.targets import plan_targets


def _grams_by_definition(norms: list[str]) -> set[str]:
    """The module's rule, position by position: every triple of adjacent letters or digits,
    and the last two and the last one of each run of them ("_" is neither)."""
    out: set[str] = set()

    def gram_char(c: str) -> bool:
        return re.fullmatch(r"[^\W_]", c) is not None

    for norm in norms:
        for i in range(len(norm)):
            if all(gram_char(c) for c in norm[i : i + 3]) and len(norm[i : i + 3]) == 3:
                out.add(norm[i : i + 3])
            run_ends = gram_char(norm[i]) and (i + 1 == len(norm) or not gram_char(norm[i + 1]))
            if run_ends:
                out.add(norm[i])
                if i > 0 and gram_char(norm[i - 1]):
                    out.add(norm[i - 1 : i + 1])
    return out


_TEXT = st.text(alphabet="推进工作发展a1Z_ ，。-\n", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=4))
def test_grams_are_every_triple_and_run_end(norms):
    assert set(grams(norms).split()) == _grams_by_definition(norms)


def test_targets_are_the_same_with_the_normalised_text_and_metadata_passed_down():
    for path in find_plans(SAMPLES):
        plan = analyse(load_document(path))
        alone = plan_targets(plan)
        given_ = plan_targets(plan, normalise(plan.doc.text), plan_meta(plan.doc, plan.outline))
        assert [t.to_json() for t in given_] == [t.to_json() for t in alone], path.name


def _hits(ix: SearchIndex) -> list[list[tuple[str, int, float]]]:
    queries = ["发展", "营商环境", "招商 项目", '"加快推进"', "營商環境", "量子计算机"]
    return [[(h.sha256, h.start, round(h.score, 9)) for h in ix.search(q)] for q in queries]


def test_the_fts_hash_size_changes_no_hit_or_score(tmp_path, monkeypatch):
    plans = find_plans(SAMPLES)
    with SearchIndex.open(tmp_path / "tuned.sqlite3") as ix:
        assert ix.con.execute("SELECT v FROM fts_config WHERE k='hashsize'").fetchone() == (
            search_index.FTS_HASH_BYTES,
        )
        ix.update(plans, workers=0)
        tuned = _hits(ix)
    # A hash of a few KB: every plan's words are written out in many small segments.
    monkeypatch.setattr(search_index, "FTS_HASH_BYTES", 4096)
    with SearchIndex.open(tmp_path / "small.sqlite3") as ix:
        ix.update(plans, workers=0)
        segments = ix.con.execute("SELECT count(*) FROM fts_data").fetchone()[0]
        small = _hits(ix)
    assert segments > 10
    assert small == tuned
    assert any(tuned)  # the queries find something: the comparison is not of empty lists


# ---------------------------------------------------------------- workers by the CPUs idle now


def test_workers_go_by_the_cpus_idle_now_not_the_load_average(monkeypatch):
    from zoneplan_tui.library import index as search_index

    monkeypatch.setattr(search_index, "_cpus", lambda: 2)
    monkeypatch.setattr(search_index.os, "getloadavg", lambda: (9.0, 9.0, 9.0))  # lagging
    monkeypatch.setattr(search_index, "_idle_cpus", lambda: 1.6)
    assert search_index._spare_cpus() == 2
    monkeypatch.setattr(search_index, "_idle_cpus", lambda: 0.1)  # busy right now
    assert search_index._spare_cpus() == 0
    monkeypatch.setattr(search_index, "_idle_cpus", lambda: None)  # no /proc/stat
    assert search_index._spare_cpus() == 0  # the load average decides
    monkeypatch.setattr(search_index.os, "getloadavg", lambda: (0.5, 0.5, 0.5))
    assert search_index._spare_cpus() == 2


def test_the_idle_cpus_are_read_from_proc_stat():
    import os

    from zoneplan_tui.library import index as search_index

    idle = search_index._idle_cpus(0.05)
    if not os.path.exists("/proc/stat"):
        assert idle is None
        return
    assert idle is not None and 0.0 <= idle <= (os.cpu_count() or 1) + 1e-9
