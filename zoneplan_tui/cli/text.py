"""`zoneplan text PATH`: print the decoded text that every offset and line number refers to.

For a Word, PDF or HTML plan this is the converted text, so a script can check what the
outline, the figures and the notes were computed on.
"""

from __future__ import annotations

import argparse
from typing import Any

from zoneplan_tui.cli.args import add_command


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "text",
        help="print a plan's decoded text (UTF-8), the text offsets refer to",
        description="Print the decoded text of a plan (Word, PDF and HTML converted) as UTF-8:"
        " the text that the offsets and line numbers of every other command refer to.",
        example="zoneplan text plan.docx > plan.txt",
    )
    p.add_argument("path", metavar="PATH", help="a plan file (.txt, .md, .docx, .pdf, .html)")
    p.set_defaults(func=run_text)


def run_text(args: argparse.Namespace) -> int:
    from zoneplan_tui.cli.output import emit
    from zoneplan_tui.formats.load import load_document

    doc = load_document(args.path)
    # Exactly the text, no newline added: character offsets of `numbers --json` index into it.
    # On a terminal, a control character shows as one placeholder character, in its place.
    emit(doc.text, form="text")
    return 0
