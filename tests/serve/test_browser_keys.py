"""In a browser tab, every zoneplan action must have a key the browser lets through."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tests.tui.test_keys import declared
from zoneplan_tui.serve.browser_keys import BROWSER_KEYS, browser_only, normalised
from zoneplan_tui.tui.app import ZoneplanApp


def test_no_binding_of_zoneplan_is_browser_only():
    found = declared()
    assert len(found) > 60
    only = [
        f"{owner}: {b.id} ({b.key})"
        for owner, b in found
        if isinstance(b, Binding) and browser_only(b.key.split(","))
    ]
    assert only == []


def test_nor_the_bindings_the_app_takes_from_textual():
    inherited = [*ZoneplanApp.BINDINGS, *App.BINDINGS, *Screen.BINDINGS]
    bindings = [b for b in inherited if isinstance(b, Binding)]
    assert {"ctrl+q", "tab"} <= {k for b in bindings for k in b.key.split(",")}
    assert [b.key for b in bindings if browser_only(b.key.split(","))] == []


def test_the_keys_browsers_take():
    for key in ("ctrl+w", "ctrl+t", "ctrl+n", "f5", "ctrl+tab", "ctrl+shift+tab", "alt+1"):
        assert key in BROWSER_KEYS and browser_only([key])
    assert browser_only(["ctrl+w", "f5"])
    assert browser_only([])  # no key at all is unreachable too
    assert not browser_only(["ctrl+w", "w"])
    assert not browser_only(["ctrl+s"]) and not browser_only(["ctrl+p"])
    assert normalised("Shift+Ctrl+Tab") == normalised("ctrl+shift+tab")
    assert browser_only(["ctrl+page_up"]) and browser_only(["ctrl+pgdn"])
