"""What both Word exports share: a note as a Word comment, and text Word can hold.

A comment is anchored on whole runs (python-docx's `Document.add_comment`, from the first run
to the last); the writers cut runs so that those are exactly the runs of the passage. Its
author is the reviewer, its date the note's last change, its text the note, then its tags, its
anchoring status as `notes list` gives it (attached, review with its reason, orphan), and a line
saying so when the passage changed (review) or is gone (orphan).
"""

from __future__ import annotations

import re
from typing import Any

from zoneplan_tui.export.plan import PlacedNote, note_time

# XML 1.0 has no place for most C0 controls, U+FFFE/U+FFFF or lone surrogates; lxml refuses
# them. A plan's text may hold any of them (a .txt is what it is): each becomes U+FFFD, one
# character for one, so offsets into the text still hold in the runs made of it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ORPHAN_LINE = "Orphaned note: its passage is no longer in the plan. It was:"
REVIEW_LINE = "The passage changed since this note was written; check that it still fits."


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def initials(name: str) -> str:
    """Word shows a comment's initials in its margin: "Li Wei" → "LW", "张三" → "张"."""
    words = name.split()
    if len(words) > 1 and all(w[:1].isascii() for w in words):
        return "".join(w[0] for w in words)[:4].upper()
    return name.strip()[:1]


def comment_text(note: PlacedNote) -> str:
    """The comment's paragraphs, one a line: the note, its tags, its status and remarks."""
    ann = note.ann
    lines: list[str] = []
    if note.is_orphan:
        lines += [ORPHAN_LINE, f"「{ann.quote}」", ""]
    lines.append(ann.note if ann.note.strip() else "(a highlight without a note)")
    if ann.tags:
        lines.append("Tags: " + ", ".join(ann.tags))
    lines.append(f"Status: {note.status_text}")
    if note.status == "review":
        lines.append(REVIEW_LINE)
    return xml_text("\n".join(lines).replace("\r\n", "\n").replace("\r", "\n"))


def add_comment(document: Any, first: Any, last: Any, note: PlacedNote, author: str) -> Any:
    """A comment for `note` on the runs `first` … `last` (w:r elements) of `document`."""
    from docx.text.run import Run

    # A Run needs its paragraph only for what add_comment does not do (styles, text).
    runs = [Run(first, None), Run(last, None)]  # type: ignore[arg-type]
    author = xml_text(author)
    comment = document.add_comment(
        runs, text=comment_text(note), author=author, initials=xml_text(initials(author))
    )
    # python-docx stamps a comment with the time it was added; the date a reviewer wants to
    # see is when the note was written or last changed.
    comment._comment_elm.date = note_time(note.ann)
    return comment
