"""Run a zoneplan command in a child process with bounded memory and time.

The child's address space is capped with `resource.setrlimit(RLIMIT_AS)` before it starts, so a
reader that runs away ends in a MemoryError (which zoneplan must turn into a one-line error)
instead of taking the test machine with it; the timeout kills its whole process group.
"""

from __future__ import annotations

import os
import pty
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

GiB = 2**30
MEMORY = GiB  # the bar: any input file ends in ≤ 10 s and ≤ 1 GB
TIMEOUT = 10.0
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    argv: tuple[str, ...]
    returncode: int | None  # None: killed at the timeout
    stdout: bytes
    stderr: str
    seconds: float

    def describe(self) -> str:
        return (
            f"zoneplan {' '.join(self.argv)} -> {self.returncode} in {self.seconds:.1f} s\n"
            f"stderr: {self.stderr[-2000:]}"
        )


def _limit(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def run_limited(
    argv: Sequence[str | os.PathLike[str] | bytes],
    *,
    timeout: float = TIMEOUT,
    memory: int = MEMORY,
    cwd: Path | None = None,
    tty: bool = False,
    module: str = "zoneplan_tui",
) -> Run:
    """`python -m zoneplan_tui ARGV` under `memory` bytes of address space and `timeout` s.
    Arguments may be bytes (file names that are not UTF-8). `tty`: stdout is a terminal (a
    pseudo-terminal whose output is read back, its CR LF line ends as LF); `module`: run another
    module (the TUI walk of tui_walk.py)."""
    args = [os.fsencode(a) for a in argv]
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100", TERM="dumb")
    env.pop("ZONEPLAN_DEBUG", None)
    master = slave = -1
    if tty:
        master, slave = pty.openpty()
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.DEVNULL,
        stdout=slave if tty else subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        preexec_fn=lambda: _limit(memory),
        start_new_session=True,
    )
    chunks: list[bytes] = []
    reader = None
    if tty:
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master, chunks), daemon=True)
        reader.start()
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    if reader is not None:
        reader.join(timeout=5)
        os.close(master)
        out = b"".join(chunks).replace(b"\r\n", b"\n")
    shown = tuple(os.fsdecode(a) for a in args)
    return Run(shown, code, out, err.decode("utf-8", "replace"), time.monotonic() - start)


def _drain(fd: int, chunks: list[bytes]) -> None:
    """Read a pseudo-terminal until its other end is closed (EIO on Linux)."""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        chunks.append(data)


def assert_clean(run: Run, *, codes: Sequence[int] = (0, 2)) -> None:
    """Ended in time with a result (exit 0) or a one-line error (exit 2), and no traceback."""
    assert run.returncode is not None, f"timed out: {run.describe()}"
    assert run.returncode in codes, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    assert "internal error" not in run.stderr, run.describe()
    if run.returncode == 2:
        lines = run.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("zoneplan: "), run.describe()
