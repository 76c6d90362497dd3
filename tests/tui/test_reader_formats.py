"""The reader opens Word, PDF and HTML plans like .txt ones: same outline tree, figures panel."""

from __future__ import annotations

import pytest

from tests.conftest import sample_path
from tests.format_fixtures import make_docx, make_html, make_pdf
from tests.tui.helpers import make_app, ready
from zoneplan_tui.core.analysis import analyse
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
from zoneplan_tui.tui.widgets.text_view import TextView

WUQING = sample_path("000_85363b721c052c01")


@pytest.mark.parametrize("build", [make_docx, make_pdf, make_html], ids=["docx", "pdf", "html"])
async def test_reader_shows_the_outline_of_a_converted_plan(tmp_path, build):
    path = build(WUQING.read_text(encoding="utf-8"), tmp_path / f"plan.{build.__name__[5:]}")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.doc.text == load_document(path).text
        tree = screen.query_one(OutlineTree)
        assert str(tree.root.label) == "中共武清开发区工委2019年工作要点"
        expected = analyse(load_document(WUQING)).outline.headings
        got = screen.plan.outline.headings
        assert [(h.marker, h.title) for h in got] == [(h.marker, h.title) for h in expected]
        heading = got[3]
        node = next(n for n in tree._heading_nodes if n.data and n.data.line == heading.line)
        tree.select_node(node)
        await pilot.pause()
        assert screen.query_one(TextView).top_offset == screen.doc.line_start(heading.line)


async def test_reader_nests_the_unnumbered_headings_of_a_pdf_by_their_type(tmp_path):
    from tests.pdf_fixtures import Row, set_pages, wrap

    body = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济实现质的有效提升。"

    def para() -> list[Row]:
        return wrap(body, 96, 72, 12, 523)

    rows = [
        Row("某区2024年工作要点", size=20, bold=True),
        Row("发展回顾", size=16, bold=True, gap=10),
        *para(),
        Row("一、经济运行", bold=True),
        *para(),
        Row("重点任务", size=16, bold=True, gap=10),
        Row("一、先进制造", bold=True),
        *para(),
    ]
    path = set_pages([rows], tmp_path / "ranked.pdf")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        tree = screen.query_one(OutlineTree)
        assert str(tree.root.label) == "某区2024年工作要点"
        parts = [str(n.label) for n in tree.root.children]
        assert [p.split()[0] for p in parts] == ["发展回顾", "重点任务"]
        assert [str(n.label).split()[0] for n in tree.root.children[1].children] == ["一、先进制造"]


async def test_reader_reports_a_pdf_it_cannot_decode_and_suggests_ocr(tmp_path):
    from tests.pdf_fixtures import type3_pdf

    path = type3_pdf(tmp_path / "junk.pdf", [bytes(range(1, 30))], pages=2)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app._notifications:
                break
        messages = [n.message for n in app._notifications]
        assert any("cannot be decoded" in m and "OCR" in m for m in messages), messages
