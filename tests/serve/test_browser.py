"""`zoneplan serve` in a real browser: Debian's headless Chromium, driven over the DevTools
protocol (tests/cdp.py). Skipped only when no Chromium is installed (.ci/run installs
it)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.cdp import Page, chromium_page, find_chromium
from tests.conftest import SAMPLES
from tests.serve.helpers import build_index, note_texts, screen_text, serving
from zoneplan_tui.notes.store import NotesStore

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")

NOTE = "浏览器里写的批注"


def library_titles(folder: Path, index: Path) -> list[str]:
    argv = [sys.executable, "-m", "zoneplan_tui", "library", str(folder), "--index", str(index)]
    out = subprocess.run([*argv, "--json"], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    plans = data["plans"] if isinstance(data, dict) else data
    return [p["title"] for p in plans]


async def until(
    page: Page, seen: Callable[[str], bool], what: str, since: int = 0, timeout: float = 90
) -> str:
    """Wait until the page's terminal has shown something `seen` accepts (in what it received
    after the first `since` bytes)."""
    for _ in range(int(timeout * 5)):
        text = screen_text(bytes(page.frames[since:]))
        if seen(text):
            return text
        await asyncio.sleep(0.2)
    raise AssertionError(
        f"the page never showed {what}: …{screen_text(bytes(page.frames))[-1500:]}"
    )


@pytest.fixture
def served_folder(tmp_path: Path) -> tuple[Path, Path]:
    """Three sample plans, and a link to a fourth plan outside the folder."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in (
        "wuqing-2019-work-points.txt",
        "haimen-2017-work-plan.txt",
        "jinan-luan-2020-work-points.txt",
    ):
        shutil.copy(SAMPLES / name, folder / name)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SAMPLES / "changsha-etdz-2020-work-points.txt", outside / "secret.txt")
    (folder / "linked.txt").symlink_to(outside / "secret.txt")
    return folder, outside


async def test_a_reviewer_opens_a_plan_and_adds_a_note_in_the_browser(served_folder, tmp_path):
    folder, outside = served_folder
    notes = Path(os.environ["ZONEPLAN_DB"])
    index = tmp_path / "index.sqlite"
    build_index(folder, index)
    # The titles as the library gives them, without the linked plan (outside the folder).
    titles = library_titles(folder, index)
    outside_title = library_titles(outside, tmp_path / "other.sqlite")[0]
    assert len(titles) == 4 and outside_title in titles  # unconfined, the link is followed

    assert CHROMIUM is not None
    with serving([folder], "--index", str(index)) as served:
        async with chromium_page(CHROMIUM) as page:
            # Without the token: 403, and no app starts.
            await page.send("Page.navigate", url=f"{served.base}/")
            await asyncio.sleep(1)
            assert page.responses.get(f"{served.base}/") == 403
            body = await page.evaluate("document.body.innerText")
            assert "access token" in body
            assert served.app_pids() == []

            await page.send("Page.navigate", url=served.url)
            text = await until(
                page,
                lambda t: all(title[:6] in t for title in titles if title != outside_title),
                "the library's plan titles",
            )
            # The plan behind the link leads outside the served folder: refused, not listed.
            assert outside_title[:6] not in text
            assert len(served.app_pids()) == 1
            # Everything the page loaded came from this server: it works offline.
            for url in page.requests:
                assert urlsplit(url).netloc == f"127.0.0.1:{served.port}", url

            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.press("enter")  # the first plan of the table
            await until(page, lambda t: "line 1/" in t, "the reader")
            before = len(page.frames)
            await page.press("n")  # a note on the paragraph under the cursor
            await until(page, lambda t: "Note (Enter" in t, "the note editor", since=before)
            await page.type_text(NOTE)
            await until(page, lambda t: NOTE in t, "the typed note")
            await page.press("ctrl+s")
            for _ in range(150):
                if NOTE in note_texts(notes):
                    break
                await asyncio.sleep(0.2)

    with NotesStore.open_read_only(notes) as store:
        saved = [a for a in store.all() if a.note == NOTE]
    assert len(saved) == 1
    assert Path(saved[0].doc.path).resolve().parent == folder.resolve()
