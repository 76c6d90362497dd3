"""Keys a browser keeps for itself: pressed in the page, they never reach the served app.

Chromium reserves the window and tab commands outright (a page cannot even see them): new and
closed tabs and windows, switching tabs. Others a page may intercept, but a reviewer expects
the browser's meaning (reload, the address bar, history, full screen, the developer tools,
picking a tab by number), so zoneplan must not depend on them either. Every zoneplan action
needs at least one key outside this set (tests/serve/test_browser_keys.py), and `zoneplan
serve` warns about a `[keys]` remap that leaves an action only such keys.
"""

from __future__ import annotations

from collections.abc import Iterable

_DIGITS = [str(n) for n in range(1, 10)]

BROWSER_KEYS: frozenset[str] = frozenset(
    [
        # tabs and windows (Chromium's reserved commands)
        "ctrl+t",
        "ctrl+n",
        "ctrl+w",
        "ctrl+f4",
        "ctrl+shift+t",
        "ctrl+shift+n",
        "ctrl+shift+w",
        "ctrl+shift+q",
        "alt+f4",
        "ctrl+tab",
        "ctrl+shift+tab",
        "ctrl+pageup",
        "ctrl+pagedown",
        *(f"ctrl+{d}" for d in _DIGITS),
        *(f"alt+{d}" for d in _DIGITS),
        # reload, address bar, history, full screen, developer tools
        "f5",
        "ctrl+r",
        "ctrl+shift+r",
        "f6",
        "ctrl+l",
        "alt+d",
        "alt+left",
        "alt+right",
        "alt+home",
        "f11",
        "f12",
        "ctrl+shift+i",
        "ctrl+shift+j",
        "ctrl+shift+c",
    ]
)

# Textual's spellings of a few of these keys.
_ALIASES = {"pgup": "pageup", "pgdn": "pagedown", "page_up": "pageup", "page_down": "pagedown"}


def normalised(key: str) -> str:
    """`ctrl+PageUp`, `ctrl+page_up` → `ctrl+pageup`: one spelling to compare."""
    *mods, last = key.strip().lower().split("+")
    return "+".join([*sorted(mods), _ALIASES.get(last, last)])


_TAKEN = frozenset(normalised(k) for k in BROWSER_KEYS)


def browser_only(keys: Iterable[str]) -> bool:
    """Whether none of `keys` reaches an app in a browser tab (also when there are none)."""
    return all(normalised(k) in _TAKEN for k in keys)
