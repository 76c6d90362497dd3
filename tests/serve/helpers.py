"""Shared by the tests of `zoneplan serve` and benchmarks/bench_serve.py: start a server on a
free loopback port, talk to its websocket as the page does, read what its terminal shows."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# A terminal's control sequences: CSI, OSC, DCS/SOS/PM/APC strings, and two-byte escapes.
_CONTROL = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])"
)


def screen_text(stream: bytes) -> str:
    """The characters an app wrote to its terminal, control sequences left out: enough to see
    which labels were drawn (a label is written in one run, whatever moves round it)."""
    return _CONTROL.sub("", stream.decode("utf-8", "replace"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # as printed, with the token
    port: int

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.url).query)["token"][0]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def warnings(self) -> str:
        """What it wrote on stderr by now: its warnings come before the URL, so they are all
        there once the URL is (read without waiting for more, which may never come)."""
        assert self.process.stderr is not None
        fd = self.process.stderr.fileno()
        os.set_blocking(fd, False)
        data = b""
        with suppress(BlockingIOError):
            while chunk := os.read(fd, 65536):
                data += chunk
        return data.decode("utf-8", "replace")

    def app_pids(self) -> list[int]:
        """The app processes (one per browser tab) the server runs now."""
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(p) for p in out.split()]


@contextmanager
def serving(
    folders: Sequence[Path], *extra: str, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """`zoneplan serve FOLDER … --port P` in its own process group (so that it and its app
    processes are stopped together), until it prints its URL."""
    port = free_port()
    argv = [sys.executable, "-m", "zoneplan_tui", "serve", *map(str, folders), "--port", str(port)]
    process = subprocess.Popen(
        [*argv, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or dict(os.environ),
        start_new_session=True,
    )
    try:
        url = _printed_url(process)
        yield Served(process, url, port)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # the group this process leads, only
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _printed_url(process: subprocess.Popen[str], timeout: float = 60) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            err = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"zoneplan serve ended without a URL: {err}")
        if m := re.search(r"open (http://\S+)", line):
            return m.group(1)
    raise AssertionError("zoneplan serve printed no URL")


def build_index(folder: Path, index: Path) -> None:
    """Index the folder once before serving it, so each session starts without segmenting."""
    subprocess.run(
        [sys.executable, "-m", "zoneplan_tui", "library", str(folder), "--index", str(index)],
        check=True,
        capture_output=True,
    )
