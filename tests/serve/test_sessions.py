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


async def test_an_export_is_a_download_behind_the_token(tmp_path, monkeypatch):
    """The palette's Screenshot: in a served session a download, not a file on the server."""
    import aiohttp

    monkeypatch.chdir(tmp_path)  # where a terminal session would have saved it
    index = tmp_path / "index.sqlite"
    build_index(SAMPLES, index)
    with serving([SAMPLES], "--index", str(index)) as served:
        async with Session(served) as session:
            await session.until("2017年工作计划")
            mark = session.mark()
            await session.keys("\x10")  # ctrl+p: the palette
            await session.until("Search for commands", since=mark)
            await session.keys("Screenshot")
            await session.until("SVG", since=mark)
            await session.keys("\r")
            for _ in range(300):
                keys = [m[1] for m in session.messages if m[0] == "deliver_file_start"]
                if keys:
                    break
                await asyncio.sleep(0.1)
            assert keys, session.messages
            url = f"{served.base}/download/{keys[0]}"
            async with aiohttp.ClientSession() as anonymous, anonymous.get(url) as refused:
                assert refused.status == 403
            cookies = {f"zoneplan_token_{served.port}": served.token}
            async with (
                aiohttp.ClientSession(cookies=cookies) as browser,
                browser.get(url) as download,
            ):
                assert download.status == 200
                assert "<svg" in await download.text()
    assert list(tmp_path.glob("*.svg")) == []


async def test_a_tab_past_max_sessions_is_refused_until_one_closes(tmp_path):
    import aiohttp

    index = tmp_path / "index.sqlite"
    build_index(SAMPLES, index)
    with serving([SAMPLES], "--index", str(index), "--max-sessions", "1") as served:
        cookies = {f"zoneplan_token_{served.port}": served.token}
        url = f"{served.base}/ws?width=100&height=30"
        async with Session(served) as first:
            await first.until("2017年工作计划")
            async with aiohttp.ClientSession(cookies=cookies) as http:
                try:
                    await http.ws_connect(url)
                except aiohttp.WSServerHandshakeError as exc:
                    assert exc.status == 503
                else:
                    raise AssertionError("a second tab was served past --max-sessions 1")
            assert len(served.app_pids()) == 1
        # The first tab closed: once the server has stopped its app process, room again.
        for _ in range(300):
            try:
                async with Session(served) as again:
                    await again.until("2017年工作计划")
                    break
            except aiohttp.WSServerHandshakeError as exc:
                assert exc.status == 503
                await asyncio.sleep(0.1)
        else:
            raise AssertionError("the closed tab's session was never freed")


def test_max_sessions_must_be_positive(capsys):
    from zoneplan_tui.cli.command import main

    assert main(["serve", str(SAMPLES), "--max-sessions", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--max-sessions 0" in err
