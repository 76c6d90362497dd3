"""One browser tab's app: a `zoneplan` process started without a shell, confined to the
served folders.

textual-serve's `AppService` starts its command with `create_subprocess_shell`; here the
command is an argument list run by `create_subprocess_exec`, so nothing in a folder's name is
ever read by a shell.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

from zoneplan_tui.core.confinement import ROOTS_ENV


def app_command(
    folders: Sequence[Path], *, db: str | None = None, index: str | None = None
) -> list[str]:
    """`python -m zoneplan_tui FOLDER … [--db PATH] [--index PATH]` with this Python: the
    library of the served folders (paths absolute, as the working directory may differ)."""
    argv = [sys.executable, "-m", "zoneplan_tui", *(str(f) for f in folders)]
    if db:
        argv += ["--db", str(Path(db).expanduser().resolve())]
    if index:
        argv += ["--index", str(Path(index).expanduser().resolve())]
    return argv


def confined_env(roots: Sequence[Path]) -> dict[str, str]:
    """What the app process is given on top of textual-serve's environment: the roots it may
    read under (core/confinement.py)."""
    return {ROOTS_ENV: os.pathsep.join(str(r) for r in roots)}


class AppProcess(AppService):
    """textual-serve's app service, started as an argument list with extra environment."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)  # the string is only for textual-serve's log
        self.argv = list(argv)
        self.extra_env = dict(env)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height) | self.extra_env
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None
