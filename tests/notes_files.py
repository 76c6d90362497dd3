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
            if len(op) == 3:
                data.setdefault(op[0], {})[op[1]] = op[2]
            else:
                data.get(op[0], {}).pop(op[1], None)
    return data


def content(data: dict[str, Any]) -> dict[str, Any]:
    """Everything but the meta record's write_id, which changes whenever the base file is
    rewritten (folding the journal in changes no content)."""
    out = dict(data)
    out["_default"] = {**data["_default"], "1": dict(data["_default"]["1"])}
    out["_default"]["1"].pop("write_id", None)
    return out
