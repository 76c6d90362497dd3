"""Word files as offices make them: heading styles without numbers, headings set by hand in
larger or bolder type, relationships to parts the file does not hold; and markdown levels."""

from __future__ import annotations

import io
import zipfile

from docx.shared import Pt

from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.formats.load import load_document

BODY = (
    "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济实现质的有效提升和量的合理增长。"
)


def _headings(path):
    return [(h.level, h.marker, h.title) for h in analyse(load_document(path)).outline.headings]


def test_heading_styles_give_unnumbered_headings_their_level(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某区2024年工作要点", style="Title")
    d.add_paragraph("发展回顾", style="Heading 1")
    d.add_paragraph(BODY)
    d.add_paragraph("一、经济运行")  # numbered in the text, set like the body
    d.add_paragraph(BODY)
    d.add_paragraph("二、改革开放")
    d.add_paragraph(BODY)
    d.add_paragraph("重点任务", style="Heading 1")
    d.add_paragraph("产业发展", style="Heading 2")
    d.add_paragraph("一、先进制造")
    d.add_paragraph(BODY)
    d.add_paragraph("城市建设", style="Heading 2")
    d.add_paragraph(BODY)
    path = tmp_path / "h.docx"
    d.save(str(path))
    outline = analyse(load_document(path)).outline
    assert outline.title == "某区2024年工作要点"
    assert [(h.level, h.title) for h in outline.headings] == [
        (1, "发展回顾"),
        (2, "经济运行"),
        (2, "改革开放"),
        (1, "重点任务"),
        (2, "产业发展"),
        (3, "先进制造"),
        (2, "城市建设"),
    ]


def test_headings_set_by_hand_in_larger_or_bolder_type_are_ranked(tmp_path):
    import docx

    d = docx.Document()

    def para(text: str, size: float, bold: bool = False, face: str | None = None) -> None:
        run = d.add_paragraph().add_run(text)
        run.font.size, run.bold = Pt(size), bold
        if face is not None:
            run.font.name = face

    para("2022年通过认证的专业名单", 22, bold=True)
    para("第三级认证", 15, bold=True)
    for _ in range(3):
        para(BODY, 12)
    para("第二级认证", 15, bold=True)
    for _ in range(3):
        para(BODY, 12)
    path = tmp_path / "b.docx"
    d.save(str(path))
    doc = load_document(path)
    ranks = dict(doc.hints.ranks)
    assert ranks[1] < ranks[2] == ranks[6]
    outline = analyse(doc).outline
    assert outline.title == "2022年通过认证的专业名单"
    assert [(h.level, h.title) for h in outline.headings] == [(1, "第三级认证"), (1, "第二级认证")]


def test_a_relationship_to_a_part_the_file_lacks_does_not_refuse_it(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某区工作要点")
    d.add_paragraph("一、总体要求")
    d.add_paragraph(BODY)
    saved = io.BytesIO()
    d.save(saved)
    out = io.BytesIO()
    rels = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(saved) as z, zipfile.ZipFile(out, "w") as w:
        for info in z.infolist():
            blob = z.read(info)
            if info.filename == rels:  # an image saved as `../NULL`, as some editors write it
                blob = blob.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image" Target="../NULL"/>'
                    b"</Relationships>",
                )
            w.writestr(info, blob)
    path = tmp_path / "dangling.docx"
    path.write_bytes(out.getvalue())
    assert load_document(path).lines == ["某区工作要点", "一、总体要求", BODY]


def test_markdown_levels_and_bold_lines_are_ranks(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(
        "\n".join(
            [
                "# 某区2024年工作要点",
                "## 发展回顾",
                BODY,
                "**经济运行稳中向好**",
                BODY,
                "```",
                "# 不是标题",
                "```",
                "## 重点任务",
                BODY,
            ]
        ),
        encoding="utf-8",
    )
    doc = load_document(path)
    assert dict(doc.hints.ranks) == {1: 1, 2: 2, 4: 7, 9: 2}
    outline = analyse(doc).outline
    assert outline.title == "某区2024年工作要点"
    assert [(h.level, h.title) for h in outline.headings] == [
        (1, "发展回顾"),
        (2, "经济运行稳中向好"),
        (1, "重点任务"),
    ]
