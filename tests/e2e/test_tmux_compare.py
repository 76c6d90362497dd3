"""End to end: the compare screen opened from the library in a real terminal (tmux, on a server
of its own), read off the screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.tui.test_compare_screen import make_editions

TMUX = shutil.which("tmux")
ZONEPLAN = Path(sys.executable).with_name("zoneplan")

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed here"),
]


class Terminal:
    """One tmux session on a server of its own (-L): nothing here touches another's."""

    def __init__(self, command: str, width: int, height: int) -> None:
        self.server = f"zp-compare-{uuid.uuid4().hex[:8]}"
        self.name = "main"
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)
        self.run("set-option", "-w", "-t", self.name, "window-size", "manual")
        self.run("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def run(self, *args: str) -> str:
        assert TMUX is not None
        out = subprocess.run(
            [TMUX, "-L", self.server, *args], capture_output=True, text=True, check=True
        )
        return out.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if needle in text:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared on screen:\n{text}")

    def close(self) -> None:
        # The session, then its server with it (a server exits with its last session).
        subprocess.run(
            [TMUX or "tmux", "-L", self.server, "kill-session", "-t", self.name],
            capture_output=True,
        )


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
    term = Terminal(command, *size)
    try:
        term.wait_for("2 plans")
        # Both editions have one title; sorted by size, the older (shorter) is first.
        term.keys("s", "s", "s")
        term.wait_for("size ▲")
        term.keys("Up")  # the cursor followed its plan to where the sort put it
        time.sleep(0.5)
        term.keys("c")
        term.wait_for("marked for comparison")
        term.keys("Down")
        time.sleep(0.5)  # one key at a time, as a person types
        term.keys("c")
        text = term.wait_for("targets changed")
        assert "B · new.txt" in text
        assert "Sections" in text and "Targets" in text
        assert "M " in text or "│M" in text or " M " in text  # a moved chapter is marked
        assert "~" in text  # a changed section
        term.keys("t")
        text = term.wait_for("raised")
        assert "一般预算收入" in text
        term.keys("Escape")
        term.wait_for("2 plans")
        term.keys("q")
        term.wait_for("EXIT=0")
    finally:
        term.close()
