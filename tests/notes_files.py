"""The notes files as any reader gets them, read here independently of the store's own code.

The base file is TinyDB JSON; beside it `<db>.journal` holds one line per small save,
`<crc32 hex> <JSON>` naming the base file's write_id, replayed over it in order
(docs/notes-store.md). Tests that look at what a save left on disk read it through `on_disk`.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import orjson

from zoneplan_tui.notes.annotations import normalise_tag


def journal_lines(db: Path) -> list[dict[str, Any]]:
    """The intact lines of `<db>.journal`, parsed (torn or damaged ones skipped)."""
    path = db.with_name(db.name + ".journal")
    if not path.exists():
        return []
    out = []
    for line in path.read_bytes().split(b"\n"):
        try:
            if len(line) < 10 or int(line[:8], 16) != zlib.crc32(line[9:]):
                continue
            out.append(orjson.loads(line[9:]))
        except (ValueError, orjson.JSONDecodeError):
            continue
    return out


def on_disk(db: Path) -> dict[str, Any]:
    """The notes file's tables: the base file with its journal replayed."""
    data = orjson.loads(db.read_bytes())
    write_id = data["_default"]["1"]["write_id"]
    for entry in journal_lines(db):
        if entry["base"] != write_id:
            continue
        for op in entry["ops"]:
            if op[0] == "+note":
                _new_note(data, op[1], op[2])
            elif len(op) == 3:
                data.setdefault(op[0], {})[op[1]] = op[2]
            else:
                data.get(op[0], {}).pop(op[1], None)
    return data


def _new_note(data: dict[str, Any], rec: dict[str, Any], names: list[str]) -> None:
    """A note added without reading the file: the next key, its tags by normalised name."""
    notes, tags = data.setdefault("notes", {}), data.setdefault("tags", {})
    if any(r.get("id") == rec["id"] for r in notes.values()):
        return
    ids = []
    for name in names:
        norm = normalise_tag(name)
        key = next((k for k, t in tags.items() if t.get("norm") == norm), None)
        if key is None:
            key = str(max(map(int, tags), default=0) + 1)
            tags[key] = {"name": name.strip(), "norm": norm}
        ids.append(int(key))
    notes[str(max(map(int, notes), default=0) + 1)] = {**rec, "tags": ids}


def content(data: dict[str, Any]) -> dict[str, Any]:
    """Everything but the meta record's write_id, which changes whenever the base file is
    rewritten (folding the journal in changes no content)."""
    out = dict(data)
    out["_default"] = {**data["_default"], "1": dict(data["_default"]["1"])}
    out["_default"]["1"].pop("write_id", None)
    return out
