"""Shared by the tests of `zoneplan serve` and benchmarks/bench_serve.py: start a server on a
free loopback port, talk to its websocket as the page does, read what its terminal shows."""

from __future__ import annotations

import asyncio
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
from typing import Any
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
            ["ps", "-o", "pid=,args=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        rows = (line.split(None, 1) for line in out.splitlines() if line.strip())
        return [int(pid) for pid, args in rows if "-m zoneplan_tui" in args]


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


def _printed_url(process: subprocess.Popen[str], timeout: float = 300) -> str:
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


class Session:
    """One browser tab as the page drives it: a websocket to /ws that sends keystrokes as the
    page's terminal does (`["stdin", text]`) and keeps what the app draws."""

    def __init__(self, served: Served, width: int = 120, height: int = 32) -> None:
        self.served = served
        self.size = (width, height)
        self.stream = bytearray()
        self.messages: list[Any] = []  # the text frames: JSON such as ["deliver_file_start", key]

    async def __aenter__(self) -> Session:
        import aiohttp

        cookies = {f"zoneplan_token_{self.served.port}": self.served.token}
        self._http = aiohttp.ClientSession(cookies=cookies)
        width, height = self.size
        url = f"{self.served.base}/ws?width={width}&height={height}"
        self.ws = await self._http.ws_connect(url, max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._reader.cancel()
        await self.ws.close()
        await self._http.close()

    async def _read(self) -> None:
        import aiohttp

        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(message.json())

    async def keys(self, text: str) -> None:
        """Keystrokes as a terminal sends them: `\\r` Enter, `\\x13` ctrl+s, `\\x1b` Esc."""
        await self.ws.send_json(["stdin", text])

    def mark(self) -> int:
        return len(self.stream)

    async def until(self, seen: str, since: int = 0, timeout: float = 120) -> None:
        """Wait until the app has drawn `seen` (after the first `since` bytes it sent)."""
        deadline = time.monotonic() + timeout
        while seen not in screen_text(bytes(self.stream[since:])):
            if time.monotonic() > deadline:
                tail = screen_text(bytes(self.stream[since:]))[-800:]
                raise AssertionError(f"the app never drew {seen!r}: …{tail}")
            await asyncio.sleep(0.1)


def rss_kib(pid: int) -> int:
    """Resident memory of a process, in KiB (Linux /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # it has ended
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def open_plan(session: Session, row: int) -> None:
    """From the library (once it lists its plans), open the plan of table row `row` (0: the
    first): the table has the focus when the library opens."""
    await session.keys("j" * row + "\r")
    await session.until("line 1/", since=session.mark())


async def add_note(session: Session, text: str, notes: Path, timeout: float = 60) -> None:
    """A note on the two characters under the cursor (`v`, `l`, `n`), saved with ctrl+s; then
    the cursor a row down for the next. Returns once the notes file holds it."""
    mark = session.mark()
    await session.keys("vln")
    await session.until("Note (Enter", since=mark)
    await session.keys(text)
    await session.until(text, since=mark)
    await session.keys("\x13")  # ctrl+s
    deadline = time.monotonic() + timeout
    while text not in note_texts(notes):
        if time.monotonic() > deadline:
            raise AssertionError(f"note {text!r} never reached {notes}")
        await asyncio.sleep(0.1)
    await session.keys("j")


def note_texts(notes: Path) -> list[str]:
    """The notes' texts as every reader sees them: through the store, which replays the journal
    a small save appends to (the file alone holds only what the last rewrite put there)."""
    from zoneplan_tui.notes.store import NotesStore, StoreError

    if not notes.exists():
        return []
    try:
        with NotesStore.open_read_only(notes) as store:
            return [a.note for a in store.all()]
    except StoreError:  # being replaced this moment: the caller asks again
        return []
