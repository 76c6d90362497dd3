"""A document with what zoneplan reads out of it: the outline and the figures.

The CLI and the app both go through here, so they always agree on sections and counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from zoneplan_tui.core.document import NO_HINTS, Document, Hints
from zoneplan_tui.core.figures import Figure, extract_figures, is_target
from zoneplan_tui.core.outline import Outline, parse_outline
from zoneplan_tui.core.overrides import Overrides


def analyse_outline(doc: Document, overrides: Overrides | None = None) -> Outline:
    """`overrides`: the reader's corrections of this plan (see core/overrides.py)."""
    return parse_outline(doc.text, hints=doc.hints, overrides=overrides)


@dataclass
class Analysis:
    doc: Document
    outline: Outline
    figures: list[Figure] = field(default_factory=list)

    def section_titles(self, line: int) -> tuple[str, ...]:
        return tuple(h.title for h in self.outline.section_path(line))

    @cached_property
    def targets(self) -> frozenset[int]:
        """Indexes into `figures` of the figures that are targets (a comparator or a cue)."""
        text = self.doc.text
        return frozenset(i for i, f in enumerate(self.figures) if is_target(f, text))

    @cached_property
    def section_counts(self) -> dict[int, tuple[int, int]]:
        """Heading index -> (figures, targets) in that section, its subsections included."""
        headings = self.outline.headings
        direct = [[0, 0] for _ in headings]
        for i, f in enumerate(self.figures):
            idx = self.outline.section_index(f.line)
            if idx is None:
                continue
            direct[idx][0] += 1
            direct[idx][1] += i in self.targets
        totals = [list(c) for c in direct]
        # Walk backwards so each heading's total is complete before it is added to its parent.
        stack: list[int] = []
        parents: list[int | None] = []
        for i, h in enumerate(headings):
            while stack and headings[stack[-1]].level >= h.level:
                stack.pop()
            parents.append(stack[-1] if stack else None)
            stack.append(i)
        for i in range(len(headings) - 1, -1, -1):
            parent = parents[i]
            if parent is not None:
                totals[parent][0] += totals[i][0]
                totals[parent][1] += totals[i][1]
        return {i: (c[0], c[1]) for i, c in enumerate(totals)}


# From this size on, the app parses in a child process: in a thread the parse holds the GIL for
# a quarter of a second per 2 MB and the reader's paging stutters meanwhile (see
# benchmarks/bench_app.py). A fresh interpreter costs ~0.3 s, so small plans stay in-process.
PROCESS_THRESHOLD = 256 * 1024


def _parse(
    text: str, hints: Hints = NO_HINTS, overrides: Overrides | None = None
) -> tuple[Outline, list[Figure]]:
    # The converter's table rows: their bare numbers are figures (figures_tables).
    outline = parse_outline(text, hints=hints, overrides=overrides)
    return outline, extract_figures(text, hints.tables)


def _parse_in_child(
    text: str, hints: Hints = NO_HINTS, overrides: Overrides | None = None
) -> tuple[Outline, list[Figure]]:
    # A plain subprocess, not multiprocessing: inside a Textual app sys.stderr has no file
    # descriptor, and multiprocessing's resource tracker fails on that.
    import pickle
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "zoneplan_tui.core.analysis"],
        input=pickle.dumps((text, hints, overrides)),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    outline, figures = pickle.loads(done.stdout)  # our own child's output, never a file's
    return outline, figures


def analyse(
    doc: Document, *, offload: bool = False, overrides: Overrides | None = None
) -> Analysis:
    """`offload=True`: parse a large plan in a child process, so a caller's other threads keep
    the interpreter to themselves; any failure to start one falls back to parsing here.
    `overrides`: the reader's corrections of this plan (see core/overrides.py)."""
    if offload and len(doc.text) >= PROCESS_THRESHOLD:
        try:
            outline, figures = _parse_in_child(doc.text, doc.hints, overrides)
        except Exception:  # no child process to be had (a sandbox, a frozen build): do it here
            outline, figures = _parse(doc.text, doc.hints, overrides)
    else:
        outline, figures = _parse(doc.text, doc.hints, overrides)
    return Analysis(doc=doc, outline=outline, figures=figures)


if __name__ == "__main__":  # the child of `_parse_in_child`: pickles in on stdin, out on stdout
    import pickle
    import sys

    sys.stdout.buffer.write(pickle.dumps(_parse(*pickle.loads(sys.stdin.buffer.read()))))
