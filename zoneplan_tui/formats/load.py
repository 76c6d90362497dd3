"""Open a plan file: find plan files, read them within limits, convert or decode them.

This sits above the converters (it dispatches to them) and below everything that opens plans.
"""

from __future__ import annotations

import os
from pathlib import Path

from zoneplan_tui.core import confinement
from zoneplan_tui.core.decode import decode_bytes
from zoneplan_tui.core.document import Document, Hints, normalise_newlines
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import convert, limits
from zoneplan_tui.formats.paths import shown

# Plain text, then the formats zoneplan_tui.formats converts (Word, PDF, saved web pages).
PLAN_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf", ".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_BYTES = limits.MAX_FILE_BYTES  # the name tests and callers know


def load_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read, convert or decode a plan file. Raises DocumentError (one line, naming the file)
    for a missing, special, oversized or unreadable file; formats/limits.py has the limits."""
    p = Path(path)
    confinement.check(p)  # in `zoneplan serve`: only plans under the served folders
    try:
        data = limits.read_capped(p, max_bytes)
        converted = convert(p, data)
        if converted is not None:
            limits.check_text(len(converted.text))
            hints = Hints(converted.ranks, converted.tables)
            return Document(p, converted.text, converted.encoding, hints=hints)
        text, enc = decode_bytes(data)
        limits.check_text(len(text))
    except DocumentError as exc:
        raise DocumentError(f"{shown(p)}: {exc}") from None
    text = normalise_newlines(text)
    if p.suffix.lower() in MARKDOWN_SUFFIXES:
        from zoneplan_tui.formats.markdown import markdown_ranks

        hints = Hints(tuple(sorted(markdown_ranks(text).items())))
        return Document(path=p, text=text, encoding=enc, hints=hints)
    return Document(path=p, text=text, encoding=enc)


def find_plans(path: str | os.PathLike[str]) -> list[Path]:
    """The plan files a path names, sorted: the file itself, or every plan file under a folder
    (recursively; hidden files and folders skipped). Raises DocumentError for a missing path or
    a folder with no plans."""
    p = Path(path).expanduser()
    confinement.check(p)
    if not p.exists():
        raise DocumentError(f"{shown(p)}: no such file or directory")
    if not p.is_dir():
        return [p]
    found: list[Path] = []
    for root, dirs, files in os.walk(p):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            Path(root, f)
            for f in files
            if not f.startswith(".") and os.path.splitext(f)[1].lower() in PLAN_SUFFIXES
        ]
    # A link in a served folder may lead out of it: not listed (the index would otherwise
    # keep showing a plan it read before, unconfined).
    found = [f for f in found if confinement.allowed(f)]
    if not found:
        kinds = ", ".join(PLAN_SUFFIXES)
        raise DocumentError(f"{shown(p)}: a folder with no plans in it (no {kinds} files)")
    return sorted(found, key=lambda f: f.parts)  # Path's own order, without its slow __lt__


def sample_docs_dir() -> Path:
    """The bundled sample plans, shipped inside the package (`zoneplan_tui/samples`, which in a
    source checkout is a link to the top-level `sample_docs/`)."""
    from importlib.resources import files

    folder = Path(str(files("zoneplan_tui") / "samples"))
    if not folder.is_dir():
        raise DocumentError("the bundled sample plans are missing; name a plan file or folder")
    return folder
