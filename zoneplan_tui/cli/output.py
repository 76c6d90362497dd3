"""Plain-terminal output of the CLI (rich), and CSV. Document text is never parsed as markup."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zoneplan_tui.core.errors import UserError

if TYPE_CHECKING:  # rich loads only when a table or tree is printed
    from rich.console import Console

    from zoneplan_tui.core.analysis import Analysis
    from zoneplan_tui.core.document import Document
    from zoneplan_tui.core.outline import Outline

FIGURE_COLUMNS = ("start", "end", "text", "kind", "value", "unit", "cmp", "line", "section")


def print_outline(doc: Document, outline: Outline, console: Console | None = None) -> None:
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    console = console or Console()
    root = Tree(Text(outline.title or doc.name, style="bold"))
    stack: list[tuple[int, Tree]] = [(0, root)]
    items_by_line: dict[int, list[str]] = {}
    for item in outline.inline_items:
        items_by_line.setdefault(item.line, []).append(f"{item.marker}{item.title}")
    for h in outline.headings:
        while stack[-1][0] >= h.level:
            stack.pop()
        label = Text.assemble((f"{h.marker}", "cyan"), h.title, (f"  :{h.line}", "dim"))
        node = stack[-1][1].add(label)
        for run_in in items_by_line.get(h.line, ()):
            node.add(Text(run_in, style="italic dim"))
        stack.append((h.level, node))
    console.print(root)
    console.print(
        Text(
            f"{len(outline.headings)} headings, {len(outline.inline_items)} inline items; "
            f"body from line {outline.body_start_line}",
            style="dim",
        )
    )


def print_figures(doc: Document, plan: Analysis, console: Console | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from zoneplan_tui.core.figures import value_text

    console = console or Console()
    table = Table(title=Text(plan.outline.title or doc.name), show_lines=False)
    for col in ("line", "section", "text", "kind", "value", "unit", "cmp"):
        right = col in ("line", "value")
        table.add_column(col, overflow="fold", justify="right" if right else "left")
    for f in plan.figures:
        section = plan.section_titles(f.line)
        table.add_row(
            str(f.line),
            Text(section[-1] if section else ""),
            Text(f.text, style="bold"),
            f.kind,
            value_text(f.value, f.unit),
            Text(f.unit or ""),
            f.cmp or "",
        )
    console.print(table)
    console.print(Text(f"{len(plan.figures)} figures, {len(plan.targets)} targets", style="dim"))


def figures_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIGURE_COLUMNS)
    for row in rows:
        out = []
        for col in FIGURE_COLUMNS:
            v = row.get(col)
            if col == "section":
                v = " > ".join(v or [])
            elif isinstance(v, list):
                v = "–".join(str(x) for x in v)
            out.append("" if v is None else v)
        writer.writerow(out)
    return buf.getvalue()


def emit(text: str, output: str | None = None, *, bom: bool = False) -> None:
    """Write a command's output to the file `output` names, or to stdout (UTF-8 either way)."""
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8-sig" if bom else "utf-8")
        except OSError as exc:
            raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None
        return
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def dump_json(obj: object) -> str:
    import json

    from zoneplan_tui.formats.paths import shown_in_json

    # A file name that is not UTF-8 would make the output unwritable: its bytes show as \xNN.
    return shown_in_json(json.dumps(obj, ensure_ascii=False, indent=1)) + "\n"
