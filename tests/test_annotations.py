"""The annotation model (annotations.py), its W3C form (w3c.py), and re-anchoring (anchoring.py,
with property tests on tracked edits)."""

from __future__ import annotations

import itertools
import random
import unicodedata
from dataclasses import dataclass, replace

import orjson
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from tests.conftest import SAMPLES
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.anchoring import (
    ATTACH_THRESHOLD,
    _edit_distances_to_suffixes,
    _myers_ends,
    anchor,
    fuzzy_find,
    rebase,
    status_for,
)
from zoneplan_tui.notes.annotations import (
    CONTEXT_CHARS,
    Annotation,
    AnnotationError,
    DocRef,
    Target,
    make_target,
    new_annotation,
    normalise_tag,
)
from zoneplan_tui.notes.w3c import W3C_CONTEXT, export_collection, from_w3c, parse_import, to_w3c

SHA = "a" * 64
SMALL_ALPHABET = "ab甲乙丙"


def ann_on(text: str, start: int, end: int, **kw) -> Annotation:
    return new_annotation(text, start, end, path="/plans/p.txt", sha256=SHA, **kw)


# ---------------------------------------------------------------------------------- the model


def test_new_annotation_takes_quote_and_context_from_the_text():
    text = "前" * 40 + "重点项目" + "后" * 40
    a = ann_on(text, 40, 44, note="核实", tags=["招商"], section=["一、总体", "(一)目标"])
    assert a.quote == "重点项目"
    assert a.target.prefix == "前" * CONTEXT_CHARS
    assert a.target.suffix == "后" * CONTEXT_CHARS
    assert a.section == ("一、总体", "(一)目标")
    assert a.updated == a.created and a.created.endswith("Z")
    assert len(a.id) == 36


def test_context_is_shorter_at_the_edges_of_the_text():
    a = ann_on("开头的话。结尾", 0, 2)
    assert a.target.prefix == ""
    assert a.target.suffix == "的话。结尾"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": -1}, "negative"),
        ({"start": True}, "integer"),
        ({"end": 1, "start": 5}, "before"),
        ({"quote": ""}, "empty"),
        ({"quote": "\ud800"}, "surrogate"),
        ({"section": "一、总体"}, "list"),
    ],
)
def test_bad_targets_are_rejected(kwargs, message):
    base = {"start": 0, "end": 2, "quote": "规划"}
    with pytest.raises(AnnotationError, match=message):
        Target(**{**base, **kwargs})


def test_bad_annotations_are_rejected():
    doc = DocRef("/p.txt", SHA)
    tgt = Target(0, 2, "规划")
    with pytest.raises(AnnotationError, match="sha256"):
        DocRef("/p.txt", "XYZ")
    with pytest.raises(AnnotationError, match="empty"):
        Annotation(doc, tgt, tags=("  ",))
    with pytest.raises(AnnotationError, match="one string"):
        Annotation(doc, tgt, tags="交通")
    with pytest.raises(AnnotationError, match="color"):
        Annotation(doc, tgt, color="red; drop")
    with pytest.raises(AnnotationError, match="ISO"):
        Annotation(doc, tgt, created="yesterday")
    with pytest.raises(AnnotationError, match="surrogate"):
        Annotation(doc, tgt, note="bad \udc80")


def test_tags_are_deduplicated_by_normalised_name():
    a = Annotation(DocRef("/p.txt"), Target(0, 1, "x"), tags=("ＡＢ交通 ", "ab交通", "用地"))
    assert a.tags == ("ＡＢ交通", "用地")
    assert normalise_tag(" ＴＡＧ ") == "tag"


def test_native_dict_round_trip_and_errors():
    a = ann_on("一二三四五六七八九十", 2, 6, note="多行\n备注", tags=["甲", "乙"], color="#ff8800")
    assert Annotation.from_dict(orjson.loads(orjson.dumps(a.to_dict()))) == a
    with pytest.raises(AnnotationError):
        Annotation.from_dict({"id": "x"})
    with pytest.raises(AnnotationError):
        Annotation.from_dict([1, 2])
    with pytest.raises(AnnotationError, match="tags"):
        Annotation.from_dict({**a.to_dict(), "tags": "甲"})


# ------------------------------------------------------------------ the approximate search


def brute_ends(pattern: str, text: str, k: int) -> list[tuple[int, int]]:
    m = len(pattern)
    prev = [0] * (len(text) + 1)  # row 0: a match may start anywhere
    for i in range(1, m + 1):
        cur = [i] + [0] * len(text)
        for j in range(1, len(text) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (pattern[i - 1] != text[j - 1]))
        prev = cur
    return [(j, prev[j]) for j in range(1, len(text) + 1) if prev[j] <= k]


@settings(max_examples=300, deadline=None)
@given(
    st.text(SMALL_ALPHABET, min_size=1, max_size=70),
    st.text(SMALL_ALPHABET, max_size=90),
    st.integers(0, 20),
)
def test_myers_matches_dynamic_programming(pattern, text, k):
    assert _myers_ends(pattern, text, k) == brute_ends(pattern, text, k)


@settings(max_examples=200, deadline=None)
@given(st.text(SMALL_ALPHABET, min_size=1, max_size=70), st.text(SMALL_ALPHABET, max_size=70))
def test_suffix_distances_match_levenshtein(pattern, text):
    expected = [Levenshtein.distance(pattern, text[len(text) - r :]) for r in range(len(text) + 1)]
    assert _edit_distances_to_suffixes(pattern, text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(SMALL_ALPHABET, min_size=4, max_size=40), st.text(SMALL_ALPHABET, max_size=200))
def test_fuzzy_find_loses_nothing_to_its_filter(pattern, text):
    """The pigeonhole filter never hides the best match a full scan would find."""
    k = len(pattern) // 4
    whole = _myers_ends(pattern, text, k)
    found = fuzzy_find(pattern, text, k)
    for start, end, errors in found:
        assert Levenshtein.distance(pattern, text[start:end]) == errors <= k
    if whole:
        best = min(e for _, e in whole)
        assert best in {errors for _, _, errors in found}


def test_fuzzy_find_handles_long_patterns_and_big_alphabets():
    rng = random.Random(5)
    text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(5000))  # >256 distinct chars
    quote = text[2000:2300]  # far past diff-match-patch's 32-character limit
    edited = quote[:100] + "新增" + quote[110:]
    hits = fuzzy_find(edited, text, len(edited) // 4)
    assert [(s, e) for s, e, _ in hits] == [(2000, 2300)]


# -------------------------------------------------------------------------------- anchoring


PLAN = (
    "一、总体要求\n坚持稳中求进工作总基调，全面深化改革开放。\n"
    "二、主要目标\n完成应税销售237亿元，全社会固定资产投资130亿元。\n"
    "三、重点任务\n加快推进智能制造产业园建设，着力打造先进制造业基地。\n"
)


def test_unchanged_text_uses_the_stored_position():
    start = PLAN.index("全社会固定资产投资")
    a = ann_on(PLAN, start, start + 9)
    got = anchor(a, PLAN)
    assert (got.status, got.start, got.end, got.score, got.method) == (
        "attached",
        start,
        start + 9,
        1.0,
        "position",
    )


def test_insertion_above_moves_the_note():
    start = PLAN.index("智能制造产业园")
    a = ann_on(PLAN, start, start + 7)
    new = "前言：本计划经会议审议通过。\n" + PLAN
    got = anchor(a, new)
    assert got.status == "attached" and got.method == "exact"
    assert new[got.start : got.end] == "智能制造产业园"


def test_small_edit_inside_the_quote_reattaches_fuzzily():
    quote = "加快推进智能制造产业园建设，着力打造先进制造业基地"
    start = PLAN.index(quote)
    a = ann_on(PLAN, start, start + len(quote))
    new = PLAN.replace("智能制造产业园", "智能制造产业新城")
    got = anchor(a, new)
    assert got.status == "attached" and got.method == "fuzzy"
    assert new[got.start : got.end].startswith("加快推进智能制造产业新城")


def test_deleted_passage_becomes_an_orphan():
    start = PLAN.index("全社会固定资产投资")
    a = ann_on(PLAN, start, start + 9)
    new = PLAN.replace("完成应税销售237亿元，全社会固定资产投资130亿元。\n", "")
    got = anchor(a, new)
    assert got.status == "orphan" and got.start is None


def test_the_same_phrase_elsewhere_does_not_capture_a_deleted_note():
    text = (
        "甲区：加快推进基础设施建设，完善道路网络。\n"
        "乙区：着力优化营商环境，加快推进基础设施建设。\n"
    )
    start = text.index("加快推进基础设施建设")
    a = ann_on(text, start, start + 10)
    new = text.split("\n", 1)[1]  # 甲区's line deleted; 乙区 has the same phrase
    got = anchor(a, new)
    assert got.status != "attached"


def test_review_band():
    text = "，".join(f"第{i}条规定的内容" for i in range(30))
    start = text.index("第12条规定的内容")
    a = ann_on(text, start, start + 9)
    # the suffix side is rewritten: one side of the context still agrees
    new = text[: start + 9] + "完全不同的后续文字" * 4
    got = anchor(a, new)
    assert got.status in ("attached", "review")
    assert status_for(0.95) == "attached"
    assert status_for(0.8) == "review"
    assert status_for(0.5) == "orphan"


def test_rebase_refreshes_quote_context_and_hash():
    start = PLAN.index("智能制造产业园")
    a = ann_on(PLAN, start, start + 7, note="n")
    new = "新增一段。\n" + PLAN
    got = anchor(a, new)
    moved = rebase(a, got, new, "b" * 64)
    assert moved.target.start == start + 6
    assert moved.doc.sha256 == "b" * 64
    assert anchor(moved, new).method == "position"
    with pytest.raises(AnnotationError):
        rebase(a, anchor(a, "完全无关"), "完全无关", SHA)


def test_non_bmp_quotes_anchor_by_code_points():
    text = "吉野家的𠮷字和表情😀都要能标注。" * 3
    start = text.index("𠮷字和表情😀", 10)
    a = ann_on(text, start, start + 6)
    assert a.quote == "𠮷字和表情😀"
    got = anchor(a, "插入" + text)
    assert got.status == "attached" and got.start == start + 2


# -------------------------------------------------------- property tests on tracked edits

# Random plan-like text over ~2,000 CJK characters: repeats long enough to confuse a quote and
# its context do not happen by chance, so "the right place" is well defined.
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
PUNCT = "，。；、"


def random_paragraph(rng: random.Random) -> str:
    n = rng.randint(20, 120)
    return "".join(rng.choice(PUNCT) if rng.random() < 0.08 else rng.choice(CJK) for _ in range(n))


@dataclass
class Tracked:
    """Text as (char, original index) pairs: edits keep track of where every old char went."""

    chars: list[tuple[str, int | None]]

    @classmethod
    def of(cls, text: str) -> Tracked:
        return cls([(c, i) for i, c in enumerate(text)])

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)

    def new_positions(self) -> dict[int, int]:
        return {orig: i for i, (_, orig) in enumerate(self.chars) if orig is not None}

    def insert(self, pos: int, s: str) -> None:
        self.chars[pos:pos] = [(c, None) for c in s]

    def delete(self, a: int, b: int) -> None:
        del self.chars[a:b]

    def move(self, a: int, b: int, to: int) -> None:
        block = self.chars[a:b]
        del self.chars[a:b]
        to = min(to, len(self.chars))
        self.chars[to:to] = block


edit_kinds = st.sampled_from(["insert", "delete", "replace", "move", "insert_above"])


@st.composite
def edited_documents(draw):
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    paragraphs = [random_paragraph(rng) for _ in range(draw(st.integers(3, 12)))]
    text = "\n".join(paragraphs)
    qlen = draw(st.integers(6, 40))
    start = draw(st.integers(0, len(text) - qlen))
    tracked = Tracked.of(text)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(edit_kinds)
        n = len(tracked.chars)
        a = draw(st.integers(0, n))
        length = draw(st.integers(1, 60))
        b = min(n, a + length)
        if kind == "insert":
            tracked.insert(a, random_paragraph(rng)[:length])
        elif kind == "insert_above":
            tracked.insert(0, random_paragraph(rng) + "\n")
        elif kind == "delete":
            tracked.delete(a, b)
        elif kind == "replace":
            tracked.delete(a, b)
            tracked.insert(a, random_paragraph(rng)[: max(1, b - a)])
        else:
            tracked.move(a, b, draw(st.integers(0, n)))
    return text, start, start + qlen, tracked


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_documents())
def test_reanchoring_property(case):
    old, start, end, tracked = case
    ann = ann_on(old, start, end)
    new = tracked.text
    where = tracked.new_positions()
    got = anchor(ann, new)

    ctx_lo = start - len(ann.target.prefix)
    ctx_hi = end + len(ann.target.suffix)
    span = [where.get(i) for i in range(ctx_lo, ctx_hi)]
    survived = all(p is not None for p in span) and all(
        b == a + 1 for a, b in itertools.pairwise(span)
    )
    event(f"context survived: {survived}; status: {got.status}")
    if survived:
        # The quote and its whole context are intact: always re-attached, at the right place.
        assert got.status == "attached", got
        assert new[got.start : got.end] == ann.quote
        assert got.start == where[start]

    quote_left = [where[i] for i in range(start, end) if i in where]
    if not quote_left:
        event("quote deleted")
        # Deleted text never captures the note.
        assert got.status != "attached", got
    elif got.status == "attached":
        # An attachment lands on (what is left of) the passage, never somewhere else.
        assert got.start <= max(quote_left) and got.end > min(quote_left), (got, quote_left)


def _sample_lines(name: str) -> tuple[str, list[tuple[int, int]]]:
    doc = load_document(SAMPLES / name)
    spans = []
    for line in range(1, doc.line_count + 1):
        content = doc.line_text(line)
        if len(content.strip()) >= 20:
            spans.append((doc.line_start(line), doc.line_start(line) + len(content)))
    return doc.text, spans


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_real_plans_deleting_a_paragraph_orphans_its_notes(name):
    """Planning prose repeats itself; a deleted paragraph's notes still never re-attach elsewhere
    (unless the very same quote and context are elsewhere, which would be a true duplicate)."""
    text, spans = _sample_lines(name)
    rng = random.Random(name)
    checked = 0
    for p_start, p_end in spans:
        new = text[:p_start] + text[p_end + 1 :]
        for _ in range(3):
            length = rng.randint(4, min(30, p_end - p_start))
            s = rng.randint(p_start, p_end - length)
            ann = ann_on(text, s, s + length)
            t = ann.target
            if t.prefix + t.quote + t.suffix in new:
                continue
            got = anchor(ann, new)
            assert got.status != "attached", (name, t.quote, got)
            checked += 1
    assert checked > 10


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_real_plans_insertions_and_edits_elsewhere_keep_notes(name):
    text, spans = _sample_lines(name)
    rng = random.Random(name + "keep")
    new = "（本文件已修订）\n" + text.replace("\n\n", "\n\n\n")
    for p_start, p_end in spans:
        length = rng.randint(4, min(30, p_end - p_start))
        s = rng.randint(p_start, p_end - length)
        ann = ann_on(text, s, s + length)
        got = anchor(ann, new)
        assert got.status == "attached" and new[got.start : got.end] == ann.quote


# ---------------------------------------------------------------------------------- W3C


def rich_annotation() -> Annotation:
    text = "规划目标：到2025年，𠮷祥园区建成😀。\n" * 3
    return ann_on(
        text,
        10,
        20,
        note="第一行\r\n第二行 NFD:" + unicodedata.normalize("NFD", "é"),
        tags=["交通", "Ｔａｇ"],
        color="#00ff88",
        section=["一、总体要求", "(一)目标"],
    )


def test_w3c_form_is_a_standard_annotation():
    a = rich_annotation()
    w = to_w3c(a)
    assert w["type"] == "Annotation"
    assert w["id"] == f"urn:uuid:{a.id}"
    assert w["motivation"] == "commenting"
    assert w["target"]["source"] == "file:///plans/p.txt"
    types = [s["type"] for s in w["target"]["selector"]]
    assert types == ["TextQuoteSelector", "TextPositionSelector"]
    assert w["target"]["selector"][0]["exact"] == a.quote
    purposes = [b["purpose"] for b in w["body"]]
    assert purposes == ["commenting", "tagging", "tagging"]
    coll = export_collection([a])
    assert coll["@context"] == W3C_CONTEXT
    assert coll["type"] == "AnnotationCollection"
    assert coll["total"] == 1
    assert coll["first"]["type"] == "AnnotationPage"


def test_w3c_round_trip_is_lossless():
    bare = ann_on("只是一段高亮的文字", 2, 6)  # a highlight without a note
    anns = [rich_annotation(), bare]
    wire = orjson.dumps(export_collection(anns))
    back, problems = parse_import(orjson.loads(wire))
    assert problems == []
    assert back == anns
    assert to_w3c(bare)["motivation"] == "highlighting"
    assert "body" not in to_w3c(bare)


def test_import_reads_a_foreign_w3c_annotation():
    foreign = {
        "@context": W3C_CONTEXT,
        "id": "https://example.org/anno/7",
        "type": "Annotation",
        "bodyValue": "看这里",
        "target": {
            "source": "file:///home/u/%E8%A7%84%E5%88%92.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "重点项目", "prefix": "推进"},
        },
    }
    a = from_w3c(foreign)
    assert a.id == "https://example.org/anno/7"
    assert a.doc.path == "/home/u/规划.txt"
    assert a.note == "看这里" and a.quote == "重点项目"
    assert (a.target.start, a.target.end) == (0, 4)
    assert a.doc.sha256 == ""


def test_one_bad_item_does_not_sink_the_import():
    good = to_w3c(rich_annotation())
    bad_selector = {**good, "target": {"source": "file:///x", "selector": []}}
    items = [good, {"type": "Annotation"}, 42, bad_selector]
    anns, problems = parse_import({"type": "AnnotationPage", "items": items})
    assert len(anns) == 1
    assert len(problems) == 3
    assert all(p.startswith("item ") for p in problems)
    with pytest.raises(AnnotationError):
        parse_import({"hello": "world"})
    with pytest.raises(AnnotationError):
        parse_import("text")


def test_native_form_imports_too():
    a = rich_annotation()
    anns, problems = parse_import([a.to_dict()])
    assert anns == [a] and problems == []


@given(
    st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s),
    st.lists(st.text(min_size=1).filter(lambda s: normalise_tag(s)), max_size=4),
)
@settings(max_examples=100, deadline=None)
def test_any_unicode_round_trips_through_w3c(note, tags):
    try:
        note.encode("utf-8")
        for t in tags:
            t.encode("utf-8")
    except UnicodeEncodeError:
        assume(False)
    a = Annotation(DocRef("/p.txt", SHA, "标题"), Target(0, 2, "规划"), note=note, tags=tags)
    back, problems = parse_import(orjson.loads(orjson.dumps(export_collection([a]))))
    assert problems == [] and back == [a]


def test_make_target_checks_range():
    with pytest.raises(AnnotationError):
        make_target("abc", 2, 9)
    assert replace(make_target("abcdef", 1, 3), section=["x"]).section == ("x",)
    assert ATTACH_THRESHOLD == 0.9
