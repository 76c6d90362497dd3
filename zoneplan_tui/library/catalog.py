"""A library of plans: the folders a reviewer keeps plans in, what each plan is, search, targets.

    lib = Library.open(store=notes_store)           # remembered folders, default index
    lib.add_folder("~/plans"); lib.refresh(progress=lambda done, total, path: ...)
    lib.plans()                                     # [PlanInfo(title, body, year, size, ...)]
    lib.search("营商环境")                           # [SearchHit], see search_index
    lib.target_table()                              # [TableRow]: indicators × plans

Plans are identified by the sha256 of their decoded text (`Document.sha256`), so a moved or
renamed file keeps its notes and its place in the index. Folders are scanned recursively for
plan files (`formats.load.PLAN_SUFFIXES`), hidden folders skipped. The remembered folders are a
small JSON file in the user data directory (`default_folders_path()`, or an explicit path);
the index lives in the user cache directory (`search_index.default_index_path()`).

Pure core: no Textual; the segmenter only once something is indexed or searched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats.load import find_plans
from zoneplan_tui.formats.paths import is_utf8, shown
from zoneplan_tui.library import index_health
from zoneplan_tui.library.index import (
    IndexedDoc,
    Progress,
    SearchHit,
    SearchIndex,
    SearchIndexError,
    UpdateReport,
    target_objects,
)
from zoneplan_tui.library.sqlite import sqlite3

if TYPE_CHECKING:
    from zoneplan_tui.library.targets import TableRow, Target
    from zoneplan_tui.notes.corrections import Correction
    from zoneplan_tui.notes.protocol import NotesStoreProtocol

FOLDERS_FILENAME = "library.json"
T = TypeVar("T")


def default_folders_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("zoneplan")) / FOLDERS_FILENAME


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """One plan of the library (by content; `paths` when the same text is in several files)."""

    sha256: str
    path: str
    paths: tuple[str, ...]
    title: str
    body: str | None  # issuing body or zone
    year: int | None
    size: int  # bytes
    chars: int
    headings: int
    figures: int
    targets: int
    notes: int

    @classmethod
    def from_indexed(cls, doc: IndexedDoc, notes: int) -> PlanInfo:
        return cls(
            doc.sha256,
            doc.path,
            doc.paths,
            doc.title,
            doc.body,
            doc.year,
            doc.size,
            doc.chars,
            doc.headings,
            doc.figures,
            doc.targets,
            notes,
        )

    @property
    def label(self) -> str:
        """A short column label: body and year when known, else the file name."""
        if self.body and self.year:
            return f"{self.body} {self.year}"
        return self.body or Path(self.path).stem

    def to_json(self) -> dict:
        return {
            "file": Path(self.path).name,
            "path": self.path,
            "sha256": self.sha256,
            "title": self.title,
            "body": self.body,
            "year": self.year,
            "size": self.size,
            "chars": self.chars,
            "headings": self.headings,
            "figures": self.figures,
            "targets": self.targets,
            "notes": self.notes,
        }


def _corrected_headings(plan: PlanInfo, lines: Sequence[Correction]) -> int:
    """The plan's heading count with the reader's heading / not-heading corrections: its
    outline parsed again (only plans with such corrections; the index counts the rules'
    outline). The indexed count when the file cannot be read now."""
    if not lines:
        return plan.headings
    from zoneplan_tui.core.analysis import analyse_outline
    from zoneplan_tui.formats.load import load_document
    from zoneplan_tui.notes.corrections import resolve

    try:
        doc = load_document(plan.path)
    except DocumentError:
        return plan.headings
    if doc.sha256 != plan.sha256:
        return plan.headings  # changed since it was indexed: the next refresh counts it
    return len(analyse_outline(doc, resolve(lines, doc.text).overrides).headings)


class FolderList:
    """The folders the library has seen, in a small JSON file (`{"folders": [...]}`)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_folders_path()

    def load(self) -> list[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # missing or unreadable: it is only a convenience, start afresh
        folders = data.get("folders") if isinstance(data, dict) else None
        return [f for f in folders if isinstance(f, str)] if isinstance(folders, list) else []

    def save(self, folders: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        data = {"folders": list(folders)}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if not is_utf8(text):
            # A folder name that is not UTF-8: JSON's \udcxx escapes keep its bytes exactly.
            text = json.dumps(data, indent=1)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.path)

    def add(self, folder: str | os.PathLike[str]) -> list[str]:
        folders = self.load()
        p = os.path.abspath(Path(folder).expanduser())
        if p not in folders:
            folders.append(p)
            self.save(folders)
        return folders

    def remove(self, folder: str | os.PathLike[str]) -> list[str]:
        p = os.path.abspath(Path(folder).expanduser())
        folders = [f for f in self.load() if f != p]
        self.save(folders)
        return folders


class Library:
    """Folders of plans over one search index. Call `refresh` before reading after changes."""

    def __init__(
        self,
        index: SearchIndex,
        folders: FolderList,
        store: NotesStoreProtocol | None = None,
    ) -> None:
        self.index = index
        self.folder_list = folders
        self.store = store
        self._scope: set[str] | None = None  # sha256 of the plans in the folders of a refresh
        # Heading counts under line corrections, by plan and corrections: the library table asks
        # for the plans on every refresh, and each count is a parse of the plan.
        self._corrected_counts: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}

    @classmethod
    def open(
        cls,
        *,
        index_path: str | os.PathLike[str] | None = None,
        folders_path: str | os.PathLike[str] | None = None,
        store: NotesStoreProtocol | None = None,
    ) -> Library:
        return cls(SearchIndex.open(index_path), FolderList(folders_path), store)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def folders(self) -> list[str]:
        return self.folder_list.load()

    def add_folder(self, folder: str | os.PathLike[str]) -> list[str]:
        find_plans(folder)  # a folder with no plans is an error now, not a silent empty library
        return self.folder_list.add(folder)

    def remove_folder(self, folder: str | os.PathLike[str]) -> list[str]:
        return self.folder_list.remove(folder)

    def refresh(
        self,
        folders: Iterable[str | os.PathLike[str]] | None = None,
        *,
        progress: Progress | None = None,
        remember: bool = False,
    ) -> UpdateReport:
        """Index what changed in `folders` (default: the remembered ones) and the notes; later
        `plans`, `search` and `target_table` cover just these folders. `remember` adds them to
        the remembered folders. A folder named here that has no plans raises DocumentError; a
        remembered one that is gone (an unplugged disk) is only listed in `report.errors`."""
        return self._guarded(lambda: self._refresh(folders, progress, remember))

    def _refresh(
        self,
        folders: Iterable[str | os.PathLike[str]] | None,
        progress: Progress | None,
        remember: bool,
    ) -> UpdateReport:
        strict = folders is not None
        chosen = [str(f) for f in folders] if folders is not None else self.folders
        files: list[Path] = []
        problems: list[str] = []
        for folder in chosen:
            try:
                files += find_plans(folder)
            except DocumentError as exc:
                if strict:
                    raise
                problems.append(str(exc))
                continue
            if remember:
                self.folder_list.add(folder)
        prune = [f for f in chosen if Path(f).is_dir()]
        report = self.index.update(files, prune=prune, progress=progress)
        report.errors[:0] = problems
        if self.index.notice:
            report.notices.append(self.index.notice)
            self.index.notice = None  # said once
        if self.store is not None:
            self.index.sync_notes(self.store)
        self._scope = self.index.shas_of(files)
        return report

    def _notes_count(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        if self.store is not None:
            for a in self.store.all():
                counts[a.doc.sha256] = counts.get(a.doc.sha256, 0) + 1
        return counts

    def plans(self) -> list[PlanInfo]:
        counts = self._notes_count()
        return self._corrected(
            [
                PlanInfo.from_indexed(d, counts.get(d.sha256, 0))
                for d in self._guarded(lambda: self.index.documents(self._scope))
            ]
        )

    def _corrected(self, plans: list[PlanInfo]) -> list[PlanInfo]:
        """The plans with the reader's corrections of title, body and year (kept with the notes,
        so the index, keyed by text, never needs re-reading for them)."""
        if self.store is None:
            return plans
        from zoneplan_tui.core.errors import UserError
        from zoneplan_tui.notes.corrections import resolve
        from zoneplan_tui.notes.store import norm_path

        try:
            corrections = self.store.all_corrections()
        except UserError:
            return plans  # the notes file's trouble is reported where notes are read
        if not corrections:
            return plans
        out = []
        for plan in plans:
            where = {norm_path(p) for p in plan.paths or (plan.path,)}
            mine = [
                c
                for c in corrections
                if c.doc.sha256 == plan.sha256 or norm_path(c.doc.path) in where
            ]
            if mine:
                o = resolve([c for c in mine if c.kind == "meta"], "").overrides
                plan = replace(
                    plan,
                    title=o.title if o.title is not None else plan.title,
                    body=o.body if o.body is not None else plan.body,
                    year=o.year if o.year is not None else plan.year,
                    headings=self._headings_with(plan, [c for c in mine if c.is_line]),
                )
            out.append(plan)
        return out

    def _headings_with(self, plan: PlanInfo, lines: list[Correction]) -> int:
        key = (plan.sha256, tuple(sorted((c.id, c.updated) for c in lines)))
        if key not in self._corrected_counts:
            self._corrected_counts[key] = _corrected_headings(plan, lines)
        return self._corrected_counts[key]

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        notes: bool = True,
        docs: Iterable[str] | None = None,
    ) -> list[SearchHit]:
        """Search the plans of the last refresh, or those whose sha256 is in `docs` (a caller
        holding a plan list from another `Library` on the same index, e.g. a UI worker)."""
        scope = set(docs) if docs is not None else self._scope
        return self._guarded(lambda: self.index.search(query, limit=limit, docs=scope, notes=notes))

    def targets(self, sha256: str) -> list[Target]:
        return self._guarded(lambda: target_objects(self.index, sha256))

    def _guarded(self, call: Callable[[], T]) -> T:
        """`call()`, with an SQLite error as a one-line SearchIndexError. Damage that the check
        on opening could not see (inside FTS5's records) moves the file aside first and opens a
        new index, so the next command rebuilds it instead of failing the same way."""
        try:
            return call()
        except sqlite3.DatabaseError as exc:
            path = self.index.path
            if not index_health.is_damage(exc):
                raise SearchIndexError(f"{shown(path)}: the search index failed ({exc})") from None
            self.index.close()
            moved = index_health.move_aside(path)
            self.index = SearchIndex.open(path)
            notice = index_health.rebuilt_notice(path, str(exc), moved)
            raise SearchIndexError(f"{notice}; run the command again to fill it") from None

    def target_table(self, plans: Sequence[PlanInfo] | None = None) -> list[TableRow]:
        """Indicators × plans; cells are keyed by `PlanInfo.sha256`."""
        from zoneplan_tui.library.targets import target_table

        chosen = self.plans() if plans is None else plans
        return target_table((p.sha256, self.targets(p.sha256)) for p in chosen)


__all__ = [
    "FolderList",
    "Library",
    "PlanInfo",
    "default_folders_path",
]
