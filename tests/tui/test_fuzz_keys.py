"""Random keys into the reader, the notes (panel and editor), the tag manager and the library:
whatever is pressed, in whatever order, the app raises nothing (issue 11: the tags screen fell
over on a tag the open plan does not use, "also hit by random keys").

The keys are every key any screen binds (from the bindings, so a new binding is fuzzed too),
the keys that move and edit, and some text, Chinese included; the keys that quit are left out,
so that every example runs its keys to the end. Each example starts a fresh app. Bounded for
CI: 8 examples per screen ($ZONEPLAN_FUZZ_EXAMPLES for more), 30 keys each, half of them the
keys that move, choose and go back, sent five at a time as a fast typist sends them; no
deadline (a key's time depends on the machine's load).
The crashes found this way have tests of their own (test_reader_notes.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from tests.conftest import SAMPLES
from tests.tui.helpers import library_ready, make_app, make_library_app, ready, settle
from zoneplan_tui.notes.annotations import new_annotation
from zoneplan_tui.notes.store import NotesStore
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.keys import APP_BINDINGS, table_classes

WUQING = SAMPLES / "wuqing-2019-work-points.txt"
QUIT = {"q", "ctrl+q", "ctrl+c"}
KEYS_PER_EXAMPLE = 30
BURST = 5  # keys queued together before the app is let settle
# A fresh app per example costs two or three seconds of Textual's own work (styles, layout,
# rendering): 8 per screen in the suite, about a minute; more when asked.
EXAMPLES = int(os.environ.get("ZONEPLAN_FUZZ_EXAMPLES", "8"))


def _bound_keys() -> list[str]:
    keys: set[str] = set()
    classes = {cls for group in table_classes().values() for cls in group}
    for binding in [*APP_BINDINGS, *(b for cls in classes for b in getattr(cls, "BINDINGS", []))]:
        for key in getattr(binding, "key", "").split(","):
            if key.strip():
                keys.add(key.strip())
    return sorted(keys - QUIT)


MOVES = ["escape", "enter", "tab", "shift+tab", "up", "down", "left", "right", "pageup"]
MOVES += ["pagedown", "home", "end", "backspace", "delete", "space", "shift+right", "ctrl+z"]
TEXT = ["a", "1", "[", "/", "中", "交", ",", "、"]
KEYS = sorted(set(_bound_keys() + MOVES + TEXT))
# Half the keys move, choose and go back (what gets a dialog somewhere to act on); half are any.
STEER = ["enter", "escape", "up", "down", "tab"]
presses = st.lists(
    st.one_of(st.sampled_from(STEER), st.sampled_from(KEYS)),
    min_size=1,
    max_size=KEYS_PER_EXAMPLE,
)


def _store(folder: Path) -> NotesStore:
    """Notes on the Wuqing plan (two tags) and on another plan (a tag Wuqing does not use)."""
    store = NotesStore.open(folder / "notes.json")
    text = WUQING.read_text(encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    start = text.index("主动融入")
    store.add(
        new_annotation(text, start, start + 4, path=WUQING, sha256=sha, note="核实", tags=["招商"])
    )
    store.add(new_annotation(text, 200, 210, path=WUQING, sha256=sha, tags=["交通", "[/]"]))
    other = "另一个规划：产业园区扩区。"
    store.add(
        new_annotation(other, 0, 3, path=folder / "other.txt", sha256="0" * 64, tags=["别处"])
    )
    return store


async def _reader(app: ZoneplanApp, pilot: Pilot) -> None:
    await ready(pilot)


async def _notes(app: ZoneplanApp, pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("a")  # the notes panel, focused: e edits, x deletes, / filters …


async def _tags(app: ZoneplanApp, pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("T")


async def _library(app: ZoneplanApp, pilot: Pilot) -> None:
    await library_ready(pilot)


START: dict[str, Callable[[ZoneplanApp, Pilot], Awaitable[None]]] = {
    "reader": _reader,
    "notes": _notes,
    "tags": _tags,
    "library": _library,
}


def _key_event(key: str) -> events.Key:
    """The event a terminal's key makes, as Pilot.press builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _send(app: ZoneplanApp, keys: list[str]) -> None:
    """Keys as a fast typist sends them: queued at once, handled in order. (Pilot.press waits
    for the app to be idle after each key, three times slower.)"""
    assert app._driver is not None
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)


async def _run(screen: str, keys: list[str], folder: Path) -> None:
    store = _store(folder)
    if screen == "library":
        app = make_library_app(folder, store=store)
    else:
        app = make_app(WUQING, store=store)
    async with app.run_test(size=(110, 34)) as pilot:
        await START[screen](app, pilot)
        for at in range(0, len(keys), BURST):
            _send(app, keys[at : at + BURST])
            await pilot.pause()
        await settle(pilot)
    # An exception in the app is raised by run_test on the way out; nothing else ended it.
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("screen", sorted(START))
def test_random_keys_raise_nothing(screen, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp(f"fuzz-{screen}")  # the library's index, reused

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(keys=presses)
    def fuzz(keys: list[str]) -> None:
        folder = Path(index_dir) / hashlib.sha1(repr(keys).encode()).hexdigest()[:10]
        folder.mkdir(exist_ok=True)
        if screen == "library":
            (folder / "index.sqlite3").unlink(missing_ok=True)
            for name in ("index.sqlite3", "folders.json"):
                source = Path(index_dir) / name
                if source.exists():
                    (folder / name).write_bytes(source.read_bytes())
        asyncio.run(_run(screen, keys, folder))
        if screen == "library" and not (Path(index_dir) / "index.sqlite3").exists():
            (Path(index_dir) / "index.sqlite3").write_bytes((folder / "index.sqlite3").read_bytes())

    fuzz()
