"""The map as a tree, outcomes first; children are built only when a node is expanded."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from backmap import hierarchy
from backmap.filters import Selection
from backmap.model import Node, Workspace
from backmap.tui.widgets import matching
from backmap.tui.widgets.lean_tree import LeanTree
from backmap.tui.widgets.tree_labels import Line, label
from backmap.tui.widgets.tree_paths import chain_to, expanded_paths, nearest_left, path_of

ROOTS: frozenset[tuple[str, ...]] = frozenset()
"""Passed as `keep` to a rebuild: open the roots (and nothing below them)."""


class MapTree(LeanTree):
    """Outcomes, goals and initiatives; a node with several parents appears under each."""

    DEFAULT_CSS = """
    MapTree { width: 1fr; }
    """

    # Moving keys stay out of the key bar (help lists them), so the commands fit there.
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("h", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
        Binding("l", "expand_here", "Expand", show=False, id="tree.expand"),
        Binding("g", "first_line", "First line", show=False, id="tree.first"),
        Binding("G", "last_line", "Last line", show=False, id="tree.last"),
        Binding("plus", "expand_all", "Expand all", key_display="+", show=False, id="tree.open"),
        Binding("minus", "collapse_all", "Fold all", key_display="-", show=False, id="tree.fold"),
        Binding("n", "next_match(1)", "Next match", show=False, id="tree.next_match"),
        Binding("N", "next_match(-1)", "Previous match", show=False, id="tree.previous_match"),
    ]

    class Moved(Message):
        """The cursor is on another node."""

        def __init__(self, node_id: str | None) -> None:
            super().__init__()
            self.node_id = node_id

        def can_replace(self, message: Message) -> bool:
            # Keys faster than the form fills (a held arrow): only where the cursor lands counts.
            return isinstance(message, MapTree.Moved)

    def __init__(
        self, workspace: Workspace, in_focus: AbstractSet[str] = frozenset(), **kwargs: object
    ) -> None:
        super().__init__("map", **kwargs)  # type: ignore[arg-type]
        self.workspace = workspace
        self.in_focus = in_focus
        """Ids of the focus items marked ◎ (the app works them out once per load)."""
        self.show_root = False
        self.auto_expand = False
        self._children: dict[str, list[str]] = {}
        self._roots: list[str] = []  # both as of the last rebuild: the links have not changed since
        self.search = ""
        """The last search (Find); its words are highlighted and n/N go to the next match."""
        self.selection: Selection | None = None
        """What a filter keeps (None: everything); the rest of the map is not shown."""
        self._unfiltered: AbstractSet[tuple[str, ...]] | None = None
        """The lines open before a filter, opened again when it is cleared."""

    OPEN_SMALL = 24
    """A map of at most this many lines, all open, opens in full: one screen shows it all."""

    def on_mount(self) -> None:
        self.open_as_new()

    def open_as_new(self) -> None:
        """Open at the goal level: outcomes unfolded, what serves the goals folded. A small
        map opens in full: folding its few initiatives away would only hide them."""
        self.rebuild(keep=ROOTS)
        if self._lines_in_full(self.OPEN_SMALL) <= self.OPEN_SMALL:
            self.action_expand_all()

    def _lines_in_full(self, limit: int) -> int:
        """How many lines the tree has with every line open, counted up to `limit` + 1."""
        count = 0
        todo: list[tuple[str, tuple[str, ...]]] = [(root, ()) for root in self._roots]
        while todo and count <= limit:
            node_id, path = todo.pop()
            count += 1
            if node_id not in path:  # a cycle stops where it repeats, as expand_all does
                here = (*path, node_id)
                todo.extend((kid, here) for kid in self._children.get(node_id, []))
        return count

    def rebuild(
        self, keep: AbstractSet[tuple[str, ...]] | None = None, select: str | None = None
    ) -> None:
        """Redraw from the workspace, re-opening the paths in `keep` and selecting `select`;
        when the node under the cursor is gone, the cursor lands on a neighbour of its line."""
        keep = expanded_paths(self.root) if keep is None else keep
        current = select or nearest_left(self.cursor_node, self.workspace)
        self._children = hierarchy.children_of(self.workspace)
        self._roots = hierarchy.roots(self.workspace)
        if self.selection is not None:
            keeps = self.selection.keeps
            self._children = {k: [c for c in v if keeps(c)] for k, v in self._children.items()}
            self._roots = [r for r in self._roots if keeps(r)]
        if keep is ROOTS:
            keep = {(root,) for root in self._roots}
        self.clear()
        with self._in_one_go():
            for root_id in self._roots:
                self._add(self.root, root_id, None, (), keep)
            self.root.expand()
        if current is not None and (self.selection is None or self.selection.keeps(current)):
            self.call_after_refresh(self.reveal, current)
        elif self.root.children:
            self.call_after_refresh(self.move_cursor, self.root.children[0])

    OPEN_ALL = 2000
    """A filter keeping at most this many nodes opens every line down to its matches."""

    def show_only(self, selection: Selection | None) -> None:
        """Show what a filter keeps, opened down to its matches (None: the whole map again,
        opened as it was before the filter)."""
        if selection is not None and self.selection is None:
            self._unfiltered = expanded_paths(self.root)
        self.selection = selection
        if selection is None:
            self.rebuild(keep=self._unfiltered)
            self._unfiltered = None
            return
        self.rebuild(keep=ROOTS)
        if len(selection.matches) + len(selection.context) <= self.OPEN_ALL:
            self.action_expand_all()

    async def _on_click(self, event: events.Click) -> None:
        # A click selects the line; a double click (or Enter) opens it for editing.
        meta = event.style.meta
        if "line" in meta and not meta.get("toggle", False) and event.chain < 2:
            event.prevent_default()
            async with self.lock:
                self.cursor_line = meta["line"]

    def relabel(self, node_ids: set[str]) -> None:
        """Redraw the lines of changed nodes in place (no rebuild, cursor and folds untouched)."""
        todo = list(self.root.children)
        while todo:
            line = todo.pop()
            if line.data is not None and line.data.node_id in node_ids:
                node = self.workspace.get(line.data.node_id)
                if node is not None:
                    parents = hierarchy.parent_count(self.workspace, node)
                    line.set_label(self._label(node, parents))
            todo.extend(line.children)

    def _add(
        self,
        under: TreeNode[Line],
        node_id: str,
        parent: str | None,
        path: tuple[str, ...],
        keep: AbstractSet[tuple[str, ...]],
    ) -> None:
        node = self.workspace.get(node_id)
        if node is None:
            return
        parents = hierarchy.parent_count(self.workspace, node)
        kids = self._children.get(node_id, [])
        here = (*path, node_id)
        line = under.add(
            self._label(node, parents),
            Line(node_id, parent),
            allow_expand=bool(kids),
        )
        if here in keep and node_id not in path:
            self._fill(line, keep)
            line.expand()

    def _label(self, node: Node, parents: int) -> Text:
        context = self._is_context(node.id)
        return label(node, parents, self.search, context, node.id in self.in_focus)

    def _is_context(self, node_id: str) -> bool:
        return self.selection is not None and node_id in self.selection.context

    def _fill(self, line: TreeNode[Line], keep: AbstractSet[tuple[str, ...]]) -> None:
        if line.children or line.data is None:
            return
        path = path_of(line)
        for child in self._children.get(line.data.node_id, []):
            if child not in path:  # a cycle must not recurse forever
                self._add(line, child, line.data.node_id, path, keep)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Line]) -> None:
        self._fill(event.node, set())

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Line]) -> None:
        self.post_message(self.Moved(event.node.data.node_id if event.node.data else None))

    def current_id(self) -> str | None:
        line = self.cursor_node
        return line.data.node_id if line is not None and line.data is not None else None

    def current_parent(self) -> str | None:
        line = self.cursor_node
        return line.data.parent_id if line is not None and line.data is not None else None

    def reveal(self, node_id: str) -> bool:
        """Open the way down to the first line showing `node_id` and put the cursor on it."""
        target = self.workspace.get(node_id)
        if target is None:
            return False
        chain = chain_to(self.workspace, self._roots, node_id)
        under = self.root
        for step in chain:
            found = next((c for c in under.children if c.data and c.data.node_id == step), None)
            if found is None:
                return False
            if step != node_id:
                self._fill(found, set())
                found.expand()
            under = found
        # Lines get their numbers when the tree next lays out: move the cursor after that.
        self.call_after_refresh(self._land, under)
        return True

    def _land(self, line: TreeNode[Line]) -> None:
        self.move_cursor(line)
        # The cursor may already have been on this line number (another node before a rebuild).
        self.post_message(self.Moved(line.data.node_id if line.data else None))

    def action_collapse_or_parent(self) -> None:
        line = self.cursor_node
        if line is not None and line.is_expanded:
            line.collapse()
        else:
            self.action_cursor_parent()

    def action_expand_here(self) -> None:
        line = self.cursor_node
        if line is not None and line.allow_expand:
            line.expand()

    def action_first_line(self) -> None:
        self.cursor_line = 0
        self.scroll_to_line(0, animate=False)

    def action_last_line(self) -> None:
        self.cursor_line = self.last_line
        self.scroll_to_line(self.last_line, animate=False)

    def action_expand_all(self) -> None:
        """Open every line (each subtree once per path; a cycle stops where it repeats)."""
        todo = list(self.root.children)
        with self._in_one_go():
            while todo:
                line = todo.pop()
                if line.allow_expand:
                    self._fill(line, set())
                    line.expand()
                    todo.extend(line.children)

    def action_collapse_all(self) -> None:
        current = self.cursor_node
        top = current
        while top is not None and top.parent is not None and top.parent is not self.root:
            top = top.parent
        for line in self.root.children:
            line.collapse_all()
        if top is not None:
            self.call_after_refresh(self._land, top)

    def find(self, query: str) -> None:
        """Remember a search: highlight its words and let n/N walk its matches."""
        self.search = query.strip()
        self.relabel(set(self.workspace.by_id))

    def action_next_match(self, step: int) -> None:
        if not self.search:
            said = "Find a node with / first; then n and N go to the next match."
            self.notify(said, markup=False)
            return
        shown = self.selection.keeps if self.selection is not None else None
        target = matching.next_match(self.workspace, self.search, self.current_id(), step, shown)
        if target is None:
            said = f"No match for “{self.search}”"
            if shown is not None:
                said += " in the filtered map (Esc shows all of it)"
            self.notify(said, severity="warning", markup=False)
            return
        self.reveal(target)
