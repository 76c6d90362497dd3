"""A tmux server of a test's own (`tmux -L`): its server options (`set-clipboard`) and paste
buffers are that test's alone, and ending it touches no one else's sessions."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

TMUX = shutil.which("tmux")
ZONEPLAN = Path(sys.executable).with_name("zoneplan")


class Tmux:
    """A tmux server of this test's own (its socket named after the test run)."""

    def __init__(self, prefix: str = "zp-test") -> None:
        self.socket = f"{prefix}-{uuid.uuid4().hex[:8]}"
        self.sessions: list[str] = []

    def __call__(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr}")
        return done.stdout

    def start(self) -> None:
        """The server, set up before anything runs in it: an idle session holds it."""
        self.session("holder", "sleep 600")
        self("set-option", "-s", "set-clipboard", "on")  # an OSC 52 makes a paste buffer

    def session(self, name: str, command: str, width: int = 110, height: int = 32) -> str:
        """A session running `command`, pinned to `width`×`height` (tmux 3.3 may otherwise start
        a detached session at 80×24)."""
        w, h = str(width), str(height)
        self("new-session", "-d", "-s", name, "-x", w, "-y", h, command)
        self.sessions.append(name)
        self("set-option", "-w", "-t", name, "window-size", "manual")
        self("resize-window", "-t", name, "-x", w, "-y", h)
        return name

    def keys(self, name: str, *keys: str) -> None:
        self("send-keys", "-t", name, *keys)

    def title(self, name: str) -> str:
        return self("display-message", "-p", "-t", name, "#{pane_title}").strip()

    def buffers(self) -> str:
        return self("list-buffers", "-F", "#{buffer_sample}")

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
        for name in self.sessions:  # the server ends with its last session
            subprocess.run([TMUX or "tmux", "-L", self.socket, "kill-session", "-t", name])
