"""ZoneplanApp: thin. It applies the settings (theme, key remaps, outline width), holds what the
screens share (`Session`: the notes store above all) and pushes the reader screen, or the library
screen when it is given a library (`zoneplan DIR`, or no argument: the bundled samples)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import events
from textual.app import App, SystemCommand
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from zoneplan_tui.core.config import Config, ConfigError, save_setting
from zoneplan_tui.core.document import Document
from zoneplan_tui.core.safe_text import safe, safe_line
from zoneplan_tui.notes.protocol import NotesStoreProtocol
from zoneplan_tui.tui.bindings import key_label, keys_of
from zoneplan_tui.tui.keys import APP_BINDINGS, binding_by_id, known_binding_ids
from zoneplan_tui.tui.screens.reader import ReaderScreen
from zoneplan_tui.tui.session import Session
from zoneplan_tui.tui.terminal_guard import guard

if TYPE_CHECKING:  # the library screen loads with a library: opening one plan never needs it
    from zoneplan_tui.tui.library_source import LibrarySource
    from zoneplan_tui.tui.screens.library import LibraryScreen


class ZoneplanApp(App[None]):
    CSS_PATH = "zoneplan.tcss"
    TITLE = "zoneplan"
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        paths: list[Path],
        store: NotesStoreProtocol | None = None,
        *,
        library: LibrarySource | None = None,
        preloaded: Document | None = None,
        config: Config | None = None,
        write_file: Callable[[str, bytes], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """`config`: the user's settings (`load_config()`); a theme chosen in the app is saved
        back to them. Without one (tests, benchmarks) the defaults apply and nothing is saved.
        Raises `ConfigError` for settings the app cannot use: an unknown theme, a remap of a
        binding id that does not exist. `write_file(name, data)`: how exports are written (the
        command line's `-o` rules)."""
        super().__init__(**kwargs)
        self.paths = paths
        self.store = store
        self.library = library
        self.config = config if config is not None else Config()
        self._save_settings = config is not None
        self._saved_theme = self.config.theme  # as the settings file has it
        self._check_config(self.config)
        self.keymap = dict(self.config.keys)
        self.session = Session(
            store=store,
            preloaded=preloaded,
            outline_width=self.config.outline_width,
            keymap=self.keymap,
            reviewer=self.config.reviewer,
            export_folder=self.config.export_folder,
            write_file=write_file,
        )
        if self.keymap:
            self.set_keymap(self.keymap)

    def _check_config(self, config: Config) -> None:
        where = config.path or "settings"
        if config.theme is not None and config.theme not in self.available_themes:
            raise ConfigError(
                f"{where}: theme {config.theme!r} is not one of the themes "
                f"({', '.join(sorted(self.available_themes))})"
            )
        # Every screen's bindings (all the screens imported): only when there are remaps.
        unknown = sorted(set(config.keys) - known_binding_ids()) if config.keys else []
        if unknown:
            raise ConfigError(
                f"{where}: [keys] names no binding {', '.join(map(repr, unknown))} "
                "(the help, ?, lists every binding id)"
            )

    # -- what reaches the terminal (tui/labels.py, core/safe_text.py) ---------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app (screens' and widgets' `notify` come here): its text is
        made safe and never read as markup, since it so often quotes a file name, a query, a tag
        or a store's error about them ("[/]" in one would crash the toast)."""
        super().notify(
            safe(message), title=safe_line(title), severity=severity, timeout=timeout, markup=False
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        # The header shows document titles and folder names: safe, on one line.
        return super().format_title(safe_line(title), safe_line(sub_title))

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, guard(renderable) if renderable is not None else None)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):
            # Pasted text goes into a field and from there to the screen and the notes file:
            # what a terminal acts on is kept out of it at the door (line ends stay line ends).
            event.text = safe(event.text.replace("\r\n", "\n").replace("\r", "\n"))
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.config.theme is not None:
            self.theme = self.config.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.library is not None:
            from zoneplan_tui.tui.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(self.library, self.session))
        else:
            self.push_screen(ReaderScreen(self.paths, session=self.session))

    def _theme_changed(self, theme: Theme) -> None:
        """A theme chosen in the palette is the theme of the next start too."""
        if not self._save_settings or theme.name == self._saved_theme:
            return
        try:
            save_setting("theme", theme.name, self.config.path)
        except ConfigError as exc:
            self.notify(f"the theme is not saved: {exc}", severity="error", markup=False)
            return
        self._saved_theme = theme.name

    # -- the library, from any screen above it -------------------------------------------------

    def library_screen(self) -> LibraryScreen | None:
        if self.library is None:
            return None
        from zoneplan_tui.tui.screens.library import LibraryScreen

        return next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)

    def action_show_library(self) -> None:
        library = self.library_screen()
        if library is None:
            self.notify("no library: open a folder (zoneplan DIR)", timeout=3)
            return
        while self.screen is not library and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_library_search(self) -> None:
        library = self.library_screen()
        if library is not None:
            library.action_search()

    def action_library_targets(self) -> None:
        library = self.library_screen()
        if library is not None:
            library.action_targets()

    def _library_help(self, binding_id: str) -> str:
        """The help of a library command: its binding's tooltip and key, as the library says."""
        binding = binding_by_id(binding_id)
        keys = ", ".join(key_label(k) for k in keys_of(binding, self.keymap))
        return f"{binding.tooltip} ({keys} in the library)"

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # Commands of the library from the screens above it (a reader, search results); the
        # screens' own keys are in the palette through their COMMANDS.
        library = self.library_screen()
        if library is None:
            return
        if screen is not library:
            yield SystemCommand("Library", "Back to the list of plans", self.action_show_library)
        yield SystemCommand(
            "Search all plans", self._library_help("library.search"), self.action_library_search
        )
        yield SystemCommand(
            "Targets across plans",
            self._library_help("library.targets"),
            self.action_library_targets,
        )
