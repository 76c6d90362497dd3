"""End to end: the installed `zoneplan` command in a real terminal (tmux), read off the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import sample_path
from tests.notes_files import on_disk

TMUX = shutil.which("tmux")
ZONEPLAN = Path(sys.executable).with_name("zoneplan")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    out = subprocess.run([TMUX, *args], capture_output=True, text=True, check=True)
    return out.stdout


def new_session(name: str, command: str, width: int = 120, height: int = 40) -> None:
    """A detached session of exactly width × height. tmux 3.3 sometimes gives a new detached
    session 80×24 whatever -x/-y say (seen when the server has just started), so the window is
    pinned to a manual size too; the app follows a resize as a terminal window's would."""
    tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)
    tmux("set-option", "-w", "-t", name, "window-size", "manual")
    tmux("resize-window", "-t", name, "-x", str(width), "-y", str(height))


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, needle: str, timeout: float = 20.0, gone: str | None = None) -> str:
    """Wait until `needle` is on screen (and `gone`, if given, is not)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(session)
        if needle in text and (gone is None or gone not in text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared on screen:\n{text}")


@pytest.fixture
def session(tmp_path):
    name = f"zp-{uuid.uuid4().hex[:8]}"
    env_db = tmp_path / "notes.json"
    command = (
        f"env ZONEPLAN_DB={env_db} XDG_DATA_HOME={tmp_path} TERM=xterm-256color "
        f"{ZONEPLAN} {sample_path('000_85363b721c052c01')} {sample_path('004_abaae5a951e12ace')}; "
        f"echo EXIT=$?; sleep 30"
    )
    new_session(name, command)
    yield name
    subprocess.run([TMUX, "kill-session", "-t", name], capture_output=True)


@pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed in this environment")
def test_open_read_by_outline_search_and_quit(session, tmp_path):
    # The outline is parsed in a worker after the text shows; wait for the tree's counts.
    text = wait_for(session, "(一)积极承接非首都功能转移  ")
    # The outline tree and the text are both on screen.
    assert "中共武清开发区工委2019年工作要点" in text
    assert "主动融入" in text
    # Next section: the breadcrumb names it.
    tmux("send-keys", "-t", session, "]", "]")
    text = wait_for(session, "› (一)积极承接非首都功能转移")
    # Search.
    tmux("send-keys", "-t", session, "/")
    # Keys typed before the search field has focus would go to the text pane.
    wait_for(session, "search this document")
    tmux("send-keys", "-t", session, "-l", "招商")
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, "match 1/")
    tmux("send-keys", "-t", session, "n")
    wait_for(session, "match 2/")
    # A note, typed at full speed while jieba loads its dictionary for the tag suggestions: every
    # character typed before ctrl+s must be in the saved note.
    # (Escape ends the search; a key sent right after it would read as alt+key.)
    tmux("send-keys", "-t", session, "Escape")
    wait_for(session, "line 15/52", gone="Esc ends")
    tmux("send-keys", "-t", session, "n")
    wait_for(session, "New note")
    tmux("send-keys", "-t", session, "-l", "目标偏低，需核对 check")
    tmux("send-keys", "-t", session, "C-s")
    wait_for(session, "note saved")
    notes = on_disk(tmp_path / "notes.json")["notes"]  # the file with its journal replayed
    assert [n["note"] for n in notes.values()] == ["目标偏低，需核对 check"]
    # Switch to the second plan with the document switcher.
    tmux("send-keys", "-t", session, "d")
    wait_for(session, "Open documents")
    tmux("send-keys", "-t", session, "Down", "Enter")
    wait_for(session, "金安经济开发区2020年工作要点")
    tmux("send-keys", "-t", session, "q")
    wait_for(session, "EXIT=0")
    assert (tmp_path / "notes.json").exists(), "the reading position was not saved"


def test_bad_file_reports_one_line_in_a_terminal(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(os.urandom(2048) + b"\x00")
    name = f"zp-{uuid.uuid4().hex[:8]}"
    new_session(name, f"{ZONEPLAN} {binary}; echo EXIT=$?; sleep 30", 100, 10)
    try:
        text = wait_for(name, "EXIT=")
        assert "EXIT=2" in text
        assert "binary" in text and "Traceback" not in text
    finally:
        subprocess.run([TMUX, "kill-session", "-t", name], capture_output=True)


@pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed in this environment")
def test_library_search_open_and_quit(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(sample_path("000_85363b721c052c01").parent, plans)
    name = f"zp-{uuid.uuid4().hex[:8]}"
    command = (
        f"env ZONEPLAN_DB={tmp_path / 'notes.json'} XDG_DATA_HOME={tmp_path / 'data'} "
        f"XDG_CACHE_HOME={tmp_path / 'cache'} TERM=xterm-256color {ZONEPLAN} {plans}; "
        f"echo EXIT=$?; sleep 30"
    )
    new_session(name, command)
    try:
        # The library indexes the copy in a worker, then lists its five plans.
        text = wait_for(name, "5 plans ·", timeout=60)
        assert "中共武清开发区工委2019年工作要点"[:10] in text and "金安经济开发区" in text
        tmux("send-keys", "-t", name, "/")
        wait_for(name, "search all plans and notes")
        tmux("send-keys", "-t", name, "-l", "营商环境")
        tmux("send-keys", "-t", name, "Enter")
        text = wait_for(name, "hits in")
        assert "营商环境" in text
        # The first hit is the heading 五、聚焦优化营商环境 of the Jin'an plan, line 69.
        tmux("send-keys", "-t", name, "Enter")
        text = wait_for(name, "line 69/")
        assert "jinan-luan-2020-work-points.txt" in text
        assert "聚焦优化营商环境" in text
        tmux("send-keys", "-t", name, "q")
        wait_for(name, "EXIT=0")
        # The folder named is remembered for `zoneplan library --all`.
        assert str(plans) in (tmp_path / "data" / "zoneplan" / "library.json").read_text()
    finally:
        subprocess.run([TMUX, "kill-session", "-t", name], capture_output=True)
