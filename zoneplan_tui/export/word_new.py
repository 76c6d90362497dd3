"""The annotated plan as a new Word document: a paragraph a line, headings in Word's heading
styles by outline level, every note a comment on its passage.

For plans that are not Word files (text, Markdown, PDF, web pages), and for a Word plan whose
text cannot be matched to its runs (word_copy.py falls back here). The plan's title line takes
the Title style, a heading of outline level n `Heading n` (deeper than 9: Heading 9); blank lines
only separate paragraphs; table rows stay one paragraph each, cells separated as in the text.
Orphaned notes are comments on the first paragraph (the title), since they have no passage.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any

from zoneplan_tui.export.plan import AnnotatedPlan, Progress, no_progress
from zoneplan_tui.export.word_comments import add_comment, xml_text

EAST_ASIAN_FONT = "SimSun"  # 宋体, the body face of Chinese official documents


def _style(plan: AnnotatedPlan, line: int, levels: dict[int, int]) -> str | None:
    if line == plan.analysis.outline.title_line:
        return "Title"
    level = levels.get(line)
    return None if level is None else f"Heading {min(max(level, 1), 9)}"


def write_new(plan: AnnotatedPlan, progress: Progress = no_progress) -> bytes:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    rfonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    props = document.core_properties
    props.title = xml_text(plan.title)[:255]
    props.author = xml_text(plan.reviewer)[:255]

    doc = plan.doc
    placed = plan.placed
    # Runs are cut at every note's start and end, so that a comment covers whole runs.
    cuts = sorted({x for n in placed for x in (n.start, n.end) if x is not None})
    levels = {h.line: h.level for h in plan.analysis.outline.headings}
    starts: list[int] = []  # offset of each run's first character, in text order
    runs: list[tuple[int, Any]] = []  # (end offset, w:r)
    total = doc.line_count + len(plan.notes)
    for line in range(1, doc.line_count + 1):
        if line % 500 == 0:
            progress(line, total)
        text = doc.line_text(line)
        if not text.strip():
            continue
        paragraph = document.add_paragraph(style=_style(plan, line, levels))
        start = doc.line_start(line)
        end = start + len(text)
        bounds = [start, *cuts[bisect_right(cuts, start) : bisect_left(cuts, end)], end]
        for a, b in pairwise(bounds):
            if a < b:
                run = paragraph.add_run(xml_text(text[a - start : b - start]))
                starts.append(a)
                runs.append((b, run._r))
    if not runs:  # a plan of blank lines only has no passage; give the comments a place
        run = document.add_paragraph().add_run(xml_text(plan.title))
        starts.append(0)
        runs.append((0, run._r))

    def run_at(offset: int) -> int:
        # The run holding `offset`, or the next one when it is a line end between paragraphs.
        i = max(bisect_right(starts, offset) - 1, 0)
        return i + 1 if runs[i][0] <= offset and i + 1 < len(runs) else i

    def run_before(offset: int) -> int:
        return max(bisect_right(starts, offset - 1) - 1, 0)

    for k, note in enumerate(plan.notes):
        progress(doc.line_count + k, total)
        if note.start is None or note.end is None:
            first = last = 0
        else:
            first, last = run_at(note.start), run_before(note.end)
            last = max(first, last)  # a passage of line ends only: the run after it
        add_comment(document, runs[first][1], runs[last][1], note, plan.reviewer)
    out = io.BytesIO()
    document.save(out)
    progress(total, total)
    return out.getvalue()
