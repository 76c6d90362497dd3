"""Confinement: a served app reads plans only under the folders it was started with.

`zoneplan serve DIR …` starts each browser session's app with `ZONEPLAN_ROOTS` set to those
folders (os.pathsep between them). Every plan the app reads goes through `formats/load.py`
(`find_plans` for a folder, `load_document` for a file), which asks `check` here first; so a
path typed anywhere, a library folder, a search hit or a symbolic link inside a served folder
that leads out of it is refused the same way. Without `ZONEPLAN_ROOTS` nothing is confined.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from zoneplan_tui.core.errors import DocumentError

ROOTS_ENV = "ZONEPLAN_ROOTS"


def resolved_roots(folders: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """The folders as they are on disk: absolute, `~` expanded, every symbolic link followed,
    so that a root and the paths checked against it are spelled alike."""
    return tuple(Path(f).expanduser().resolve() for f in folders)


def confine(path: str | os.PathLike[str], roots: Iterable[Path]) -> Path:
    """`path` resolved (relative to the working directory, `..` and symbolic links followed,
    also those of a file that does not exist yet), if that lies in or under one of `roots`
    (themselves resolved: `resolved_roots`). Raises DocumentError otherwise.

    The comparison is by path components after resolving, never by string prefix: `/srv/plans2`
    is not under `/srv/plans`, and `/srv/plans/../secret` is `/srv/secret`."""
    real = Path(path).expanduser().resolve()
    if any(real == root or real.is_relative_to(root) for root in roots):
        return real
    # The path as typed, not as resolved: where a link leads is none of the browser's business.
    # Undecodable bytes of a POSIX name are escaped, so the message can be written as UTF-8.
    typed = os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")
    raise DocumentError(f"{typed}: outside the served folders")


def env_roots(environ: Mapping[str, str] | None = None) -> tuple[Path, ...] | None:
    """The roots `ZONEPLAN_ROOTS` names, or None when it is unset (nothing is confined). Set
    but empty confines to nothing at all: a mistake there must not open every folder."""
    value = (os.environ if environ is None else environ).get(ROOTS_ENV)
    if value is None:
        return None
    return resolved_roots(p for p in value.split(os.pathsep) if p)


def check(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> None:
    """Refuse `path` (DocumentError) when this process is confined and it lies outside the
    roots; the one question every reader of plans asks before it opens a path."""
    roots = env_roots(environ)
    if roots is not None:
        confine(path, roots)


def allowed(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> bool:
    """`check` as a question: for listings, which leave out what they may not show."""
    try:
        check(path, environ)
    except DocumentError:
        return False
    return True
