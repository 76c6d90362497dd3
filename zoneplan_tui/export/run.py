"""One export, start to end: the format's writer, the file name, a Word plan's own file.

`export(plan, fmt)` returns the bytes to write and what the reader should know (a Word plan
whose comments had to go into a new document). The caller writes them (the command line and
the app both through cli/output_file.py's rules: atomic, regular files only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zoneplan_tui.export import DESCRIPTIONS, FORMATS
from zoneplan_tui.export.plan import AnnotatedPlan, Progress, default_name, no_progress

__all__ = ["DESCRIPTIONS", "FORMATS", "Exported", "default_output", "export"]


@dataclass(frozen=True)
class Exported:
    data: bytes
    warnings: list[str] = field(default_factory=list)


def export(
    plan: AnnotatedPlan,
    fmt: str,
    *,
    progress: Progress = no_progress,
    output: Path | None = None,
) -> Exported:
    """`plan` as `fmt` (one of FORMATS); `output`: where it will be written (Markdown links
    back to the plan relative to it)."""
    if fmt == "md":
        from zoneplan_tui.export.markdown import to_markdown

        base = output.absolute().parent if output is not None else None
        return Exported(to_markdown(plan, base).encode("utf-8"))
    if fmt == "html":
        from zoneplan_tui.export.html import write_html

        return Exported(write_html(plan, progress))
    if fmt == "docx":
        return _word(plan, progress)
    raise ValueError(f"no export format {fmt!r}")


def _word(plan: AnnotatedPlan, progress: Progress) -> Exported:
    from zoneplan_tui.export.word_new import write_new

    doc = plan.doc
    if doc.encoding != "docx":
        return Exported(write_new(plan, progress))
    from zoneplan_tui.core.errors import DocumentError
    from zoneplan_tui.export.word_copy import Unmatched, write_copy
    from zoneplan_tui.formats import limits

    try:
        data = limits.read_capped(doc.path, limits.MAX_FILE_BYTES)
        return Exported(write_copy(plan, data, progress))
    except (Unmatched, DocumentError) as exc:
        why = str(exc)
    except Exception as exc:  # python-docx or lxml on a damaged file
        why = f"a damaged Word document ({type(exc).__name__})"
    warning = (
        f"{doc.path.name}: the comments are in a new document, not in a copy of the Word file "
        f"({why})"
    )
    return Exported(write_new(plan, progress), [warning])


def default_output(plan: Path, fmt: str, folder: Path | None = None) -> Path:
    """`<plan stem>.annotated.<fmt>` in `folder` (default: beside the plan)."""
    return (folder if folder is not None else plan.parent) / default_name(plan, fmt)
