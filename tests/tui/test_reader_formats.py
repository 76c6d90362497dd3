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
