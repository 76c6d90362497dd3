"""The search index over the sample plans: relevance, phrases, Traditional/Simplified, notes,
incremental updates."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zoneplan_tui.core.textnorm import has_opencc, normalise
from zoneplan_tui.formats.load import find_plans, load_document
from zoneplan_tui.library import index as search_index
from zoneplan_tui.library.index import SearchIndex, default_index_path, parse_query
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = SearchIndex.open(tmp_path_factory.mktemp("ix") / "index.sqlite3")
    ix.update(find_plans(SAMPLES), prune=[SAMPLES])
    yield ix
    ix.close()


def test_normalise_keeps_length_and_folds_traditional_and_compat():
    s = "優化營商環境，發展氫能 \uf900 ＡＢ"
    assert len(normalise(s)) == len(s)
    assert has_opencc()
    assert normalise(s) == "优化营商环境，发展氢能 岂 ab"  # punctuation is left alone
    assert normalise("\u2f00") == "一"  # Kangxi radical from PDF extraction


def test_default_index_is_in_the_user_cache_dir():
    # conftest points XDG_CACHE_HOME at a temp dir: the default path must follow it.
    assert default_index_path().is_relative_to(os.environ["XDG_CACHE_HOME"])


@pytest.mark.parametrize(
    ("query", "file", "section"),
    [
        ("氢能", "jinan-luan-2020-work-points.txt", "确保项目工作实效"),
        ("营商环境", None, "营商环境"),
        ("招商队伍", "jinan-luan-2020-work-points.txt", "充实招商队伍"),
        ("招商促进", "wuqing-2019-work-points.txt", "强化招商促进"),
        ("标准厂房", "industrial-park-summary-and-plan-redacted.txt", None),
    ],
)
def test_relevance_first_hit(index, query, file, section):
    hits = index.search(query, limit=5)
    assert hits
    first = hits[0]
    if file:
        assert Path(first.path).name == file
    if section:
        assert section in " › ".join(first.section)
    assert first.highlights and first.matches


def test_match_offsets_point_into_the_document(index):
    for hit in index.search("营商环境", limit=20):
        text = load_document(hit.path).text
        for s, e in hit.matches:
            assert text[s:e] == "营商环境"
        s, e = hit.highlights[0]
        assert hit.snippet[s:e] == "营商环境"
        assert load_document(hit.path).line_of(hit.matches[0][0]) == hit.line


def test_phrase_search_is_exact(index):
    loose = index.search("优化 环境", limit=100)
    exact = index.search('"优化营商环境"', limit=100)
    assert exact and len(exact) < len(loose)
    for hit in exact:
        assert "优化营商环境" in load_document(hit.path).text[hit.start : hit.end]
    assert parse_query('"营商 环境" 招商')[0].phrase
    assert index.search('"环境营商"') == []


def test_traditional_query_finds_simplified_text(index):
    simp = [(h.path, h.start) for h in index.search("营商环境", limit=10)]
    trad = [(h.path, h.start) for h in index.search("營商環境", limit=10)]
    assert trad == simp


def test_simplified_query_finds_traditional_text(tmp_path):
    (tmp_path / "t.txt").write_text("區域發展規劃\n一、優化營商環境\n加快發展氫能產業。\n", "utf-8")
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update([tmp_path / "t.txt"])
        hits = ix.search("氢能产业")
        assert hits and hits[0].snippet[slice(*hits[0].highlights[0])] in ("氫能產業", "氫能")


def test_no_hit_and_empty_query(index):
    assert index.search("量子计算机") == []
    assert index.search("   ") == []


def _copy_samples(tmp_path: Path) -> Path:
    d = tmp_path / "plans"
    shutil.copytree(SAMPLES, d)
    return d


def test_reopen_indexes_nothing_and_changes_are_picked_up(tmp_path):
    plans = _copy_samples(tmp_path)
    path = tmp_path / "ix.sqlite3"
    with SearchIndex.open(path) as ix:
        first = ix.update(find_plans(plans), prune=[plans])
        assert len(first.added) == 5
    with SearchIndex.open(path) as ix:
        again = ix.update(find_plans(plans), prune=[plans])
        assert again.added == [] and again.unchanged == 5 and again.removed == []
        # a changed file is re-indexed, its old text is gone
        f = plans / "wuqing-2019-work-points.txt"
        f.write_text(f.read_text("utf-8") + "\n发展量子计算机产业。\n", "utf-8")
        changed = ix.update(find_plans(plans), prune=[plans])
        assert changed.added == [str(f)]
        assert [Path(h.path).name for h in ix.search("量子计算机")] == [f.name]
        # a vanished file is removed
        (plans / "haimen-2017-work-plan.txt").unlink()
        gone = ix.update(find_plans(plans), prune=[plans])
        assert gone.removed == [str(plans / "haimen-2017-work-plan.txt")]
        assert all("haimen" not in h.path for h in ix.search("应税销售"))
        assert len(ix.documents()) == 4
        # the contentless word table really forgot the removed rows (no ghost rowids)
        ghosts = ix.con.execute(
            "SELECT count(*) FROM fts WHERE fts MATCH '\"应税\"' "
            "AND rowid NOT IN (SELECT id FROM units)"
        ).fetchone()[0]
        assert ghosts == 0
        assert (
            ix.con.execute("SELECT count(*) FROM fts WHERE fts MATCH '\"应税\"'").fetchone()[0]
            == ix.con.execute("SELECT count(*) FROM units WHERE text LIKE '%应税%'").fetchone()[0]
        )


def test_a_renamed_file_is_not_reindexed(tmp_path):
    plans = _copy_samples(tmp_path)
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update(find_plans(plans), prune=[plans])
        sha = ix.sha_of(plans / "wuqing-2019-work-points.txt")
        (plans / "wuqing-2019-work-points.txt").rename(plans / "renamed.txt")
        r = ix.update(find_plans(plans), prune=[plans])
        assert r.added == [] and r.moved == [str(plans / "renamed.txt")]
        assert ix.sha_of(plans / "renamed.txt") == sha
        assert Path(ix.search("北京项目")[0].path).name == "renamed.txt"


def test_a_cancel_from_progress_keeps_committed_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "COMMIT_EVERY", 2)

    def cancel_at_3(done: int, total: int, path: str) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        with pytest.raises(KeyboardInterrupt):
            ix.update(find_plans(SAMPLES), progress=cancel_at_3)
        assert len(ix.documents()) == 2
        again = ix.update(find_plans(SAMPLES))
        assert len(again.added) == 3 and again.unchanged == 2


def test_progress_callback(tmp_path):
    seen = []
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update(find_plans(SAMPLES), progress=lambda d, t, p: seen.append((d, t)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_notes_are_found_by_search(tmp_path):
    doc = load_document(SAMPLES / "wuqing-2019-work-points.txt")
    quote = "引进北京项目"
    start = doc.text.index(quote)
    store = NotesStore.open(tmp_path / "notes.json")
    ann = new_annotation(
        doc.text, start, start + len(quote), path=doc.path, sha256=doc.sha256,
        note="对比京津冀协同的落实情况", tags=["协同发展"],
    )  # fmt: skip
    store.add(ann)
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update([doc.path])
        assert ix.sync_notes(store) == 1
        assert ix.sync_notes(store) == 0  # unchanged: nothing re-indexed
        hits = [h for h in ix.search("京津冀协同") if h.kind == "note"]
        assert hits and hits[0].note_id == ann.id
        assert [h.note_id for h in ix.search("协同发展") if h.kind == "note"] == [ann.id]
        quote_hits = [h for h in ix.search('"引进北京项目"') if h.kind == "note"]
        assert quote_hits and quote_hits[0].matches == ((start, start + len(quote)),)
        store.delete(ann.id)
        ix.sync_notes(store)
        assert not [h for h in ix.search("京津冀协同") if h.kind == "note"]


def test_a_change_of_rules_rebuilds_the_plans(tmp_path, monkeypatch):
    from zoneplan_tui.library import targets

    path = tmp_path / "ix.sqlite3"
    with SearchIndex.open(path) as ix:
        ix.update(find_plans(SAMPLES))
    with SearchIndex.open(path) as ix:
        assert ix.update(find_plans(SAMPLES)).added == []
    monkeypatch.setattr(targets, "RULES_VERSION", targets.RULES_VERSION + 1)
    with SearchIndex.open(path) as ix:
        assert ix.documents() == []
        assert len(ix.update(find_plans(SAMPLES)).added) == 5
        assert ix.search("北京项目")


def test_a_word_cut_differently_in_context_is_still_found(tmp_path):
    (tmp_path / "a.txt").write_text("一、总则\n维护世界和平。\n", "utf-8")
    (tmp_path / "b.txt").write_text("一、合作\n他和平安保险签约。\n", "utf-8")
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update([tmp_path / "a.txt", tmp_path / "b.txt"])
        hits = ix.search("和平")
        assert [Path(h.path).name for h in hits] == ["a.txt", "b.txt"]  # ranked hit first
        assert hits[1].snippet[slice(*hits[1].highlights[0])] == "和平"


def test_two_processes_updating_one_index(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "ix.sqlite3"
    code = (
        "import sys\n"
        "from zoneplan_tui.library.index import SearchIndex\n"
        "from zoneplan_tui.formats.load import find_plans\n"
        f"ix = SearchIndex.open({str(path)!r})\n"
        f"print(len(ix.update(find_plans({str(SAMPLES)!r})).added))\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    added = [int(p.communicate(timeout=120)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sorted(added) == [0, 5]  # the second waited, then found everything indexed
    with SearchIndex.open(tmp_path / "single.sqlite3") as single:
        single.update(find_plans(SAMPLES))
        want = single.con.execute("SELECT count(*) FROM units").fetchone()[0]
    with SearchIndex.open(path) as ix:
        assert ix.con.execute("SELECT count(*) FROM units").fetchone()[0] == want


def test_the_snippet_shows_where_most_terms_meet(tmp_path):
    filler = "加快推进各项工作落实。" * 15
    (tmp_path / "p.txt").write_text(f"一、总则\n招商工作。{filler}招商和营商环境并重。\n", "utf-8")
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update([tmp_path / "p.txt"])
        [hit] = ix.search("招商 营商环境")
        shown = {hit.snippet[s:e] for s, e in hit.highlights}
        assert {"招商", "营商环境"} <= shown


# --- the version of the stored analysis ----------------------------------------------------------

# Modules that indexing a plan imports but that shape nothing stored in a row.
_STORES_NOTHING = {
    "zoneplan_tui",
    "zoneplan_tui.core",
    "zoneplan_tui.library",
    "zoneplan_tui.notes",
    "zoneplan_tui.core.errors",  # exception classes
    "zoneplan_tui.core.confinement",  # refuses a path in `zoneplan serve`; reads no text
    "zoneplan_tui.notes.annotations",  # keywords imports its tag rule; tags are no rows
    "zoneplan_tui.library.index",  # writes the rows index_rows computes (in the digest)
    "zoneplan_tui.library.index_health",  # checks the file; computes no row
    "zoneplan_tui.library.query_words",  # cuts queries; rows are cut by segment (in the digest)
    "zoneplan_tui.library.sqlite",  # picks the SQLite: its version is in the key (test below)
}


def test_the_rules_version_names_the_sqlite_that_tokenizes():
    from zoneplan_tui.library.sqlite import sqlite3

    assert search_index.rules_version().endswith(f".sqlite{sqlite3.sqlite_version}")


def _row_source_files(root: Path) -> list[Path]:
    return sorted({f for p in search_index.ROW_SOURCES for f in root.glob(p)})


def test_the_rules_version_covers_every_module_that_indexing_imports(tmp_path):
    import subprocess
    import sys

    from tests.format_fixtures import make_docx, make_html, make_pdf

    text = (SAMPLES / "wuqing-2019-work-points.txt").read_text(encoding="utf-8")
    plans = [
        *find_plans(SAMPLES),
        make_docx(text, tmp_path / "p.docx"),
        make_html(text, tmp_path / "p.html"),
        make_pdf(text, tmp_path / "p.pdf", max_pages=2),
    ]
    code = (
        "import sys\n"
        "from zoneplan_tui.library.index import SearchIndex\n"
        f"with SearchIndex.open({str(tmp_path / 'ix.sqlite3')!r}) as ix:\n"
        f"    report = ix.update({[str(p) for p in plans]!r})\n"
        "    assert not report.errors, report.errors\n"
        "print('\\n'.join(m for m in sys.modules if m.split('.')[0] == 'zoneplan_tui'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = set(done.stdout.split())
    assert {"zoneplan_tui.core.outline_levels", "zoneplan_tui.formats.pdf"} <= imported
    root = search_index._PACKAGE_ROOT
    hashed = {
        ".".join(("zoneplan_tui", *f.relative_to(root).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for f in _row_source_files(root)
    }
    assert imported - _STORES_NOTHING <= hashed, sorted(imported - _STORES_NOTHING - hashed)
    for pattern in search_index.ROW_SOURCES:
        assert list(root.glob(pattern)), pattern  # no pattern that names nothing


def _copy_of_row_sources(dest: Path) -> Path:
    root = search_index._PACKAGE_ROOT
    for f in _row_source_files(root):
        target = dest / f.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return dest


def test_the_code_digest_follows_every_row_source(tmp_path):
    digest = search_index._code_digest.__wrapped__
    root = search_index._PACKAGE_ROOT
    copy = _copy_of_row_sources(tmp_path / "copy")
    assert digest(copy) == digest(root)
    for f in _row_source_files(copy):
        before = f.read_bytes()
        f.write_bytes(before + b"\nRULE = 1\n")
        assert digest(copy) != digest(root), f
        f.write_bytes(before)
    assert digest(copy) == digest(root)
    # no sources to read (a frozen build): the release stands for the code
    assert digest(tmp_path / "nothing") == "release" + search_index._version("zoneplan")


def test_a_change_of_rule_code_rebuilds_the_plans(tmp_path, monkeypatch):
    path = tmp_path / "ix.sqlite3"
    with SearchIndex.open(path) as ix:
        ix.update(find_plans(SAMPLES))
        docs = ix.documents()
    with SearchIndex.open(path) as ix:
        assert ix.update(find_plans(SAMPLES)).added == []
    # the installed code with one rule changed: an inline run may span one more line
    copy = _copy_of_row_sources(tmp_path / "copy")
    items = copy / "core" / "outline_items.py"
    source = items.read_text(encoding="utf-8")
    assert "_RUN_GAP = 8" in source
    items.write_text(source.replace("_RUN_GAP = 8", "_RUN_GAP = 9"), encoding="utf-8")
    monkeypatch.setattr(search_index, "_PACKAGE_ROOT", copy)
    with SearchIndex.open(path) as ix:
        assert ix.documents() == []
        assert len(ix.update(find_plans(SAMPLES)).added) == 5
        assert ix.documents() == docs
    with SearchIndex.open(path) as ix:
        assert ix.update(find_plans(SAMPLES)).added == []  # and once only


def test_a_query_over_the_limits_is_a_one_line_error(index):
    from zoneplan_tui.core.errors import UserError
    from zoneplan_tui.library.index import MAX_QUERY_CHARS, MAX_QUERY_WORDS, QueryError

    assert issubclass(QueryError, UserError)  # the CLI's one line, exit 2
    assert index.search(" ".join(["招商"] * MAX_QUERY_WORDS))
    with pytest.raises(QueryError, match=r"^query too long: 33 words \(at most 32\)$"):
        index.search(" ".join(["招商"] * (MAX_QUERY_WORDS + 1)))
    with pytest.raises(QueryError, match=r"^query too long: 501 characters \(at most 500\)$"):
        index.search("招" * (MAX_QUERY_CHARS + 1))
    assert index.search('"招商" 项目 ' * 10)  # a phrase is one word


def test_the_snippet_centres_on_the_first_window_showing_most_terms():
    # The definition, checked against the one-sweep implementation on random texts: a window
    # starts a third of a snippet before a match and shows a term when it holds one of its
    # matches whole; a term counts as often as the query names it.
    import random

    from zoneplan_tui.library.index import SNIPPET_CHARS, Term, _focus, _spans

    def by_definition(norm: str, terms: list[Term]) -> int:
        per_term = [_spans(norm, [t]) for t in terms]
        best, best_count = 0, -1
        for c in sorted(s for spans in per_term for s, _ in spans):
            lo = c - SNIPPET_CHARS // 3
            hi = lo + SNIPPET_CHARS
            count = sum(any(s >= lo and e <= hi for s, e in spans) for spans in per_term)
            if count > best_count:
                best, best_count = c, count
        return best

    rng = random.Random(11)
    for _ in range(2000):
        norm = "".join(rng.choice("甲乙丙丁") for _ in range(rng.randrange(400)))
        terms = [
            Term("".join(rng.choice("甲乙丙丁") for _ in range(rng.choice((1, 2, 3, 90)))), True)
            for _ in range(rng.randrange(1, 6))
        ]
        terms += terms[: rng.randrange(3)]  # words named twice
        assert _focus(norm, terms) == by_definition(norm, terms), (norm, terms)


def _built(tmp_path: Path) -> Path:
    path = tmp_path / "ix.sqlite3"
    with SearchIndex.open(path) as ix:
        ix.update(find_plans(SAMPLES), prune=[SAMPLES])
        ix.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    return path


def _damage(path: Path, how: str) -> None:
    from tests.hostile import builders as b

    if how == "random bytes":
        b.random_bytes(path)
    elif how == "truncated":
        b.truncate_half(path)
    else:  # a page in the middle overwritten
        b.corrupt_page(path, path.stat().st_size // 4096 // 2)


@pytest.mark.parametrize("how", ["random bytes", "truncated", "a corrupted page"])
def test_a_damaged_index_is_moved_aside_and_rebuilt(tmp_path, how):
    path = _built(tmp_path)
    _damage(path, how)
    damaged = path.read_bytes()
    with SearchIndex.open(path) as ix:
        assert ix.notice and "was damaged" in ix.notice and "\n" not in ix.notice
        report = ix.update(find_plans(SAMPLES), prune=[SAMPLES])
        assert len(report.added) == 5 and ix.search("营商环境")
    [moved] = tmp_path.glob("ix.sqlite3.damaged-*[0-9]")
    assert moved.read_bytes() == damaged and moved.name in ix.notice  # kept, not deleted
    with SearchIndex.open(path) as again:
        assert again.notice is None  # said once


def test_an_index_that_cannot_be_opened_is_an_error_and_left_alone(tmp_path):
    from zoneplan_tui.library.index import SearchIndexError

    (tmp_path / "ix.sqlite3").mkdir()
    with pytest.raises(SearchIndexError, match=r"cannot open the search index|not a usable"):
        SearchIndex.open(tmp_path / "ix.sqlite3")
    assert (tmp_path / "ix.sqlite3").is_dir() and not list(tmp_path.glob("*.damaged-*"))


# --- speed at library scale (issue 14): what the faster paths must keep ---------------------------


def _unit_rows(ix: SearchIndex) -> list[tuple]:
    return ix.con.execute(
        'SELECT u.sha256, u.kind, u.start, u."end", u.line, u.section, u.text, u.norm, u.head, '
        "f.words, f.title FROM units u JOIN fts f ON f.rowid = u.id ORDER BY u.sha256, u.start"
    ).fetchall()


def test_plans_read_in_worker_processes_are_stored_as_read_here(tmp_path):
    with SearchIndex.open(tmp_path / "here.sqlite3") as here:
        here.update(find_plans(SAMPLES), workers=0)
        want = (
            _unit_rows(here),
            here.documents(),
            [here.targets_json(d.sha256) for d in here.documents()],
        )
    with SearchIndex.open(tmp_path / "workers.sqlite3") as pool:
        report = pool.update(find_plans(SAMPLES), workers=2)
        assert len(report.added) == 5
        got = (
            _unit_rows(pool),
            pool.documents(),
            [pool.targets_json(d.sha256) for d in pool.documents()],
        )
    assert got == want


def test_a_worker_that_cannot_start_leaves_its_plans_to_this_process(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        report = ix.update(find_plans(SAMPLES), workers=2)
        assert len(report.added) == 5 and ix.search("营商环境")


def test_deleting_a_plan_cuts_no_words(tmp_path, monkeypatch):
    from zoneplan_tui.library import segment

    plans = _copy_samples(tmp_path)
    with SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        ix.update(find_plans(plans), prune=[plans])

        def refuse(*_a: object) -> None:
            raise AssertionError("the segmenter was asked to cut")

        monkeypatch.setattr(segment, "cut_for_search", refuse)
        monkeypatch.setattr(segment, "cut", refuse)
        monkeypatch.setattr(segment, "tag", refuse)
        (plans / "haimen-2017-work-plan.txt").unlink()
        assert len(ix.update(find_plans(plans), prune=[plans]).removed) == 1
        assert (
            ix.con.execute("SELECT count(*) FROM fts").fetchone()
            == ix.con.execute("SELECT count(*) FROM units").fetchone()
        )
        ix.con.execute("INSERT INTO fts(fts) VALUES('integrity-check')")
        ix.con.execute("INSERT INTO grams(grams) VALUES('integrity-check')")


def _texts(ix: SearchIndex) -> dict[tuple[str, int], str]:
    return {
        (sha, start): norm
        for sha, start, norm in ix.con.execute(
            "SELECT sha256, start, COALESCE(norm, text) FROM units WHERE kind='text'"
        )
    }


def test_every_literal_occurrence_is_found(index):
    # A general rule, on random pieces of the plans (most cut across words): a quoted phrase
    # finds exactly the blocks holding it; a word finds at least those (and more by its words).
    import random

    units = _texts(index)
    rng = random.Random(14)
    pieces = []
    for norm in rng.sample(sorted(units.values()), 60):
        for _ in range(3):
            n = rng.randint(1, 6)
            i = rng.randrange(max(1, len(norm) - n))
            piece = norm[i : i + n]
            if piece.strip() and '"' not in piece and not any(c.isspace() for c in piece):
                pieces.append(piece)
    for piece in pieces:
        holding = {key for key, norm in units.items() if piece in norm}
        exact = {(h.sha256, h.start) for h in index.search(f'"{piece}"', limit=1000, notes=False)}
        assert exact == holding, piece
        loose = {(h.sha256, h.start) for h in index.search(piece, limit=1000, notes=False)}
        assert holding <= loose, piece


def test_a_phrase_of_common_words_is_ranked_by_the_index(index):
    # 招商 and 项目 stand together in some blocks and apart in many: the phrase's hits are the
    # blocks holding it, best first by bm25, not a scan of every block holding both words.
    hits = index.search('"招商项目"', limit=100, notes=False)
    units = _texts(index)
    assert {(h.sha256, h.start) for h in hits} == {k for k, n in units.items() if "招商项目" in n}
    assert [h.score for h in hits] == sorted(h.score for h in hits)


def test_the_default_index_removes_the_files_of_older_schemas():
    default_index_path().parent.mkdir(parents=True, exist_ok=True)
    old = default_index_path().with_name("search-v2.sqlite3")
    for suffix in ("", "-wal"):
        Path(f"{old}{suffix}").write_bytes(b"old")
    with SearchIndex.open():
        pass
    assert not old.exists() and not Path(f"{old}-wal").exists()
    assert default_index_path().exists()


def test_a_sound_index_is_checked_once_until_it_changes(tmp_path):
    from zoneplan_tui.library import index_health

    path = _built(tmp_path)
    with SearchIndex.open(path):
        pass  # checked, and remembered beside it
    st = path.stat()
    assert index_health._passed(path) == (st.st_ino, st.st_size, st.st_mtime_ns)
    # Another command (nothing remembered in-process) trusts the note while the file is the same:
    # a page garbled behind the note's back (same size and time) goes unseen...
    from tests.hostile import builders as b

    b.corrupt_page(path, path.stat().st_size // 4096 // 2)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    index_health._checked.clear()
    with SearchIndex.open(path) as ix:
        assert ix.notice is None
    # ...and once the file changed, it is checked again: the damage is found.
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    index_health._checked.clear()
    with SearchIndex.open(path) as ix:
        assert ix.notice and "was damaged" in ix.notice


def test_opening_an_index_imports_no_analysis():
    import subprocess

    code = (
        "import sys\n"
        "from zoneplan_tui.library import index\n"
        "index.rules_version()\n"
        "heavy = ('zoneplan_tui.core.analysis', 'zoneplan_tui.library.targets', "
        "'importlib.metadata', 'hashlib', 'rjieba', 'jieba')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_rules_version_follows_a_rules_constant_in_the_source(tmp_path, monkeypatch):
    # RULES_VERSION is read from a module's source when the module is not loaded: a bump counts.
    copy = _copy_of_row_sources(tmp_path / "copy")
    monkeypatch.setattr(search_index, "_PACKAGE_ROOT", copy)
    monkeypatch.delitem(sys.modules, "zoneplan_tui.core.planmeta", raising=False)
    before = search_index._rules_constant("core.planmeta")
    source = copy / "core" / "planmeta.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(f"RULES_VERSION = {before}", f"RULES_VERSION = {before + 1}"))
    assert search_index._rules_constant("core.planmeta") == before + 1
