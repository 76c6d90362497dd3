"""Benchmark the note editor with long notes: the cost of one keystroke, and a 100 KB paste + save.

Run: .venv/bin/python benchmarks/bench_note_editor.py [--sizes 1000,10000,100000] [--keys 30]
     [--stock]  (Textual's own TextArea instead of the note field, NoteArea: the "before")

For each size the editor opens on a note of that many characters (one paragraph, as a pasted
passage is, and as typing without Enter makes it), the cursor at its end (and, with --middle,
in the middle); then `--keys` characters are typed one at a time, each through Pilot.press (the
key event, its handling, the frame rendered). The figure is the CPU time of each key: Pilot's
own waiting is sleep and does not count, so what is left is the work a keystroke costs. Typing
cost should not grow with the note's length.

Then a 100 KB note is pasted into an empty editor and saved (ctrl+s) into a real notes store:
the time from the paste to the note being in the store (issue 11: at most 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

import zoneplan_tui.tui  # noqa: E402
from zoneplan_tui.tui.screens.note_editor import NoteEdit, NoteEditor  # noqa: E402

CSS = str(Path(zoneplan_tui.tui.__file__).with_name("zoneplan.tcss"))
UNIT = "加快推进交通基础设施建设，进一步完善城市路网，2020年新建道路12.5公里。"
QUOTE = "加快推进交通基础设施建设，进一步完善城市路网。"


def note_of(chars: int) -> str:
    return (UNIT * (chars // len(UNIT) + 1))[:chars]


class EditorApp(App[None]):
    CSS_PATH = CSS

    def __init__(self, editor: NoteEditor) -> None:
        super().__init__()
        self.editor = editor
        self.result: NoteEdit | None = None
        self.closed = False

    def on_mount(self) -> None:
        self.push_screen(self.editor, self._done)

    def _done(self, result: NoteEdit | None) -> None:
        self.result, self.closed = result, True


async def typing(chars: int, keys: int, middle: bool) -> list[float]:
    app = EditorApp(NoteEditor(QUOTE, "一、交通", note=note_of(chars), suggestions=[]))
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        area = app.editor.query_one("#ne-note", TextArea)
        assert app.focused is area
        if middle:
            area.move_cursor((0, chars // 2))
            await pilot.pause()
        for ch in ("路网密度需要核实" * (keys // 8 + 1))[:keys]:
            t0 = time.process_time()
            await pilot.press(ch)
            times.append(time.process_time() - t0)
        assert len(area.text) == chars + keys
    return times


async def paste_and_save(chars: int) -> tuple[float, float]:
    from zoneplan_tui.notes.annotations import new_annotation
    from zoneplan_tui.notes.store import NotesStore

    with tempfile.TemporaryDirectory() as tmp:
        store = NotesStore.open(Path(tmp) / "notes.json")
        text = QUOTE * 10

        def save(edit: NoteEdit) -> None:
            ann = new_annotation(
                text, 0, len(QUOTE), path=Path(tmp) / "plan.txt", sha256="0" * 64, note=edit.note
            )
            store.add(ann)

        editor = NoteEditor(QUOTE, "一、交通", suggestions=[], on_save=save)
        app = EditorApp(editor)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            t0 = time.perf_counter()
            app.post_message(events.Paste(note_of(chars)))
            await pilot.pause()
            pasted = time.perf_counter() - t0
            await pilot.press("ctrl+s")
            while not app.closed:
                await pilot.pause(0.001)
            saved = time.perf_counter() - t0
        [ann] = store.all()
        assert len(ann.note) == chars
        store.close()
    return pasted, saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keys", type=int, default=30)
    parser.add_argument("--paste", type=int, default=100_000, help="characters pasted and saved")
    parser.add_argument("--middle", action="store_true", help="type in the middle of the note")
    parser.add_argument("--stock", action="store_true", help="Textual's TextArea (before)")
    args = parser.parse_args()
    if args.stock:
        import zoneplan_tui.tui.screens.note_editor as note_editor

        note_editor.NoteArea = TextArea  # type: ignore[misc]
    where = "in the middle" if args.middle else "at the end"
    print(f"{'TextArea' if args.stock else 'NoteArea'}, typing {where}; CPU time per keystroke:")
    for size in (int(s) for s in args.sizes.split(",")):
        times = asyncio.run(typing(size, args.keys, args.middle))
        print(
            f"note of {size:>7,} characters: {statistics.median(times) * 1000:7.1f} ms"
            f" (median of {len(times)}), {max(times) * 1000:7.1f} ms at most"
        )
    if args.paste:
        pasted, saved = asyncio.run(paste_and_save(args.paste))
        print(
            f"paste {args.paste:,} characters: {pasted:.2f} s; paste + save (ctrl+s) into the "
            f"store: {saved:.2f} s (target <= 2 s)"
        )


if __name__ == "__main__":
    main()
