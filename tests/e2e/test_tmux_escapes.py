"""End to end: a plan full of terminal escapes opened in the installed `zoneplan`, in a real
terminal (tmux), must not set the clipboard (OSC 52) or the window title (OSC 0).

The sessions run on a tmux server of their own (`-L`), so that `set-clipboard on`, which is a
server option, and the paste buffers it fills are this test's alone. A positive control first
prints the same sequences straight to the terminal and sees both land, so a test that passes
is one that could have failed.
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux_server import TMUX, ZONEPLAN, Tmux

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not ZONEPLAN.exists(), reason="zoneplan is not installed here"),
]


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux("zp-escapes")
    try:
        server.start()
        yield server
    finally:
        server.close()


def _sequences(token: str) -> tuple[str, str]:
    payload = base64.b64encode(token.encode()).decode()
    return f"\x1b]52;c;{payload}\x1b\\", f"\x1b]0;{token}\x07"


def test_an_escape_laden_plan_sets_no_clipboard_and_no_title(tmux: Tmux, tmp_path: Path):
    # The control: the same sequences printed straight to the terminal do land.
    control = f"control-{uuid.uuid4().hex[:8]}"
    osc52, osc0 = _sequences(control)
    script = tmp_path / "control.sh"
    script.write_text(f"printf '%s' '{osc52}{osc0}'; echo CONTROL-DONE; sleep 60\n")
    tmux.session("control", f"sh {script}")
    tmux.wait_for("control", "CONTROL-DONE")
    deadline = time.monotonic() + 10
    while control not in tmux.buffers() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert control in tmux.buffers(), "tmux made no paste buffer of an OSC 52: no control"
    assert tmux.title("control") == control, "tmux took no title from an OSC 0: no control"

    token = f"pwned-{uuid.uuid4().hex[:8]}"
    osc52, osc0 = _sequences(token)
    plan = tmp_path / f"{osc0}plan.txt"
    plan.write_text(
        f"{osc52}2019年{osc0}工作要点\n一、总体要求\x1b[2J\n"
        f"（一）加强领导\x07{osc52}\n全年地区生产总值增长8%{osc0}。\n",
        encoding="utf-8",
    )
    command = (
        f"env ZONEPLAN_DB={tmp_path / 'notes.json'} XDG_DATA_HOME={tmp_path} "
        f"TERM=xterm-256color {ZONEPLAN} {tmp_path}/*plan.txt; echo EXIT=$?; sleep 60"
    )
    tmux.session("app", command)
    title = tmux.title("app")
    text = tmux.wait_for("app", "总体要求")
    assert "␛]52;c;" in text  # the plan is on screen, its escapes as placeholders
    # The figures panel, the notes panel, the next sections: more of the plan on screen. (A key
    # sent right after Escape would read as alt+key: they go one at a time.)
    for key in ("f", "Escape", "a", "Escape", "]", "]", "q"):
        tmux("send-keys", "-t", "app", key)
        time.sleep(0.6)
    tmux.wait_for("app", "EXIT=0")
    assert token not in tmux.buffers()
    assert tmux.title("app") == title and token not in title
