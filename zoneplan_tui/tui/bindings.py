"""Every key described once: by its `Binding`.

Each binding of zoneplan carries an id, namespaced by where it works ("reader.next-section",
"library.search"), a description (the footer's short label) and a tooltip (what it does, in a
sentence). The help screen, the command palette and README's key tables are made from them here,
with the user's key remaps (the settings file's `[keys]`, by binding id) applied, so none of them
is a list kept by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import ActiveBinding, Binding
from textual.keys import format_key

# The groups of the help screen and of README's tables, by binding id namespace, in this order.
GROUP_TITLES: dict[str, str] = {
    "text": "Reading the text",
    "reader": "The reader",
    "outline": "In the outline",
    "figures": "In the figures panel",
    "notes": "In the notes panel",
    "note-editor": "In the note editor",
    "tags": "In the tag manager",
    "prompt": "In a question",
    "confirm": "In a confirmation",
    "switcher": "In the document switcher",
    "export": "In the export dialog",
    "library": "The library",
    "keywords": "In the keywords panel",
    "search": "In the search results",
    "targets": "Targets across plans",
    "compare": "Two plans compared",
    "plan-columns": "Choosing the plans of the targets table",
    "help": "In this help",
    "app": "Anywhere",
}

# Shorter or more familiar names than Textual's for a few keys.
_KEY_NAMES = {
    "pgdn": "PgDn",
    "pgup": "PgUp",
    "esc": "Esc",
    "⏎": "Enter",
    "tab": "Tab",
    "del": "Del",
    "home": "Home",
    "end": "End",
}
# More bindings than this with one tooltip (1 … 9) are shown as first … last.
_SPAN = 2


@dataclass(frozen=True)
class KeyRow:
    """One line of the help or of a README table: the keys of one or more bindings that do the
    same thing (the suggestion keys 1 … 9 are one row), what they do, and the ids to remap them
    by."""

    ids: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]  # per binding, its keys (Textual's names)
    description: str
    tooltip: str

    @property
    def group(self) -> str:
        return namespace(self.ids[0])

    def keys_text(self, quote: str = "") -> str:
        """`j, ↓` (with `quote` round each key: README's backticks)."""

        def one(keys: tuple[str, ...]) -> str:
            return ", ".join(f"{quote}{key_label(k)}{quote}" for k in keys)

        if len(self.keys) > _SPAN:
            return f"{one(self.keys[0])} … {one(self.keys[-1])}"
        return " / ".join(one(k) for k in self.keys)

    def ids_text(self) -> str:
        return self.ids[0] if len(self.ids) == 1 else f"{self.ids[0]} … {self.ids[-1]}"


def namespace(binding_id: str) -> str:
    return binding_id.split(".", 1)[0]


def key_label(key: str) -> str:
    """How a key is written for people: `[` for left_square_bracket, PgDn, ctrl+s."""
    *modifiers, last = key.split("+") if len(key) > 1 else [key]
    name = format_key(last)
    return "+".join([*modifiers, _KEY_NAMES.get(name, name)])


def declared_bindings(cls: type) -> list[Binding]:
    """The bindings zoneplan declares on `cls` and its zoneplan base classes (a subclass's
    binding replaces its base's of the same id). Textual's own, which have no id, are left out."""
    found: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("zoneplan_tui."):
            continue
        for binding in vars(klass).get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found[binding.id] = binding
    return list(found.values())


def bindings_of(nodes: Iterable[object]) -> list[Binding]:
    """The declared bindings of the classes of `nodes`, each class once, in order."""
    return bindings_of_classes(type(node) for node in nodes)


def bindings_of_classes(classes: Iterable[type]) -> list[Binding]:
    seen: set[str] = set()
    out: list[Binding] = []
    for cls in dict.fromkeys(classes):
        for binding in declared_bindings(cls):
            if binding.id not in seen:
                seen.add(binding.id or "")
                out.append(binding)
    return out


def hint(cls: type, binding_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """The first key of `cls`'s binding `binding_id` (remapped or not) as people write it: for
    the key hints of status lines and dialog borders, which must follow a remap too."""
    for binding in declared_bindings(cls):
        if binding.id == binding_id:
            keys = keys_of(binding, keymap or {})
            return key_label(keys[0]) if keys else ""
    raise KeyError(f"{cls.__name__} has no binding {binding_id!r}")


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> tuple[str, ...]:
    """The binding's keys, or the keys the user remapped its id to."""
    keys = keymap.get(binding.id or "", binding.key)
    return tuple(k.strip() for k in keys.split(",") if k.strip())


def key_rows(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[KeyRow]:
    rows: list[KeyRow] = []
    for b in bindings:
        if not b.id:
            continue
        keys = keys_of(b, keymap)
        last = rows[-1] if rows else None
        if last and last.tooltip == b.tooltip and last.group == namespace(b.id):
            rows[-1] = KeyRow((*last.ids, b.id), (*last.keys, keys), last.description, b.tooltip)
        else:
            rows.append(KeyRow((b.id,), (keys,), b.description, b.tooltip or b.description))
    return rows


def grouped(
    bindings: Iterable[Binding], keymap: Mapping[str, str] | None = None
) -> list[tuple[str, list[KeyRow]]]:
    """The rows by group, groups in `GROUP_TITLES` order (unknown namespaces last)."""
    by_group: dict[str, list[KeyRow]] = {}
    for row in key_rows(bindings, keymap or {}):
        by_group.setdefault(row.group, []).append(row)
    order = list(GROUP_TITLES)
    names = sorted(by_group, key=lambda g: order.index(g) if g in order else len(order))
    return [(GROUP_TITLES.get(g, g), by_group[g]) for g in names]


def markdown(groups: Sequence[tuple[str, Sequence[KeyRow]]]) -> str:
    """README's tables: per group a caption and a key | what it does | id table."""
    out: list[str] = []
    for title, rows in groups:
        out += [f"{title}:", "", "| key | what it does | id |", "| --- | --- | --- |"]
        for row in rows:
            what = row.tooltip.replace("|", "\\|")
            out.append(f"| {row.keys_text('`')} | {what} | `{row.ids_text()}` |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def in_declared_order(active: Mapping[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings (a screen's, for its footer) node by node as Textual orders them, and
    within a node in the order its class declares them. Textual's keymap moves a remapped
    binding to the end of its node's, and so to the end of the footer, off a narrow screen."""
    nodes: dict[int, int] = {}
    order: dict[type, dict[str, int]] = {}

    def rank(item: tuple[int, tuple[str, ActiveBinding]]) -> tuple[int, int, int]:
        position, (_key, found) = item
        node_rank = nodes.setdefault(id(found.node), len(nodes))
        cls = type(found.node)
        if cls not in order:
            order[cls] = {b.id or "": i for i, b in enumerate(declared_bindings(cls))}
        declared = order[cls].get(found.binding.id or "")
        return (node_rank, 0, declared) if declared is not None else (node_rank, 1, position)

    items = sorted(enumerate(active.items()), key=rank)
    return dict(item for _, item in items)
