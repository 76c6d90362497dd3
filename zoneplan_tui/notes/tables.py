"""How notes, tags and per-document state are laid out in TinyDB tables.

`NotesTables` is what a `NotesStore` transaction hands its body: a TinyDB over the cached file
with the three tables, plus the conversions between records and `Annotation`s (notes refer to
tags by id) and the indexes derived from the records.

One `NotesTables` serves one loaded version of the file and the store's own changes to it. When
the cache loads another version (another process saved, or a failed save's changes were dropped)
the store makes a new one. That is what keeps TinyDB right across processes without touching its
internals: a `Table` counts document ids from the data it first saw, so a TinyDB object that
outlived a reload would hand out an id another process already used ("Document with ID …
already exists"). A fresh TinyDB counts from the data just read; document ids in this file are
therefore max + 1 of what is on disk, the same in every process. Nothing outside the file refers
to them: a note's identity is its `id` field, and a tag id is only dropped once no note uses it.

Writes go through TinyDB's `Table` API. Reads of whole tables (and of one record by its key) walk
the records as stored, for two reasons TinyDB's `Document` cannot serve: a malformed record (not
even an object) must be reported and kept, not crash the read; and a file opened read-only may
hold record ids TinyDB cannot parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.queries import QueryInstance
from tinydb.table import Table

from zoneplan_tui.notes.annotations import Annotation, AnnotationError, normalise_tag
from zoneplan_tui.notes.errors import NoteNotFoundError, StoreError
from zoneplan_tui.notes.storage import (
    CORRECTIONS,
    META_ID,
    META_TABLE,
    NOTES,
    STATE,
    TAGS,
    ReloadingCache,
)


class _IntKeyed(MutableMapping[int, Any]):
    """A stored table (its record ids are strings, as JSON keeps them) seen with int ids, as
    TinyDB's table updates expect them."""

    def __init__(self, raw: dict[str, Any], touched: set[str]) -> None:
        self.raw = raw
        # Every record an update looked at, set or removed: TinyDB's updates change records in
        # place after reading them, so a read counts too. The storage journals just these.
        self.touched = touched

    def __getitem__(self, doc_id: int) -> Any:
        self.touched.add(str(doc_id))
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.touched.add(str(doc_id))
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        self.touched.add(str(doc_id))
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class _Table(Table):
    """TinyDB's Table, updating the stored table in place. TinyDB's own `_update_table` copies
    the whole table twice to turn the ids into ints and back (tinydb 4.8–4.9): at 50,000 notes
    that was 60 ms of every save. The update functions it runs are TinyDB's; they see the same
    mapping, and the table keeps its order (new records last)."""

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw = tables.setdefault(self.name, {})
        touched: set[str] = set()
        try:
            updater(_IntKeyed(raw, touched))  # type: ignore[arg-type]
        finally:
            # Written even when the update raised half-way: the cache is then dirty, and the
            # store's transaction drops it instead of keeping a half-made change unsaved.
            if isinstance(self._storage, ReloadingCache):
                self._storage.write_records(tables, self.name, touched)
            else:
                self._storage.write(tables)
            self.clear_cache()


class _TinyDB(TinyDB):
    table_class = _Table


class NotesTables:
    def __init__(self, cache: ReloadingCache, path: Path) -> None:
        self.generation = cache.generation
        self.path = path
        self._cache = cache
        # TinyDB builds its storage from a factory; hand it the one cache the store keeps.
        self.db = _TinyDB(storage=lambda: cache)
        # No query cache: the predicates below are built per call, so nothing would ever hit.
        self.meta: Table = self.db.table(META_TABLE, cache_size=0)
        self.notes: Table = self.db.table(NOTES, cache_size=0)
        self.tags: Table = self.db.table(TAGS, cache_size=0)
        self.state: Table = self.db.table(STATE, cache_size=0)
        self.corrections: Table = self.db.table(CORRECTIONS, cache_size=0)
        self.problems: list[str] = []  # malformed records seen while reading this version
        # Derived from the records, kept up to date by the writes below (None: not built yet).
        self._note_keys: dict[str, str] | None = None  # note id → record key
        self._tag_names: dict[str, str] | None = None  # tag record key → display name
        self.annotations: list[Annotation] | None = None  # all(), sorted

    # -- records as stored -----------------------------------------------------------------------

    def records(self, name: str) -> Mapping[str, Any]:
        """A table's records by key, as parsed (malformed ones included)."""
        table = (self._cache.read() or {}).get(name)
        return table if isinstance(table, dict) else {}

    def meta_record(self) -> Mapping[str, Any]:
        meta = self.records(META_TABLE).get(META_ID)
        return meta if isinstance(meta, dict) else {}

    # -- notes -----------------------------------------------------------------------------------

    def note_key(self, note_id: str) -> str | None:
        """The record key of the note with this id, if it is stored."""
        if self._note_keys is None:
            index: dict[str, str] = {}
            for key, rec in self.records(NOTES).items():
                if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                    index.setdefault(rec["id"], key)
            self._note_keys = index
        found = self._note_keys.get(note_id)
        # Checked against the record: a key of a deleted note may be another note's by now.
        rec = self.records(NOTES).get(found) if found is not None else None
        return found if isinstance(rec, dict) and rec.get("id") == note_id else None

    def require(self, note_id: str) -> str:
        key = self.note_key(note_id)
        if key is None:
            raise NoteNotFoundError(f"no note with id {note_id} in {self.path}")
        return key

    def current(self, key: str) -> Annotation:
        """The stored note under `key`, or StoreError if its record is malformed."""
        try:
            return self.to_annotation(self.records(NOTES)[key])
        except (AnnotationError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: note record {key} is malformed ({exc})") from None

    def insert(self, ann: Annotation) -> Annotation:
        """Store a new note; returns it with its tags spelled as the stored tags are."""
        ids, canon = self.tag_ids_for(ann.tags)
        doc_id = self.notes.insert(record(ann, ids))
        self._noted(ann.id, doc_id)
        return replace(ann, tags=tuple(canon))

    def insert_many(self, records: list[dict[str, Any]]) -> None:
        for rec, doc_id in zip(records, self.notes.insert_multiple(records), strict=True):
            self._noted(rec["id"], doc_id)

    def replace_note(self, key: str, ann: Annotation, *, prune_old_tags: bool = True) -> Annotation:
        """Overwrite the note under `key` with `ann`. Fields the record has and `ann` does not
        (added by a newer zoneplan) survive: TinyDB's update merges keys."""
        old_tags = self.tag_ids_of(self.records(NOTES)[key]) if prune_old_tags else []
        ids, canon = self.tag_ids_for(ann.tags)
        self.notes.update(record(ann, ids), doc_ids=[int(key)])
        self.annotations = None
        self.prune_tags(t for t in old_tags if t not in ids)
        return replace(ann, tags=tuple(canon))

    def remove_note(self, key: str) -> None:
        rec = self.records(NOTES)[key]
        old_tags = self.tag_ids_of(rec)
        self.notes.remove(doc_ids=[int(key)])
        if self._note_keys is not None and isinstance(rec, dict) and isinstance(rec.get("id"), str):
            self._note_keys.pop(rec["id"], None)
        self.annotations = None
        self.prune_tags(old_tags)

    def _noted(self, note_id: str, doc_id: int) -> None:
        if self._note_keys is not None:
            self._note_keys[note_id] = str(doc_id)
        self.annotations = None

    # -- records → annotations -------------------------------------------------------------------

    def to_annotation(self, rec: Any) -> Annotation:
        if not isinstance(rec, dict):
            raise AnnotationError(f"a note record must be an object, not {type(rec).__name__}")
        tags = rec.get("tags", [])
        if not isinstance(tags, list):
            raise AnnotationError("tags must be a list of tag ids")
        tag_names = self.tag_names()
        names: list[str] = []
        for tag_id in tags:
            name = tag_names.get(str(tag_id))
            if name is None:
                # A dangling tag id costs the note that tag, not the note itself.
                self.problem(
                    f"{self.path.name}: note {rec.get('id')} has an unknown tag id {tag_id!r}"
                )
                continue
            names.append(name)
        return Annotation.from_dict({**rec, "tags": names})

    def convert(self, items: Iterable[tuple[str, Any]]) -> list[Annotation]:
        """The readable notes among (key, record) pairs; the others are described in `problems`."""
        out: list[Annotation] = []
        for key, rec in items:
            try:
                out.append(self.to_annotation(rec))
            except (AnnotationError, TypeError, ValueError) as exc:
                rid = rec.get("id") if isinstance(rec, dict) else None
                what = f"note {rid}" if isinstance(rid, str) else f"notes record {key}"
                self.problem(f"{self.path.name}: {what} is malformed and was skipped ({exc})")
        return out

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    # -- tags ------------------------------------------------------------------------------------

    def tag_names(self) -> dict[str, str]:
        """tag record key → display name."""
        if self._tag_names is None:
            self._tag_names = {
                key: rec["name"]
                for key, rec in self.records(TAGS).items()
                if isinstance(rec, dict) and isinstance(rec.get("name"), str) and rec["name"]
            }
        return self._tag_names

    def tags_by_norm(self) -> dict[str, tuple[str, str]]:
        """normalised name → (tag record key, display name); the first record wins."""
        out: dict[str, tuple[str, str]] = {}
        for key, rec in self.records(TAGS).items():
            if isinstance(rec, dict) and isinstance(rec.get("name"), str) and rec["name"]:
                norm = rec.get("norm") if isinstance(rec.get("norm"), str) else None
                out.setdefault(norm or normalise_tag(rec["name"]), (key, rec["name"]))
        return out

    def tag_entry(self, name: str) -> tuple[str, str]:
        hit = self.tags_by_norm().get(normalise_tag(name))
        if hit is None:
            raise NoteNotFoundError(f"no tag {name.strip()!r} in {self.path}")
        return hit

    def tag_ids_for(self, names: Iterable[str]) -> tuple[list[int], list[str]]:
        """Ids (creating tags as needed) and canonical display names for tag names."""
        by_norm = self.tags_by_norm()
        ids: list[int] = []
        canon: list[str] = []
        for name in names:
            norm = normalise_tag(name)
            hit = by_norm.get(norm)
            if hit is None:
                doc_id = self.tags.insert({"name": name.strip(), "norm": norm})
                self.tags_changed()
                hit = by_norm[norm] = (str(doc_id), name.strip())
            ids.append(int(hit[0]))
            canon.append(hit[1])
        return ids, canon

    @staticmethod
    def tag_ids_of(rec: Any) -> list[int]:
        tags = rec.get("tags") if isinstance(rec, dict) else None
        return [t for t in tags if isinstance(t, int)] if isinstance(tags, list) else []

    def tagged(self, tag_id: int) -> list[int]:
        """Document ids of the notes carrying tag `tag_id`."""
        return [doc.doc_id for doc in self.notes.search(tagged_with(tag_id))]

    def retag(self, tag_id: int, fn: Callable[[list[int]], list[int]], stamp: str) -> int:
        """Apply `fn` to the tag ids of every note tagged `tag_id`; returns notes changed."""
        hits = self.tagged(tag_id)
        if hits:

            def transform(doc: Any) -> None:
                doc["tags"] = fn(doc["tags"])
                doc["updated"] = stamp

            self.notes.update(transform, doc_ids=hits)
            self.annotations = None
        return len(hits)

    def prune_tags(self, candidates: Iterable[int]) -> None:
        """Drop tags no note uses any more (a tag exists while something is tagged with it)."""
        unused = [t for t in set(candidates) if not self.notes.contains(tagged_with(t))]
        gone = [t for t in unused if str(t) in self.records(TAGS)]
        if gone:
            self.tags.remove(doc_ids=gone)
            self.tags_changed()

    def tags_changed(self) -> None:
        self._tag_names = None
        self.annotations = None

    # -- per-document state ----------------------------------------------------------------------

    def state_records(self, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for rec_key, rec in self.records(STATE).items():
            if isinstance(rec, dict) and rec.get("key") == key:
                yield rec_key, rec


def record(ann: Annotation, tag_ids: list[int]) -> dict[str, Any]:
    """The stored form of a note: the native JSON form, with tags by id."""
    rec = ann.to_dict()
    rec["tags"] = tag_ids
    return rec


def tagged_with(tag_id: int) -> QueryInstance:
    """A TinyDB query: notes whose tag ids include `tag_id` (false for malformed records)."""
    return where("tags").any([tag_id])
