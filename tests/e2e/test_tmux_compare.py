"""End to end: the compare screen opened from the library in a real terminal (tmux, on a server
of its own), read off the screen."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.tmux_server import TMUX, ZONEPLAN, Tmux
from tests.tui.test_compare_screen import make_editions

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed here"),
]


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
def test_compare_opens_from_the_library(tmp_path: Path, size: tuple[int, int]) -> None:
    folder = tmp_path / "plans"
    make_editions(folder)
    command = (
        f"env ZONEPLAN_DB={tmp_path / 'notes.json'} XDG_DATA_HOME={tmp_path} "
        f"XDG_CACHE_HOME={tmp_path} XDG_CONFIG_HOME={tmp_path} XDG_STATE_HOME={tmp_path} "
        f"TERM=xterm-256color {ZONEPLAN} {folder} --index {tmp_path / 'index.sqlite3'}; "
        "echo EXIT=$?; sleep 30"
    )
    tmux = Tmux("zp-compare")
    term = "main"
    tmux.session(term, command, *size)
    try:
        tmux.wait_for(term, "2 plans")
        # Both editions have one title; sorted by size, the older (shorter) is first.
        tmux.keys(term, "s", "s", "s")
        tmux.wait_for(term, "size ▲")
        tmux.keys(term, "Up")  # the cursor followed its plan to where the sort put it
        time.sleep(0.5)
        tmux.keys(term, "c")
        tmux.wait_for(term, "marked for comparison")
        tmux.keys(term, "Down")
        time.sleep(0.5)  # one key at a time, as a person types
        tmux.keys(term, "c")
        text = tmux.wait_for(term, "targets changed")
        assert "B · new.txt" in text
        assert "Sections" in text and "Targets" in text
        assert "M " in text or "│M" in text or " M " in text  # a moved chapter is marked
        assert "~" in text  # a changed section
        tmux.keys(term, "t")
        text = tmux.wait_for(term, "raised")
        assert "一般预算收入" in text
        tmux.keys(term, "Escape")
        tmux.wait_for(term, "2 plans")
        tmux.keys(term, "q")
        tmux.wait_for(term, "EXIT=0")
    finally:
        tmux.close()
