"""Load on `zoneplan serve`: N browser sessions at once (default 5) on the bundled samples,
each opening a plan and adding M notes (default 20); every note must be in the notes file.

Run: .venv/bin/python benchmarks/bench_serve.py [--sessions 5] [--notes 20] [--cold]

Each session is a websocket to the server speaking the page's protocol (keystrokes in, the
terminal's output back), as tests/serve/helpers.py drives it; the app processes and their
notes file are the real ones. Everything (notes, search index, settings) lives in a temporary
folder. The index is built once before the sessions start, as after a first session; --cold
leaves it to the sessions, which then index the samples all at the same time.

Printed: the time until every session shows the library, the time to add all notes, notes
saved/expected, and the resident memory of each session's app process and of the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve.helpers import (  # noqa: E402
    Served,
    Session,
    add_note,
    build_index,
    note_texts,
    open_plan,
    rss_kib,
    serving,
)
from zoneplan_tui.formats.load import sample_docs_dir  # noqa: E402


async def one_session(
    served: Served, row: int, notes: int, notes_file: Path, listed: asyncio.Event
) -> dict[str, float]:
    start = time.perf_counter()
    async with Session(served) as session:
        await session.until("2017年工作计划")  # a sample's title: the library is listed
        shown = time.perf_counter() - start
        listed.set()
        await open_plan(session, row % 5)
        opened = time.perf_counter() - start
        for n in range(notes):
            await add_note(session, f"bench-s{row}-n{n}", notes_file)
        return {"library": shown, "plan": opened, "done": time.perf_counter() - start}


async def run(sessions: int, notes: int, cold: bool) -> int:
    home = Path(tempfile.mkdtemp(prefix="zoneplan-bench-serve-"))
    notes_file = home / "notes.json"
    env = dict(os.environ, ZONEPLAN_DB=str(notes_file), ZONEPLAN_CONFIG=str(home / "none.toml"))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name)
    os.environ.update(env)  # build_index and the server see the same folders
    samples = sample_docs_dir()
    index = home / "index.sqlite"
    if not cold:
        build_index(samples, index)
    with serving([samples], "--index", str(index), env=env) as served:
        listed = asyncio.Event()
        started = time.perf_counter()
        tasks = [
            asyncio.create_task(one_session(served, i, notes, notes_file, listed))
            for i in range(sessions)
        ]
        memory: dict[int, int] = {}  # the most each app process held, KiB
        server_memory = 0

        async def sample() -> None:
            nonlocal server_memory
            await listed.wait()
            while True:
                for pid in served.app_pids():
                    memory[pid] = max(memory.get(pid, 0), rss_kib(pid))
                server_memory = max(server_memory, rss_kib(served.process.pid))
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample())
        results = await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
        sampler.cancel()
    texts = note_texts(notes_file)  # through the store: small saves go to its journal
    saved = sum(t.startswith("bench-") for t in texts)
    expected = sessions * notes
    lost = sorted({f"bench-s{s}-n{n}" for s in range(sessions) for n in range(notes)} - set(texts))
    print(f"zoneplan serve: {sessions} sessions × {notes} notes ({'cold' if cold else 'indexed'})")
    print(f"  library shown in  {max(r['library'] for r in results):6.1f} s (slowest session)")
    print(f"  plan opened in    {max(r['plan'] for r in results):6.1f} s")
    print(f"  all notes in      {elapsed:6.1f} s")
    print(f"  notes saved       {saved} / {expected}" + (f"  LOST: {lost}" if lost else ""))
    for pid, kib in memory.items():
        print(f"  session pid {pid}: {kib / 1024:6.1f} MiB resident at most")
    if memory:
        mean = sum(memory.values()) / len(memory) / 1024
        print(f"  per session       {mean:6.1f} MiB (mean of {len(memory)})")
    print(f"  server            {server_memory / 1024:6.1f} MiB at most")
    return 0 if saved == expected and not lost else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="no index built beforehand")
    args = parser.parse_args()
    return asyncio.run(run(args.sessions, args.notes, args.cold))


if __name__ == "__main__":
    sys.exit(main())
