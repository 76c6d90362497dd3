"""What the app itself guarantees for every screen (tui/app.py, tui/labels.py, commands.py):
notifications, titles and pasted text are made safe and never read as markup; the palette
shows headings as text."""

from __future__ import annotations

from textual import events
from textual.fuzzy import Matcher
from textual.widgets import Input

from tests.tui.helpers import make_app, ready
from zoneplan_tui.tui.commands import highlight
from zoneplan_tui.tui.labels import content, label, label_line, markup_free

HOSTILE = "[/] [link=file:///etc/passwd]x[/link] \x1b]0;pwned\x07 \u202e"


def test_labels_are_safe_text_never_markup():
    assert label(HOSTILE).plain == "[/] [link=file:///etc/passwd]x[/link] ␛]0;pwned␇ ⟨U+202E⟩"
    assert label_line("a\nb").plain == "a␤b"
    assert content(HOSTILE).plain == label(HOSTILE).plain  # Content, not markup: no link
    assert not any(span.style for span in content(HOSTILE).spans)
    assert markup_free("[/] x") == "\\[/] x"


def test_the_palette_highlights_a_heading_without_reading_it_as_markup():
    shown = highlight(Matcher("link"), HOSTILE)
    assert shown.plain == label_line(HOSTILE).plain
    assert all(span.end - span.start == 1 for span in shown.spans)  # only the matched cells


async def test_notifications_titles_and_pastes_are_safe(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("2019年工作要点\n一、总体要求\n", encoding="utf-8")
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        app.notify(HOSTILE, title="[b]t\x1b[2J")  # markup would crash on "[/]"
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.message == label(HOSTILE).plain and note.title == "[b]t␛[2J"
        assert note.markup is False
        title = app.format_title(f"{HOSTILE}\nx", "[red]y")
        assert title.plain == f"{label_line(HOSTILE).plain}␤x — [red]y"
        await pilot.press("slash")
        app.post_message(events.Paste(f"总体{HOSTILE}\r\nsecond line"))
        await pilot.pause()
        assert screen.query_one("#search", Input).value == f"总体{label(HOSTILE).plain}"
