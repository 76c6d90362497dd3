"""Everything the command line writes: to a terminal, to a pipe, to a file (`-o`).

Two kinds of output, two rules (issue 11; core/safe_text.py says what "safe" is):

* **Human-readable** output (trees, tables, lists, the one-line messages on stderr) is always
  made safe, piped or not: it is text for a person, and a character that would act on their
  terminal is shown as a placeholder. Rich prints it from `Text` objects (`plain`), never from
  markup, through a console that parses none (`make_console`).
* **Data** (`zoneplan text`, `--json`, `--csv`, an export) keeps its exact characters when it
  goes to a file or a pipe, where a program reads it; only when stdout is a terminal is it made
  safe, as `ls` quotes control characters only for a terminal: JSON by `\\u001b`-style escapes
  (the same JSON), CSV and Markdown by placeholders, `text` one character for one, so that every
  offset stays in its place.

`-o FILE` goes through cli/output_file.py (atomic, regular files only); `-o -` is stdout.
"""

from __future__ import annotations

import csv
import io
import sys
from typing import TYPE_CHECKING, Literal

from zoneplan_tui.cli.output_file import STDOUT, write_output
from zoneplan_tui.core.safe_text import safe, safe_cells, safe_json, safe_line, safe_lines

if TYPE_CHECKING:  # rich loads only when a table or tree is printed
    from rich.console import Console
    from rich.style import StyleType
    from rich.text import Text

    from zoneplan_tui.core.analysis import Analysis
    from zoneplan_tui.core.document import Document
    from zoneplan_tui.core.outline import Outline

FIGURE_COLUMNS = ("start", "end", "text", "kind", "value", "unit", "cmp", "line", "section")

# "human": made safe everywhere. The others are data, made safe only for a terminal:
# "text" one character for one, "json" by escapes, "csv" keeping its CR LF, "data" (Markdown …)
# by placeholders.
Form = Literal["human", "data", "text", "json", "csv"]

_FOR_TERMINAL = {
    "data": safe,
    "text": safe_cells,
    "json": safe_json,
    "csv": safe_lines,
}

# Above this many figures, `numbers` prints plain fixed columns instead of a Rich table: Rich
# measures every cell of every row first (minutes for the 150,000 figures of a 5 MB line).
LARGE_TABLE = 2000


def is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def emit(text: str, output: str | None = None, *, bom: bool = False, form: Form = "human") -> None:
    """Write a command's output (UTF-8) to the file `output` names, else to stdout, made safe as
    its `form` asks (see the module docstring). `bom`: start with a byte order mark (CSV for
    Excel and WPS)."""
    if form == "human":
        text = safe(text)
    to_file = output is not None and output != STDOUT
    if not to_file and form != "human" and is_terminal(sys.stdout):
        text = _FOR_TERMINAL[form](text)
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    if to_file:
        assert output is not None
        write_output(output, data)
        return
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def say(line: str = "") -> None:
    """One human-readable line on stdout."""
    emit(line + "\n")


def tell(message: str) -> None:
    """`zoneplan: MESSAGE` on stderr, on one line, made safe."""
    sys.stderr.write(f"zoneplan: {safe_line(message)}\n")
    sys.stderr.flush()


def warn(message: str) -> None:
    tell(f"warning: {message}")


def plain(text: str, style: StyleType = "") -> Text:
    """Rich text that is only ever text: made safe, never parsed as markup."""
    from rich.text import Text

    return Text(safe(text), style=style)


def make_console() -> Console:
    """A Rich console for stdout that parses nothing in what it is given (no markup, no emoji
    codes, no highlighting): everything printed is `plain` text or a table of it."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False)


def print_outline(doc: Document, outline: Outline, console: Console | None = None) -> None:
    from rich.text import Text
    from rich.tree import Tree

    console = console or make_console()
    if len(outline.headings) + len(outline.inline_items) > LARGE_TABLE:
        _print_outline_plain(doc, outline, console)
        return
    root = Tree(plain(outline.title or doc.name, style="bold"))
    stack: list[tuple[int, Tree]] = [(0, root)]
    items_by_line: dict[int, list[str]] = {}
    for item in outline.inline_items:
        items_by_line.setdefault(item.line, []).append(f"{item.marker}{item.title}")
    for h in outline.headings:
        while stack[-1][0] >= h.level:
            stack.pop()
        label = Text.assemble(plain(h.marker, "cyan"), plain(h.title), (f"  :{h.line}", "dim"))
        node = stack[-1][1].add(label)
        for run_in in items_by_line.get(h.line, ()):
            node.add(plain(run_in, style="italic dim"))
        stack.append((h.level, node))
    console.print(root)
    console.print(
        Text(
            f"{len(outline.headings)} headings, {len(outline.inline_items)} inline items; "
            f"body from line {outline.body_start_line}",
            style="dim",
        )
    )


def _print_outline_plain(doc: Document, outline: Outline, console: Console) -> None:
    """The tree `print_outline` draws, drawn directly (Rich's Tree takes minutes for 100,000
    headings): the same guides, one line a node, no colours."""
    # Each node: (depth, label); children follow their parent, as in a pre-order walk.
    nodes: list[tuple[int, str]] = []
    items_by_line: dict[int, list[str]] = {}
    for item in outline.inline_items:
        items_by_line.setdefault(item.line, []).append(f"{item.marker}{item.title}")
    levels = [0]
    for h in outline.headings:
        while levels[-1] >= h.level:
            levels.pop()
        depth = len(levels)
        nodes.append((depth, f"{h.marker}{h.title}  :{h.line}"))
        nodes.extend((depth + 1, run_in) for run_in in items_by_line.get(h.line, ()))
        levels.append(h.level)
    # A node is the last of its siblings when no later node at its depth comes before the next
    # node shallower than it: one backwards pass.
    last = [False] * len(nodes)
    next_at: dict[int, bool] = {}  # depth -> a later sibling is pending
    for i in range(len(nodes) - 1, -1, -1):
        depth = nodes[i][0]
        last[i] = not next_at.get(depth, False)
        next_at[depth] = True
        for deeper in [d for d in next_at if d > depth]:
            del next_at[deeper]
    out = io.StringIO()
    out.write(safe_line(outline.title or doc.name) + "\n")
    open_levels: list[bool] = []  # per depth above: does that ancestor have later siblings
    for (depth, label), is_last in zip(nodes, last, strict=True):
        del open_levels[depth - 1 :]
        guides = "".join("│   " if more else "    " for more in open_levels)
        out.write(f"{guides}{'└── ' if is_last else '├── '}{safe_line(label)}\n")
        open_levels.append(not is_last)
    out.write(
        f"{len(outline.headings)} headings, {len(outline.inline_items)} inline items; "
        f"body from line {outline.body_start_line}\n"
    )
    console.file.write(out.getvalue())
    console.file.flush()


def print_figures(doc: Document, plan: Analysis, console: Console | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from zoneplan_tui.core.figures import value_text

    console = console or make_console()
    if len(plan.figures) > LARGE_TABLE:
        _print_figures_plain(doc, plan, console)
        return
    table = Table(title=plain(plan.outline.title or doc.name), show_lines=False)
    for col in ("line", "section", "text", "kind", "value", "unit", "cmp"):
        right = col in ("line", "value")
        table.add_column(col, overflow="fold", justify="right" if right else "left")
    for f in plan.figures:
        section = plan.section_titles(f.line)
        table.add_row(
            str(f.line),
            plain(section[-1] if section else ""),
            plain(f.text, style="bold"),
            f.kind,
            value_text(f.value, f.unit),
            plain(f.unit or ""),
            f.cmp or "",
        )
    console.print(table)
    console.print(Text(f"{len(plan.figures)} figures, {len(plan.targets)} targets", style="dim"))


def figures_table(doc: Document, plan: Analysis, width: int = 120) -> str:
    """The table `print_figures` prints, as text for a file (`numbers -o FILE`): no colours."""
    from rich.console import Console

    buf = io.StringIO()
    print_figures(
        doc, plan, Console(file=buf, width=width, markup=False, emoji=False, highlight=False)
    )
    return buf.getvalue()


# The plain columns of a large figure table: (header, at most this many cells, right-aligned).
_PLAIN_COLUMNS = (
    ("line", 9, True),
    ("section", 24, False),
    ("text", 28, False),
    ("kind", 12, False),
    ("value", 14, False),
    ("unit", 8, False),
    ("cmp", 4, False),
)


def _fit(text: str, width: int, right: bool) -> str:
    """`text` in exactly `width` cells: cut with "…" when longer, padded when shorter."""
    from rich.cells import cell_len, set_cell_size

    cells = cell_len(text)
    if cells > width:
        text = set_cell_size(text, width - 1) + "…"
        cells = width
    pad = " " * (width - cells)
    return pad + text if right else text + pad


def _print_figures_plain(doc: Document, plan: Analysis, console: Console) -> None:
    """The figures as fixed columns, one line each, cut to width: linear in the figures (the
    full values are in --csv and --json, which the last line points to). A column holds few
    distinct values (kinds, units, sections), so each is measured and fitted once."""
    from rich.cells import cell_len

    from zoneplan_tui.core.figures import value_text

    rows = []
    for f in plan.figures:
        section = plan.section_titles(f.line)
        rows.append(
            (
                str(f.line),
                section[-1] if section else "",
                f.text,
                f.kind,
                value_text(f.value, f.unit),
                f.unit or "",
                f.cmp or "",
            )
        )
    columns = []
    for i, (header, cap, right) in enumerate(_PLAIN_COLUMNS):
        shown = {v: safe_line(v) for v in {row[i] for row in rows}}
        width = min(cap, max([len(header), *map(cell_len, shown.values())]))
        columns.append(({v: _fit(s, width, right) for v, s in shown.items()}, width, right))
    out = io.StringIO()
    out.write(safe_line(plan.outline.title or doc.name) + "\n")
    headers = (
        _fit(h, w, right) for (h, _, _), (_, w, right) in zip(_PLAIN_COLUMNS, columns, strict=True)
    )
    out.write("  ".join(headers).rstrip() + "\n")
    for row in rows:
        out.write(
            "  ".join(fitted[v] for v, (fitted, _, _) in zip(row, columns, strict=True)).rstrip()
        )
        out.write("\n")
    out.write(
        f"{len(plan.figures)} figures, {len(plan.targets)} targets "
        "(columns cut to width; --csv or --json gives them whole)\n"
    )
    console.file.write(out.getvalue())
    console.file.flush()


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


def dump_json(obj: object) -> str:
    import json

    from zoneplan_tui.formats.paths import shown_in_json

    # A file name that is not UTF-8 would make the output unwritable: its bytes show as \xNN.
    return shown_in_json(json.dumps(obj, ensure_ascii=False, indent=1)) + "\n"
