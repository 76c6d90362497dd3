"""End to end, in a real terminal (tmux on a server of its own): the keys that replaced alt+1…9
take a suggested tag into the notes file, and a copy's OSC 52 sequence reaches the terminal.

tmux with `set-clipboard on` turns every OSC 52 an application writes into a paste buffer, so
`show-buffer` reads back exactly the bytes the app sent, decoded by the terminal itself.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import sample_path
from tests.e2e.tmux_server import TMUX, ZONEPLAN, Tmux
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.screens.note_editor import STRAY_ALT_DIGITS

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed here"),
]

WUQING = sample_path("000_85363b721c052c01")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux("zp-keys")
    try:
        server.start()
        yield server
    finally:
        server.close()


def open_plan(tmux: Tmux, tmp_path: Path, plan: Path = WUQING) -> str:
    command = (
        f"env ZONEPLAN_DB={tmp_path / 'notes.json'} XDG_DATA_HOME={tmp_path} "
        f"TERM=xterm-256color {ZONEPLAN} {plan}; echo EXIT=$?; sleep 60"
    )
    name = tmux.session("app", command)
    tmux.wait_for(name, "(一)积极承接非首都功能转移  ")  # the outline, with its counts
    return name


def keys(tmux: Tmux, name: str, *sent: str) -> None:
    """One key at a time: a key sent right after Escape would read as alt+key."""
    for key in sent:
        tmux("send-keys", "-t", name, key)
        time.sleep(0.3)


def paste_buffer(tmux: Tmux, expected: str, timeout: float = 15.0) -> str:
    """The newest paste buffer once it equals `expected` (or the last seen, to fail with)."""
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        if tmux("list-buffers", "-F", "#{buffer_name}").strip():
            seen = tmux("show-buffer")
            if seen == expected:
                break
        time.sleep(0.2)
    return seen


def test_a_suggested_tag_is_taken_with_ctrl_t_and_lands_in_the_notes_file(tmux, tmp_path):
    name = open_plan(tmux, tmp_path)
    keys(tmux, name, "]", "]", "]", "t")  # t: a note on the paragraph, in the tag field
    tmux.wait_for(name, "New note")
    screen = tmux.wait_for(name, "Suggested 1…9  1  ", timeout=60)  # jieba has loaded
    found = re.search(r" 2  (\S+)", screen)
    assert found, screen
    second = found.group(1)
    # What alt+digit types in some terminals goes nowhere; Esc+digit is not a key any more.
    tmux("send-keys", "-t", name, "-l", STRAY_ALT_DIGITS[:3])
    keys(tmux, name, "M-1")
    keys(tmux, name, "C-t", "Right", "Enter")
    tmux.wait_for(name, f"2 ✓{second}")
    keys(tmux, name, "C-s")
    tmux.wait_for(name, "note saved")
    notes = NotesStore.open(tmp_path / "notes.json").all()
    assert [n.tags for n in notes] == [(second,)]
    keys(tmux, name, "q")
    tmux.wait_for(name, "EXIT=0")


def test_a_copy_reaches_the_terminal_as_osc52(tmux, tmp_path):
    doc = load_document(WUQING)
    name = open_plan(tmux, tmp_path)
    keys(tmux, name, "]", "]", "]")
    screen = tmux.wait_for(name, "line 11/")
    line = doc.line_text(11)
    assert line[:8] in screen.replace(" ", "")
    # A selection of five characters, ctrl+c.
    keys(tmux, name, "v", "l", "l", "l", "l", "C-c")
    tmux.wait_for(name, "Copied the selection")
    assert paste_buffer(tmux, line[:5]) == line[:5]
    # No selection: y copies the paragraph under the cursor, as it is in the plan.
    keys(tmux, name, "Escape", "y")
    tmux.wait_for(name, "Copied the paragraph")
    assert paste_buffer(tmux, line.strip()) == line.strip()
    keys(tmux, name, "q")
    tmux.wait_for(name, "EXIT=0")
