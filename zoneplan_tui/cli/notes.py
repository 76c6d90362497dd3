"""`zoneplan notes list|add|export|import`: the notes store for scripts.

`register(subparsers)` adds the `notes` sub-command to the main parser (cli.py). Handlers take the
parsed `args`, return an exit status, and raise `UserError` (one line on stderr, exit 2) for bad
input. Nothing here imports Textual; rich is imported only to print the `list` table.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from zoneplan_tui.cli.args import add_command, add_db
from zoneplan_tui.cli.output import emit, make_console, plain, say, warn
from zoneplan_tui.core.errors import UserError
from zoneplan_tui.notes.annotations import DEFAULT_COLOR

if TYPE_CHECKING:
    from zoneplan_tui.core.document import Document
    from zoneplan_tui.notes.anchoring import Anchoring
    from zoneplan_tui.notes.annotations import Annotation
    from zoneplan_tui.notes.corrections import Correction
    from zoneplan_tui.notes.store import NotesStore

# Every command builds the whole parser: the notes modules that are slow to import (anchoring
# brings rapidfuzz, w3c) are imported inside the commands that use them.


def register(subparsers: Any) -> None:
    """Add `notes` and its sub-commands to an argparse sub-parsers object."""
    notes = add_command(
        subparsers,
        "notes",
        help="list, add, export and import notes",
        description="Work with the notes file (--db PATH, $ZONEPLAN_DB, or the user data "
        "directory). Each subcommand has its own help: zoneplan notes add --help.",
        example="zoneplan notes list sample_docs/haimen-2017-work-plan.txt",
    )
    choices = "list, add, export, import, backups, restore, carry, correct, corrections, uncorrect"
    notes.set_defaults(func=lambda _args: notes.error(f"choose one of {choices}"))
    sub = notes.add_subparsers(title="commands", metavar="COMMAND", dest="notes_command")

    p = add_command(
        sub,
        "list",
        help="list notes (of one plan, or all)",
        description="List the notes of one plan, with the line each one sits on now, or every "
        "note. ? marks a note whose passage changed; orphaned notes are listed apart.",
        example="zoneplan notes list plan.txt --tag 招商 --json",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="a plan file; none lists every note")
    p.add_argument("--tag", metavar="T", help="only notes with this tag")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_db(p)
    p.set_defaults(func=run_list)

    p = add_command(
        sub,
        "add",
        help="add a note to a passage of a plan; prints the new id",
        example="zoneplan notes add plan.txt --quote 招引央企 --note 进度如何 --tag 招商",
    )
    p.add_argument("path", metavar="PATH", help="the plan file")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", metavar="TEXT", help="the passage, as it appears in the plan")
    where.add_argument("--line", type=int, metavar="N", help="the whole line N (1-based)")
    p.add_argument(
        "--occurrence", type=int, metavar="N", help="use the Nth occurrence of --quote (default 1)"
    )
    p.add_argument("--note", required=True, metavar="TEXT", help="the note ('' for a highlight)")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    p.add_argument("--color", default=DEFAULT_COLOR, metavar="C", help="highlight colour")
    add_db(p)
    p.set_defaults(func=run_add)

    p = add_command(
        sub,
        "export",
        help="export notes as Markdown, CSV or W3C JSON-LD",
        description="Export notes: Markdown grouped by section with the quoted passages, CSV "
        "(UTF-8 with BOM) or W3C Web Annotation JSON-LD, which `notes import` reads back.",
        example="zoneplan notes export plan.txt --format md -o notes.md",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="a plan file; none exports every note")
    p.add_argument(
        "--format", required=True, choices=("md", "csv", "json"), dest="fmt", help="md, csv or json"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_db(p)
    p.set_defaults(func=run_export)

    p = add_command(
        sub,
        "import",
        help="import a JSON export (idempotent by note id)",
        description="Import notes from a W3C Web Annotation JSON export. Notes are matched by "
        "id: new ones are added, newer copies update older ones, the rest are skipped. A time "
        "in the future is taken as now; two different copies of one id keep the newer, and "
        "each such conflict is reported. Exit status 1 if some items could not be read (the "
        "others are imported).",
        example="zoneplan notes import notes.json",
    )
    p.add_argument("file", metavar="FILE.json", help="a file written by notes export --format json")
    add_db(p)
    p.set_defaults(func=run_import)

    from zoneplan_tui.cli import backups as backups_cli

    backups_cli.register(sub)

    from zoneplan_tui.cli import notes_carry

    notes_carry.register(sub)

    from zoneplan_tui.cli import corrections as corrections_cli

    corrections_cli.register(sub)


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------


def _open_store(args: argparse.Namespace, *, read_only: bool = False) -> NotesStore:
    from zoneplan_tui.notes.store import NotesStore

    db = getattr(args, "db", None)
    return NotesStore.open_read_only(db) if read_only else NotesStore.open(db)


def _load(path: str) -> Document:
    from zoneplan_tui.formats.load import load_document

    return load_document(path)


def _warn(store: NotesStore) -> None:
    for problem in [*store.problems, *store.warnings]:
        warn(problem)


def _outline_info(
    doc: Document, offset: int, corrections: Sequence[Correction] = ()
) -> tuple[str, tuple[str, ...]]:
    """(document title, section path of the line holding `offset`) from the outline, as the
    reader's `corrections` of the plan make it."""
    try:
        from zoneplan_tui.core.outline import parse_outline
    except ImportError:  # the outline module is optional for notes
        return doc.path.name, ()
    from zoneplan_tui.notes.corrections import resolve

    overrides = resolve(corrections, doc.text).overrides if corrections else None
    try:
        outline = parse_outline(doc.text, hints=doc.hints, overrides=overrides)
        section = tuple(h.title for h in outline.section_path(doc.line_of(offset)))
        return (outline.title or doc.path.name), section
    except Exception:  # a note must not be lost because the outline heuristics tripped
        return doc.path.name, ()


def _find_occurrence(text: str, quote: str, n: int) -> int | None:
    pos = text.find(quote)
    seen = 1
    while pos != -1 and seen < n:
        pos = text.find(quote, pos + 1)
        seen += 1
    return pos if pos != -1 else None


def _count(text: str, quote: str) -> int:
    count, pos = 0, text.find(quote)
    while pos != -1:
        count += 1
        pos = text.find(quote, pos + 1)
    return count


class Placed(NamedTuple):
    """An annotation with where it sits in the current text (when the document was loaded).
    A named tuple: made once per note, and a frozen dataclass costs 50,000 notes 0.3 s."""

    ann: Annotation
    where: Anchoring | None = None
    line: int | None = None

    @property
    def status(self) -> str:
        return self.where.status if self.where is not None else ""


def _place(anns: Iterable[Annotation], doc: Document | None) -> list[Placed]:
    from zoneplan_tui.notes.anchoring import anchor

    if doc is None:
        return [Placed(a) for a in anns]
    out = []
    for a in anns:
        where = anchor(a, doc.text)
        line = doc.line_of(where.start) if where.start is not None else None
        out.append(Placed(a, where, line))
    out.sort(key=_text_order)
    return out


def _text_order(p: Placed) -> tuple[bool, int]:
    """Notes in the order of their passages; unanchored (orphaned) ones last."""
    start = p.where.start if p.where is not None else None
    return start is None, start or 0


def _select(
    args: argparse.Namespace, store: NotesStore
) -> tuple[Document | None, list[Annotation]]:
    from zoneplan_tui.notes.annotations import normalise_tag

    doc = _load(args.path) if getattr(args, "path", None) else None
    anns = store.for_document(doc.sha256, doc.path) if doc is not None else store.all()
    tag = getattr(args, "tag", None)
    if tag:
        want = normalise_tag(tag)
        anns = [a for a in anns if want in {normalise_tag(t) for t in a.tags}]
    return doc, anns


def _json_text(obj: Any) -> str:
    import orjson

    return (orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n").decode("utf-8")


# ----------------------------------------------------------------------------------------------
# list
# ----------------------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    store = _open_store(args, read_only=True)
    doc, anns = _select(args, store)
    placed = _place(anns, doc)
    _warn(store)
    if args.json:
        rows = []
        for p in placed:
            row = p.ann.to_dict()
            if p.where is not None:
                row["anchor"] = {
                    "status": p.where.status,
                    "start": p.where.start,
                    "end": p.where.end,
                    "line": p.line,
                    "score": round(p.where.score, 4),
                    # Figures of the quote that read differently now: [was, now], "" = none.
                    "figure_changes": [list(c) for c in p.where.figure_changes],
                    "reason": p.where.reason,
                }
            rows.append(row)
        emit(_json_text(rows), form="json")
        return 0
    corrections = len(store.corrections_for(doc.sha256, doc.path.resolve())) if doc else 0
    _print_table(placed, doc, corrections)
    return 0


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _status_text(p: Placed) -> str:
    """`review: 300个以上 → 350个以上`, `review: the passage changed`, or "" when attached."""
    if p.where is None or p.status != "review":
        return ""
    return f"review: {p.where.reason}"


# From this many rows on the table is printed plain (cli/table.py): Rich's fitting costs about a
# millisecond a row, most of a minute and half a GiB for 50,000 notes.
PLAIN_TABLE_FROM = 1000


class _Table(NamedTuple):
    title: str
    rows: list[Placed]
    with_doc: bool
    with_line: bool
    with_status: bool = False


def _rows(table: _Table) -> tuple[list[str], list[list[str]]]:
    headers = ["id", *(["document"] if table.with_doc else [])]
    headers += [*(["line"] if table.with_line else []), "passage", "note", "tags"]
    headers += ["status"] if table.with_status else []
    out = []
    for p in table.rows:
        cells = [p.ann.id[:8]]
        if table.with_doc:
            # os.path: a Path per row costs 50,000 notes half a second
            cells.append(os.path.basename(p.ann.doc.path) or Path(p.ann.doc.path).name)
        if table.with_line:
            line = str(p.line) if p.line is not None else "—"
            if p.status == "review":
                line += " ?"
            cells.append(line)
        cells += [_short(p.ann.quote, 40), _short(p.ann.note, 60), ", ".join(p.ann.tags)]
        if table.with_status:
            cells.append(_status_text(p))
        out.append(cells)
    return headers, out


def _print_table(placed: list[Placed], doc: Document | None, corrections: int = 0) -> None:
    kept = [p for p in placed if p.status != "orphan"]
    orphans = [p for p in placed if p.status == "orphan"]
    tables: list[_Table] = []
    notes: list[str] = []
    head: list[str] = []
    if corrections:
        # The outline these notes sit in is the corrected one; say so, and where to see them.
        head.append(f"{corrections} correction(s) of this plan: zoneplan notes corrections PATH")
    if doc is not None:
        # A status column only when some note needs review, and then it says why.
        review = any(p.status == "review" for p in kept)
        title = f"{len(placed)} note(s) on {doc.path.name}"
        tables.append(_Table(title, kept, False, True, with_status=review))
        if review:
            notes.append("? = the passage changed; check that the note still fits")
        if orphans:
            title = f"{len(orphans)} orphaned note(s): the passage is no longer in the text"
            tables.append(_Table(title, orphans, False, False))
    else:
        tables.append(_Table(f"{len(placed)} note(s)", placed, True, False))
    if not placed:
        where = f" on {doc.path.name}" if doc is not None else ""
        _print_rich([], [*head, f"No notes{where}."], [])
    elif len(placed) >= PLAIN_TABLE_FROM:
        _print_plain(tables, notes, head)
    else:
        _print_rich(tables, notes, head)


def _print_plain(tables: list[_Table], notes: list[str], head: list[str]) -> None:
    import shutil
    import sys

    from zoneplan_tui.cli.output import is_terminal
    from zoneplan_tui.cli.table import render_table

    width = shutil.get_terminal_size().columns if is_terminal(sys.stdout) else None
    parts = [h + "\n" for h in head]
    for i, table in enumerate(tables):
        headers, cells = _rows(table)
        right = [headers.index("line")] if table.with_line else []
        parts.append(render_table(headers, cells, title=table.title, width=width, right=right))
        if i == 0:
            parts += [n + "\n" for n in notes]
    emit("".join(parts))


def _print_rich(tables: list[_Table], notes: list[str], head: list[str]) -> None:
    from rich.table import Table

    console = make_console()
    for h in head:
        console.print(plain(h))
    for i, table in enumerate(tables):
        headers, cells = _rows(table)
        t = Table(title=plain(table.title), title_justify="left", show_lines=False)
        for h in headers:
            if h == "id":
                t.add_column(h, no_wrap=True)
            elif h == "line":
                t.add_column(h, justify="right", no_wrap=True)
            else:
                t.add_column(h, overflow="fold")
        for row in cells:
            t.add_row(*(plain(c) for c in row))
        console.print(t)
        if i == 0:
            for n in notes:
                console.print(plain(n))
    if not tables:
        for n in notes:
            console.print(plain(n))


# ----------------------------------------------------------------------------------------------
# add
# ----------------------------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    from zoneplan_tui.notes.annotations import AnnotationError, new_annotation

    doc = _load(args.path)
    if args.quote is not None:
        if args.quote == "":
            raise UserError("--quote must not be empty")
        n = 1 if args.occurrence is None else args.occurrence
        if n < 1:
            raise UserError("--occurrence counts from 1")
        quote = args.quote.replace("\r\n", "\n").replace("\r", "\n")
        start = _find_occurrence(doc.text, quote, n)
        if start is None:
            # The shell may hand over another Unicode normalisation of the same characters.
            import unicodedata

            for form in ("NFC", "NFD"):
                alt = unicodedata.normalize(form, quote)
                start = _find_occurrence(doc.text, alt, n)
                if start is not None:
                    quote = alt
                    break
        if start is None:
            found = _count(doc.text, quote)
            if found == 0:
                raise UserError(f"{args.path}: the quote is not in the plan")
            raise UserError(f"{args.path}: the quote occurs only {found} time(s), not {n}")
        end = start + len(quote)
    else:
        if args.occurrence is not None:
            raise UserError("--occurrence goes with --quote, not --line")
        line = args.line
        if not 1 <= line <= doc.line_count:
            raise UserError(f"{args.path}: no line {line} (the plan has {doc.line_count} lines)")
        content = doc.line_text(line).rstrip()
        if not content:
            raise UserError(f"{args.path}: line {line} is blank")
        start = doc.line_start(line)
        end = start + len(content)

    def make(corrections: Sequence[Correction] = ()) -> Annotation:
        title, section = _outline_info(doc, start, corrections)
        try:
            return new_annotation(
                doc.text,
                start,
                end,
                path=str(doc.path.resolve()),
                sha256=doc.sha256,
                title=title,
                note=args.note,
                tags=args.tag,
                color=args.color,
                section=section,
            )
        except AnnotationError as exc:
            raise UserError(str(exc)) from None

    from zoneplan_tui.notes.store import add_unread

    # A fresh note needs nothing from the notes file: appended to its journal when that is safe
    # (and the file holds no correction that would change the note's section path), without
    # parsing tens of MB; otherwise the store reads the file (a file that cannot be read stops
    # here) and the note is made again against the corrected outline.
    ann = make()
    if add_unread(getattr(args, "db", None), ann):
        say(ann.id)
        return 0
    store = _open_store(args)
    corrections = store.corrections_for(doc.sha256, doc.path.resolve())
    stored = store.add(make(corrections) if corrections else ann)
    store.start_journal()  # the next add appends without parsing the file (if it was rewritten)
    _warn(store)
    say(stored.id)
    return 0


# ----------------------------------------------------------------------------------------------
# export
# ----------------------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    from zoneplan_tui.notes.w3c import export_collection

    store = _open_store(args, read_only=True)
    doc, anns = _select(args, store)
    placed = _place(anns, doc)
    _warn(store)
    if args.fmt == "json":
        label = f"zoneplan notes: {doc.path.name}" if doc is not None else "zoneplan notes"
        # The plan's corrections go with its notes (every correction, for every note).
        corrections = (
            store.corrections_for(doc.sha256, doc.path.resolve())
            if doc is not None
            else store.all_corrections()
        )
        collection = export_collection([p.ann for p in placed], label, corrections)
        emit(
            _json_text(collection),
            args.output,
            form="json",
        )
    elif args.fmt == "csv":
        # The BOM makes Excel/WPS read UTF-8.
        emit(to_csv(placed), args.output, bom=True, form="csv")
    elif doc is not None:
        emit(_plan_markdown(doc, anns, args.output), args.output, form="data")
    else:
        emit(to_markdown(placed), args.output, form="data")
    return 0


def _plan_markdown(doc: Document, anns: Sequence[Annotation], output: str | None) -> str:
    """One plan's notes by the section they sit in now, in outline order, each with a
    `file:line` link (relative to the file written, when there is one); orphans last."""
    from zoneplan_tui.core.config import ConfigError, load_config
    from zoneplan_tui.export.markdown import to_markdown as plan_markdown
    from zoneplan_tui.export.plan import annotate

    try:
        reviewer = load_config().reviewer
    except ConfigError as exc:  # the settings only name the reviewer here: not worth failing
        warn(str(exc))
        reviewer = None
    base = Path(output).absolute().parent if output and output != "-" else None
    return plan_markdown(annotate(doc, anns, reviewer=reviewer), base)


def _section_title(section: Sequence[str]) -> str:
    return " › ".join(section) if section else "(no section)"


def to_markdown(placed: Sequence[Placed], doc: Document | None = None) -> str:
    """Notes grouped by document and section, each with its quoted passage."""
    from zoneplan_tui.export.markdown import md_escape
    from zoneplan_tui.notes.annotations import now_iso

    out: list[str] = []
    if doc is not None:
        title = next((p.ann.doc.title for p in placed if p.ann.doc.title), doc.path.name)
        out += [f"# Notes: {md_escape(title)}", ""]
        out.append(f"- Plan: {md_escape(str(doc.path))}")
    else:
        out += ["# zoneplan notes", ""]
    out.append(f"- Notes: {len(placed)}")
    out.append(f"- Exported: {now_iso()}")
    out.append("")

    by_doc: dict[str, list[Placed]] = {}
    for p in placed:
        by_doc.setdefault(p.ann.doc.path, []).append(p)
    level = "##" if doc is not None else "###"
    for path, items in by_doc.items():
        if doc is None:
            title = next((p.ann.doc.title for p in items if p.ann.doc.title), Path(path).name)
            out += [f"## {md_escape(title)}", "", f"- Plan: {md_escape(path)}", ""]
        kept = [p for p in items if p.status != "orphan"]
        orphans = [p for p in items if p.status == "orphan"]
        sections: dict[tuple[str, ...], list[Placed]] = {}
        for p in kept:
            sections.setdefault(p.ann.section, []).append(p)
        for section, group in sections.items():
            out += [f"{level} {md_escape(_section_title(section))}", ""]
            for p in group:
                out += _md_note(p)
        if orphans:
            out += [f"{level} Orphaned notes (the passage is no longer in the text)", ""]
            for p in orphans:
                out += _md_note(p, with_section=True)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_note(p: Placed, *, with_section: bool = False) -> list[str]:
    from zoneplan_tui.export.markdown import md_escape, note_block

    where = [f"was in: {md_escape(_section_title(p.ann.section))}"] if with_section else []
    if p.line is not None:
        where.append(f"line {p.line}")
    review = p.where.reason if p.status == "review" and p.where is not None else None
    return note_block(p.ann, where, review=review)


CSV_COLUMNS = (
    "id",
    "document",
    "title",
    "section",
    "line",
    "status",
    "quote",
    "note",
    "tags",
    "color",
    "created",
    "updated",
    "start",
    "end",
    "sha256",
    "reason",  # why a note needs review (`300个以上 → 350个以上`); last: the columns before keep
)


def _csv_cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to Excel/WPS; a leading apostrophe keeps it text.
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def to_csv(placed: Sequence[Placed]) -> str:
    """One row per note (without the BOM; the caller encodes with utf-8-sig)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in placed:
        a = p.ann
        writer.writerow(
            [
                a.id,
                _csv_cell(a.doc.path),
                _csv_cell(a.doc.title),
                _csv_cell(" › ".join(a.section)),
                "" if p.line is None else p.line,
                p.status,
                _csv_cell(a.quote),
                _csv_cell(a.note),
                _csv_cell("; ".join(a.tags)),
                a.color,
                a.created,
                a.updated,
                a.target.start,
                a.target.end,
                a.doc.sha256,
                _csv_cell(p.where.reason if p.where is not None and p.status == "review" else ""),
            ]
        )
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------
# import
# ----------------------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    import orjson

    from zoneplan_tui.core.errors import DocumentError
    from zoneplan_tui.formats.limits import MAX_IMPORT_BYTES, read_capped
    from zoneplan_tui.notes.annotations import AnnotationError
    from zoneplan_tui.notes.errors import one_line
    from zoneplan_tui.notes.w3c import parse_corrections, parse_import

    src = Path(args.file)
    try:
        # Under a size cap and from a regular file only: /dev/zero or a FIFO is one line.
        raw = read_capped(src, MAX_IMPORT_BYTES, what="a notes export")
    except DocumentError as exc:
        raise UserError(f"{src}: {exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UserError(f"{src}: not valid JSON ({one_line(str(exc), 120)})") from None
    try:
        anns, problems = parse_import(data)
    except AnnotationError as exc:
        raise UserError(f"{src}: {exc}") from None
    corrections, bad = parse_corrections(data)
    problems += bad
    for problem in problems:
        warn(f"{src}: {problem}")
    store = _open_store(args)
    report = store.import_annotations(anns)
    fixed = store.import_corrections(corrections) if corrections else (0, 0)
    _warn(store)
    for line in [*report.clamped, *report.conflicts]:
        warn(f"{src}: {line}")
    summary = report.summary()
    if corrections:
        summary += f"; corrections: added {fixed[0]}, updated {fixed[1]}"
    say(f"{src.name}: {summary}" + (f", {len(problems)} invalid" if problems else ""))
    return 1 if problems else 0
