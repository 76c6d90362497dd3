"""`zoneplan export` and `zoneplan notes export PATH --format md`: the Markdown by section, the
web page's self-containment and escaping, the command's files and one-line errors."""

from __future__ import annotations

import html.parser
import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from zoneplan_tui.cli.command import main
from zoneplan_tui.core.analysis import analyse_outline
from zoneplan_tui.export.plan import PlacedNote, anchoring_reason
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.anchoring import Anchoring

PLAN = (
    "某区2020年工作要点\n\n一、总体要求\n\n坚持稳中求进，全年完成招商引资任务。\n\n"
    "二、主要目标\n\n（一）经济指标\n\n地区生产总值增长6.5%左右，新开工项目35个以上。\n\n"
    "（二）民生指标\n\n新增就业3000人。\n\n三、保障措施\n\n加强组织领导。\n"
)
HOSTILE = "<script>alert(1)</script> [red]红[/red] & \"q\" 'a'"


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def add(capsys, plan: Path, quote: str, note: str, *tags: str) -> None:
    argv = ["notes", "add", str(plan), "--quote", quote, "--note", note]
    for t in tags:
        argv += ["--tag", t]
    assert main(argv) == 0
    capsys.readouterr()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def noted(capsys, plan) -> Path:
    """The plan with notes in an order unlike the outline's, and one orphan."""
    add(capsys, plan, "新增就业3000人", "就业口径", "民生")
    add(capsys, plan, "加强组织领导", "谁牵头")
    add(capsys, plan, "招商引资任务", HOSTILE, "招商", "<b>")
    add(capsys, plan, "35个以上", "项目清单")
    add(capsys, plan, "增长6.5%", "与省里一致？", "招商")
    plan.write_text(PLAN.replace("加强组织领导。", "健全工作机制。"), encoding="utf-8")
    return plan


# ------------------------------------------------------------------------------ Markdown


def test_notes_markdown_is_grouped_by_section_in_outline_order_with_orphans_last(capsys, noted):
    out_file = noted.with_name("notes.md")
    code, _, _ = run(capsys, "notes", "export", str(noted), "--format", "md", "-o", str(out_file))
    assert code == 0
    md = out_file.read_text(encoding="utf-8")
    sections = [ln for ln in md.splitlines() if ln.startswith("## ")]
    assert sections == [
        "## 一、总体要求",
        "## 二、主要目标 › （一）经济指标",
        "## 二、主要目标 › （二）民生指标",
        "## Orphaned notes (the passage is no longer in the text)",
    ]
    body = md.split("\n## ")
    assert "增长6.5%" in body[2] and "35个以上" in body[2]
    assert body[2].index("增长6.5%") < body[2].index("35个以上")  # text order inside a section
    assert "加强组织领导" in body[4] and "status: orphan" in body[4]
    line = PLAN.split("\n").index("新增就业3000人。") + 1
    # a link back to the plan's line, relative to the file written
    assert f"[plan.txt:{line}](plan.txt#L{line})" in body[3]
    assert "status: attached" in body[3] and "> 新增就业3000人" in body[3]
    assert "<script>" not in md and "\\<script\\>" in md


def test_export_md_to_stdout_links_by_absolute_uri(capsys, noted):
    code, out, _ = run(capsys, "export", str(noted), "--format", "md", "-o", "-")
    assert code == 0 and f"({noted.absolute().as_uri()}#L" in out


# ------------------------------------------------------------------------------ the web page


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts = 0
        self.attrs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.scripts += tag == "script"
        for name, value in attrs:
            self.attrs.add(name)
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src", "action", "srcset", "poster", "data") and value:
                (self.hrefs if value.startswith("#") else self.urls).append(value)


def page(capsys, plan: Path) -> str:
    out = plan.with_name("plan.html")
    code, said, _ = run(capsys, "export", str(plan), "--format", "html", "-o", str(out))
    assert code == 0 and said.startswith(f"{out}: 5 note(s), 1 orphaned")
    return out.read_text(encoding="utf-8")


def test_the_web_page_fetches_nothing_and_its_toc_links_land(capsys, noted):
    text = page(capsys, noted)
    parsed = _Page()
    parsed.feed(text)
    assert parsed.urls == []  # no src/href that leaves the page
    assert not re.search(r"(?i)(https?:|//[a-z0-9]|url\(|@import)", text.replace(
        "http-equiv", ""))  # fmt: skip
    assert "default-src 'none'" in text  # and the browser is told to load nothing
    assert parsed.scripts == 1  # the page's own filter script; nothing from the notes
    toc = [h for h in parsed.hrefs if h.startswith("#l")]
    headings = analyse_outline(load_document(noted)).headings
    assert toc == [f"#l{h.line}" for h in headings] and len(toc) == 5  # the outline, in order
    assert all(h[1:] in parsed.ids for h in parsed.hrefs)


def test_every_text_of_the_plan_and_notes_is_escaped(capsys, noted):
    text = page(capsys, noted)
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "[red]红[/red]" in text  # Rich markup is only text here
    assert "&lt;b&gt;" in text and "<b>" not in text  # a tag named <b>


def test_a_hostile_plan_is_only_text_in_the_page(capsys, tmp_path):
    plan = tmp_path / "<img src=x onerror=alert(1)>.txt"
    plan.write_text(
        "某区<script>alert(1)</script>工作要点\n\n一、总体要求<img src=x>\n\n"
        'a"><script>x()</script> 增长8%</p><p onclick=y>\n',
        encoding="utf-8",
    )
    add(capsys, plan, "增长8%</p>", "<script>z()</script>", '"><b>')
    out = tmp_path / "p.html"
    code, _, _ = run(capsys, "export", str(plan), "--format", "html", "-o", str(out))
    assert code == 0
    parsed = _Page()
    parsed.feed(out.read_text(encoding="utf-8"))
    assert parsed.scripts == 1 and "img" not in parsed.tags and "b" not in parsed.tags
    assert parsed.urls == []
    assert not [a for a in parsed.attrs if a.startswith("on")]  # no handler smuggled in


def test_figures_are_coloured_by_kind_with_a_legend_and_notes_carry_status(capsys, noted):
    text = page(capsys, noted)
    legend = text[text.index('class="legend"') :].split("</div>")[0]
    for kind in ("percent", "count"):
        assert f"fig-{kind}" in legend
    assert re.search(r'class="fig fig-percent"[^>]*>[^<]*6\.5%', text)
    assert ".fig-percent{" in text  # its colour, from the app's palette
    assert text.count('class="status status-attached"') == 4
    assert text.count('class="status status-orphan"') == 1
    assert 'data-tag="招商"' in text and "招商 (2)" in text  # the tag filter, by count
    assert "@media print" in text


# ------------------------------------------------------------------------------ Word, the command


def test_export_docx_writes_beside_the_plan_by_default(capsys, noted):
    code, out, _ = run(capsys, "export", str(noted), "--format", "docx")
    target = noted.with_name("plan.annotated.docx")
    assert code == 0 and out.startswith(str(target))
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert len(list(document.comments)) == 5


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "{dir}/none.txt", "--format", "html"], "none.txt"),
        (["export", "{plan}", "--format", "html", "-o", "{dir}"], "is a directory"),
    ],
)
def test_errors_are_one_line(capsys, plan, argv, message):
    argv = [a.format(dir=plan.parent, plan=plan) for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1 and message in err


def test_a_status_reason_from_the_anchoring_is_shown_whatever_its_field_is_called():
    @dataclass(frozen=True, slots=True)
    class WithReason(Anchoring):
        reason: str = "300个以上 → 350个以上"

    where = WithReason("review", 0, 3, 0.8)
    assert anchoring_reason(where) == "300个以上 → 350个以上"
    assert anchoring_reason(Anchoring("attached", 0, 3, 1.0)) == ""
    placed = PlacedNote(None, "review", 0, 3, 1, (), anchoring_reason(where))  # type: ignore[arg-type]
    assert placed.status_text == "review: 300个以上 → 350个以上"


def test_the_markdown_says_needs_review_once_with_its_reason():
    from zoneplan_tui.export.markdown import note_lines
    from zoneplan_tui.notes.annotations import new_annotation

    text = "全年新增市场主体300个以上。"
    ann = new_annotation(text, 0, 14, path="/p.txt", sha256="a" * 64, note="核实")
    review = PlacedNote(ann, "review", 0, 14, 1, (), "300个以上 → 350个以上")
    meta = note_lines(review, Path("/p.txt"), None)[-2]
    assert meta.count("review") == 1
    assert "**needs review** (300个以上 → 350个以上)" in meta
    changed = PlacedNote(ann, "review", 0, 14, 1, (), "")
    assert "**needs review** (the passage changed)" in note_lines(changed, Path("/p.txt"), None)[-2]
    attached = PlacedNote(ann, "attached", 0, 14, 1, (), "")
    meta = note_lines(attached, Path("/p.txt"), None)[-2]
    assert "status: attached" in meta and "review" not in meta
