"""What the search index stores of a plan, computed from the file alone: its metadata and
targets, its blocks with their words, and the characters and pairs of characters it holds.

    rows = read_plan(path, size, known)     # PlanRows (`doc` None: that content is indexed)
    python -m zoneplan_tui.library.index_rows   # a worker: (index, path, size) in, rows out

Import-light (the analysis loads with the first plan read). Nothing here touches the index
file, so `SearchIndex.update` can run `read_plan` in worker
processes (`ReaderPool`) while it writes what they send back. Everything a row holds is decided
here: `index.ROW_SOURCES` digests this file whole.

Blocks. A plan is indexed in blocks: the lines of one section (heading path) up to
`BLOCK_CHARS`, a heading always starting a new block.

Words. Text is normalised first (`textnorm.normalise`: Traditional → Simplified, one character
for one, so offsets survive), then cut in search mode (`segment.cut_for_search`, HMM off, so a
phrase is cut the same way in every plan and in a query). The words are stored with the block
(the index's word table keeps its content), so a block is deleted without cutting it again.

Grams. Per chunk (consecutive blocks of a plan, up to `CHUNK_CHARS`), the triples of adjacent
letters and digits of its normalised text, and the last one and two of each run of them
(`grams`): the index's substring search looks for a term's grams there first and reads only
the blocks of the chunks that have them all. Triples, because a pair as common as 进工 (推进工业,
改进工作) is in one chunk in five where 进工作 is in none; a chunk of a few blocks rather than
the plan, because 进工 is in four plans of five but one block in fifty. Each gram costs the
index ~0.2 µs to store, so only what a search needs is kept: a shorter term is looked up as a
prefix.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import struct
import subprocess
import sys
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Queue
from typing import IO, TYPE_CHECKING, Any

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.library import segment

if TYPE_CHECKING:
    from zoneplan_tui.core.analysis import Analysis
    from zoneplan_tui.core.document import Document

BLOCK_CHARS = 400
CHUNK_CHARS = 2000


@dataclass(frozen=True, slots=True)
class PlanRows:
    """One plan as the index stores it. `doc` is None when its content was `known`."""

    sha256: str
    # (title, body, year, chars, headings, figures, targets, line_starts json, targets json)
    doc: tuple[Any, ...] | None = None
    # (start, end, line, section json, text, norm or None, head, words, title words)
    units: tuple[tuple[Any, ...], ...] = ()
    # (index of the chunk's first unit, of its last, its grams)
    chunks: tuple[tuple[int, int, str], ...] = ()


def read_plan(path: str, known: Collection[str] = ()) -> PlanRows:
    """Read and analyse a plan file. Raises DocumentError for a file that cannot be read."""
    from zoneplan_tui.formats.load import load_document

    doc = load_document(path)
    if doc.sha256 in known:
        return PlanRows(doc.sha256)
    return plan_rows(doc)


def plan_rows(doc: Document) -> PlanRows:
    # Imported here: a search that reads no plan (the index's substring search uses `grams`
    # alone) has no use for the analysis.
    from zoneplan_tui.core.analysis import analyse
    from zoneplan_tui.core.planmeta import plan_meta
    from zoneplan_tui.library.targets import plan_targets

    plan = analyse(doc)
    meta = plan_meta(doc, plan.outline)
    ntext = normalise(doc.text)  # one character for one: a block's is a slice of it
    targets = plan_targets(plan, ntext, meta)
    units = []
    for start, end, line, section, title in blocks(plan):
        text = doc.text[start:end]
        norm = ntext[start:end]
        head = normalise(title)
        # The normalised text only where it differs: most Simplified text is its own.
        units.append(
            (start, end, line, json.dumps(section), text, None if norm == text else norm, head,
             words(norm), words(head) if head else "")
        )  # fmt: skip
    row = (
        meta.title,
        meta.body,
        meta.year,
        len(doc.text),
        len(plan.outline.headings),
        len(plan.figures),
        len(plan.targets),
        json.dumps(doc.line_starts, separators=(",", ":")),
        json.dumps([t.to_json() for t in targets], ensure_ascii=False),
    )
    return PlanRows(doc.sha256, row, tuple(units), chunks([u[5] or u[4] for u in units]))


def blocks(plan: Analysis) -> Iterator[tuple[int, int, int, tuple[str, ...], str]]:
    """(start, end, first line, section path, title) of each block of a plan."""
    doc, outline = plan.doc, plan.outline
    heading_at = {h.line: h for h in outline.headings}
    start = end = line0 = -1
    sect_idx: int | None = None
    title = ""
    for line in range(1, doc.line_count + 1):
        text = doc.line_text(line)
        s = doc.line_start(line)
        idx = outline.section_index(line)
        if not text.strip():
            continue
        new_section = line in heading_at or idx != sect_idx
        if start >= 0 and (new_section or end - start + len(text) > BLOCK_CHARS):
            yield start, end, line0, plan.section_titles(line0), title
            start = -1
        if start < 0:
            start, line0 = s, line
            title = heading_at[line].title if line in heading_at else ""
            if line == outline.title_line and outline.title:
                title = outline.title
        end = s + len(text)
        sect_idx = idx
    if start >= 0:
        yield start, end, line0, plan.section_titles(line0), title


def words(norm: str) -> str:
    """The search-mode words of normalised text, space-separated (the word table's tokenizer
    splits on the spaces and drops the whitespace and punctuation words)."""
    return " ".join(segment.cut_for_search(norm))


# Letters and digits, as the word table's tokenizer (unicode61) reads them: not "_".
_GRAM_CHAR = r"[^\W_]"
_RUN = re.compile(f"{_GRAM_CHAR}+")


def chunks(norms: Sequence[str]) -> tuple[tuple[int, int, str], ...]:
    """The chunks of a plan's blocks (given by their normalised texts, in order): (first,
    last, grams). The index recomputes them from the stored blocks to delete them."""
    out = []
    first = size = 0
    for i, norm in enumerate(norms):
        if size and size + len(norm) > CHUNK_CHARS:
            out.append((first, i - 1, grams(norms[first:i])))
            first, size = i, 0
        size += len(norm)
    if norms:
        out.append((first, len(norms) - 1, grams(norms[first:])))
    return tuple(out)


def grams(norms: Iterable[str]) -> str:
    """The grams of `norms`, once each, space-separated (in no particular order: the gram table
    keeps no positions): every triple of adjacent letters or digits, and the last two and the
    last one of every run of them. Any text holding a run holds its triples; a shorter run is
    the start of a triple or of a run's last two, or a run's last one (`term_grams`)."""
    # The runs of all the texts at once (a line end between two never joins their runs), then
    # one set comprehension over them with slices: half the time of a lookahead regex finding
    # each triple, and a fifth less than a list of triples per run.
    runs = _RUN.findall("\n".join(norms))
    found = {run[i : i + 3] for run in runs for i in range(len(run) - 2)}
    found.update([run[-2:] for run in runs])
    found.update([run[-1] for run in runs])
    return " ".join(found)


def term_grams(term: str) -> list[tuple[str, bool]]:
    """(gram, is a prefix) that every chunk holding `term` has: the triples of each run of
    letters and digits, or for a run of one or two, a gram starting with it."""
    out: list[tuple[str, bool]] = []
    for run in _RUN.findall(term):
        if len(run) < 3:
            out.append((run, True))
        else:
            out += [(run[i : i + 3], False) for i in range(len(run) - 2)]
    return list(dict.fromkeys(out))


# -- worker processes ---------------------------------------------------------------------------

_HEADER = struct.Struct("<Q")


def _send(out: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)) + data)
    out.flush()


def _receive(inp: IO[bytes]) -> Any:
    head = inp.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    data = inp.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # our own worker's or parent's output, never a file's


def _serve(inp: IO[bytes], out: IO[bytes]) -> None:
    known = _receive(inp)
    while True:
        try:
            key, path = _receive(inp)
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("rows", read_plan(path, known))
        except DocumentError as exc:
            reply = ("error", str(exc))
        except Exception as exc:  # the parent reads this plan itself, to raise it there
            reply = ("failed", f"{type(exc).__name__}: {exc}")
        _send(out, (key, *reply))


class ReaderPool:
    """Worker processes running `read_plan`, results in the order asked.

        with ReaderPool(2, known) as pool:
            for path, result in pool.read(paths):   # PlanRows, or a DocumentError

    Plain subprocesses, not multiprocessing: inside the Textual app sys.stderr has no file
    descriptor and multiprocessing's start-up needs one. A worker that fails to start or dies
    leaves its plans to be read in this process; so does a plan that fails in a worker for any
    reason but a DocumentError, so that its error is raised here as without workers."""

    def __init__(self, workers: int, known: Collection[str]) -> None:
        self._procs: list[subprocess.Popen[bytes]] = []
        self._replies: Queue[tuple[int, int, str, Any]] = Queue()
        root = str(Path(__file__).resolve().parent.parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        for _ in range(workers):
            try:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "zoneplan_tui.library.index_rows"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
                assert proc.stdin is not None
                _send(proc.stdin, set(known))
            except (OSError, ValueError):
                continue  # no worker to be had: fewer workers, or none
            self._procs.append(proc)
        for n, proc in enumerate(self._procs):
            threading.Thread(target=self._collect, args=(n, proc), daemon=True).start()

    def _collect(self, worker: int, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        while True:
            try:
                key, kind, payload = _receive(proc.stdout)
            except Exception:  # ended, or sent what it should not: its plans are read here
                self._replies.put((worker, -1, "gone", None))
                return
            self._replies.put((worker, key, kind, payload))

    def read(self, paths: Sequence[str], ahead: int = 2) -> Iterator[PlanRows | DocumentError]:
        """Each plan of `paths`, in order: its rows, or the DocumentError reading it raised."""
        alive = list(range(len(self._procs)))
        pending: dict[int, tuple[str, Any]] = {}
        asked: dict[int, list[int]] = {w: [] for w in alive}
        next_ask = 0

        def ask(worker: int) -> None:
            nonlocal next_ask
            proc = self._procs[worker]
            try:
                assert proc.stdin is not None
                _send(proc.stdin, (next_ask, paths[next_ask]))
            except (OSError, ValueError):
                return  # it is gone: its reply says so
            asked[worker].append(next_ask)
            next_ask += 1

        for worker in alive:
            for _ in range(ahead):
                if next_ask < len(paths):
                    ask(worker)
        for i, path in enumerate(paths):
            while i not in pending and i < next_ask and alive:
                worker, key, kind, payload = self._replies.get()
                if kind == "gone":  # its unanswered plans are read here
                    alive.remove(worker)
                    for k in asked.pop(worker):
                        pending.setdefault(k, ("failed", None))
                    continue
                asked[worker].remove(key)
                pending[key] = (kind, payload)
                if next_ask < len(paths):
                    ask(worker)
            kind, payload = pending.pop(i, ("failed", None))
            if kind == "rows":
                yield payload
            elif kind == "error":
                yield DocumentError(payload)
            else:
                try:
                    yield read_plan(path)
                except DocumentError as exc:
                    yield exc

    def close(self) -> None:
        for proc in self._procs:
            try:
                assert proc.stdin is not None
                proc.stdin.close()
            except OSError:
                pass
        for proc in self._procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._procs = []

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":  # a worker of ReaderPool: pickles in on stdin, out on stdout
    import signal

    # The module by its name, not as __main__: what it pickles must unpickle in the parent.
    from zoneplan_tui.library import index_rows

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    index_rows._serve(sys.stdin.buffer, sys.stdout.buffer)
