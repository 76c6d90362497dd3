"""The outline of a plan as a tree: title at the root, headings nested by level."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from zoneplan_tui.core.document import Document
from zoneplan_tui.core.safe_text import safe_line
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.widgets import messages

if TYPE_CHECKING:  # the outline rules load with the analysis, after the text is shown
    from zoneplan_tui.core.outline import Outline

EntryKind = Literal["title", "heading", "inline", "boilerplate", "boilerplate-line"]


@dataclass(frozen=True)
class OutlineEntry:
    kind: EntryKind
    line: int
    heading_index: int | None = None


class OutlineTree(Tree[OutlineEntry]):
    """Posts `SectionChosen` when the reader picks a node; `show_line` follows the text."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Go",
            id="outline.go",
            show=False,
            tooltip="Jump to the section under the cursor (a click does too)",
        ),
        Binding(
            "i",
            "toggle_inline",
            "Inline items",
            id="outline.inline",
            show=False,
            tooltip="Show or hide the 一是/二是 run-in items",
        ),
        Binding(
            "number_sign",
            "toggle_counts",
            "Counts",
            id="outline.counts",
            show=False,
            tooltip="Show or hide per-section counts: figures #, targets ◎, notes ✎",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="outline.copy",
            show=False,
            tooltip="Copy the path of the section under the cursor (title › 一、… › (二)…)",
        ),
    ]

    show_inline: reactive[bool] = reactive(True)
    show_counts: reactive[bool] = reactive(True)

    SectionChosen = messages.SectionChosen

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.guide_depth = 3
        self._doc: Document | None = None
        self._outline: Outline | None = None
        self._heading_nodes: list[TreeNode[OutlineEntry]] = []
        self._counts: dict[int, tuple[int, int]] = {}
        self._note_counts: dict[int, int] = {}

    def show_outline(
        self,
        doc: Document,
        outline: Outline,
        counts: dict[int, tuple[int, int]] | None = None,
    ) -> None:
        self._doc, self._outline = doc, outline
        self._counts = counts or {}
        self._rebuild()

    def set_note_counts(self, counts: dict[int, int]) -> None:
        # Relabel only the sections whose count changed: a label costs the Tree a re-layout of
        # that node, and a 2 MB plan has thousands of them.
        old, self._note_counts = self._note_counts, counts
        self._relabel({i for i in old.keys() | counts.keys() if old.get(i) != counts.get(i)})

    def _rebuild(self) -> None:
        doc, outline = self._doc, self._outline
        if doc is None or outline is None:
            return
        self.clear()
        root = self.root
        root.set_label(label_line(outline.title or doc.name, style="bold"))
        root.data = OutlineEntry("title", outline.title_line or 1)
        if outline.boilerplate_lines:
            chrome = root.add(
                Text(f"页面信息 · {len(outline.boilerplate_lines)} lines", style="dim italic"),
                data=OutlineEntry("boilerplate", outline.boilerplate_lines[0]),
            )
            for line in outline.boilerplate_lines:
                chrome.add_leaf(
                    label_line(_clip(doc.line_text(line).strip(), 30), style="dim"),
                    data=OutlineEntry("boilerplate-line", line),
                )
        items_by_line: dict[int, list] = {}
        if self.show_inline:
            for item in outline.inline_items:
                items_by_line.setdefault(item.line, []).append(item)
        stack: list[tuple[int, TreeNode[OutlineEntry]]] = [(0, root)]
        self._heading_nodes = []
        pending_items = sorted(items_by_line.items())
        item_pos = 0
        for index, h in enumerate(outline.headings):
            # Inline items before this heading belong to the section still open above it.
            while item_pos < len(pending_items) and pending_items[item_pos][0] < h.line:
                _add_items(stack[-1][1], pending_items[item_pos][1])
                item_pos += 1
            while stack[-1][0] >= h.level:
                stack.pop()
            parent = stack[-1][1]
            node = parent.add(
                self._label(index), data=OutlineEntry("heading", h.line, index), expand=True
            )
            self._heading_nodes.append(node)
            stack.append((h.level, node))
        while item_pos < len(pending_items):
            _add_items(stack[-1][1], pending_items[item_pos][1])
            item_pos += 1
        for node in self._heading_nodes:
            # Sections without subsections or items are leaves: no expand arrow.
            node.allow_expand = bool(node.children)
        root.expand()

    def _label(self, index: int) -> Text:
        assert self._outline is not None
        h = self._outline.headings[index]
        label = Text.assemble((safe_line(h.marker), "bold"), safe_line(h.title or ""))
        if self.show_counts:
            figures, targets = self._counts.get(index, (0, 0))
            notes = self._note_counts.get(index, 0)
            extra = []
            if figures:
                extra.append(f"{figures}#")
            if targets:
                extra.append(f"{targets}◎")
            if notes:
                extra.append(f"{notes}✎")
            if extra:
                label.append("  " + " ".join(extra), style="dim")
        return label

    def _relabel(self, indices: set[int] | None = None) -> None:
        """Relabel the given sections (all by default)."""
        if self._outline is None:
            return
        for index in range(len(self._heading_nodes)) if indices is None else sorted(indices):
            if index < len(self._heading_nodes):
                self._heading_nodes[index].set_label(self._label(index))

    def watch_show_inline(self) -> None:
        self._rebuild()

    def watch_show_counts(self) -> None:
        self._relabel()

    def action_toggle_inline(self) -> None:
        self.show_inline = not self.show_inline

    def action_toggle_counts(self) -> None:
        self.show_counts = not self.show_counts

    def section_path_text(self, line: int) -> str:
        """`title › 一、… › (二)…`: the plan's title and the headings enclosing `line`."""
        doc, outline = self._doc, self._outline
        if doc is None or outline is None:
            return ""
        path = [f"{h.marker}{h.title}" for h in outline.section_path(line)]
        return " › ".join([outline.title or doc.name, *path])

    def action_copy(self) -> None:
        node = self.cursor_node
        entry = node.data if node is not None else None
        if entry is not None and self._outline is not None:
            text = self.section_path_text(entry.line)
            self.post_message(messages.CopyRequested(self, text, "the section path", "outline"))

    def on_tree_node_selected(self, event: Tree.NodeSelected[OutlineEntry]) -> None:
        event.stop()
        entry = event.node.data
        if entry is not None and entry.kind != "boilerplate":
            self.post_message(messages.SectionChosen(self, entry.line))

    def show_line(self, line: int) -> None:
        """Put the tree cursor on the section holding `line`, without choosing it."""
        if self._outline is None or not self._heading_nodes:
            return
        index = self._outline.section_index(line)
        node = self.root if index is None else self._heading_nodes[index]
        if self.cursor_node is node:
            return
        parent = node.parent
        while parent is not None:
            # expand() re-lays out the whole tree even when already open: costly on big plans.
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        # Node line numbers are only known after the tree re-lays itself out.
        self.call_after_refresh(self.move_cursor, node)


def _add_items(parent: TreeNode[OutlineEntry], items: list) -> None:
    for item in items:
        parent.add_leaf(
            Text.assemble(
                (safe_line(item.marker), "italic"), safe_line(_clip(item.title, 24)), style="dim"
            ),
            data=OutlineEntry("inline", item.line),
        )


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
