"""Copy to the system clipboard through the terminal: OSC 52 (`App.copy_to_clipboard`).

A terminal application has no clipboard of its own; it asks the terminal to set one with an
OSC 52 sequence, and the terminal may refuse without saying so (macOS Terminal never takes it,
tmux only with `set-clipboard` on, some terminals ask or are configured off). So every copy
says what was copied and where else the same text can be had (`otherwise`: a zoneplan
command that prints it), and on a terminal known to refuse, says that first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from textual.app import App

from zoneplan_tui.core.safe_text import safe_line

# Terminals (by `TERM_PROGRAM`) that ignore OSC 52 whatever their settings.
REFUSING_TERMINALS = {"Apple_Terminal"}
PREVIEW_CHARS = 24

# What a terminal acts on, but for line ends and tabs: a copied passage of a hostile plan must
# not carry escapes into whatever it is pasted into (a shell above all).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clipboard_text(text: str) -> str:
    """`text` as it is copied: line ends and tabs kept, other control characters dropped."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n"))


def refusing_terminal(environ: Mapping[str, str] | None = None) -> str | None:
    """The name of the terminal when it is one that never takes OSC 52, else None."""
    program = (environ if environ is not None else os.environ).get("TERM_PROGRAM", "")
    return program if program in REFUSING_TERMINALS else None


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def copy_message(text: str, what: str, otherwise: str, refusing: str | None) -> str:
    """The notification of a copy: what, how much, and where else to get it."""
    if refusing:
        return f"{refusing} does not take copies from programs (OSC 52). {otherwise}"
    return (
        f"Copied {what}: 「{preview(text)}」 ({len(text):,} characters). Not in the clipboard? "
        f"The terminal refused it (in tmux: set -g set-clipboard on). {otherwise}"
    )


def copy(app: App[object], text: str, *, what: str, otherwise: str) -> str:
    """Put `text` on the clipboard and say so; returns what was copied. `what` names it ("the
    selection"), `otherwise` tells how to get it without a clipboard ("`zoneplan text plan.txt`
    prints it, lines 3–5")."""
    copied = clipboard_text(text)
    app.copy_to_clipboard(copied)
    refusing = refusing_terminal()
    app.notify(
        safe_line(copy_message(copied, what, otherwise, refusing)),
        title="Copy",
        severity="warning" if refusing else "information",
        timeout=8 if refusing else 4,
    )
    return copied


__all__ = ["clipboard_text", "copy", "copy_message", "preview", "refusing_terminal"]
