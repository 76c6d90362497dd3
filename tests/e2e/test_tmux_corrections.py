"""End to end, in a real terminal on a tmux server of its own: mark a line as a heading in the
running app, quit, start the app again, and the outline still has it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
ZONEPLAN = Path(sys.executable).with_name("zoneplan")

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


class Tmux:
    """One tmux server (`-L`) for this test alone: nothing it does reaches another's sessions."""

    def __init__(self) -> None:
        self.socket = f"zp-review-{uuid.uuid4().hex[:8]}"
        self.sessions: list[str] = []

    def __call__(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(self, command: str, width: int = 120, height: int = 30) -> str:
        name = f"s{len(self.sessions)}"
        self("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)
        self("set-option", "-w", "-t", name, "window-size", "manual")
        self("resize-window", "-t", name, "-x", str(width), "-y", str(height))
        self.sessions.append(name)
        return name

    def screen(self, name: str) -> str:
        return self("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen(name)
            if needle in text:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared on screen:\n{text}")

    def close(self) -> None:
        # Its own sessions only; the server exits with its last session.
        for name in self.sessions:
            subprocess.run(
                [TMUX or "tmux", "-L", self.socket, "kill-session", "-t", name],
                capture_output=True,
            )


@pytest.fixture
def tmux():
    server = Tmux()
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
    first = tmux.start(command)
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

    second = tmux.start(command)
    text = tmux.wait_for(second, TREE_ENTRY)
    assert "├─ 一、总体要求" in text
    tmux("send-keys", "-t", second, "q")
    tmux.wait_for(second, "EXIT=0")
