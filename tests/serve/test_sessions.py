"""Browser tabs at once: each its own app process, all on one notes file, none losing a note
(the store's lock between processes). benchmarks/bench_serve.py is the same at full size."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tests.conftest import SAMPLES
from tests.serve.helpers import Session, add_note, build_index, open_plan, serving
from zoneplan_tui.notes.store import NotesStore


async def test_two_tabs_adding_notes_at_once_lose_none(tmp_path):
    notes = Path(os.environ["ZONEPLAN_DB"])
    index = tmp_path / "index.sqlite"
    build_index(SAMPLES, index)
    expected = {f"tab{t}-note{n}" for t in range(2) for n in range(3)}

    both_open = asyncio.Barrier(2)
    processes: list[list[int]] = []

    async def tab(served, t: int) -> None:
        async with Session(served) as session:
            await session.until("2017年工作计划")
            await open_plan(session, t)
            await both_open.wait()
            processes.append(served.app_pids())
            for n in range(3):
                await add_note(session, f"tab{t}-note{n}", notes)

    with serving([SAMPLES], "--index", str(index)) as served:
        await asyncio.gather(tab(served, 0), tab(served, 1))
    assert all(len(set(pids)) == 2 for pids in processes)  # a process per tab
    with NotesStore.open_read_only(notes) as store:
        saved = [a.note for a in store.all()]
    assert sorted(saved) == sorted(expected)
