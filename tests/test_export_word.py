"""Word exports (export/word_new.py, word_copy.py): one comment per note, on exactly the text of
its passage, read back with python-docx; a Word plan's own file keeps its text and formatting."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import SAMPLES
from tests.format_fixtures import make_docx
from zoneplan_tui.core.document import Document
from zoneplan_tui.export.plan import AnnotatedPlan, annotate
from zoneplan_tui.export.run import export
from zoneplan_tui.export.word_comments import initials, xml_text
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.annotations import Annotation, new_annotation

PLAN = (
    "某区2020年工作要点\n\n一、总体要求\n\n坚持稳中求进，全年完成招商引资任务。\n\n"
    "（一）项目招商\n\n全年新开工超亿元项目35个以上，投资增长8%。\n\n"
    "二、主要目标\n\n地区生产总值增长6.5%左右。\n"
)
STYLED = (
    ("重点推进", {}),
    ("海门大学科技园", {"bold": True}),
    ("建设，投资12亿元。", {"italic": True}),
)


def note(doc: Document, quote: str, text: str = "核实", tags: tuple[str, ...] = ()) -> Annotation:
    start = doc.text.index(quote)
    return new_annotation(
        doc.text,
        start,
        start + len(quote),
        path=str(doc.path),
        sha256=doc.sha256,
        title="",
        note=text,
        tags=list(tags),
        color="yellow",
        section=(),
    )


def orphan(doc: Document) -> Annotation:
    """A note written on a passage that is no longer in `doc`."""
    old = "旧稿：全年引进外资项目3个，此段已删除。"
    return new_annotation(
        old, 3, 12, path=str(doc.path), sha256="0" * 64, title="", note="已删", tags=[],
        color="yellow", section=("三、旧节",),
    )  # fmt: skip


def commented_text(document) -> dict[str, str]:
    """Comment id -> the text of the runs between its range start and end, in body order."""
    open_ids: list[str] = []
    found: dict[str, list[str]] = {}
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.append(el.get(qn("w:id")))
            found.setdefault(el.get(qn("w:id")), [])
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.remove(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for i in open_ids:
                found[i].append(el.text or "")
    return {i: "".join(parts) for i, parts in found.items()}


def comments(data: bytes) -> tuple[object, dict[str, object], dict[str, str]]:
    document = docx.Document(io.BytesIO(data))
    by_id = {str(c.comment_id): c for c in document.comments}
    return document, by_id, commented_text(document)


def check_one_comment_per_note(plan: AnnotatedPlan, data: bytes, *, labels: bool) -> dict:
    """Every placed note's comment covers exactly its quote (without a list label Word renders,
    when `labels`); every comment carries its note and the reviewer; returns quote -> comment."""
    _, by_id, covered = comments(data)
    assert len(by_id) == len(plan.notes)
    out = {}
    for n in plan.notes:
        quote = n.ann.quote.replace("\n", "")  # line ends are paragraph ends in Word
        if n.is_orphan:  # on the first run, saying what its passage was
            mine = [i for i, c in by_id.items() if f"「{n.ann.quote}」" in c.text]
        else:
            mine = [i for i, c in by_id.items() if c.text.startswith(xml_text(n.ann.note))]
        assert mine, n.ann.quote
        matching = [i for i in mine if covered[i] == quote or n.is_orphan]
        if labels and not matching:
            matching = [i for i in mine if quote.endswith(covered[i]) and covered[i]]
        assert matching, (n.ann.quote, [covered[i] for i in mine])
        c = by_id[matching[0]]
        assert c.author == plan.reviewer and c.initials == initials(plan.reviewer)
        out[n.ann.quote] = c
    return out


# ------------------------------------------------------------------------------ a new document


@pytest.fixture
def text_plan(tmp_path) -> Document:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return load_document(path)


def test_a_text_plan_becomes_a_word_file_with_a_comment_per_note(text_plan):
    doc = text_plan
    anns = [
        note(doc, "招商引资任务", "进度如何？", ("招商",)),
        note(doc, "35个以上", "35个的依据"),
        note(doc, "招商引资", "重叠的批注"),  # overlaps the first
        note(doc, "投资增长8%。\n\n二、主要目标", "跨段落"),  # across paragraphs
        orphan(doc),
    ]
    plan = annotate(doc, anns, reviewer="Li Wei")
    result = export(plan, "docx")
    assert result.warnings == []
    got = check_one_comment_per_note(plan, result.data, labels=False)
    assert "Tags: 招商" in got["招商引资任务"].text
    assert "Status: attached" in got["35个以上"].text
    assert "Status: orphan" in got[anns[-1].quote].text and "已删" in got[anns[-1].quote].text
    stamp = got["35个以上"].timestamp
    assert stamp is not None and abs(stamp.replace(tzinfo=UTC) - datetime.now(UTC)).seconds < 600


def test_headings_take_word_heading_styles_by_outline_level(text_plan):
    plan = annotate(text_plan, [])
    document = docx.Document(io.BytesIO(export(plan, "docx").data))
    styles = {p.text: p.style.name for p in document.paragraphs}
    headings = plan.analysis.outline.headings
    assert headings, "the plan has an outline"
    for h in headings:
        line = text_plan.line_text(h.line)
        assert styles[line] == f"Heading {min(h.level, 9)}", line
    assert styles[text_plan.line_text(plan.analysis.outline.title_line)] == "Title"
    body = [p for p in document.paragraphs if p.style.name == "Normal"]
    assert any("6.5%" in p.text for p in body)
    # the text of the plan, paragraph by paragraph, nothing lost
    kept = [line for line in PLAN.split("\n") if line.strip()]
    assert [p.text for p in document.paragraphs] == kept


def test_text_word_cannot_hold_is_replaced_one_for_one(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_text("标题\n\n正文\x0b含控制字符的段落，完成5个项目。\n", encoding="utf-8")
    doc = load_document(path)
    plan = annotate(doc, [note(doc, "5个项目", "x\x01y")])
    _, by_id, _ = comments(export(plan, "docx").data)
    assert [c.text.split("\n")[0] for c in by_id.values()] == ["x\ufffdy"]


# ------------------------------------------------------------------- comments into a Word plan


@pytest.fixture
def word_plan(tmp_path) -> Path:
    """A Word plan with list numbering (`一、`, `（一）` rendered from numbering.xml), a table,
    and a paragraph whose runs carry different formatting."""
    path = make_docx(PLAN, tmp_path / "plan.docx")
    document = docx.Document(str(path))
    p = document.add_paragraph()
    for text, fmt in STYLED:
        run = p.add_run(text)
        run.bold = fmt.get("bold")
        run.italic = fmt.get("italic")
    document.save(str(path))
    return path


def test_comments_go_into_a_copy_of_a_word_plan_on_the_runs_of_each_passage(word_plan):
    doc = load_document(word_plan)
    assert "一、总体要求" in doc.text and "招商局" in doc.text  # labels rendered, table read
    quotes = [
        "科技园建设，投资",  # across a bold and an italic run: both are cut
        "35个",  # inside one run
        "一、总体要求",  # begins with a list label that is no text in Word
        "项目招商",  # in a table cell (and in a numbered heading: the first is the heading)
        "招商局",  # a whole table cell
        "重点推进海门大学科技园建设，投资12亿元。",  # a whole paragraph of three runs
    ]
    anns = [note(doc, q, f"批注{i}", ("复核",)) for i, q in enumerate(quotes)] + [orphan(doc)]
    plan = annotate(doc, anns, reviewer="张三")
    result = export(plan, "docx")
    assert result.warnings == []
    got = check_one_comment_per_note(plan, result.data, labels=True)
    assert got["35个"].author == "张三" and got["35个"].initials == "张"

    out = word_plan.with_name("out.docx")
    out.write_bytes(result.data)
    again = load_document(out)
    assert again.text == doc.text  # the copy reads as the plan did: cutting runs lost nothing
    document = docx.Document(str(out))
    styled = next(p for p in document.paragraphs if p.text.startswith("重点推进"))
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in styled.runs]
    assert "".join(t for t, _, _ in runs) == "".join(t for t, _ in STYLED)
    for text, bold, italic in runs:  # every piece kept its run's formatting
        source = next(fmt for t, fmt in STYLED if text in t)
        assert (bold, italic) == (bool(source.get("bold")), bool(source.get("italic"))), text
    assert any(t == "科技园" and b for t, b, _ in runs)  # the bold run was cut at the quote
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings] == ["总体要求", "主要目标"]  # numbering still Word's
    assert len(document.tables) == 1


def test_a_word_plan_changed_since_it_was_read_gets_a_new_document_and_a_warning(word_plan):
    doc = load_document(word_plan)
    plan = annotate(doc, [note(doc, "35个", "x")])
    document = docx.Document(str(word_plan))
    document.add_paragraph("后来加上的一段。")
    document.save(str(word_plan))
    result = export(plan, "docx")
    assert len(result.warnings) == 1 and "new document" in result.warnings[0]
    check_one_comment_per_note(plan, result.data, labels=False)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_sample_as_word_takes_its_comments_in_a_copy(sample, tmp_path):
    """Real plans made Word files (list numbering, a table): no passage falls back to a new
    document, every comment lies on its figure's text, and the copy reads back unchanged."""
    from zoneplan_tui.core.analysis import analyse

    path = make_docx(load_document(sample).text, tmp_path / f"{sample.stem}.docx")
    doc = load_document(path)
    quotes = dict.fromkeys(doc.text[f.start : f.end] for f in analyse(doc).figures[::5])
    plan = annotate(doc, [note(doc, q, f"批注{i}。") for i, q in enumerate(quotes)])
    assert len(plan.notes) >= 2
    result = export(plan, "docx")
    assert result.warnings == []
    check_one_comment_per_note(plan, result.data, labels=True)
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    assert load_document(out).text == doc.text
