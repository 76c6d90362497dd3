"""Where the app's library comes from: folders of plans and an index file.

The core `Library` holds one SQLite connection, usable only in the thread that opened it, and
the app works on the library from worker threads (indexing, search, targets). So the screens
keep this small description instead of a `Library`, and every worker opens its own for the
duration of one job (`with source.open(store) as lib:`); opening is a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zoneplan_tui.library.catalog import Library, PlanInfo
from zoneplan_tui.library.index import Progress, SearchHit, UpdateReport
from zoneplan_tui.library.targets import TableRow, Target
from zoneplan_tui.notes.protocol import NotesStoreProtocol


@dataclass
class LibrarySource:
    folders: list[Path]
    index_path: Path | None = None  # None: the user cache one
    remember: bool = False  # add the folders to the remembered ones (a DIR the user named)
    folders_path: Path | None = None  # None: the user data one
    plans: list[PlanInfo] = field(default_factory=list)  # as of the last refresh
    # What happened to the index (found damaged, moved aside, rebuilt), for the screens to say
    # once (`take_notices`): any worker may be the one that finds it.
    notices: list[str] = field(default_factory=list)

    def open(self, store: NotesStoreProtocol | None = None) -> Library:
        """The library, its index sound: one found damaged on opening was replaced by a new,
        empty one, which is filled again here before anything is asked of it."""
        lib = Library.open(index_path=self.index_path, folders_path=self.folders_path, store=store)
        notice = lib.index.notice
        if notice:
            lib.index.notice = None
            self.notices.append(notice)
            try:
                lib.refresh(self.folders, remember=False)
                self.plans = lib.plans()
            except BaseException:
                lib.close()
                raise
        return lib

    def take_notices(self) -> list[str]:
        """The notices not said yet (each is returned once)."""
        taken, self.notices = self.notices, []
        return taken

    def say_notices(self, notify: Callable[..., object]) -> None:
        """Each notice not said yet, as a warning (`notify`: a screen's, on the UI thread)."""
        for notice in self.take_notices():
            notify(notice, severity="warning", timeout=10)

    def refresh(
        self, store: NotesStoreProtocol | None = None, progress: Progress | None = None
    ) -> UpdateReport:
        """Index what changed; afterwards `plans` is the library's list (any thread)."""
        with self.open(store) as lib:
            report = lib.refresh(self.folders, progress=progress, remember=self.remember)
            self.plans = lib.plans()
        self.notices.extend(report.notices)
        return report

    @property
    def shas(self) -> Collection[str]:
        return {p.sha256 for p in self.plans}

    def search(
        self, query: str, store: NotesStoreProtocol | None = None, *, limit: int = 100
    ) -> list[SearchHit]:
        # The plans of this library only: the index may hold other folders' plans too.
        with self.open(store) as lib:
            return lib.search(query, limit=limit, docs=self.shas)

    def target_table(self, plans: Sequence[PlanInfo] | None = None) -> list[TableRow]:
        with self.open() as lib:
            return lib.target_table(self.plans if plans is None else plans)

    def targets(self, sha256: str) -> list[Target]:
        """A plan's targets as read at indexing time (the compare screen's, without reading
        them again)."""
        with self.open() as lib:
            return lib.targets(sha256)

    def plan_index(self, sha256: str) -> int | None:
        for i, p in enumerate(self.plans):
            if p.sha256 == sha256:
                return i
        return None

    @property
    def paths(self) -> list[Path]:
        return [Path(p.path) for p in self.plans]
