"""End to end, in a real terminal on a tmux server of its own: mark a line as a heading in the
running app, quit, start the app again, and the outline still has it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.e2e.tmux_server import TMUX, ZONEPLAN, Tmux

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed here"),
]

PLAN = (
    "某某开发区2020年工作要点\n"
    "\n"
    "一、总体要求\n"
    "坚持稳中求进工作总基调，推动高质量发展。\n"
    "重点工作安排\n"
    "加快推进重大项目建设。\n"
    "二、主要任务\n"
    "（一）招商引资\n"
    "加快推进重大项目建设。\n"
)
# The outline tree draws a top-level heading as a branch; the text pane shows the bare line.
TREE_ENTRY = "├─ 重点工作安排"


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux("zp-review")
    yield server
    server.close()


def test_a_line_marked_as_heading_stays_a_heading_after_a_restart(tmux, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    command = (
        f"env ZONEPLAN_DB={tmp_path / 'notes.json'} XDG_DATA_HOME={tmp_path / 'data'} "
        f"XDG_CACHE_HOME={tmp_path / 'cache'} TERM=xterm-256color {ZONEPLAN} {plan}; "
        f"echo EXIT=$?; sleep 30"
    )
    first = tmux.session("first", command, width=120, height=30)
    text = tmux.wait_for(first, "├─ 一、总体要求")
    assert TREE_ENTRY not in text
    # Down to line 5 (重点工作安排), which the parser does not take for a heading; a row at a
    # time, as long lines may wrap.
    for _ in range(12):
        if "line 5/" in tmux.screen(first):
            break
        tmux("send-keys", "-t", first, "j")
        time.sleep(0.3)
    tmux.wait_for(first, "line 5/")
    tmux("send-keys", "-t", first, "H")
    tmux.wait_for(first, "heading level")
    tmux("send-keys", "-t", first, "1", "Enter")
    text = tmux.wait_for(first, TREE_ENTRY)
    assert "› 重点工作安排" in text  # the breadcrumb of the cursor's line follows
    tmux("send-keys", "-t", first, "q")
    tmux.wait_for(first, "EXIT=0")

    second = tmux.session("second", command, width=120, height=30)
    text = tmux.wait_for(second, TREE_ENTRY)
    assert "├─ 一、总体要求" in text
    tmux("send-keys", "-t", second, "q")
    tmux.wait_for(second, "EXIT=0")
