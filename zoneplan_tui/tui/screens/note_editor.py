"""The note editor: a modal to write a note on a passage, tag it and pick its colour.

`NoteEditor(quote, section, …)` dismisses with a `NoteEdit` (Save, ctrl+s) or None (Cancel, Esc).
The caller turns a `NoteEdit` into a new `Annotation` or a `NotesStore.update`.

Tags are typed into one field, separated by a comma-like mark: `,` `，` `;` `；` or `、` (the
Chinese enumeration comma, what a reviewer types between list items anyway). Spaces do not
separate tags, so an English tag may hold a space ("green belt"); Chinese tags hold none. The
last tag being typed is completed from the known tags (→ or Enter accepts the completion).

Suggested tags (from `keywords.suggest_tags`, computed by the caller in a worker because jieba
is slow to load) appear as buttons numbered 1–9: click one, or ctrl+t (or Tab) into their row,
← → to one and Enter or space, or 1…9 once the focus is out of the text fields, to put the tag in
the field or take it out again. Not alt+1…9: real terminals deliver those as `¡ ™ £ …` (macOS)
or as Esc and a digit, so the tag could not be taken and a stray `™` was saved in a tag. Those
characters never reach a tag now (`strip_stray`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Literal

from rich.color import Color, ColorParseError
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from zoneplan_tui.core.errors import UserError
from zoneplan_tui.notes.annotations import DEFAULT_COLOR, AnnotationError, clean_tags, normalise_tag
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.labels import content, label, label_line, safe, safe_line
from zoneplan_tui.tui.widgets.note_area import NoteArea
from zoneplan_tui.tui.widgets.suggestion_button import SuggestionButton, current_of, make_current

# The colours offered, with the swatch each is shown with. All are plain names, so they pass the
# annotation colour check (`[A-Za-z][A-Za-z0-9_-]*`) and survive a W3C export unchanged.
NOTE_COLORS: dict[str, str] = {
    "yellow": "#e5c07b",
    "green": "#98c379",
    "blue": "#61afef",
    "pink": "#f5a3c7",
    "purple": "#c678dd",
    "red": "#e06c75",
}

MAX_SUGGESTIONS = 9  # one per number key
QUOTE_LINES = 4

TAG_SEPARATORS = ",，;；、"
# What option+1…0 types on a Mac keyboard (US layout): a reviewer pressing alt+digit for a
# suggestion gets these in the tag field. No tag of a plan review is made of them.
STRAY_ALT_DIGITS = "¡™£¢∞§¶•ªº"
_STRAY_RE = re.compile(f"[{STRAY_ALT_DIGITS}]")


def strip_stray(value: str) -> str:
    """The tag field's text without the characters alt+digit types in some terminals."""
    return _STRAY_RE.sub("", value)


_SPLIT_RE = re.compile(f"[{TAG_SEPARATORS}]")


def split_tags(value: str) -> list[str]:
    """The tags typed into the tag field, stripped, empty ones dropped (not yet deduplicated)."""
    return [part.strip() for part in _SPLIT_RE.split(value) if part.strip()]


def join_tags(tags: Iterable[str]) -> str:
    """The tag field's text for these tags."""
    return ", ".join(tags)


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the editor returns: the note (trailing whitespace stripped, inner newlines kept as
    typed), the tags (cleaned: stripped, deduplicated by normalised name) and the colour."""

    note: str
    tags: tuple[str, ...]
    color: str


class ClippedText:
    """Rich renderable: `text` wrapped to the width it is given, cut to `max_lines` lines with an
    ellipsis. The height depends on the width, so this cannot be done before layout."""

    def __init__(self, text: Text, max_lines: int) -> None:
        self.text = text
        self.max_lines = max_lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        lines = list(self.text.wrap(console, width, overflow="fold"))
        if len(lines) > self.max_lines:
            lines = lines[: self.max_lines]
            last = lines[-1]
            last.rstrip()
            # Room for the ellipsis, counted in cells: a CJK character takes two.
            last.truncate(width - 1, overflow="crop")
            last.append("…", style="dim")
        joined = Text("\n").join(lines)
        joined.no_wrap = True  # already wrapped to this width
        yield joined

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


class TagSuggester(Suggester):
    """Completes a tag name from `names`. With `multi`, only the last tag of a comma list is
    completed and names already in the list are not offered again.

    Matching is on `normalise_tag` (width and case insensitive); the completion is the known
    tag's own spelling, so accepting it also fixes the case of what was typed.
    """

    def __init__(self, names: Iterable[str], *, multi: bool = True) -> None:
        # case_sensitive: the Input must hand us the value as typed, so that the completion can
        # keep the earlier tags exactly as they are; the matching below ignores case itself.
        super().__init__(use_cache=True, case_sensitive=True)
        self.multi = multi
        seen: set[str] = set()
        self._names: list[tuple[str, str]] = []
        for name in names:
            norm = normalise_tag(name)
            if norm and norm not in seen:
                seen.add(norm)
                self._names.append((norm, name.strip()))

    async def get_suggestion(self, value: str) -> str | None:
        if self.multi:
            cut = max(value.rfind(sep) for sep in TAG_SEPARATORS) + 1
            head, fragment = value[:cut], value[cut:]
            taken = {normalise_tag(t) for t in split_tags(head)}
        else:
            head, fragment, taken = "", value, set()
        stripped = fragment.lstrip()
        want = normalise_tag(stripped)
        if not want:
            return None
        for norm, name in self._names:
            if norm.startswith(want) and norm != want and norm not in taken:
                # The Input shows suggestion[len(value):] after the cursor: keep the leading
                # space the reviewer typed after the comma so the lengths line up.
                return head + fragment[: len(fragment) - len(stripped)] + name
        return None


class CompletingInput(Input):
    """An Input where Enter first accepts a completion that is showing, and only then submits:
    otherwise typing 交 with 交通 offered and pressing Enter would save the tag 交."""

    async def action_submit(self) -> None:
        # `_suggestion` is Input's own (private) completion state in the pinned Textual 8.2.8;
        # the same check its `action_cursor_right` makes before accepting a completion.
        suggestion = self._suggestion
        if suggestion and self.cursor_at_end and suggestion != self.value:
            self.action_cursor_right()
            return
        await super().action_submit()


def _swatch(name: str) -> Text:
    colour = NOTE_COLORS.get(name, name)
    try:
        Color.parse(colour)
    except ColorParseError:
        return Text(f"   {name}")
    return Text.assemble(("██", colour), " ", name)


class NoteEditor(ModalScreen[NoteEdit | None]):
    """Write or edit a note. Dismisses with a `NoteEdit`, or None when cancelled."""

    BINDINGS = [
        # Not a priority binding: a priority key is acted on when it arrives, ahead of the keys
        # typed before it that the note field has still to process (seen while jieba loads), and
        # the note would be saved without its last words.
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="note-editor.save",
            tooltip="Save the note (Enter in the tag field too)",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="note-editor.cancel",
            tooltip="Close the editor without saving",
        ),
        # Not a priority binding either: keys typed before it must land in the field first.
        Binding(
            # f2 too: a browser keeps ctrl+t (a new tab) for itself under `zoneplan serve`.
            "ctrl+t,f2",
            "suggestions",
            "Suggestions",
            id="note-editor.suggestions",
            tooltip="Into the suggested tags (← → to one, Enter or space takes it); again: back "
            "to the field",
        ),
        # 1…9 are filtered out by Textual while a text field has the focus (it consumes them):
        # they work in the suggested tags, on the colour and the buttons.
        *(
            Binding(
                f"{n}",
                f"toggle_suggestion({n})",
                f"Tag {n}",
                show=False,
                id=f"note-editor.suggestion-{n}",
                tooltip="Add or remove the suggested tag of that number",
            )
            for n in range(1, MAX_SUGGESTIONS + 1)
        ),
    ]

    def __init__(
        self,
        quote: str,
        section: str,
        *,
        note: str = "",
        tags: Sequence[str] = (),
        color: str = DEFAULT_COLOR,
        known_tags: Sequence[str] = (),
        suggestions: Sequence[str] | None = None,
        title: str = "New note",
        focus: Literal["note", "tags"] = "note",
        keymap: Mapping[str, str] | None = None,
        on_save: Callable[[NoteEdit], None] | None = None,
    ) -> None:
        """`keymap`: the user's key remaps (the border's key hints follow them). `on_save`
        stores the note when Save is pressed: if it raises UserError (a full disk, a locked
        file) the editor says so and stays open with the text; only a stored note closes it."""
        super().__init__()
        self._on_save = on_save
        self._keymap = keymap or {}
        self._quote = quote
        self._section = section
        self._note = note
        self._tags = list(tags)
        self._color = color
        self._known_tags = list(known_tags)
        self._suggestions: list[str] | None = (
            None if suggestions is None else list(suggestions)[:MAX_SUGGESTIONS]
        )
        self._title = title
        self._focus = focus
        self._dismissed = False
        self._before_suggestions: Widget | None = None

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        options = [(_swatch(name), name) for name in NOTE_COLORS]
        if self._color not in NOTE_COLORS:
            # A colour set elsewhere (an import, a hand edit) is offered too, so saving the
            # note without touching the colour keeps it.
            options.append((_swatch(self._color), self._color))
        with Vertical(id="ne-dialog") as dialog:
            dialog.border_title = Content(self._title)  # plain text, never markup
            save, cancel, suggest = (
                hint(NoteEditor, f"note-editor.{k}", self._keymap).lower()
                for k in ("save", "cancel", "suggestions")
            )
            # The keys may be remapped in the settings file: text, never markup.
            dialog.border_subtitle = content(
                f"{save} save · {cancel} cancel · {suggest} suggested tags"
            )
            # Never markup: a plan may well contain [brackets].
            yield Static(ClippedText(label(self._quote), QUOTE_LINES), id="ne-quote")
            yield Static(label_line(f"§ {self._section}" if self._section else ""), id="ne-section")
            note = NoteArea(
                # An imported note may hold control characters: shown as their placeholders
                # (saved as they were unless the note is edited, see `result`).
                safe(self._note),
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                highlight_cursor_line=False,
                placeholder="Note (Enter starts a new line; empty is fine: a bare highlight)",
                id="ne-note",
            )
            note.border_title = "Note"
            yield note
            with Horizontal(id="ne-tag-row"):
                tag_input = CompletingInput(
                    join_tags(map(safe_line, self._tags)),
                    placeholder="交通, 住房 …",
                    suggester=TagSuggester(self._known_tags),
                    # Focusing the field must not select it: the next key would replace every tag.
                    select_on_focus=False,
                    id="ne-tags",
                )
                tag_input.border_title = "Tags · separate with , ， ; 、 · → completes"
                yield tag_input
                color = Select[str](options, value=self._color, allow_blank=False, id="ne-color")
                yield color
            with Horizontal(id="ne-suggest-row"):
                yield Static("Suggested 1…9", id="ne-suggest-label")
                with Grid(id="ne-suggest-grid"):
                    yield Static(Text("suggesting…", style="italic"), id="ne-suggest-status")
                    for n in range(1, MAX_SUGGESTIONS + 1):
                        button = SuggestionButton(
                            "", compact=True, classes="ne-suggestion", id=f"ne-suggestion-{n}"
                        )
                        # One Tab stop for the row (see widgets/suggestion_button.py): Tab goes
                        # note → tags → colour → a suggestion → Save → Cancel.
                        button.can_focus = False
                        button.display = False
                        yield button
            with Horizontal(id="ne-bottom"):
                yield Button("Save", variant="primary", compact=True, id="ne-save")
                yield Button("Cancel", compact=True, id="ne-cancel")

    # -- the widgets ---------------------------------------------------------------------------

    @property
    def note_area(self) -> TextArea:
        return self.query_one("#ne-note", TextArea)

    @property
    def tags_input(self) -> Input:
        return self.query_one("#ne-tags", Input)

    @property
    def color_select(self) -> Select[str]:
        return self.query_one("#ne-color", Select)

    @property
    def suggest_status(self) -> Static:
        return self.query_one("#ne-suggest-status", Static)

    def suggestion_button(self, n: int) -> SuggestionButton:
        return self.query_one(f"#ne-suggestion-{n}", SuggestionButton)

    def suggestion_row(self) -> list[SuggestionButton]:
        """The suggestion buttons shown, in order."""
        return [self.suggestion_button(n) for n in range(1, len(self._suggestions or ()) + 1)]

    def on_mount(self) -> None:
        # Select draws its border on an inner widget; the title goes there to be seen.
        with suppress(NoMatches):
            self.query_one("#ne-color > SelectCurrent").border_title = "Colour"
        self._show_suggestions()
        if self._focus == "tags":
            tag_input = self.tags_input
            tag_input.focus()
            tag_input.cursor_position = len(tag_input.value)
        else:
            note = self.note_area
            note.focus()
            note.move_cursor(note.document.end)
        # Focusing before the first layout leaves the terminal cursor where it was (TextArea
        # computes its screen offset from a region it does not have yet), and an IME opens its
        # candidate window at the terminal cursor: place it again once the dialog is laid out.
        self.call_after_refresh(self._place_terminal_cursor)

    def _place_terminal_cursor(self) -> None:
        focused = self.focused
        if isinstance(focused, (Input, TextArea)) and not self._dismissed:
            self.app.cursor_position = focused.cursor_screen_offset

    # -- suggestions -----------------------------------------------------------------------------

    def set_suggestions(self, suggestions: Sequence[str]) -> None:
        """Show the suggested tags (the first nine). Call on the app's thread, e.g. from a worker's
        state-change handler; harmless before the editor is shown and after it was closed."""
        self._suggestions = list(suggestions)[:MAX_SUGGESTIONS]
        if self._dismissed or not self.is_attached:
            return
        with suppress(NoMatches):  # being torn down right now
            self._show_suggestions()

    @property
    def suggestions(self) -> list[str] | None:
        """The suggestions shown (None while they are still being computed)."""
        return None if self._suggestions is None else list(self._suggestions)

    def _show_suggestions(self) -> None:
        status = self.suggest_status
        suggestions = self._suggestions
        if suggestions is None:
            status.update(Text("suggesting…", style="italic"))
        elif not suggestions:
            status.update(Text("none for this passage", style="italic"))
        status.display = not suggestions
        for n in range(1, MAX_SUGGESTIONS + 1):
            button = self.suggestion_button(n)
            if suggestions and n <= len(suggestions):
                button.display = True
                button.tooltip = f"{n}, or Enter on it: add or remove this tag"
            else:
                button.display = False
                button.can_focus = False
        row = self.suggestion_row()
        make_current(row, current_of(row))
        self._mark_suggestions()

    def _mark_suggestions(self) -> None:
        """Show which suggestions are in the tag field (✓)."""
        taken = {normalise_tag(t) for t in split_tags(self.tags_input.value)}
        for n, tag in enumerate(self._suggestions or (), start=1):
            on_ = normalise_tag(tag) in taken
            button = self.suggestion_button(n)
            button.label = content(f"{n} {'✓' if on_ else ' '}{tag}")
            button.set_class(on_, "-on")

    def toggle_tag(self, tag: str) -> None:
        """Put `tag` in the tag field, or take it out if it is there (by normalised name)."""
        tag_input = self.tags_input
        tags = split_tags(tag_input.value)
        norm = normalise_tag(tag)
        kept = [t for t in tags if normalise_tag(t) != norm]
        if len(kept) == len(tags):
            kept.append(tag)
        tag_input.value = join_tags(kept)
        tag_input.cursor_position = len(tag_input.value)

    def action_toggle_suggestion(self, n: int) -> None:
        suggestions = self._suggestions or []
        if 1 <= n <= len(suggestions):
            self.toggle_tag(suggestions[n - 1])
        else:
            self.app.bell()

    @on(Button.Pressed, ".ne-suggestion")
    def _suggestion_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        n = int((event.button.id or "0").rsplit("-", 1)[-1])
        self.action_toggle_suggestion(n)

    def action_suggestions(self) -> None:
        """ctrl+t: into the row of suggested tags; from there, back to the field it came from."""
        focused = self.focused
        if isinstance(focused, SuggestionButton):
            back = self._before_suggestions
            (back if back is not None and back.is_attached else self.tags_input).focus()
            self.call_after_refresh(self._place_terminal_cursor)
            return
        button = current_of(self.suggestion_row())
        if button is None:
            waiting = self._suggestions is None
            self.notify("the suggestions are still coming" if waiting else "no suggested tags")
            return
        self._before_suggestions = focused
        button.focus()

    @on(Input.Changed, "#ne-tags")
    def _tags_changed(self, event: Input.Changed) -> None:
        cleaned = strip_stray(event.value)
        if cleaned != event.value:
            tag_input = event.input
            cursor = tag_input.cursor_position
            before = len(strip_stray(event.value[:cursor]))
            tag_input.value = cleaned  # posts Changed again, which marks the suggestions
            tag_input.cursor_position = before
            return
        self._mark_suggestions()

    # -- result ----------------------------------------------------------------------------------

    def result(self) -> NoteEdit:
        """The note as it stands in the form (raises AnnotationError for an unusable tag). A note
        or tag field left as it was shown gives back the note's own text and tags, so that
        saving without an edit does not turn a control character into its placeholder."""
        text = self.note_area.text
        note = (self._note if text == safe(self._note) else text).rstrip()
        typed = strip_stray(self.tags_input.value)
        shown = join_tags(map(safe_line, self._tags))
        tags = clean_tags(self._tags if typed == shown else split_tags(typed))
        color = self.color_select.value
        return NoteEdit(note=note, tags=tags, color=str(color))

    def action_save(self) -> None:
        if self._dismissed:
            return
        try:
            edit = self.result()
        except AnnotationError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if self._on_save is not None:
            try:
                self._on_save(edit)
            except (UserError, AnnotationError) as exc:
                # The text stays in the editor: save again once the disk has room.
                self.notify(f"note not saved: {exc}", severity="error", timeout=10)
                return
        self._close(edit)

    def action_cancel(self) -> None:
        if not self._dismissed:
            self._close(None)

    def _close(self, result: NoteEdit | None) -> None:
        # dismiss() pops whatever screen is on top: it must run once only.
        self._dismissed = True
        self.dismiss(result)

    @on(Input.Submitted, "#ne-tags")
    def _tags_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#ne-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#ne-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()


__all__ = [
    "MAX_SUGGESTIONS",
    "NOTE_COLORS",
    "STRAY_ALT_DIGITS",
    "TAG_SEPARATORS",
    "ClippedText",
    "CompletingInput",
    "NoteEdit",
    "NoteEditor",
    "TagSuggester",
    "join_tags",
    "split_tags",
    "strip_stray",
]
